package htmltext

import "testing"

// TestTheByteScanAgreesWithTheRule: FirstForbidden finds in bytes exactly
// the characters Forbidden refuses, for every code point.
func TestTheByteScanAgreesWithTheRule(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		if (FirstForbidden([]byte("x"+string(r)+"y")) == 1) != Forbidden(r) {
			t.Fatalf("U+%04X: the byte scan and Forbidden disagree", r)
		}
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]struct {
		out   string
		first rune
	}{
		"café\ttab\f":             {"café\ttab\f", -1},
		"a\vb\x1bc":               {"abc", '\v'},
		"Broken\uFFFE by\uFDD0 a": {"Broken by a", 0xFFFE},
		"\U0010FFFF\u0085":        {"", 0x10FFFF},
		"\uFEFF\uFFFD\uFDCF":      {"\uFEFF\uFFFD\uFDCF", -1},
	} {
		if out, first := Clean(in); out != want.out || first != want.first {
			t.Errorf("Clean(%q) = %q, %U; want %q, %U", in, out, first, want.out, want.first)
		}
	}
}
