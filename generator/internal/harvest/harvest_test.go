package harvest_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/harvest"
	"github.com/oersite/oersite/generator/internal/partner"
)

// fixture is a partner's web server on 127.0.0.1: it serves files with
// ETag and Last-Modified, answers conditional requests with 304, and
// counts what it sent.
type fixture struct {
	*httptest.Server
	mu    sync.Mutex
	files map[string][]byte
	full  atomic.Int64 // answers with a body
	all   atomic.Int64 // every request
}

func newFixture(t testing.TB, files map[string][]byte) *fixture {
	f := &fixture{files: files}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fixture) set(name string, data []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.files[name] = data
}

func (f *fixture) serve(w http.ResponseWriter, r *http.Request) {
	f.all.Add(1)
	f.mu.Lock()
	data, ok := f.files[strings.TrimPrefix(r.URL.Path, "/")]
	f.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	sum := sha256.Sum256(data)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", "Mon, 23 Nov 2026 10:00:00 GMT")
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	f.full.Add(1)
	_, _ = w.Write(data)
}

// partnerSite builds a small oersite site (a module, a resource in two
// languages, a webinar) and returns its output files.
func partnerSite(t *testing.T) map[string][]byte {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"config.toml": `baseURL = "https://partner.example.org/"
title = "Partner"
[languages.en]
name = "English"
weight = 1
[languages.it]
name = "Italiano"
weight = 2
[offline]
zip = false
`,
		"content/en/modules/online-shop/index.md": "---\ntitle: Your first online shop\nsummary: Open a small online shop in a weekend.\nduration: 2h\nlicence: CC-BY-4.0\ndate: 2026-10-01\n---\nBody.\n",
		"content/en/resources/shop-checklist.md":  "---\ntitle: Online shop checklist\nsummary: What to prepare before you open.\ntype: checklist\nlink: https://partner.example.org/files/c.pdf\ndate: 2026-10-02\n---\nBody.\n",
		"content/it/resources/shop-checklist.md":  "---\ntitle: Lista per il negozio online\nsummary: Cosa preparare prima di aprire.\ntype: checklist\nlink: https://partner.example.org/files/c.pdf\ndate: 2026-10-02\n---\nCorpo.\n",
		"content/en/webinars/shop-live.md":        "---\ntitle: Online shops live\nstart: 2026-12-10T17:00:00+01:00\nduration: 1h\njoin: https://meet.example.org/shop\nlanguage: en\n---\nBody.\n",
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
	if _, err := build.Build(context.Background(), build.Options{Source: dir, Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC), SearchInMemory: true}); err != nil {
		t.Fatalf("building the partner's site: %v", err)
	}
	out := map[string][]byte{}
	pub := filepath.Join(dir, "public")
	err := filepath.WalkDir(pub, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(pub, p)
		if b, err := os.ReadFile(p); err == nil {
			out[filepath.ToSlash(rel)] = b
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

const oaiRepo = `<?xml version="1.0" encoding="UTF-8"?>
<Repository xmlns="http://www.openarchives.org/OAI/2.0/static-repository" xmlns:oai="http://www.openarchives.org/OAI/2.0/">
  <Identify><oai:repositoryName>Archivio</oai:repositoryName><oai:baseURL>http://x/oai.xml</oai:baseURL><oai:protocolVersion>2.0</oai:protocolVersion></Identify>
  <ListRecords metadataPrefix="oai_dc">
    <oai:record>
      <oai:header><oai:identifier>oai:archivio:1</oai:identifier><oai:datestamp>2026-03-04</oai:datestamp></oai:header>
      <oai:metadata>
        <oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <dc:title>Fotografare i prodotti con il telefono</dc:title>
          <dc:creator>Rete Formazione Puglia</dc:creator>
          <dc:subject>fotografia</dc:subject>
          <dc:description>Luce, sfondo e inquadratura per foto che vendono.</dc:description>
          <dc:type>MovingImage</dc:type>
          <dc:identifier>https://archivio.example.it/risorse/foto-prodotti</dc:identifier>
          <dc:language>it</dc:language>
          <dc:rights>https://creativecommons.org/licenses/by-sa/4.0/</dc:rights>
        </oai_dc:dc>
      </oai:metadata>
    </oai:record>
    <oai:record>
      <oai:header><oai:identifier>oai:archivio:2</oai:identifier><oai:datestamp>2026-03-05</oai:datestamp></oai:header>
      <oai:metadata>
        <oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <dc:title>Record &lt;script&gt;alert(1)&lt;/script&gt; without an address</dc:title>
          <dc:identifier>javascript:alert(1)</dc:identifier>
        </oai_dc:dc>
      </oai:metadata>
    </oai:record>
  </ListRecords>
</Repository>
`

const icsFeed = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Sofia Tutors//EN\r\nBEGIN:VEVENT\r\nUID:evt-1@tutors.example.bg\r\nDTSTAMP:20261101T100000Z\r\nDTSTART:20261215T160000Z\r\nDTEND:20261215T170000Z\r\nSUMMARY;LANGUAGE=bg:Онлайн магазин за един ден\r\nDESCRIPTION:Как да отворите онлайн магазин\\, стъпка по стъпка.\r\nURL:https://tutors.example.bg/events/shop\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evt-2@tutors.example.bg\r\nDTSTAMP:20261101T100000Z\r\nDTSTART;TZID=Europe/Sofia:20270112T180000\r\nDURATION:PT90M\r\nSUMMARY:Reviews that help\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"

const atomFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
  <title>Netzwerk</title><id>urn:x</id><updated>2026-11-01T00:00:00Z</updated>
  <author><name>Digitalnetz Kassel</name></author>
  <rights>CC BY 4.0</rights>
  <entry>
    <title>Bewertungen beantworten</title><id>https://netz.example.de/a/1</id>
    <link rel="alternate" href="https://netz.example.de/a/1"/>
    <updated>2026-10-30T08:00:00Z</updated>
    <summary type="html">&lt;p&gt;Kurz und &lt;b&gt;freundlich&lt;/b&gt; antworten.&lt;/p&gt;</summary>
    <category term="video"/>
  </entry>
</feed>
`

const ambCatalog = `{"@graph": [
 {"@context": ["https://w3id.org/kim/amb/context.jsonld"], "id": "https://oer.example.es/r/1", "type": ["LearningResource"],
  "name": "Redes sociales para tu negocio", "description": "Primeros pasos.", "inLanguage": ["es"],
  "license": {"id": "https://creativecommons.org/licenses/by/4.0/"}, "creator": [{"type": "Person", "name": "Ana Ruiz"}],
  "learningResourceType": [{"id": "https://w3id.org/kim/hcrt/course"}], "datePublished": "2026-05-06"},
 {"id": "https://oer.example.es/r/2", "name": {"es": "Hoja de trabajo"}, "learningResourceType": [{"id": "https://w3id.org/kim/hcrt/worksheet"}]},
 {"id": "ftp://bad.example/x", "name": "Not linkable"},
 "not an object"
]}`

func partners(urls map[string]string) []config.Partner {
	var out []config.Partner
	for _, id := range []string{"oersite", "oai", "ical", "atom", "amb", "hostile"} {
		if u, ok := urls[id]; ok {
			out = append(out, config.Partner{ID: id, Name: strings.ToUpper(id), URL: u, Country: "IT"})
		}
	}
	return out
}

func fastOptions() harvest.Options {
	return harvest.Options{Timeout: 2 * time.Second, Retries: 1, Backoff: 10 * time.Millisecond, MaxBytes: 1 << 20}
}

func readItems(t *testing.T, site, id string) []partner.Item {
	t.Helper()
	var items []partner.Item
	b, err := os.ReadFile(filepath.Join(site, "data", "partners", id, partner.ItemsFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &items); err != nil {
		t.Fatal(err)
	}
	return items
}

func readEvents(t *testing.T, site, id string) []partner.Event {
	t.Helper()
	var evs []partner.Event
	b, err := os.ReadFile(filepath.Join(site, "data", "partners", id, partner.EventsFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &evs); err != nil {
		t.Fatal(err)
	}
	return evs
}

// snapshot returns every file under dir with its bytes.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[rel] = string(b)
		}
		return nil
	})
	return out
}

// TestHarvestEachShape harvests an oersite site, an OAI-PMH static
// repository, an iCalendar feed, an Atom feed and an AMB catalogue served
// on 127.0.0.1, then harvests again: every server answers 304 and
// nothing on disk changes.
func TestHarvestEachShape(t *testing.T) {
	site := partnerSite(t)
	oersite := newFixture(t, site)
	oai := newFixture(t, map[string][]byte{"oai.xml": []byte(oaiRepo)})
	ics := newFixture(t, map[string][]byte{"events.ics": []byte(icsFeed)})
	atom := newFixture(t, map[string][]byte{"feed.xml": []byte(atomFeed)})
	amb := newFixture(t, map[string][]byte{"api/catalogue": []byte(ambCatalog)})
	ps := partners(map[string]string{
		"oersite": oersite.URL + "/", "oai": oai.URL + "/oai.xml", "ical": ics.URL + "/events.ics",
		"atom": atom.URL + "/feed.xml", "amb": amb.URL + "/api/catalogue",
	})
	dir := t.TempDir()
	res, err := harvest.Run(context.Background(), dir, ps, fastOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Status != harvest.Updated {
			t.Fatalf("%s: %s %v", r.ID, r.Status, r.Err)
		}
	}
	items := readItems(t, dir, "oersite")
	if len(items) != 3 {
		t.Fatalf("oersite: want the module and the resource in two languages, got %+v", items)
	}
	var mod partner.Item
	for _, it := range items {
		if it.Type == "course" {
			mod = it
		}
	}
	if mod.Title != "Your first online shop" || mod.URL != "https://partner.example.org/en/modules/online-shop/" ||
		mod.Licence != "https://creativecommons.org/licenses/by/4.0/" || len(mod.Languages) != 1 || mod.Languages[0] != "en" {
		t.Errorf("oersite module: %+v", mod)
	}
	evs := readEvents(t, dir, "oersite")
	if len(evs) != 1 || evs[0].Title != "Online shops live" || !evs[0].Start.Equal(time.Date(2026, 12, 10, 16, 0, 0, 0, time.UTC)) || evs[0].Language != "en" {
		t.Errorf("oersite events: %+v", evs)
	}
	oaiItems := readItems(t, dir, "oai")
	if len(oaiItems) != 1 || oaiItems[0].Type != "video" || oaiItems[0].URL != "https://archivio.example.it/risorse/foto-prodotti" || oaiItems[0].Languages[0] != "it" {
		t.Errorf("oai: a record without an http(s) address is left out, the other kept: %+v", oaiItems)
	}
	icsEvs := readEvents(t, dir, "ical")
	if len(icsEvs) != 2 || icsEvs[0].Language != "bg" || !strings.Contains(icsEvs[0].Description, "магазин, стъпка") ||
		!icsEvs[1].Start.Equal(time.Date(2027, 1, 12, 16, 0, 0, 0, time.UTC)) || icsEvs[1].End.Sub(icsEvs[1].Start) != 90*time.Minute {
		t.Errorf("ical: %+v", icsEvs)
	}
	atomItems := readItems(t, dir, "atom")
	if len(atomItems) != 1 || atomItems[0].Description != "Kurz und freundlich antworten." || atomItems[0].Type != "video" || atomItems[0].Authors[0] != "Digitalnetz Kassel" {
		t.Errorf("atom: %+v", atomItems)
	}
	ambItems := readItems(t, dir, "amb")
	if len(ambItems) != 2 || ambItems[0].Type != "course" || ambItems[1].Title != "Hoja de trabajo" {
		t.Errorf("amb: %+v", ambItems)
	}

	before := snapshot(t, dir)
	servers := []*fixture{oersite, oai, ics, atom, amb}
	var fullBefore []int64
	for _, s := range servers {
		fullBefore = append(fullBefore, s.full.Load())
	}
	res, err = harvest.Run(context.Background(), dir, ps, fastOptions())
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if r.Status != harvest.Unchanged || r.Downloaded != 0 {
			t.Errorf("re-harvest of %s: %s, %d downloaded (%v)", r.ID, r.Status, r.Downloaded, r.Err)
		}
		if got := servers[i].full.Load(); got != fullBefore[i] {
			t.Errorf("re-harvest of %s: the server sent %d bodies; want only 304s", r.ID, got-fullBefore[i])
		}
	}
	if after := snapshot(t, dir); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("an unchanged re-harvest changed files on disk")
	}

	// A changed calendar: only it is downloaded again, and only the events change.
	ics.set("events.ics", []byte(strings.Replace(icsFeed, "Reviews that help", "Reviews that help (new date)", 1)))
	res, _ = harvest.Run(context.Background(), dir, ps, fastOptions())
	for _, r := range res {
		want := harvest.Unchanged
		if r.ID == "ical" {
			want = harvest.Updated
		}
		if r.Status != want {
			t.Errorf("after one change, %s: %s (%v)", r.ID, r.Status, r.Err)
		}
	}
	if evs := readEvents(t, dir, "ical"); evs[1].Title != "Reviews that help (new date)" {
		t.Errorf("changed calendar not harvested: %+v", evs)
	}
}

// TestHostilePartner: a partner whose files are huge, drip slowly, do not
// parse, redirect to another host or inflate without end changes nothing
// on disk: its last good data stays, and the report says why.
func TestHostilePartner(t *testing.T) {
	good := []byte(ambCatalog)
	var zb bytes.Buffer
	gz, _ := gzip.NewWriterLevel(&zb, gzip.BestCompression)
	zeros := make([]byte, 1<<20)
	for i := 0; i < 16; i++ { // 16 MiB of zeros in about 16 KB, sixteen times the limit
		_, _ = gz.Write(zeros)
	}
	_ = gz.Close()
	bomb := zb.Bytes()
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write(good) }))
	defer other.Close()
	var mode atomic.Value
	mode.Store("good")
	done := make(chan struct{})
	defer close(done)
	hostile := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch mode.Load().(string) {
		case "good":
			_, _ = w.Write(good)
		case "huge":
			w.Header().Set("Content-Length", fmt.Sprint(3<<20))
			_, _ = w.Write(bytes.Repeat([]byte(" "), 3<<20))
		case "huge-chunked":
			for i := 0; i < 40; i++ {
				_, _ = w.Write(bytes.Repeat([]byte("["), 64<<10))
			}
		case "slow":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(200)
			for i := 0; i < 100; i++ {
				if _, err := w.Write([]byte(" ")); err != nil {
					return
				}
				w.(http.Flusher).Flush()
				select {
				case <-time.After(50 * time.Millisecond):
				case <-r.Context().Done():
					return
				case <-done:
					return
				}
			}
		case "malformed-json":
			_, _ = w.Write([]byte(`[{"id": "https://x.example/1", "name": "half`))
		case "malformed-xml":
			_, _ = w.Write([]byte(`<?xml version="1.0"?><Repository><ListRecords><record></Repository>`))
		case "redirect":
			http.Redirect(w, r, other.URL+"/catalogue", http.StatusFound)
		case "gzip-bomb":
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = w.Write(bomb)
		case "gone":
			http.Error(w, "gone", http.StatusGone)
		case "error":
			http.Error(w, "oops", http.StatusInternalServerError)
		}
	}))
	defer hostile.Close()
	ps := []config.Partner{{ID: "hostile", Name: "Hostile", URL: hostile.URL + "/catalogue", Format: "amb"}}
	dir := t.TempDir()
	opt := fastOptions()
	opt.Timeout = 500 * time.Millisecond
	res, _ := harvest.Run(context.Background(), dir, ps, opt)
	if res[0].Status != harvest.Updated {
		t.Fatalf("first harvest: %s %v", res[0].Status, res[0].Err)
	}
	before := snapshot(t, filepath.Join(dir, "data"))
	for _, m := range []struct{ mode, says string }{
		{"huge", "more than"}, {"huge-chunked", "larger than"}, {"slow", "Client.Timeout"},
		{"malformed-json", "not valid JSON"}, {"malformed-xml", "not valid JSON"},
		{"redirect", "another host"}, {"gzip-bomb", "larger than"}, {"error", "500"},
	} {
		mode.Store(m.mode)
		t0 := time.Now()
		res, err := harvest.Run(context.Background(), dir, ps, opt)
		if err != nil {
			t.Fatal(err)
		}
		r := res[0]
		if r.Status != harvest.Failed || r.Err == nil || !strings.Contains(r.Err.Error(), m.says) {
			t.Errorf("%s: want a failure saying %q, got %s %v", m.mode, m.says, r.Status, r.Err)
		}
		if took := time.Since(t0); took > 4*time.Second {
			t.Errorf("%s: took %s", m.mode, took)
		}
		if r.Items != 2 {
			t.Errorf("%s: the report should count the last good data (2 items), got %d", m.mode, r.Items)
		}
		if after := snapshot(t, filepath.Join(dir, "data")); fmt.Sprint(after) != fmt.Sprint(before) {
			t.Errorf("%s: a failed harvest changed the files on disk", m.mode)
		}
	}
	// A host the partner vouches for may be redirected to.
	mode.Store("redirect")
	ps[0].RedirectHosts = []string{strings.TrimPrefix(other.URL, "http://")}
	res, _ = harvest.Run(context.Background(), dir, ps, opt)
	if res[0].Status == harvest.Failed {
		t.Errorf("redirect to a listed host: %v", res[0].Err)
	}
}

