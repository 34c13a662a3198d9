package config

import (
	"fmt"
	"strings"
	"testing"
)

// TestControlCharactersLeftOutOfSettings: an escape in a TOML string that
// makes a control character ("\u000b", "\u001b" as in a pasted terminal
// colour) is left out of the setting wherever it is (a title, a language's
// name, a menu, a value deep in params), with one warning at the first
// one's line, as in pages. Before, the title went into every page with a
// vertical tab, which the Nu Html Checker refuses.
func TestControlCharactersLeftOutOfSettings(t *testing.T) {
	data := `baseURL = "https://example.org/"
# a comment that names \u000b is not the line
title = "Learning\u000btogether"
[languages.en]
name = "English\u001b[31m"
[[menus.main]]
name = "Mod\u0007ules"
url = "modules/"
[params]
deep = [{ text = "a\u0085b" }]
`
	cfg, diags, err := Parse([]byte(data), "config.toml")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Title != "Learningtogether" || cfg.Languages["en"].Name != "English[31m" || cfg.Menus["main"][0].Name != "Modules" {
		t.Errorf("settings: %q, %q, %q", cfg.Title, cfg.Languages["en"].Name, cfg.Menus["main"][0].Name)
	}
	if deep := fmt.Sprint(cfg.Params["deep"]); deep != "[map[text:ab]]" {
		t.Errorf("params: %q", deep)
	}
	if len(diags) != 1 || diags[0].Line != 3 || !strings.Contains(diags[0].Message, "U+000B") || !strings.Contains(diags[0].Hint, `\u000b`) {
		t.Errorf("diagnostics: %v", diags)
	}
}

// TestNoncharactersLeftOutOfSettings: a noncharacter written as it is (a
// file converted with the wrong encoding) is left out the same way, with
// the warning that says so.
func TestNoncharactersLeftOutOfSettings(t *testing.T) {
	cfg, diags, err := Parse([]byte("baseURL = \"https://example.org/\"\n[footer]\ntext = \"Funded\uFFFE by the EU\"\n"), "config.toml")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Footer.Text != "Funded by the EU" || len(diags) != 1 || diags[0].Line != 3 || !strings.Contains(diags[0].Message, "not meant for text (U+FFFE)") {
		t.Errorf("footer %q, diagnostics %v", cfg.Footer.Text, diags)
	}
	// An escaped backslash makes no control character: the warning names
	// the line of the real escape, and the title keeps its text.
	cfg, diags, err = Parse([]byte(`baseURL = "https://example.org/"
title = "Caf\u00e9 \\u000b \\e"
[footer]
text = "a\u0007b"
`), "config.toml")
	if err != nil || cfg.Title != `Café \u000b \e` || cfg.Footer.Text != "ab" || len(diags) != 1 || diags[0].Line != 4 || !strings.Contains(diags[0].Message, "U+0007") {
		t.Errorf("title %q, footer %q, diagnostics %v, %v", cfg.Title, cfg.Footer.Text, diags, err)
	}
}
