package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// progressLine is a line of the progress display off a terminal ("writing
// the metadata · 2 s").
var progressLine = regexp.MustCompile(` · \d+ s$`)

// TestThousandWarningsPrintOneLinePerKind builds 200 pages that each draw
// five warnings of five kinds: the terminal gets one line per kind with a
// count and the first places, and a line saying --verbose lists them all.
func TestThousandWarningsPrintOneLinePerKind(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("config.toml", "baseURL = \"https://example.org/\"\n[languages.en]\nname = \"English\"\n[search]\ndisabled = true\n")
	write("content/en/_index.md", "---\ntitle: Home\n---\nHome.\n")
	for i := 0; i < 200; i++ {
		write(fmt.Sprintf("content/en/notes/n%03d.md", i), "---\ntitle: Note\ndate: 5 May 2026\n---\n"+
			"<div>raw</div>\n\n{{< tabs >}}\n\n## Heading {data-x=1}\n\n:::poll\nAsk.\n:::\n")
	}
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"build", "--source", dir, "--now", "2026-11-23"}, &cli{stdout: &stdout, stderr: &stderr})
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr.String())
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n") {
		if !progressLine.MatchString(l) { // a stage slower than 2 s on a loaded machine says where it is
			lines = append(lines, l)
		}
	}
	if len(lines) != 6 {
		t.Fatalf("want 5 lines, one per kind, and a summary; got %d:\n%s", len(lines), stderr.String())
	}
	for _, want := range []string{
		`warning: shortcode "tabs" of another generator is shown as text: 200 times in 200 files, e.g. content/en/notes/n000.md:`,
		"warning: raw HTML is shown as text, not run: 200 times in 200 files",
		`warning: container "poll" is not a kind oersite knows: shown as a plain block: 200 times`,
		"1000 warnings of 5 kinds; --verbose lists each one",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("missing %q in\n%s", want, stderr.String())
		}
	}
	stderr.Reset()
	run(context.Background(), []string{"build", "--source", dir, "--now", "2026-11-23", "--verbose"}, &cli{stdout: &stdout, stderr: &stderr})
	if n := strings.Count(stderr.String(), ": warning: "); n != 1000 {
		t.Errorf("--verbose printed %d warnings, want 1000", n)
	}
}

// A second build with nothing changed says the output is up to date, and
// prints the first build's warnings again, word for word; --full builds.
func TestSecondBuildSaysUpToDate(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"config.toml":          "baseURL = \"https://example.org/\"\n[languages.en]\nname = \"English\"\n",
		"content/en/_index.md": "---\ntitle: Home\n---\nHome.\n\n{{< tabs >}}\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build := func(flags ...string) (string, string) {
		var stdout, stderr bytes.Buffer
		args := append([]string{"build", "--source", dir, "--now", "2026-11-23"}, flags...)
		if code := run(context.Background(), args, &cli{stdout: &stdout, stderr: &stderr}); code != 0 {
			t.Fatalf("exit %d:\n%s", code, stderr.String())
		}
		return stdout.String(), stderr.String()
	}
	out1, err1 := build()
	out2, err2 := build()
	if !strings.HasPrefix(out1, "built ") || !strings.Contains(out2, "public is up to date (") {
		t.Errorf("first build said:\n%s\nsecond:\n%s", out1, out2)
	}
	if err1 != err2 || !strings.Contains(err2, `shortcode "tabs"`) {
		t.Errorf("warnings of the first build:\n%s\nof the second:\n%s", err1, err2)
	}
	if out3, _ := build("--full"); !strings.HasPrefix(out3, "built ") {
		t.Errorf("--full said:\n%s", out3)
	}
	// An edit of a page's text: a patch build, which says so.
	page := filepath.Join(dir, "content", "en", "_index.md")
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, append(data, "\nOne more paragraph.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if out4, err4 := build(); !strings.Contains(out4, "only pages' text had changed since the last build, so 1 page was written again") || err4 != err1 {
		t.Errorf("after a text edit the build said:\n%s\n%s", out4, err4)
	}
}
