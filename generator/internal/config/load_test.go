package config

import (
	"strings"
	"testing"
)

// TestDefaultsFollowTheParsedFile: a site's own [languages] or audiences
// replace the defaults, and a comment or a string that mentions them changes
// nothing (a commented-out "[languages.fr]" removed English before).
func TestDefaultsFollowTheParsedFile(t *testing.T) {
	for _, c := range []struct {
		name, toml           string
		languages, audiences int
	}{
		{"nothing defined", "title = \"T\"\n", 1, 3},
		{"comments only", "title = \"T\"\n# [languages.fr]\n# [vocabulary.audiences]\n", 1, 3},
		{"a string mentioning them", "title = \"Set audiences = here, [languages] too\"\n", 1, 3},
		{"languages defined", "defaultLanguage = \"fr\"\n[languages.fr]\nname = \"Français\"\n[languages.de]\nname = \"Deutsch\"\n", 2, 3},
		{"audiences defined", "[vocabulary]\naudiences = { owners = \"professional\" }\n", 1, 1},
	} {
		cfg, _, err := Parse([]byte(c.toml), "config.toml")
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(cfg.Languages) != c.languages || len(cfg.Vocabulary.Audiences) != c.audiences {
			t.Errorf("%s: %d languages, %d audiences; want %d and %d", c.name, len(cfg.Languages), len(cfg.Vocabulary.Audiences), c.languages, c.audiences)
		}
	}
}

// TestKeyLinesSkipComments: a message points at the setting, not at a
// comment that mentions it first.
func TestKeyLinesSkipComments(t *testing.T) {
	k := newKeyLines([]byte("# contact = \"old\"\ntitle = \"T\"\ncontact = \"x\"\n"))
	if got := k.of("contact"); got != 3 {
		t.Errorf("contact is on line %d, want 3", got)
	}
}

// TestPublisherLogoWantsARaster: search engines show no SVG as a
// publisher's logo; the warning names the setting's line, and a PNG (or no
// logo at all) passes.
func TestPublisherLogoWantsARaster(t *testing.T) {
	for _, c := range []struct {
		toml string
		line int // 0: no warning
	}{
		{"baseURL = \"https://example.org/\"\n[oer]\npublisherLogo = \"favicon.svg\"\n", 3},
		{"baseURL = \"https://example.org/\"\nlogo = \"img/logo.SVG\"\n", 2},
		{"baseURL = \"https://example.org/\"\nlogo = \"logo.svg\"\n[oer]\npublisherLogo = \"logo-512.png\"\n", 0},
		{"baseURL = \"https://example.org/\"\n", 0},
	} {
		cfg, _, err := Parse([]byte(c.toml), "config.toml")
		if err != nil {
			t.Fatal(err)
		}
		var found []int
		for _, d := range cfg.Validate("config.toml", []byte(c.toml)) {
			if strings.Contains(d.Message, "SVG as the publisher's logo") {
				found = append(found, d.Line)
			}
		}
		if c.line == 0 && len(found) > 0 || c.line > 0 && (len(found) != 1 || found[0] != c.line) {
			t.Errorf("%q: warned at lines %v, want %d", c.toml, found, c.line)
		}
	}
}

// TestPictureSizes: pictures are sized for the default theme's column
// unless the site says otherwise; a value that could leave the attribute
// (a quotation mark, angle brackets) or is no list of widths is an error
// at its line.
func TestPictureSizes(t *testing.T) {
	for _, c := range []struct {
		toml, want string
		bad        bool
	}{
		{"baseURL = \"https://example.org/\"\n", DefaultPictureSizes, false},
		{"baseURL = \"https://example.org/\"\n[markup]\npictureSizes = \"(min-width: 60rem) 56rem, 100vw\"\n", "(min-width: 60rem) 56rem, 100vw", false},
		{"baseURL = \"https://example.org/\"\n[markup]\npictureSizes = \"100vw\\\" onerror=\\\"alert(1)\"\n", "", true},
		{"baseURL = \"https://example.org/\"\n[markup]\npictureSizes = \"(min-width: 60rem 56rem\"\n", "", true},
		{"baseURL = \"https://example.org/\"\n[markup]\npictureSizes = \"\"\n", "", true},
	} {
		cfg, _, err := Parse([]byte(c.toml), "config.toml")
		if c.bad {
			if err == nil || !strings.Contains(err.Error(), "config.toml:3: error: pictureSizes") {
				t.Errorf("%q: %v, want an error at line 3", c.toml, err)
			}
			continue
		}
		if err != nil || cfg.Markup.PictureSizes != c.want {
			t.Errorf("%q: sizes %q, %v", c.toml, cfg.Markup.PictureSizes, err)
		}
	}
}
