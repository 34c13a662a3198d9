package authorwords

import (
	"cmp"
	"io/fs"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"github.com/oersite/oersite/generator/internal/i18n"
)

var placeholder = regexp.MustCompile(`\{[a-z]+\}`)

// TestWordsCompleteInEveryLanguage: every language file has every English
// key, no other, and the same {placeholders} in each string.
func TestWordsCompleteInEveryLanguage(t *testing.T) {
	names, err := fs.Glob(files, "i18n/*.toml")
	if err != nil || len(names) < 8 {
		t.Fatalf("authors' words: %v, %v (want the eight languages of the example site)", names, err)
	}
	read := func(name string) map[string]string {
		var m map[string]string
		data, _ := fs.ReadFile(files, name)
		if err := toml.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return m
	}
	en := read("i18n/en.toml")
	for _, f := range names {
		other := read(f)
		for k, v := range en {
			o, ok := other[k]
			if !ok || strings.TrimSpace(o) == "" {
				t.Errorf("%s: no %s", f, k)
				continue
			}
			want, got := placeholder.FindAllString(v, -1), placeholder.FindAllString(o, -1)
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(want, got) {
				t.Errorf("%s: %s has placeholders %v, English %v", f, k, got, want)
			}
		}
		for k := range other {
			if _, ok := en[k]; !ok {
				t.Errorf("%s: %s is not in en.toml", f, k)
			}
		}
	}
}

// TestWordsFollowTheBrowser: the first language the browser asks for that
// has a file, else English.
func TestWordsFollowTheBrowser(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for accept, want := range map[string]string{
		"": "en", "de-AT,de;q=0.9,en;q=0.5": "de", "pt-BR,pt;q=0.9": "en", "pt-BR,fr;q=0.5": "fr",
		"is": "is", "bg-BG": "bg", "*": "en", "garbage;;q=x": "en",
	} {
		r := httptest.NewRequest("GET", "/", nil)
		if accept != "" {
			r.Header.Set("Accept-Language", accept)
		}
		if got := c.For(r).Language(); got != want {
			t.Errorf("Accept-Language %q: %s, want %s", accept, got, want)
		}
	}
}

// TestWordsFollowTheLocale: the command line's language is LC_ALL's, else
// LC_MESSAGES', else LANG's, when oersite has it; C, POSIX and unset are
// English.
func TestWordsFollowTheLocale(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{}, "en"},
		{map[string]string{"LANG": "de_DE.UTF-8"}, "de"},
		{map[string]string{"LANG": "fr_CA.UTF-8"}, "fr"},
		{map[string]string{"LANG": "is_IS@euro"}, "is"},
		{map[string]string{"LANG": "ja_JP.UTF-8"}, "en"},
		{map[string]string{"LANG": "en_GB.UTF-8"}, "en"},
		{map[string]string{"LANG": "C.UTF-8"}, "en"},
		{map[string]string{"LANG": "de_DE.UTF-8", "LC_MESSAGES": "nl_NL.UTF-8"}, "nl"},
		{map[string]string{"LANG": "de_DE.UTF-8", "LC_MESSAGES": "nl_NL", "LC_ALL": "POSIX"}, "en"},
		{map[string]string{"LC_ALL": "bg_BG.UTF-8", "LANG": "C"}, "bg"},
	} {
		getenv := func(k string) string { return tc.env[k] }
		if got := c.ForLocale(getenv).Language(); got != tc.want {
			t.Errorf("%v: %s, want %s", tc.env, got, tc.want)
		}
		// Locale gives the same words, and the zero Words (no catalogue
		// read) for English
		w := Locale(getenv)
		english := tc.want == "en" && tc.env["LANG"] != "ja_JP.UTF-8" // no file for Japanese: read to know
		if got := cmp.Or(w.Language(), "en"); got != tc.want || (w.c == nil) != english {
			t.Errorf("Locale(%v): %q (catalogue read: %v), want %s", tc.env, w.Language(), w.c != nil, tc.want)
		}
	}
}

// TestPhrasesTakeEachLanguagesPluralForms: a sentence about a count takes
// the form the count needs in the language (Icelandic: 21 is "one", 11 is
// not), and every language's forms are complete for the counts a terminal
// shows.
func TestPhrasesTakeEachLanguagesPluralForms(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range c.langs[1:] {
		say := Words{c, lang}.Phrases()
		for key, forms := range c.plurals[lang] {
			for _, n := range []int{0, 1, 2, 5, 11, 21, 101} {
				got, ok := say(key, n)
				want := forms[i18n.PluralForm(language.Make(lang), n)]
				if want == "" {
					want = forms["other"]
				}
				if !ok || got != want {
					t.Errorf("%s %q for %d: %q, want %q", lang, key, n, got, want)
				}
			}
		}
	}
	is := Words{c, "is"}.Phrases()
	if one, _ := is("%d files", 21); one != c.plurals["is"]["%d files"]["one"] || one == "" {
		t.Errorf("Icelandic 21 files: %q, want the one form", one)
	}
	if eleven, _ := is("%d files", 11); eleven != c.plurals["is"]["%d files"]["other"] {
		t.Errorf("Icelandic 11 files: %q, want the other form", eleven)
	}
	if (Words{}).Phrases() != nil || (Words{c, "en"}).Phrases() != nil {
		t.Error("English phrases are not nil")
	}
}
