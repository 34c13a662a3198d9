package content

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/oersite/oersite/generator/internal/diag"
)

func TestParseDate(t *testing.T) {
	cases := []struct {
		in      string
		want    string
		lenient bool
		err     bool
	}{
		{"2026-02-16", "2026-02-16", false, false},
		{"2026-02-16T10:30:00+01:00", "2026-02-16", false, false},
		{"16 February 2026", "2026-02-16", true, false},
		{"February 16, 2026", "2026-02-16", true, false},
		{"2026/02/16", "2026-02-16", true, false},
		{"16/02/2026", "2026-02-16", true, false},
		{"02/16/2026", "2026-02-16", true, false},
		{"03/04/2026", "", false, true},
		{"soon", "", false, true},
	}
	for _, c := range cases {
		got, lenient, err := ParseDate(c.in)
		if (err != nil) != c.err {
			t.Errorf("ParseDate(%q) error = %v, want error %v", c.in, err, c.err)
			continue
		}
		if err == nil && (got.Format("2006-01-02") != c.want || lenient != c.lenient) {
			t.Errorf("ParseDate(%q) = %s lenient %v; want %s lenient %v", c.in, got.Format("2006-01-02"), lenient, c.want, c.lenient)
		}
	}
}

func TestParseDuration(t *testing.T) {
	cases := map[string]time.Duration{
		"90m": 90 * time.Minute, "2h": 2 * time.Hour, "1h30m": 90 * time.Minute, "1.5h": 90 * time.Minute,
		"90 minutes": 90 * time.Minute, "2 hours": 2 * time.Hour, "PT1H30M": 90 * time.Minute, "45": 45 * time.Minute,
		"1 hour and 30 minutes": 90 * time.Minute, "2 hours, 15 min": 135 * time.Minute,
		// in the languages of oersite's own words, as trainers write them
		"1 Stunde und 30 Minuten": 90 * time.Minute, "1,5 Std.": 90 * time.Minute, "45 minuti": 45 * time.Minute,
		"2 ore": 2 * time.Hour, "1 heure et 15 minutes": 75 * time.Minute, "1 hora y 20 minutos": 80 * time.Minute,
		"1 uur en 10 minuten": 70 * time.Minute, "1 час и 30 минути": 90 * time.Minute, "40 mínútur": 40 * time.Minute,
		"2 klst og 10 mín": 130 * time.Minute, "3 días": 72 * time.Hour,
	}
	for in, want := range cases {
		got, _, err := ParseDuration(in)
		if err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "soon", "-5m", "2 parsecs", "in 5 minutes", "1 hour 30", "20 minutes or so"} {
		if _, _, err := ParseDuration(bad); err == nil {
			t.Errorf("ParseDuration(%q) accepted", bad)
		}
	}
	// The error says which unit it does not know, for a message that
	// names it (one sentence in every language, not an English error).
	var unit UnknownUnitError
	if _, _, err := ParseDuration("3 weeks"); !errors.As(err, &unit) || unit.Unit != "weeks" {
		t.Errorf("ParseDuration(3 weeks): %v", err)
	}
	if _, _, err := ParseDuration("soon"); !errors.Is(err, ErrNotADuration) {
		t.Errorf("ParseDuration(soon): %v", err)
	}
	if got := FormatDuration(90 * time.Minute); got != "1h30m" {
		t.Errorf("FormatDuration = %s", got)
	}
}

func TestFrontMatterFormatsAndLines(t *testing.T) {
	cases := map[string]string{
		"yaml": "---\ntitle: Hello\ndigcomp: [2.2, \"3.1\"]\nlicense: CC-BY-4.0\nunknownKey: kept\n---\nBody\n",
		"toml": "+++\ntitle = \"Hello\"\ndigcomp = [\"2.2\", \"3.1\"]\nlicense = \"CC-BY-4.0\"\nunknownKey = \"kept\"\n+++\nBody\n",
		"json": "{\n\"title\": \"Hello\",\n\"digcomp\": [\"2.2\", \"3.1\"],\n\"license\": \"CC-BY-4.0\",\n\"unknownKey\": \"kept\"\n}\n\nBody\n",
	}
	for name, data := range cases {
		var d diag.List
		src := ParseSource("content/en/x.md", "en", "x.md", []byte(data), &d)
		if src == nil || d.HasErrors() {
			t.Fatalf("%s: %v", name, d)
		}
		m := src.Meta
		if m.Title != "Hello" || strings.Join(m.DigComp, ",") != "2.2,3.1" || m.Licence != "CC-BY-4.0" || m.Params["unknownKey"] != "kept" {
			t.Errorf("%s: decoded %+v", name, m)
		}
		if m.Lines["title"] != 2 || m.Lines["license"] != 4 {
			t.Errorf("%s: key lines %v", name, m.Lines)
		}
		if strings.TrimSpace(string(src.Body)) != "Body" {
			t.Errorf("%s: body %q", name, src.Body)
		}
	}
}

func TestBOMAndCRLF(t *testing.T) {
	var d diag.List
	src := ParseSource("content/en/x.md", "en", "x.md", []byte("\xEF\xBB\xBF---\r\ntitle: Windows\r\n---\r\nLine one\r\nLine two\r\n"), &d)
	if src == nil || src.Meta.Title != "Windows" || strings.Contains(string(src.Body), "\r") {
		t.Fatalf("BOM/CRLF file: %+v %v", src, d)
	}
}

func TestTypeSelectsKindOrResourceType(t *testing.T) {
	var d diag.List
	src := ParseSource("content/en/resources/x.md", "en", "resources/x.md", []byte("---\ntitle: X\ntype: worksheet\n---\n"), &d)
	if src.Meta.Type != "" || src.Meta.ResourceType != "worksheet" {
		t.Errorf("type: worksheet read as kind %q, resource type %q", src.Meta.Type, src.Meta.ResourceType)
	}
	src = ParseSource("content/en/stories/x.md", "en", "stories/x.md", []byte("---\ntitle: X\ntype: page\n---\n"), &d)
	if src.Meta.Type != "page" {
		t.Errorf("type: page read as %q", src.Meta.Type)
	}
}

// TestTranslationKeyIsASlug: a translation key names a page across
// languages and goes into calendar UIDs: letters, digits, "-", "_" and "."
// only, or an error naming the file and the line.
func TestTranslationKeyIsASlug(t *testing.T) {
	for _, key := range []string{`social-media`, `modul_3.2`, `Модул-1`, `w2`} {
		var d diag.List
		src := ParseSource("content/en/x.md", "en", "x.md", []byte("---\ntitle: X\ntranslationKey: "+key+"\n---\n"), &d)
		if d.HasErrors() || src.Meta.TranslationKey != key {
			t.Errorf("translationKey %q refused: %v", key, d)
		}
	}
	for _, key := range []string{`"w2\r\nATTACH:http://evil.example/x"`, `"a b"`, `"a;b"`, `"a,b"`, `"a\\b"`, `"../x"`, `"a/b"`, `"a:b"`} {
		var d diag.List
		ParseSource("content/en/x.md", "en", "x.md", []byte("---\ntitle: X\n\ntranslationKey: "+key+"\n---\n"), &d)
		errs := d.Errors()
		if len(errs) != 1 || errs[0].File != "content/en/x.md" || errs[0].Line != 4 || !strings.Contains(errs[0].Message, "translationKey") {
			t.Errorf("translationKey %s: %v, want one error at content/en/x.md:4", key, d)
		}
	}
}
