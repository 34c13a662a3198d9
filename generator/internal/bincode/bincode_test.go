package bincode

import (
	"reflect"
	"testing"
	"time"
)

// Every type of front matter value comes back as it was, lists and tables
// told none from empty; a value of another type comes back nil; bytes cut
// anywhere are an error, never a panic.
func TestValuesComeBack(t *testing.T) {
	table := map[string]any{"title": "A", "draft": false, "shown": true, "weight": 3, "year": int64(2026),
		"big": uint64(1 << 63), "ratio": 0.25, "date": time.Date(2026, 1, 2, 3, 4, 5, 6, time.FixedZone("", 3600)),
		"none": nil, "tags": []any{"x", 1, []any{}}, "empty": map[string]any{},
		"cascade": map[string]any{"level": "basic", "list": []any{map[string]any{"k": "v"}}}}
	lines := map[string]int{"title": 2}
	var noTable map[string]any
	var noLines map[string]int
	enc := NewEncoder(nil)
	enc.Table(&table)
	enc.StringInts(&lines)
	enc.Table(&noTable)
	enc.StringInts(&noLines)
	b := enc.Bytes()

	dec := NewDecoder(b)
	var gotTable, gotNoTable map[string]any
	var gotLines, gotNoLines map[string]int
	dec.Table(&gotTable)
	dec.StringInts(&gotLines)
	dec.Table(&gotNoTable)
	dec.StringInts(&gotNoLines)
	if dec.Err() != nil || len(dec.Bytes()) != 0 || !reflect.DeepEqual(gotTable, table) || !reflect.DeepEqual(gotLines, lines) ||
		gotNoTable != nil || gotNoLines != nil {
		t.Fatalf("came back as %v %v %v %v (%v)", gotTable, gotLines, gotNoTable, gotNoLines, dec.Err())
	}

	for cut := range len(b) - 2 { // the last two bytes are the two nils
		dec := NewDecoder(b[:cut])
		dec.Table(&gotTable)
		dec.StringInts(&gotLines)
		if dec.Err() == nil {
			t.Fatalf("bytes cut at %d of %d gave no error", cut, len(b))
		}
	}

	odd := any(int32(7))
	enc = NewEncoder(nil)
	enc.Value(&odd)
	var got any = "x"
	dec = NewDecoder(enc.Bytes())
	if dec.Value(&got); got != nil || dec.Err() != nil {
		t.Errorf("an int32 came back as %v (%v); want nil", got, dec.Err())
	}
}
