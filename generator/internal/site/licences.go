package site

import (
	"sort"
	"strings"
	"sync"
)

// Licence describes an open licence by its SPDX id.
type Licence struct {
	ID    string // SPDX: "CC-BY-SA-4.0"
	Name  string // "Creative Commons Attribution-ShareAlike 4.0 International"
	Short string // "CC BY-SA 4.0"
	URL   string // the licence deed
	// Elements are the Creative Commons elements for icons: "by", "sa", "nc", "nd", "zero", "pd".
	Elements []string
}

// licenceTable is built once and never changed: the Creative Commons and common open licences.
var licenceTable = sync.OnceValue(func() map[string]Licence {
	licences := map[string]Licence{}
	add := func(id, name, short, url string, el ...string) {
		licences[strings.ToLower(id)] = Licence{ID: id, Name: name, Short: short, URL: url, Elements: el}
	}
	for _, v := range []string{"4.0", "3.0", "2.5", "2.0"} { // older versions: much older OER and H5P content carries them
		intl := " International"
		switch v {
		case "3.0":
			intl = " Unported"
		case "2.5", "2.0":
			intl = " Generic"
		}
		add("CC-BY-"+v, "Creative Commons Attribution "+v+intl, "CC BY "+v, "https://creativecommons.org/licenses/by/"+v+"/", "by")
		add("CC-BY-SA-"+v, "Creative Commons Attribution-ShareAlike "+v+intl, "CC BY-SA "+v, "https://creativecommons.org/licenses/by-sa/"+v+"/", "by", "sa")
		add("CC-BY-NC-"+v, "Creative Commons Attribution-NonCommercial "+v+intl, "CC BY-NC "+v, "https://creativecommons.org/licenses/by-nc/"+v+"/", "by", "nc")
		add("CC-BY-NC-SA-"+v, "Creative Commons Attribution-NonCommercial-ShareAlike "+v+intl, "CC BY-NC-SA "+v, "https://creativecommons.org/licenses/by-nc-sa/"+v+"/", "by", "nc", "sa")
		add("CC-BY-ND-"+v, "Creative Commons Attribution-NoDerivatives "+v+intl, "CC BY-ND "+v, "https://creativecommons.org/licenses/by-nd/"+v+"/", "by", "nd")
		add("CC-BY-NC-ND-"+v, "Creative Commons Attribution-NonCommercial-NoDerivatives "+v+intl, "CC BY-NC-ND "+v, "https://creativecommons.org/licenses/by-nc-nd/"+v+"/", "by", "nc", "nd")
	}
	add("CC0-1.0", "Creative Commons Zero 1.0 Universal (public domain dedication)", "CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/", "zero")
	add("MIT", "MIT License", "MIT", "https://opensource.org/licenses/MIT")
	add("Apache-2.0", "Apache License 2.0", "Apache 2.0", "https://www.apache.org/licenses/LICENSE-2.0")
	add("GFDL-1.3", "GNU Free Documentation License 1.3", "GFDL 1.3", "https://www.gnu.org/licenses/fdl-1.3.html")
	return licences
})

// KnownLicence reports whether id is a licence oersite can describe.
func KnownLicence(id string) bool { _, ok := licenceTable()[strings.ToLower(id)]; return ok }

// LicenceInfo describes a licence; unknown ids come back with only ID and Name set.
func LicenceInfo(id string) Licence {
	if l, ok := licenceTable()[strings.ToLower(strings.TrimSpace(id))]; ok {
		return l
	}
	return Licence{ID: id, Name: id, Short: id}
}

// LicenceIn finds the licence a statement names ("This course is licensed
// under https://creativecommons.org/licenses/by-sa/4.0/deed.de", "CC BY 4.0",
// "CC-BY-SA-4.0"), by its deed's address, its short name or its id;
// false when it names none oersite knows, or more than one.
func LicenceIn(statement string) (Licence, bool) {
	s := strings.ToLower(strings.ReplaceAll(statement, "http://", "https://"))
	var found []Licence
	for _, l := range licenceTable() {
		deed := strings.ToLower(strings.TrimSuffix(l.URL, "/"))
		short := strings.ToLower(l.Short)
		if containsWord(s, deed) || containsWord(s, short) || containsWord(s, strings.ToLower(l.ID)) {
			found = append(found, l)
		}
	}
	if len(found) != 1 {
		return Licence{}, false
	}
	return found[0], true
}

// containsWord says whether s holds w not run into a longer name ("cc by
// 4.0" is not in "cc by-sa 4.0", nor ".../by/4.0" in ".../by/4.01").
func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		at, end := i+j, i+j+len(w)
		before := at == 0 || !strings.ContainsRune("abcdefghijklmnopqrstuvwxyz0123456789-.", rune(s[at-1]))
		after := end == len(s) || !strings.ContainsRune("abcdefghijklmnopqrstuvwxyz0123456789-", rune(s[end])) && (s[end] != '.' || end+1 == len(s) || s[end+1] == ' ')
		if before && after {
			return true
		}
		i = at + 1
	}
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
