package diag

import (
	"fmt"
	"strings"
	"testing"
)

func TestThousandWarningsOfFiveKindsPrintSixLines(t *testing.T) {
	var l List
	for i := 0; i < 1000; i++ {
		file := fmt.Sprintf("content/en/p%03d.md", i/5)
		switch i % 5 {
		case 0:
			l.Add(Warnf(file, i, "write a Markdown link", "shortcode %q of another generator is shown as text", "code-toggle"))
		case 1:
			l.Add(Warnf(file, i, "", "raw HTML is shown as text, not run"))
		case 2:
			l.Add(Warnf(file, i, "", "date %q read as %s", fmt.Sprint(i), "1 May 2026"))
		case 3:
			l.Add(Warnf(file, i, "", "heading attribute %q ignored", "style"))
		case 4:
			l.Add(Diagnostic{File: file, Line: i, Severity: Warning, Code: "external-link", Kind: "external link %s is not checked", Message: fmt.Sprintf("external link https://x/%d is not checked", i)})
		}
	}
	l.Sort()
	out := l.Report(false, 100)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 6 {
		t.Fatalf("want 5 lines (one per kind) and a summary, got %d:\n%s", len(lines), out)
	}
	for _, want := range []string{
		`warning: shortcode "code-toggle" of another generator is shown as text: 200 times in 200 files, e.g. content/en/p000.md, content/en/p001.md:5, content/en/p002.md:10`,
		`warning: date "…" read as …: 200 times in 200 files`,
		`warning: external link … is not checked: 200 times`,
		"1000 warnings of 5 kinds; --verbose",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if got := strings.Count(l.Report(true, 0), "\n"); got < 1000 {
		t.Errorf("verbose printed %d lines, want every warning", got)
	}
}

func TestSingleWarningKeepsItsHint(t *testing.T) {
	l := List{Warnf("content/en/a.md", 3, "write it as 2026-01-05", "date %q read as 5 January 2026", "5/1/2026")}
	out := l.Report(false, 100)
	if out != "content/en/a.md:3: warning: date \"5/1/2026\" read as 5 January 2026\n    write it as 2026-01-05\n" {
		t.Errorf("got %q", out)
	}
}

func TestErrorsStayInFull(t *testing.T) {
	var l List
	for i := 0; i < 5; i++ {
		l.Add(Errorf("content/en/a.md", i+1, "fix it", "broken link %d", i))
	}
	if got := strings.Count(l.Report(false, 3), "\n"); got != 3*2+1 {
		t.Errorf("want three errors with hints and a count of the rest, got %d lines:\n%s", got, l.Report(false, 3))
	}
}

func TestOneKindIsSaidSo(t *testing.T) {
	var l List
	for i := range 3 {
		l.Add(Warnf("a.md", i+1, "hint", "the same %s", "thing"))
	}
	if got := l.Report(false, 0); !strings.Contains(got, "3 warnings of 1 kind;") {
		t.Errorf("report: %q", got)
	}
}
