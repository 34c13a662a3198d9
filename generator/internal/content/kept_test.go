package content

import (
	"reflect"
	"testing"

	"github.com/oersite/oersite/generator/internal/bincode/bincodetest"
)

// Every field of a source comes back from its kept form, with every type
// of front matter value; a new field that codeSource does not list fails
// here. Lists and tables tell none from empty.
func TestKeptSourceHoldsEveryField(t *testing.T) {
	var src Source
	bincodetest.Fill(t, reflect.ValueOf(&src).Elem(), "src")
	b := AppendSource(nil, &src)
	var got Source
	rest, err := DecodeSource(&got, string(append(b, 7)))
	if err != nil || !reflect.DeepEqual(got, src.Parsed()) || len(rest) != 1 {
		t.Fatalf("the kept source came back as\n%+v\n(%v, %d bytes left); want\n%+v", got, err, len(rest), src)
	}

	empty := Source{Path: "a.md", Meta: Meta{Tags: []string{}, Params: map[string]any{}, Lines: map[string]int{}}}
	if _, err := DecodeSource(&got, string(AppendSource(nil, &empty))); err != nil || !reflect.DeepEqual(got, empty) {
		t.Errorf("empty lists and tables came back as %+v (%v)", got.Meta, err)
	}
}

// Damaged bytes are an error, never a panic; a front matter value of a type
// the form does not know comes back empty (so that its source is inexact).
func TestKeptSourceDamagedOrUnknown(t *testing.T) {
	var src Source
	bincodetest.Fill(t, reflect.ValueOf(&src).Elem(), "src")
	b := AppendSource(nil, &src)
	for cut := range len(b) {
		var got Source
		if _, err := DecodeSource(&got, string(b[:cut])); err == nil {
			t.Fatalf("a source cut at %d of %d bytes gave no error", cut, len(b))
		}
	}
	odd := Source{Meta: Meta{Params: map[string]any{"odd": int32(7)}}}
	var got Source
	_, err := DecodeSource(&got, string(AppendSource(nil, &odd)))
	if v, ok := got.Meta.Params["odd"]; err != nil || !ok || v != nil {
		t.Errorf("an int32 value came back as %v (%v); want nil", v, err)
	}
}
