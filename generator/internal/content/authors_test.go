package content

import (
	"fmt"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/diag"
)

// TestAuthorsAndRecording: authors as names or typed tables, a recording
// as an address or a table; mistakes are errors naming the key's line.
func TestAuthorsAndRecording(t *testing.T) {
	var d diag.List
	src := ParseSource("content/en/w.md", "en", "w.md", []byte(`---
title: W
authors:
  - Ana Pérez
  - {name: Bo Berg, type: person, id: "https://orcid.org/0000-0002-1825-0097"}
  - {name: Uni, type: Organisation, id: "https://ror.org/04xxxxx00"}
recording: {url: "https://video.example.org/w/1", thumbnail: still.jpg, date: 2026-10-20}
status: Cancelled
revision: 3
---
`), &d)
	if d.HasErrors() {
		t.Fatal(d)
	}
	m := src.Meta
	if got := fmt.Sprint(m.Authors); got != "[{Ana Pérez  } {Bo Berg Person https://orcid.org/0000-0002-1825-0097} {Uni Organization https://ror.org/04xxxxx00}]" {
		t.Errorf("authors %s", got)
	}
	if m.Recording.URL != "https://video.example.org/w/1" || m.Recording.Thumbnail != "still.jpg" || m.Recording.Uploaded.Format("2006-01-02") != "2026-10-20" {
		t.Errorf("recording %+v", m.Recording)
	}
	if m.Status != "cancelled" || m.Revision != 3 {
		t.Errorf("status %q revision %d", m.Status, m.Revision)
	}
	d = nil
	ParseSource("content/en/x.md", "en", "x.md", []byte("---\ntitle: X\nauthors:\n  - {type: Person}\n  - {name: R, type: Robot}\n  - {name: S, id: orcid-123}\nrecording: {thumbnail: a.jpg}\n---\n"), &d)
	var msgs []string
	for _, e := range d.Errors() {
		msgs = append(msgs, fmt.Sprintf("%d %s", e.Line, e.Message))
	}
	want := []string{"3 an author has no name", `3 author "R": unknown type "Robot"`, `3 author "S": id "orcid-123" is not a web address`, "7 the recording has no url"}
	if strings.Join(msgs, "|") != strings.Join(want, "|") {
		t.Errorf("errors:\n%s\nwant\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
}
