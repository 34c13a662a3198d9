package oer

import (
	"slices"
	"testing"
)

func TestSafeCells(t *testing.T) {
	got := safeCells("=1+1", "+1", "-1", "@A1", "\tx", "\rx", "x=1", "", "2026-03-01", "https://example.org/")
	want := []string{"'=1+1", "'+1", "'-1", "'@A1", "'\tx", "'\rx", "x=1", "", "2026-03-01", "https://example.org/"}
	if !slices.Equal(got, want) {
		t.Errorf("safeCells: %q, want %q", got, want)
	}
}
