package oer

import (
	"bytes"
	"encoding/json"
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

// TestAppendIndentedMatchesJSONIndent: catalog.json's records are indented
// exactly as json.Indent indents them.
func TestAppendIndentedMatchesJSONIndent(t *testing.T) {
	cases := []string{`{}`, `[]`, `"x"`, `{"a":[],"b":{},"c":[1,{"d":"e\"}]{[,:"}],"f":"\\"}`, `[[["deep"]],{"k":null}]`}
	for _, c := range []any{map[string]any{"@context": []any{"https://schema.org", map[string]string{"@language": "bg"}}, "name": "Курс <b>&</b> \"q\" \\ \n,:{}[]",
		"list": []map[string]any{{"id": "x", "prefLabel": map[string]string{"en": "é"}}}, "none": nil, "kw": []string{"a", "b"}, "empty": []string{}}} {
		cases = append(cases, string(appendJSON(nil, c)))
	}
	for _, c := range cases {
		var want bytes.Buffer
		if err := json.Indent(&want, []byte(c), " ", " "); err != nil {
			t.Fatalf("%s: %v", c, err)
		}
		if got := appendIndented([]byte("prior"), []byte(c), " ", " "); string(got) != "prior"+want.String() {
			t.Errorf("appendIndented(%s):\n got %s\nwant %s", c, got, want.String())
		}
	}
}

func FuzzAppendIndented(f *testing.F) {
	f.Add("a,b:c", "{}[]\"")
	f.Fuzz(func(t *testing.T, k, v string) {
		compact := appendJSON(nil, map[string]any{k: []any{v, map[string]string{v: k}}, "e": []string{}})
		var want bytes.Buffer
		if err := json.Indent(&want, compact, " ", " "); err != nil {
			t.Fatal(err)
		}
		if got := appendIndented(nil, compact, " ", " "); string(got) != want.String() {
			t.Fatalf("got %s\nwant %s", got, want.String())
		}
	})
}

func FuzzAppendXMLText(f *testing.F) {
	f.Add("https://example.org/bg/модули/a&b<c>\"d'\t\n\r\x01\xff")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendXMLText([]byte("<x>"), s)), "<x>"+xmlText(s); got != want {
			t.Fatalf("%q: got %q want %q", s, got, want)
		}
	})
}
