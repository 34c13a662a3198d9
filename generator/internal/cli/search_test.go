package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/search"
)

// TestSearchPrintsNoControlCharacters: `oersite search` prints the site's
// titles and summaries, which are its authors' text (or a partner's): a
// title whose front matter makes an escape sequence ("\e[2J") cannot clear
// the screen or retitle the window. It was printed as it was; the content
// reader now leaves such characters out (with a warning), and search
// escapes whatever else it prints.
func TestSearchPrintsNoControlCharacters(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"config.toml":          "baseURL = \"https://example.org/\"\n[languages.en]\nname = \"English\"\n",
		"content/en/_index.md": "---\ntitle: Home\nsummary: Home.\n---\nHome.\n",
		"content/en/modules/tricky/index.md": "---\ntitle: \"Reviews \\e[2J\\e]0;owned\\a answered\"\nsummary: \"Replies \\e[31m in red\"\n" +
			"---\nHow to answer reviews of a small shop.\n",
	})
	var out, errs bytes.Buffer
	if code := run(context.Background(), []string{"build", "--quiet", "--source", dir, "--dest", filepath.Join(t.TempDir(), "public")}, &cli{stdout: &out, stderr: &errs}); code != 0 {
		t.Fatalf("build: %d\n%s", code, errs.String())
	}
	out.Reset()
	if code := run(context.Background(), []string{"search", "--source", dir, "reviews"}, &cli{stdout: &out, stderr: &errs}); code != 0 {
		t.Fatalf("search: %d\n%s", code, errs.String())
	}
	got := out.String()
	if !strings.Contains(got, "Reviews [2J]0;owned answered") || strings.ContainsAny(got, "\x1b\x07") {
		t.Errorf("search printed:\n%q", got)
	}
}

// TestSearchHitsEscaped: whatever reaches the index (an older build's
// documents, a partner's text), printHits shows its control characters
// escaped. Without the escaping this fails.
func TestSearchHitsEscaped(t *testing.T) {
	var out bytes.Buffer
	printHits(&out, []search.Hit{{Title: "Reviews \x1b[2J", URL: "en/a\x07/", Kind: "module", Summary: "Replies \x1b[31m"}}, "https://example.org/", "replies", "en")
	want := " 1. Reviews \\x1b[2J  [module]\n    https://example.org/en/a\\x07/\n    *Replies* \\x1b[31m\n"
	if out.String() != want {
		t.Errorf("got  %q\nwant %q", out.String(), want)
	}
}
