package site

import (
	"reflect"
	"testing"

	"github.com/oersite/oersite/generator/internal/bincode/bincodetest"
)

// Every field of a rendering comes back from its kept form, its knowledge
// checks whole; a new field that codeRendering does not list fails here.
// Bytes cut anywhere are an error, never a panic.
func TestKeptRenderingHoldsEveryField(t *testing.T) {
	var r Rendering
	bincodetest.Fill(t, reflect.ValueOf(&r).Elem(), "r")
	b := AppendRendering(nil, &r)
	got, rest, err := DecodeRendering(string(append(b, 7)))
	if err != nil || !reflect.DeepEqual(*got, r) || len(rest) != 1 {
		t.Fatalf("the kept rendering came back as\n%+v\n(%v, %d bytes left); want\n%+v", got, err, len(rest), r)
	}
	for cut := range len(b) {
		if _, _, err := DecodeRendering(string(b[:cut])); err == nil {
			t.Fatalf("a rendering cut at %d of %d bytes gave no error", cut, len(b))
		}
	}
}
