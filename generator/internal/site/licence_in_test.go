package site

import "testing"

func TestLicenceIn(t *testing.T) {
	for _, c := range []struct{ s, want string }{
		{"This course is licensed under https://creativecommons.org/licenses/by-sa/4.0/deed.de", "CC-BY-SA-4.0"},
		{"http://creativecommons.org/licenses/by/4.0/", "CC-BY-4.0"},
		{"Licence: CC BY 4.0.", "CC-BY-4.0"},
		{"CC BY-NC-SA 4.0", "CC-BY-NC-SA-4.0"},
		{"cc0-1.0", "CC0-1.0"},
		{"CC BY-NC 2.5", "CC-BY-NC-2.5"}, // H5P's older versions
		{"https://creativecommons.org/licenses/by-sa/2.0/", "CC-BY-SA-2.0"},
		{"CC BY 2.5 and CC BY 2.0", ""}, // two: none
		{"Private", ""},
		{"All rights reserved", ""},
	} {
		l, ok := LicenceIn(c.s)
		if (c.want == "") == ok || l.ID != c.want {
			t.Errorf("LicenceIn(%q) = %q, %v; want %q", c.s, l.ID, ok, c.want)
		}
	}
}
