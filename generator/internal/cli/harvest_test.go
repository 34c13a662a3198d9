package cli

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

// TestHarvestSaysWhatItDidInTheAuthorsLanguage: `oersite harvest` under a
// German locale reports each partner in German, with the counts in their
// plural forms: updated, then unchanged, and a partner whose server fails
// as a warning (the first harvest of it, so no data is kept).
func TestHarvestSaysWhatItDidInTheAuthorsLanguage(t *testing.T) {
	const ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\nUID:e1@example.org\r\nDTSTAMP:20261101T100000Z\r\n" +
		"DTSTART:20271215T160000Z\r\nDTEND:20271215T170000Z\r\nSUMMARY:Reviews that help\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/cal.ics" {
			w.Header().Set("Content-Type", "text/calendar")
			w.Write([]byte(ics))
			return
		}
		http.Error(w, "down", http.StatusInternalServerError)
	}))
	defer srv.Close()
	partner := func(id, path string) string {
		return "[[partners]]\nid = \"" + id + "\"\nname = \"" + id + "\"\ncountry = \"DE\"\nlanguages = [\"en\"]\nurl = \"" + srv.URL + path + "\"\nformat = \"ical\"\n"
	}
	dir := writeSite(t, map[string]string{
		"config.toml":          "baseURL = \"https://example.org/\"\n[languages.en]\nname = \"English\"\n" + partner("kal", "/cal.ics") + partner("weg", "/gone.ics"),
		"content/en/_index.md": "---\ntitle: Home\nsummary: Home.\n---\nHome.\n",
	})
	de := func(k string) string { return map[string]string{"LANG": "de_DE.UTF-8"}[k] }
	harvest := func() string {
		var out bytes.Buffer
		run(context.Background(), []string{"harvest", "--source", dir, "--retries", "0", "--timeout", "5s"}, &cli{stdout: &out, stderr: &out, getenv: de})
		return out.String()
	}
	first := harvest()
	for _, want := range []string{`(?m)^kal: aktualisiert: 0 Einträge, 1 Veranstaltung \(1 Datei, \d+ Bytes heruntergeladen\)$`,
		`(?m)^Warnung: weg: nicht abgerufen, die zuletzt abgerufenen Daten \(0 Einträge, 0 Veranstaltungen\) bleiben erhalten: `,
		`(?m)^Prüfen Sie data/partners/`} {
		if !regexp.MustCompile(want).MatchString(first) {
			t.Errorf("first harvest lacks %s:\n%s", want, first)
		}
	}
	if second := harvest(); !strings.Contains(second, "kal: unverändert (0 Einträge, 1 Veranstaltung)") {
		t.Errorf("second harvest:\n%s", second)
	}
	if strings.Contains(first, "updated") || strings.Contains(first, "warning:") {
		t.Errorf("English in the German report:\n%s", first)
	}
}