// TestHarvestOnlyWebAddresses: a partner url that is not http(s) is refused
// before anything is fetched, and nothing is written for it.
func TestHarvestOnlyWebAddresses(t *testing.T) {
	dir := t.TempDir()
	res, _ := harvest.Run(context.Background(), dir, []config.Partner{{ID: "x", Name: "X", URL: "file:///etc/passwd"}}, fastOptions())
	if res[0].Status != harvest.Failed {
		t.Fatalf("file:// accepted: %+v", res[0])
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "partners", "x")); err == nil {
		t.Error("a folder was written for a refused partner")
	}
}

// TestBrokenCalendarFailsOnlyItsPartner: a calendar line the iCalendar
// reader panics on ("0;0=", found by FuzzParsers) once stopped the whole
// `oersite harvest` run with a stack trace. Now that partner fails with a
// message, its last data stays, and the other partners are harvested.
func TestBrokenCalendarFailsOnlyItsPartner(t *testing.T) {
	good := newFixture(t, map[string][]byte{"cal.ics": []byte(icsFeed)})
	broken := newFixture(t, map[string][]byte{"cal.ics": []byte(icsFeed)})
	ps := []config.Partner{
		{ID: "ical", Name: "Good", URL: good.URL + "/cal.ics", Country: "BG"},
		{ID: "hostile", Name: "Broken", URL: broken.URL + "/cal.ics", Country: "BG"},
	}
	dir := t.TempDir()
	if res, err := harvest.Run(context.Background(), dir, ps, fastOptions()); err != nil || res[1].Status != harvest.Updated {
		t.Fatalf("first harvest: %v %+v", err, res)
	}
	before := snapshot(t, filepath.Join(dir, "data", "partners", "hostile"))
	broken.set("cal.ics", []byte("BEGIN:VCALENDAR\r\n0;0=\r\nEND:VCALENDAR\r\n"))
	good.set("cal.ics", []byte(strings.Replace(icsFeed, "Reviews that help", "Reviews that help, again", 1)))
	res, err := harvest.Run(context.Background(), dir, ps, fastOptions())
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Status != harvest.Updated {
		t.Errorf("the good partner: %s %v", res[0].Status, res[0].Err)
	}
	if r := res[1]; r.Status != harvest.Failed || r.Err == nil || !strings.Contains(r.Err.Error(), "does not parse") {
		t.Errorf("the broken partner: want a failure saying the calendar does not parse, got %s %v", r.Status, r.Err)
	}
	if after := snapshot(t, filepath.Join(dir, "data", "partners", "hostile")); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("the broken partner's last data changed:\nbefore %v\nafter  %v", before, after)
	}
}
