package mdtext

import "testing"

func TestEscapeAndLinkDest(t *testing.T) {
	if got := Escape("a*b_[c]|<d>\ne"); got != "a\\*b\\_\\[c\\]\\|\\<d\\>\\\ne" {
		t.Errorf("Escape: %q", got)
	}
	for in, want := range map[string]string{
		"https://example.org/a": "https://example.org/a",
		"a page (1).pdf":        "<a page (1).pdf>",
		"x<y>":                  "<x%3Cy%3E>",
	} {
		if got := LinkDest(in); got != want {
			t.Errorf("LinkDest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNoDescription(t *testing.T) {
	for alt, want := range map[string]bool{
		"IMG_2041.JPG": true, "bingo.jpg": true, `""`: true, "“”": true, " - ": true, "": false,
		"A shop window": false, `"Open" sign`: false, "photo.jpg of the shop": false,
	} {
		if got := NoDescription(alt); got != want {
			t.Errorf("NoDescription(%q) = %v, want %v", alt, got, want)
		}
	}
}
