package config

import "testing"

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
