package harvest_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/harvest"
)

// harvestingSite is a small site of two languages that names the partners
// given in [[partners]].
func harvestingSite(t testing.TB, ps []config.Partner) string {
	t.Helper()
	dir := t.TempDir()
	var cfg strings.Builder
	cfg.WriteString("baseURL = \"https://ours.example.org/\"\ntitle = \"Ours\"\n[languages.en]\nname = \"English\"\nweight = 1\n[languages.it]\nname = \"Italiano\"\nweight = 2\n[offline]\nzip = false\n")
	for _, p := range ps {
		fmt.Fprintf(&cfg, "[[partners]]\nid = %q\nname = %q\ncountry = %q\nurl = %q\nlicence = %q\n", p.ID, p.Name, p.Country, p.URL, p.Licence)
	}
	files := map[string]string{
		"config.toml":                   cfg.String(),
		"content/en/_index.md":          "---\ntitle: Home\n---\nWelcome.\n",
		"content/it/_index.md":          "---\ntitle: Benvenuti\n---\nBenvenuti.\n",
		"content/en/webinars/_index.md": "---\ntitle: Webinars\n---\n",
		"content/en/webinars/ours.md":   "---\ntitle: Our own webinar\nstart: 2026-12-01T17:00:00+01:00\nduration: 1h\njoin: https://meet.example.org/ours\n---\nBody.\n",
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func buildHarvested(t *testing.T, dir string) *build.Result {
	t.Helper()
	res, err := build.Build(context.Background(), build.Options{Source: dir, Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC), SearchInMemory: true})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return res
}

func output(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "public", filepath.FromSlash(name)))
	if err != nil {
		t.Fatalf("output %s: %v", name, err)
	}
	return string(b)
}

