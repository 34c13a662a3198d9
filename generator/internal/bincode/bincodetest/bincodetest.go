// Package bincodetest helps test the functions that code a type's fields
// in package bincode's form.
package bincodetest

import (
	"fmt"
	"reflect"
	"testing"
	"time"
)

// Fill sets every exported field v holds, however deep, to a value other
// than its zero (path names v in messages): a field a coding function
// leaves out then fails a round trip.
func Fill(t *testing.T, v reflect.Value, path string) {
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
			Fill(t, v.Index(i), path)
		}
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uint:
		v.SetUint(uint64(len(path)))
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			Fill(t, v.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		Fill(t, v.Elem(), path)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(2026, 11, len(path)%28+1, 9, 30, 0, 0, time.FixedZone("", 3600))))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				Fill(t, v.Field(i), path+"."+v.Type().Field(i).Name)
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
