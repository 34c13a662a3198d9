package harvest

import (
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/oersite/oersite/generator/internal/partner"
)

// FuzzParsers feeds any bytes to every reader of partners' files, as a
// hostile or broken partner could: no reader may panic or return more
// records than asked, and what Clean keeps must be safe to show: http(s)
// addresses only, bounded texts without control characters, language tags
// of letters. The seeds run in every `go test`; `go test -fuzz FuzzParsers
// ./generator/internal/harvest/` searches further.
func FuzzParsers(f *testing.F) {
	for _, seed := range []string{
		`<?xml version="1.0"?><Repository xmlns="http://www.openarchives.org/OAI/2.0/static-repository"><ListRecords metadataPrefix="oai_dc"><record><header><identifier>oai:x:1</identifier><datestamp>2026-01-02</datestamp></header><metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Reviews</dc:title><dc:identifier>https://x.example/r/1</dc:identifier><dc:language>de</dc:language><dc:type>Text</dc:type><dc:rights>https://creativecommons.org/licenses/by/4.0/</dc:rights></oai_dc:dc></metadata></record></ListRecords></Repository>`,
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:e1@x\r\nDTSTART;TZID=Europe/Sofia:20270112T180000\r\nDURATION:PT90M\r\nSUMMARY;LANGUAGE=bg:Магазин\r\nDESCRIPTION:a\\, b\\nc\r\nURL:https://x.example/e\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
		`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de"><title>N</title><entry><title>T</title><id>https://x.example/a/1</id><link rel="alternate" href="https://x.example/a/1"/><updated>2026-10-30T08:00:00Z</updated><summary type="html">&lt;p&gt;Kurz&lt;/p&gt;</summary><category term="video"/></entry></feed>`,
		`{"@graph":[{"id":"https://x.example/r/1","name":{"es":"Hoja"},"inLanguage":["es"],"license":{"id":"https://creativecommons.org/licenses/by/4.0/"},"creator":[{"name":"Ana"}],"learningResourceType":[{"id":"https://w3id.org/kim/hcrt/course"}],"datePublished":"2026-05-06"},"x"]}`,
		`[{"id":"javascript:alert(1)","url":"javascript:alert(1)","name":"\u202eevil\u0007"}]`,
	} {
		f.Add([]byte(seed))
	}
	const max = 20
	f.Fuzz(func(t *testing.T, data []byte) {
		readers := map[string]func([]byte, int) ([]partner.Item, error){"oai-pmh": parseOAI, "atom": parseAtom, "amb": parseAMB}
		for name, read := range readers {
			items, err := read(data, max)
			if err == nil && len(items) > max {
				t.Fatalf("%s: %d items, asked for at most %d", name, len(items), max)
			}
			for _, it := range items {
				if it.Clean() {
					safeItem(t, name, it)
				}
			}
		}
		events, err := parseICal(data, "https://x.example/cal.ics", max)
		if err == nil && len(events) > max {
			t.Fatalf("ical: %d events, asked for at most %d", len(events), max)
		}
		for _, e := range events {
			if e.Clean() {
				safeEvent(t, e)
			}
		}
	})
}

func safeItem(t *testing.T, reader string, it partner.Item) {
	t.Helper()
	webAddress(t, reader+" item url", it.URL, false)
	for what, s := range map[string]string{"id": it.ID, "title": it.Title, "description": it.Description, "type": it.Type, "licence": it.Licence, "date": it.Date} {
		safeText(t, reader+" item "+what, s)
	}
	if it.Title == "" {
		t.Fatalf("%s: item kept without a title: %+v", reader, it)
	}
	for _, l := range it.Languages {
		languageTag(t, reader, l)
	}
	for _, s := range slices.Concat(it.Authors, it.Keywords) {
		safeText(t, reader+" item name or keyword", s)
	}
}

func safeEvent(t *testing.T, e partner.Event) {
	t.Helper()
	webAddress(t, "event url", e.URL, true)
	webAddress(t, "event feed", e.Feed, true)
	for what, s := range map[string]string{"id": e.ID, "title": e.Title, "description": e.Description} {
		safeText(t, "event "+what, s)
	}
	if e.Language != "" {
		languageTag(t, "ical", e.Language)
	}
	if e.End.Before(e.Start) || e.Start.Year() <= 1970 || e.Start.Year() >= 3000 {
		t.Fatalf("event kept with start %v and end %v", e.Start, e.End)
	}
}

func webAddress(t *testing.T, what, s string, empty bool) {
	t.Helper()
	if s == "" && empty {
		return
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(s, " <>\"") {
		t.Fatalf("%s %q kept: not an http(s) address", what, s)
	}
}

func safeText(t *testing.T, what, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%s %q kept: not UTF-8", what, s)
	}
	if utf8.RuneCountInString(s) > 2000 {
		t.Fatalf("%s kept with %d characters", what, utf8.RuneCountInString(s))
	}
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) && r != '\u200d' {
			t.Fatalf("%s %q kept with the control character %U", what, s, r)
		}
	}
}

func languageTag(t *testing.T, reader, l string) {
	t.Helper()
	if len(l) < 2 || len(l) > 3 || strings.Trim(l, "abcdefghijklmnopqrstuvwxyz") != "" {
		t.Fatalf("%s: language %q kept", reader, l)
	}
}
