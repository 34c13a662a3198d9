package diag

import (
	"strings"
	"testing"
)

// A file name or message with control characters cannot drive the terminal.
func TestControlCharactersAreEscaped(t *testing.T) {
	d := Errorf("content/en/evil\x1b[2J\r\x07name\x9b.md", 3, "rename \x1b]0;title\x07 it", "address is also used by content/en/x\x1b[31m.md\nsecond line")
	s := d.String()
	for _, bad := range []string{"\x1b", "\r", "\x07", "\x9b", "\u009b"} {
		if strings.Contains(s, bad) {
			t.Errorf("%q reaches the terminal in %q", bad, s)
		}
	}
	for _, want := range []string{`evil\x1b[2J\x0d\x07name\x9b.md:3`, `x\x1b[31m.md` + "\nsecond line", `rename \x1b]0;title\x07 it`} {
		if !strings.Contains(s, want) {
			t.Errorf("%q not in %q", want, s)
		}
	}
}

func TestPlainTextIsNotEscaped(t *testing.T) {
	if got := Escape("plain text, ünïcödé\tand tabs"); got != "plain text, ünïcödé\tand tabs" {
		t.Errorf("plain text changed: %q", got)
	}
}
