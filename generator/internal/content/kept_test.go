package content

import (
	"fmt"
	"reflect"
	"testing"
	"time"
)

// fill sets every field v holds, however deep, to a value other than its
// zero: a field codeSource leaves out then fails the round trip.
func fill(t *testing.T, v reflect.Value, path string) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("s " + path)
	case reflect.Int, reflect.Int64:
		if v.Type() == reflect.TypeFor[time.Duration]() {
			v.SetInt(int64(90 * time.Minute))
		} else {
			v.SetInt(int64(len(path)))
		}
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Array:
		for i := range v.Len() {
			fill(t, v.Index(i), path)
		}
	case reflect.Uint8:
		v.SetUint(uint64(len(path)))
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(t, v.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(t, v.Elem(), path)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(2026, 11, len(path)%28+1, 9, 30, 0, 0, time.FixedZone("", 3600))))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(t, v.Field(i), path+"."+v.Type().Field(i).Name)
			}
		}
	case reflect.Map:
		switch m := v.Addr().Interface().(type) {
		case *map[string]int:
			*m = map[string]int{"title": 2, "tags": 3}
		case *map[string]any:
			*m = map[string]any{"title": "A", "draft": false, "shown": true, "weight": 3, "year": int64(2026),
				"big": uint64(1 << 63), "ratio": 0.25, "date": time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), "none": nil,
				"tags": []any{"x", 1, []any{}}, "empty": map[string]any{},
				"cascade": map[string]any{"level": "basic", "list": []any{map[string]any{"k": "v"}}}}
		default:
			t.Fatalf("%s: fill does not know %s", path, v.Type())
		}
	default:
		t.Fatalf("%s: fill does not know %s", path, v.Type())
	}
}

// Every field of a source comes back from its kept form, with every type
// of front matter value; a new field that codeSource does not list fails
// here. Lists and tables tell none from empty.
func TestKeptSourceHoldsEveryField(t *testing.T) {
	var src Source
	fill(t, reflect.ValueOf(&src).Elem(), "src")
	b := AppendSource(nil, &src)
	got, rest, err := DecodeSource(append(b, 7))
	if err != nil || !reflect.DeepEqual(got, src.Parsed()) || len(rest) != 1 {
		t.Fatalf("the kept source came back as\n%+v\n(%v, %d bytes left); want\n%+v", got, err, len(rest), src)
	}

	empty := Source{Path: "a.md", Meta: Meta{Tags: []string{}, Params: map[string]any{}, Lines: map[string]int{}}}
	if got, _, err := DecodeSource(AppendSource(nil, &empty)); err != nil || !reflect.DeepEqual(got, empty) {
		t.Errorf("empty lists and tables came back as %+v (%v)", got.Meta, err)
	}
}

// Damaged bytes are an error, never a panic; a front matter value of a type
// the form does not know comes back empty (so that its source is inexact).
func TestKeptSourceDamagedOrUnknown(t *testing.T) {
	var src Source
	fill(t, reflect.ValueOf(&src).Elem(), "src")
	b := AppendSource(nil, &src)
	for cut := range len(b) {
		if _, _, err := DecodeSource(b[:cut]); err == nil {
			t.Fatalf("a source cut at %d of %d bytes gave no error", cut, len(b))
		}
	}
	odd := Source{Meta: Meta{Params: map[string]any{"odd": int32(7)}}}
	got, _, err := DecodeSource(AppendSource(nil, &odd))
	if v, ok := got.Meta.Params["odd"]; err != nil || !ok || v != nil {
		t.Errorf("an int32 value came back as %v (%v); want nil", v, err)
	}
}
