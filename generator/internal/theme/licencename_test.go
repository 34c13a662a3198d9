package theme

import (
	"os"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/i18n"
	"github.com/oersite/oersite/generator/internal/site"
)

// TestOlderLicencesNamedInEveryLanguage: a page in any of the default
// theme's languages names an older Creative Commons licence (CC BY-SA 3.0,
// which much imported content carries) in that language, its 4.0 name with
// its own version and port; before, only 4.0 had names and 3.0, 2.5 and 2.0
// were English on every page.
func TestOlderLicencesNamedInEveryLanguage(t *testing.T) {
	langs := []string{"en", "bg", "de", "es", "fr", "is", "it", "nl"}
	cat, d := i18n.Load(os.DirFS("../../.."), []string{"themes/default/i18n"}, langs, "en")
	if len(d) > 0 {
		t.Fatal(d)
	}
	for _, lang := range langs {
		v := &View{Page: &site.Page{Lang: lang}, Shared: &Shared{I18n: cat}}
		for _, el := range []string{"BY", "BY-SA", "BY-NC", "BY-NC-SA", "BY-ND", "BY-NC-ND"} {
			for _, ver := range []string{"3.0", "2.5", "2.0"} {
				l := site.LicenceInfo("CC-" + el + "-" + ver)
				got := v.LicenceName(l)
				if !strings.Contains(got, v.T("licence.version."+ver)) {
					t.Errorf("%s: %s named %q, without %q", lang, l.ID, got, v.T("licence.version."+ver))
				}
				if lang != "en" && got == l.Name {
					t.Errorf("%s: %s named in English: %q", lang, l.ID, got)
				}
			}
		}
	}
	de := &View{Page: &site.Page{Lang: "de"}, Shared: &Shared{I18n: cat}}
	if got, want := de.LicenceName(site.LicenceInfo("CC-BY-SA-3.0")), "Creative Commons Namensnennung - Weitergabe unter gleichen Bedingungen 3.0 Unported"; got != want {
		t.Errorf("de CC-BY-SA-3.0: %q, want %q", got, want)
	}
	if got, want := de.LicenceName(site.LicenceInfo("MIT")), "MIT License"; got != want {
		t.Errorf("de MIT: %q, want %q", got, want)
	}
}
