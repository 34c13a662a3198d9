package content

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// A source taken from an earlier build's parse is neither read nor parsed
// again: Load gives it, with the warnings its reading gave, and its body is
// read when asked, only while the file still holds the body that was parsed.
func TestParsedSourcesAreNotReadAgain(t *testing.T) {
	const page = "content/en/lesson.md"
	fsys := fstest.MapFS{
		page:                {Data: []byte("---\ntitle: First title\ndate: 16 February 2026\n---\nThe body.\n")},
		"content/en/new.md": {Data: []byte("---\ntitle: New\n---\nNew body.\n")},
	}
	opt := Options{Dir: "content", Languages: []string{"en"}}
	first, diags := Load(context.Background(), fsys, opt)
	if diags.HasErrors() || len(first.Sources) != 2 {
		t.Fatalf("first load: %d sources, %v", len(first.Sources), diags)
	}
	var kept Source
	for _, s := range first.Sources {
		if s.Path == page {
			kept = s.Parsed()
		}
	}
	if len(kept.Warnings) == 0 || kept.Body != nil {
		t.Fatalf("the kept source has warnings %v and body %q; want its date's warning and no body", kept.Warnings, kept.Body)
	}

	// The front matter changes on disk; the caller vouches for the file
	// anyway: what the earlier parse saw is what the build gets.
	fsys[page] = &fstest.MapFile{Data: []byte("---\ntitle: Second title\ndate: 16 February 2026\n---\nThe body.\n")}
	opt.Parsed = func(p string) (*Source, bool) {
		if p != page {
			return nil, false
		}
		c := kept
		return Reparsed(&c, fsys, opt.Limits), true
	}
	second, diags := Load(context.Background(), fsys, opt)
	var got *Source
	for _, s := range second.Sources {
		if s.Path == page {
			got = s
		}
	}
	if got == nil || got.Meta.Title != "First title" {
		t.Fatalf("the page was parsed again: %+v", got)
	}
	if !strings.Contains(fmt.Sprint(diags), "16 February 2026") {
		t.Errorf("the kept source's warning is not reported again: %v", diags)
	}
	if body, err := got.Markdown(); err != nil || string(body) != "The body.\n" {
		t.Errorf("Markdown() = %q, %v; want the file's body", body, err)
	}

	// A body changed since the parse is not taken for the parsed one.
	fsys[page] = &fstest.MapFile{Data: []byte("---\ntitle: First title\ndate: 16 February 2026\n---\nAnother body.\n")}
	c := kept
	if _, err := Reparsed(&c, fsys, opt.Limits).Markdown(); !errors.Is(err, ErrChangedWhileBuilt) {
		t.Errorf("a body changed since the parse gave %v; want an error telling to build again", err)
	}
}
