package oer

import (
	"encoding/json"
	"fmt"
	"testing"
)

// TestAppendJSONMatchesEncodingJSON: the JSON-LD encoder writes the bytes encoding/json writes.
func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	cases := []any{
		map[string]any{"@context": []any{"https://schema.org", map[string]string{"@language": "bg"}}, "name": "Курс <b>&</b> \"q\" \\ \n\t\r\x01\x1f", "free": true,
			"list": []map[string]any{{"id": "x", "prefLabel": map[string]string{"en": "é\u2028\u2029"}}}, "none": nil, "kw": []string{"a", "b"}, "empty": []string{}, "nilList": []string(nil),
			"parts": []map[string]string{{"id": "1"}}, "n": 3},
		"bad utf-8: \xff\xfe end",
		map[string]string{},
	}
	for _, c := range cases {
		want, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSON(nil, c); string(got) != string(want) {
			t.Errorf("appendJSON:\n got %s\nwant %s", got, want)
		}
	}
}

func FuzzAppendJSONString(f *testing.F) {
	f.Add("plain")
	f.Add("<script>\u2028\xff")
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Fatalf("%q: got %s want %s", s, got, want)
		}
	})
}

// TestAppendJSONLeavesTheObjectAlone: writing an object with sorted keys
// does not reorder the caller's fields.
func TestAppendJSONLeavesTheObjectAlone(t *testing.T) {
	o := obj{{"name", "x"}, {"@context", "c"}, {"id", obj{{"z", 1}, {"a", true}}}}
	before := fmt.Sprint(o)
	if got := string(appendJSON(nil, o)); got != `{"@context":"c","id":{"a":true,"z":1},"name":"x"}` {
		t.Errorf("got %s", got)
	}
	if after := fmt.Sprint(o); after != before {
		t.Errorf("appendJSON reordered the caller's object: %s -> %s", before, after)
	}
}