func mustContain(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

// searchFiles returns the text of a language's search index files.
func searchFiles(t *testing.T, dir, lang string) string {
	t.Helper()
	var b strings.Builder
	files, _ := filepath.Glob(filepath.Join(dir, "public", "_search", lang, "*.js"))
	for _, f := range files {
		data, _ := os.ReadFile(f)
		b.Write(data)
	}
	if b.Len() == 0 {
		t.Fatalf("no search index for %s", lang)
	}
	return b.String()
}

// TestHarvestedPartnersInTheBuild harvests three partners served on
// 127.0.0.1 (an oersite site, an OAI-PMH static repository, an iCalendar
// feed) and a hostile one, builds the harvesting site, and looks at what
// readers get: the partners' catalogue with its filters, attribution and
// licence on every item, links out, partner items in search labelled
// with their partner, partner events beside the webinars and in the
// calendar. Then one partner disappears (404) and another turns hostile:
// the build keeps their last data, with a warning for the one gone.
func TestHarvestedPartnersInTheBuild(t *testing.T) {
	oersite := newFixture(t, partnerSite(t))
	oai := newFixture(t, map[string][]byte{"oai.xml": []byte(oaiRepo)})
	ics := newFixture(t, map[string][]byte{"events.ics": []byte(icsFeed)})
	var hostileMode atomic.Value
	hostileMode.Store("good")
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(ambCatalog)) }))
	defer elsewhere.Close()
	hostile := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hostileMode.Load() == "redirect" {
			http.Redirect(w, r, elsewhere.URL+"/x", http.StatusFound)
			return
		}
		_, _ = w.Write([]byte(ambCatalog))
	}))
	defer hostile.Close()
	ps := []config.Partner{
		{ID: "shop-network", Name: "Shop Network", Country: "DE", URL: oersite.URL + "/"},
		{ID: "archivio", Name: "Archivio Puglia", Country: "IT", URL: oai.URL + "/oai.xml"},
		{ID: "sofia-tutors", Name: "Sofia Tutors", Country: "BG", URL: ics.URL + "/events.ics"},
		{ID: "redes", Name: "Redes", Country: "ES", URL: hostile.URL + "/catalogue", Licence: "CC-BY-SA-4.0"},
	}
	dir := harvestingSite(t, ps)
	res, err := harvest.Run(context.Background(), dir, ps, fastOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Status != harvest.Updated {
			t.Fatalf("%s: %s %v", r.ID, r.Status, r.Err)
		}
	}
	buildHarvested(t, dir)

	cat := output(t, dir, "en/partners/index.html")
	mustContain(t, "the catalogue", cat,
		"Your first online shop", "Fotografare i prodotti con il telefono", "Redes sociales para tu negocio",
		// attribution, licence, links out that are not endorsements
		"From Shop Network", "From Archivio Puglia", "From Redes",
		`href="https://partner.example.org/en/modules/online-shop/" rel="external nofollow"`,
		`rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/"`, // the OAI record's own licence
		`href="https://archivio.example.it/risorse/foto-prodotti"`,
		// the filters, each a page for readers without JavaScript
		`partners/partner/archivio/"`, `partners/country/it/"`, `partners/language/it/"`,
		`partners/type/video/"`, `data-facet="licence"`,
		"_partners/catalogue.js", "js/filters.")
	if strings.Contains(cat, "<script>alert") || strings.Contains(cat, "javascript:") {
		t.Error("a hostile record reached the catalogue")
	}
	// A record without a licence of its own gets its partner's default.
	if !strings.Contains(cat, "Hoja de trabajo") || strings.Count(cat, `href="https://creativecommons.org/licenses/by-sa/4.0/"`) < 2 {
		t.Error("the AMB worksheet without a licence should show its partner's default (CC BY-SA 4.0)")
	}
	// Every card names its partner and a licence (or says there is none).
	if cards, named := strings.Count(cat, `class="card card-partner"`), strings.Count(cat, `class="kind">From `); cards == 0 || cards != named {
		t.Errorf("%d partner cards, %d naming their partner", cards, named)
	}
	filtered := output(t, dir, "en/partners/country/it/index.html")
	mustContain(t, "the Italy filter page", filtered, "Fotografare i prodotti con il telefono", `aria-current="page"`)
	if strings.Contains(filtered, "Redes sociales") {
		t.Error("the Italy filter page lists a Spanish partner's item")
	}
	mustContain(t, "the Italian catalogue", output(t, dir, "it/partners/index.html"), "Dai nostri partner", "Da Archivio Puglia")
	mustContain(t, "the catalogue data", output(t, dir, "_partners/catalogue.js"), "window.oersitePartners=", "Archivio Puglia")
	// Partner items are not pages of this site.
	if _, err := os.Stat(filepath.Join(dir, "public", "en", "partners", "archivio")); err == nil {
		t.Error("a partner item was published as a page of this site")
	}

	// Search: partner items are found, link out, and carry their partner.
	idx := searchFiles(t, dir, "en")
	mustContain(t, "the English search index", idx, "https://partner.example.org/en/modules/online-shop/", "Shop Network")
	mustContain(t, "the Italian search index", searchFiles(t, dir, "it"), "https://archivio.example.it/risorse/foto-prodotti", "Archivio Puglia")

	// Webinars and calendars: the partners' events beside ours, named.
	web := output(t, dir, "en/webinars/index.html")
	mustContain(t, "the webinars list", web, "Our own webinar", "Events from our partners", "From Sofia Tutors",
		"Онлайн магазин за един ден", `href="https://tutors.example.bg/events/shop"`, "Online shops live", "From Shop Network")
	// Their times are written for the visitor's clock as our webinars' are
	// (site.js rewrites every time[data-when-text]): before, a card showed
	// the harvested UTC time with "UTC" after it and nothing rewrote it.
	if i := strings.Index(web, "Events from our partners"); i < 0 || !strings.Contains(web[i:], `<time class="when" datetime="`) ||
		!strings.Contains(web[i:], ` data-when-text="`) || strings.Contains(web[i:], "data-local") {
		t.Errorf("the partners' events do not give their times to the script that shows them on the visitor's clock: %.1500s", web[max(i, 0):])
	}
	ical := output(t, dir, "en/webinars/webinars.ics")
	mustContain(t, "the calendar", strings.ReplaceAll(ical, "\r\n ", ""), "UID:partner-sofia-tutors-evt-1@tutors.example.bg",
		"SUMMARY:Reviews that help", `ORGANIZER;CN="Sofia Tutors":`, "DESCRIPTION:Sofia Tutors")

	// One partner disappears, another turns hostile.
	oai.mu.Lock()
	delete(oai.files, "oai.xml")
	oai.mu.Unlock()
	hostileMode.Store("redirect")
	before := snapshot(t, filepath.Join(dir, "data", "partners", "redes"))
	res, _ = harvest.Run(context.Background(), dir, ps, fastOptions())
	for _, r := range res {
		want := harvest.Unchanged
		if r.ID == "archivio" || r.ID == "redes" {
			want = harvest.Failed
		}
		if r.Status != want {
			t.Errorf("second harvest of %s: %s (%v)", r.ID, r.Status, r.Err)
		}
	}
	if after := snapshot(t, filepath.Join(dir, "data", "partners", "redes")); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Error("the hostile partner's harvest changed its files")
	}
	b := buildHarvested(t, dir)
	cat = output(t, dir, "en/partners/index.html")
	mustContain(t, "the catalogue after the failures", cat, "Fotografare i prodotti con il telefono", "Redes sociales para tu negocio")
	var warned bool
	for _, d := range b.Diags.Warnings() {
		warned = warned || strings.Contains(d.String(), `"archivio" was not found`)
	}
	if !warned {
		t.Errorf("no warning about the partner gone: %v", b.Diags)
	}

	// Back again: the mark goes.
	oai.set("oai.xml", []byte(oaiRepo))
	res, _ = harvest.Run(context.Background(), dir, ps[1:2], fastOptions())
	if res[0].Status == harvest.Failed {
		t.Fatalf("the partner back: %v", res[0].Err)
	}
	b = buildHarvested(t, dir)
	for _, d := range b.Diags.Warnings() {
		if strings.Contains(d.String(), "was not found") {
			t.Errorf("still warned after the partner came back: %s", d)
		}
	}
}
