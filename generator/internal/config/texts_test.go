package config

import (
	"strings"
	"testing"
)

const multilingual = `
baseURL = "https://example.org/"
title = "Learning2gether"
properNames = ["Learning2gether"]
contact = "info@learning2gether.example.org"

[oer]
publisher = "Learning2gether partnership"
defaultAuthors = ["Learning2gether partnership"]
euEmblem = true
funder = "European Union"
grantingAuthority = "the national agency"

[languages.en]
name = "English"

[languages.it]
name = "Italiano"
[languages.it.oer]
publisher = "Partenariato Learning2gether"
defaultAuthors = ["Partenariato Learning2gether"]
grantingAuthority = "l'agenzia nazionale"
[languages.it.forms.request]
recipient = "l'organizzazione partner nel tuo paese"
[[languages.it.menus.main]]
url = "about/"
name = "Chi siamo"

[languages.de]
name = "Deutsch"

[[menus.main]]
name = "i18n:nav.modules"
url = "modules/"

[[menus.main]]
name = "About us"
url = "about/"

[forms.request]
recipient = "the partner organisation in your country"
`

func parse(t *testing.T, src string) (Config, string) {
	t.Helper()
	cfg, diags, err := Parse([]byte(src), "config.toml")
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, d := range diags {
		msgs = append(msgs, d.String())
	}
	return cfg, strings.Join(msgs, "\n")
}

func TestLocalizedReplacesTheLanguagesOwnTexts(t *testing.T) {
	cfg, warns := parse(t, multilingual)
	if warns != "" {
		t.Fatalf("unexpected warnings:\n%s", warns)
	}
	it := cfg.Localized("it", nil)
	if it.OER.Publisher != "Partenariato Learning2gether" || it.OER.DefaultAuthors[0] != "Partenariato Learning2gether" {
		t.Errorf("Italian publisher %q, authors %v", it.OER.Publisher, it.OER.DefaultAuthors)
	}
	if got := it.Forms["request"].Recipient; got != "l'organizzazione partner nel tuo paese" {
		t.Errorf("Italian recipient %q", got)
	}
	if got := it.Menus["main"][1].Name; got != "Chi siamo" {
		t.Errorf("Italian menu entry %q", got)
	}
	if got := it.OER.GrantingAuthority; got != "l'agenzia nazionale" {
		t.Errorf("Italian granting authority %q", got)
	}
	// the site-wide configuration is left as it was
	if cfg.OER.Publisher != "Learning2gether partnership" || cfg.Forms["request"].Recipient != "the partner organisation in your country" ||
		cfg.Menus["main"][1].Name != "About us" || cfg.OER.DefaultAuthors[0] != "Learning2gether partnership" {
		t.Errorf("Localized changed the site-wide config: %+v", cfg.OER)
	}
	// i18n keys are resolved through the function given
	de := cfg.Localized("de", func(s string) string { return strings.ReplaceAll(s, "i18n:nav.modules", "Module") })
	if de.Menus["main"][0].Name != "Module" || de.OER.Publisher != "Learning2gether partnership" {
		t.Errorf("German: %q, %q", de.Menus["main"][0].Name, de.OER.Publisher)
	}
}

func TestUntranslatedTextsAreReportedPerSetting(t *testing.T) {
	cfg, _ := parse(t, multilingual)
	// "Modules" is also the French word: taken from the French strings, it is translated
	cfg.Languages["fr"] = Language{Name: "Français"}
	resolve := func(lang, s string) (string, bool) {
		if s == "i18n:nav.modules" {
			return map[string]string{"en": "Modules", "it": "Moduli", "de": "Module", "fr": "Modules"}[lang], true
		}
		return s, false
	}
	var got []string
	for _, d := range cfg.UntranslatedTexts("config.toml", resolve) {
		got = append(got, d.String())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		`oer.publisher "Learning2gether partnership" is shown untranslated on the de, fr pages`,
		`forms.request.recipient "the partner organisation in your country" is shown untranslated on the de, fr pages`,
		`menus.main[about/] "About us" is shown untranslated on the de, fr pages`,
		`oer.grantingAuthority "the national agency" is shown untranslated on the de, fr pages`,
		`add [languages.de.forms.request] with recipient = "..."`,
		`config.toml:41: warning: forms.request.recipient`, // the site-wide line, not the Italian one
		`config.toml:38: warning: menus.main[about/]`,
		`add [languages.de.oer] with defaultAuthors = ["..."]`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in:\n%s", want, all)
		}
	}
	// translated (it, the modules entry), a proper name (title) or not shown (funder): not reported
	if len(got) != 5 || strings.Contains(all, "on the it") || strings.Contains(all, ", it") || strings.Contains(all, "Modules") {
		t.Errorf("want 5 warnings, about German and French only:\n%s", all)
	}
	if !strings.Contains(all, "config.toml:8:") { // the publisher's line
		t.Errorf("warnings do not name the line of the setting:\n%s", all)
	}
}

func TestLanguageTextsThatReplaceNothingAreReported(t *testing.T) {
	_, warns := parse(t, multilingual+`
[languages.it.forms.contact]
recipient = "noi"
[[languages.it.footer.links]]
url = "imprint/"
name = "Impressum"
[languages.it.oer.extra]
x = 1
`)
	for _, want := range []string{"[languages.it.forms.contact] translates a form the site does not have", `[languages.it.footer.links]: no entry has url "imprint/"`, "languages.it.oer.extra"} {
		if !strings.Contains(warns, want) {
			t.Errorf("missing warning %q in:\n%s", want, warns)
		}
	}
}

func TestColorsAreCheckedForFormatAndContrast(t *testing.T) {
	_, diags, err := Parse([]byte("baseURL = \"https://example.org/\"\n[colors]\nprimary = \"#aaaaaa\"\nbackground = \"#ffffff\"\ntext = \"#1a2530\"\n[colors.dark]\naccent = \"red;}body{x\"\n"), "config.toml")
	if err == nil || !strings.Contains(err.Error(), `[colors.dark] accent = "red;}body{x" is not a colour`) {
		t.Errorf("a colour that is not one is not refused: %v", err)
	}
	var all []string
	for _, d := range diags {
		all = append(all, d.String())
	}
	got := strings.Join(all, "\n")
	if !strings.Contains(got, "config.toml:3: warning: [colors] primary on the background has a contrast of 2.3:1") || strings.Contains(got, "[colors] text") {
		t.Errorf("contrast warnings:\n%s", got)
	}
	if r, _ := contrast("#1a2530", "#fff"); r < 7 {
		t.Errorf("contrast(#1a2530, #fff) = %.2f", r)
	}
}
