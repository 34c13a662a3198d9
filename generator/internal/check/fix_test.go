package check

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/oersite/oersite/generator/internal/diag"
)

// TestApplyFixesKeepsEveryOtherByte: a correction replaces its line only,
// keeping the line's \r\n end and the file's byte order mark; a
// diagnostic without a correction, one naming a file outside the site, and
// one whose line is past the end change nothing.
func TestApplyFixesKeepsEveryOtherByte(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "content", "en", "a.md")
	os.MkdirAll(filepath.Dir(page), 0o755)
	os.WriteFile(page, []byte("\uFEFFtitle: Step 1: open\r\nsummary: x\r\n---\r\nText.\r\n"), 0o644)
	outside := filepath.Join(filepath.Dir(dir), "outside.md")
	os.WriteFile(outside, []byte("title: x\n"), 0o644)
	t.Cleanup(func() { os.Remove(outside) })
	done, err := ApplyFixes(dir, diag.List{
		{File: "content/en/a.md", Line: 1, Severity: diag.Error, Fix: `title: "Step 1: open"`},
		{File: "content/en/a.md", Line: 2, Severity: diag.Error, Message: "no correction"},
		{File: "content/en/a.md", Line: 9, Severity: diag.Error, Fix: "past the end"},
		{File: "../outside.md", Line: 1, Severity: diag.Error, Fix: "title: changed"},
	})
	if err != nil || len(done) != 1 || done[0].Line != 1 {
		t.Fatalf("applied %v, %v", done, err)
	}
	if got, _ := os.ReadFile(page); string(got) != "\uFEFFtitle: \"Step 1: open\"\r\nsummary: x\r\n---\r\nText.\r\n" {
		t.Errorf("the page:\n%q", got)
	}
	if got, _ := os.ReadFile(outside); string(got) != "title: x\n" {
		t.Errorf("a file outside the site was changed: %q", got)
	}
}
