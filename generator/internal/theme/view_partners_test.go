package theme

import (
	"testing"

	"github.com/oersite/oersite/generator/internal/site"
)

// TestCountryNameTakesCodesAndEnglishNames: content names a country by its
// code or its English name (site.CountryCode); a page shows it in its own
// language, and text that names no country as written, not upper-cased
// ("Italia" on a story used to show as "ITALIA").
func TestCountryNameTakesCodesAndEnglishNames(t *testing.T) {
	for _, c := range []struct{ lang, in, want string }{
		{"it", "IT", "Italia"},
		{"it", "it", "Italia"},
		{"it", "Italy", "Italia"},
		{"de", "Iceland", "Island"},
		{"fr", "BG", "Bulgarie"},
		{"en", "UK", "United Kingdom"},
		{"en", "EL", "Greece"},
		{"it", "Italia", "Italia"},
		{"en", " Atlantis ", "Atlantis"},
		{"en", "XX", "XX"},
	} {
		v := &View{Page: &site.Page{Lang: c.lang}}
		if got := v.CountryName(c.in); got != c.want {
			t.Errorf("%s page, %q: %q, want %q", c.lang, c.in, got, c.want)
		}
	}
}
