package site

import "testing"

// TestCountryCode: a country as content writes it, a code in any case or an
// English name in any case, gives its two-letter code; other text comes
// back as written, trimmed, and is not a known country.
func TestCountryCode(t *testing.T) {
	for in, want := range map[string]string{
		"IT": "IT", "it": "IT", " uk ": "UK", "Italy": "IT", "italy": "IT", " Germany ": "DE",
		"United Kingdom": "GB", "ICELAND": "IS", "Côte d’Ivoire": "CI", "Italia": "Italia", " Atlantis ": "Atlantis", "": "",
	} {
		if got := CountryCode(in); got != want {
			t.Errorf("CountryCode(%q) = %q, want %q", in, got, want)
		}
		if _, known := KnownCountry(in); known != (len(want) == 2) {
			t.Errorf("KnownCountry(%q) says %v", in, known)
		}
	}
}
