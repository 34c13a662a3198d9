package site_test

import (
	"testing"
	"time"
)

// TestPagesShareTheirSourcesFrontMatter: a page points to its source's
// front matter (one copy of it in memory, not two); a webinar whose start is
// carried into its time zone gets its own copy, the source's start staying
// as written; a generated page has an empty front matter, never none.
func TestPagesShareTheirSourcesFrontMatter(t *testing.T) {
	s := assemble(t, map[string]string{
		"config.toml":                   "baseURL = \"https://x.example/\"\n[languages.en]\nname = \"English\"\n",
		"content/en/modules/m.md":       "---\ntitle: M\n---\nText.\n",
		"content/en/webinars/w.md":      "---\ntitle: W\nstart: 2026-12-10T18:00:00\ntimezone: Europe/Rome\n---\nText.\n",
		"content/en/webinars/_index.md": "---\ntitle: Webinars\n---\n",
	})
	seen := 0
	for _, p := range s.Pages {
		if p.Meta == nil {
			t.Fatalf("%s (%s) has no front matter", p.URL, p.Kind)
		}
		if p.Source == nil {
			continue
		}
		switch p.Source.Rel {
		case "modules/m.md":
			seen++
			if p.Meta != &p.Source.Meta {
				t.Errorf("%s holds a copy of its source's front matter", p.URL)
			}
		case "webinars/w.md":
			seen++
			if p.Meta == &p.Source.Meta {
				t.Errorf("%s: the time zone was fixed in the source's front matter", p.URL)
			}
			if loc := p.Meta.Start.Location().String(); loc != "Europe/Rome" {
				t.Errorf("%s: start in %s, want Europe/Rome", p.URL, loc)
			}
			if written := p.Source.Meta.Start; !written.Equal(time.Date(2026, 12, 10, 18, 0, 0, 0, time.UTC)) || written.Location() != time.UTC {
				t.Errorf("%s: the source's start became %v", p.URL, written)
			}
		}
	}
	if seen != 2 {
		t.Fatalf("found %d of the two pages", seen)
	}
}
