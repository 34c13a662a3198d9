package mirror

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestManifestMarshalIsJSONs: Marshal gives the bytes encoding/json's
// MarshalIndent gives, for names and paths that need escapes (HTML
// characters, quotes, control characters, U+2028, invalid UTF-8), and
// for no files, an empty list and a list.
func TestManifestMarshalIsJSONs(t *testing.T) {
	odd := []string{"", "plain", `a "quoted" \ name`, "<b>&amp;</b>", "tab\there\nline", "line\u2028sep", "bad \xff byte", "é ü 日本", "\x00\x1f\x7f"}
	for _, name := range odd {
		for _, files := range [][]File{nil, {}, {{Path: "index.html", Size: 0, SHA256: "ab"}, {Path: name, Size: -1, SHA256: name}, {Path: "a/b c.html", Size: 1 << 40}}} {
			m := Manifest{Name: name, Version: name, Files: files}
			want, err := json.MarshalIndent(m, "", " ")
			if err != nil {
				t.Fatal(err)
			}
			got, err := m.Marshal()
			if err != nil || !bytes.Equal(got, append(want, '\n')) {
				t.Errorf("name %q, %d files:\n got %q\nwant %q", name, len(files), got, want)
			}
		}
	}
}
