package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestSearchPrintsNoControlCharacters: `oersite search` prints the site's
// titles and summaries, which are its authors' text (or a partner's): a
// title holding an escape sequence is shown escaped, so that it cannot
// clear the screen or move the cursor. It was printed as it was.
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
	if !strings.Contains(got, `Reviews \x1b[2J\x1b]0;owned\x07 answered`) || strings.ContainsAny(got, "\x1b\x07") {
		t.Errorf("search printed:\n%q", got)
	}
}
