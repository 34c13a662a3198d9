package scaffold

import (
	"strings"
	"testing"
	"time"

	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/content"
)

func TestTitleFromSlugKeepsProperNames(t *testing.T) {
	names := []string{"WhatsApp Business", "Google", "TikTok"}
	for slug, want := range map[string]string{
		"writing-posts":              "Writing posts",
		"01-setting-up":              "Setting up",
		"using-whatsapp-business":    "Using WhatsApp Business",
		"google-business-profile":    "Google business profile",
		"tiktok-for-bakers":          "TikTok for bakers",
		"googled-it":                 "Googled it", // a word that only begins like a name
		"whatsapp-business-whatsapp": "WhatsApp Business whatsapp",
	} {
		if got := TitleFromSlug(slug, names...); got != want {
			t.Errorf("TitleFromSlug(%q) = %q, want %q", slug, got, want)
		}
	}
}

// TestEveryScaffoldMarksItsPlaceholders: each kind's text to replace starts
// with the marker that check reports and that keeps the page a draft.
func TestEveryScaffoldMarksItsPlaceholders(t *testing.T) {
	d := NewData(config.Default(), "a-page", time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))
	for _, kind := range []string{"module", "lesson", "webinar", "resource"} {
		b, err := File(kind, d)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), content.Placeholder) {
			t.Errorf("the %s scaffold has no placeholder marker", kind)
		}
	}
}

func TestMarkTranslatedKeepsEveryOtherByte(t *testing.T) {
	day := time.Date(2026, 11, 12, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct{ in, want string }{
		{"---\r\ntitle: A\r\nneedsTranslation: true\r\ntranslatedFrom: 2026-01-01\r\n---\r\nBody\r\n", "---\r\ntitle: A\r\ntranslatedFrom: 2026-11-12\r\n---\r\nBody\r\n"},
		{"---\ntitle: A # kept\n---\nBody ---\n", "---\ntitle: A # kept\ntranslatedFrom: 2026-11-12\n---\nBody ---\n"},
		{"+++\ntitle = \"A\"\ntranslatedFrom = 2026-01-01\n+++\nBody\n", "+++\ntitle = \"A\"\ntranslatedFrom = 2026-11-12\n+++\nBody\n"},
	} {
		got, err := MarkTranslated([]byte(c.in), day)
		if err != nil || string(got) != c.want {
			t.Errorf("MarkTranslated(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	if _, err := MarkTranslated([]byte("{\"title\": \"A\"}\n"), day); err == nil {
		t.Error("JSON front matter: want an error")
	}
}
