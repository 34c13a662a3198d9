package oer_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"
	"golang.org/x/tools/txtar"

	"github.com/oersite/oersite/generator/internal/build"
)

const fixture = `-- config.toml --
baseURL = "https://oer.example.org/"
title = "OER test"
contact = "hello@oer.example.org"
[oer]
publisher = "Test partnership"
publisherURL = "https://oer.example.org/"
defaultLicence = "CC-BY-SA-4.0"
funder = "A funder"
[vocabulary.audiences]
sme-workers = "professional"
young-tutors = "peerTutor"
[languages.en]
name = "English"
weight = 1
[languages.it]
name = "Italiano"
weight = 2
-- content/en/modules/posts/index.md --
---
title: Writing posts
summary: Posts that customers read.
audience: [sme-workers]
level: beginner
duration: 1h30m
digcomp: ["2.2", "3.1"]
licence: CC-BY-4.0
authors: ["Ana Pérez", "Test partnership"]
keywords: [posts, writing]
date: 2026-02-16
lastmod: 2026-09-04
---
Intro.
-- content/en/modules/posts/01-first.md --
---
title: The first line
weight: 1
---
Lesson.
-- content/it/modules/posts/index.md --
---
title: Scrivere post
summary: Post che i clienti leggono.
audience: [sme-workers]
level: beginner
duration: 1h30m
digcomp: ["2.2"]
licence: CC-BY-4.0
date: 2026-03-01
---
Introduzione.
-- content/en/resources/checklist/index.md --
---
title: Posting checklist, "printable"
summary: A one-page checklist.
type: checklist
file: checklist.pdf
source:
  title: DigComp 2.2
  author: European Commission JRC
  url: https://publications.jrc.ec.europa.eu/repository/handle/JRC128415
  licence: CC-BY-4.0
date: 2026-04-01
---
Use it.
-- content/en/resources/checklist/checklist.pdf --
%PDF-1.4
-- content/en/webinars/live.md --
---
title: A very long webinar title that goes on and on so that the summary line must be folded, with ünïcödé
summary: Learn; ask, practise — together.
start: 2027-01-21T18:00:00+01:00
timezone: Europe/Rome
duration: 1h
join: https://meet.example.org/room
presenter: Giulia Ferri
language: it
date: 2026-11-02
---
Come along.
`

func buildFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(fixture)).Files {
		p := filepath.Join(dir, f.Name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, f.Data, 0o644)
	}
	_, err := build.Build(context.Background(), build.Options{Source: dir, Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "public")
}

func read(t *testing.T, dir, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, p))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var ldRE = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

func jsonLD(t *testing.T, dir, p string) map[string]any {
	t.Helper()
	m := ldRE.FindSubmatch(read(t, dir, p))
	if m == nil {
		t.Fatalf("%s has no JSON-LD", p)
	}
	var o map[string]any
	if err := json.Unmarshal(m[1], &o); err != nil {
		t.Fatalf("%s: JSON-LD does not parse: %v", p, err)
	}
	return o
}

// checkAMB encodes the AMB profile's required fields and value shapes.
func checkAMB(t *testing.T, where string, o map[string]any) {
	t.Helper()
	ctx, _ := o["@context"].([]any)
	if len(ctx) == 0 || ctx[0] != "https://w3id.org/kim/amb/context.jsonld" {
		t.Errorf("%s: @context %v", where, o["@context"])
	}
	hasLang := false
	for _, c := range ctx {
		if m, ok := c.(map[string]any); ok && m["@language"] != "" {
			hasLang = true
		}
	}
	if !hasLang {
		t.Errorf("%s: @context lacks @language", where)
	}
	if id, _ := o["id"].(string); !strings.HasPrefix(id, "https://") {
		t.Errorf("%s: id %v", where, o["id"])
	}
	if name, _ := o["name"].(string); name == "" {
		t.Errorf("%s: no name", where)
	}
	types, _ := o["type"].([]any)
	if len(types) == 0 || types[0] != "LearningResource" {
		t.Errorf("%s: type %v", where, o["type"])
	}
	if langs, _ := o["inLanguage"].([]any); len(langs) == 0 {
		t.Errorf("%s: inLanguage %v", where, o["inLanguage"])
	}
	if lic, _ := o["license"].(map[string]any); lic == nil || !strings.HasPrefix(lic["id"].(string), "https://creativecommons.org/") {
		t.Errorf("%s: license %v", where, o["license"])
	}
	for _, key := range []string{"creator", "publisher"} {
		list, _ := o[key].([]any)
		for _, c := range list {
			m := c.(map[string]any)
			if m["type"] == nil || m["name"] == nil {
				t.Errorf("%s: %s entry without type or name: %v", where, key, m)
			}
		}
	}
	for _, key := range []string{"teaches", "audience", "learningResourceType", "educationalLevel"} {
		list, ok := o[key].([]any)
		if !ok && o[key] != nil {
			t.Errorf("%s: %s is not an array", where, key)
		}
		for _, c := range list {
			m := c.(map[string]any)
			if id, _ := m["id"].(string); !strings.HasPrefix(id, "http") {
				t.Errorf("%s: %s entry without id: %v", where, key, m)
			}
			if key != "learningResourceType" || m["prefLabel"] != nil {
				if pl, ok := m["prefLabel"].(map[string]any); !ok || len(pl) == 0 {
					t.Errorf("%s: %s entry prefLabel is not a language map: %v", where, key, m)
				}
			}
		}
	}
	if o["isAccessibleForFree"] != true {
		t.Errorf("%s: isAccessibleForFree %v", where, o["isAccessibleForFree"])
	}
}

func TestJSONLDIsAMBAndSchemaOrg(t *testing.T) {
	dir := buildFixture(t)
	mod := jsonLD(t, dir, "en/modules/posts/index.html")
	checkAMB(t, "module", mod)
	if mod["duration"] != "PT1H30M" || mod["dateModified"] != "2026-09-04" {
		t.Errorf("module duration/dates: %v %v", mod["duration"], mod["dateModified"])
	}
	teaches := mod["teaches"].([]any)
	if len(teaches) != 2 || !strings.Contains(teaches[0].(map[string]any)["prefLabel"].(map[string]any)["en"].(string), "Sharing") {
		t.Errorf("teaches %v", teaches)
	}
	aud := mod["audience"].([]any)[0].(map[string]any)
	if aud["id"] != "http://purl.org/dcx/lrmi-vocabs/educationalAudienceRole/professional" {
		t.Errorf("audience %v", aud)
	}
	if hp := mod["hasPart"].([]any); len(hp) != 1 {
		t.Errorf("hasPart %v", hp)
	}
	if wt := mod["workTranslation"].([]any); len(wt) != 1 || wt[0].(map[string]any)["id"] != "https://oer.example.org/it/modules/posts/" {
		t.Errorf("workTranslation %v", mod["workTranslation"])
	}
	it := jsonLD(t, dir, "it/modules/posts/index.html")
	checkAMB(t, "it module", it)
	if tw := it["translationOfWork"].([]any); tw[0].(map[string]any)["id"] != "https://oer.example.org/en/modules/posts/" {
		t.Errorf("translationOfWork %v", it["translationOfWork"])
	}
	lesson := jsonLD(t, dir, "en/modules/posts/01-first/index.html")
	checkAMB(t, "lesson", lesson)
	if ip := lesson["isPartOf"].([]any); ip[0].(map[string]any)["id"] != "https://oer.example.org/en/modules/posts/" {
		t.Errorf("isPartOf %v", ip)
	}
	res := jsonLD(t, dir, "en/resources/checklist/index.html")
	checkAMB(t, "resource", res)
	if res["isBasedOn"] == nil {
		t.Error("resource adapted from a source has no isBasedOn")
	}
	ev := jsonLD(t, dir, "en/webinars/live/index.html")
	if ev["@type"] != "Event" || ev["eventAttendanceMode"] != "https://schema.org/OnlineEventAttendanceMode" || ev["startDate"] != "2027-01-21T18:00:00+01:00" {
		t.Errorf("event %v", ev)
	}
	if loc := ev["location"].(map[string]any); loc["@type"] != "VirtualLocation" || loc["url"] != "https://meet.example.org/room" {
		t.Errorf("location %v", loc)
	}
	home := jsonLD(t, dir, "en/index.html")
	if home["@graph"] == nil {
		t.Errorf("home has no WebSite/Organization graph: %v", home)
	}
	page := string(read(t, dir, "en/modules/posts/index.html"))
	for _, want := range []string{`<meta name="DC.title" content="Writing posts">`, `<meta name="DC.rights" content="https://creativecommons.org/licenses/by/4.0/">`, `<meta name="DC.language" content="en">`, `<meta name="DC.creator" content="Ana Pérez">`} {
		if !strings.Contains(page, want) {
			t.Errorf("module page lacks %s", want)
		}
	}
}

func TestCalendarsParseAndFollowRFC5545(t *testing.T) {
	dir := buildFixture(t)
	for _, p := range []string{"en/webinars/live/live.ics", "en/webinars/webinars.ics", "it/webinars/webinars.ics"} {
		raw := read(t, dir, p)
		for i, line := range bytes.Split(bytes.TrimSuffix(raw, []byte("\r\n")), []byte("\r\n")) {
			if len(line) > 75 {
				t.Errorf("%s line %d is %d octets", p, i+1, len(line))
			}
			if bytes.Contains(line, []byte("\n")) {
				t.Errorf("%s line %d has a bare LF", p, i+1)
			}
		}
		cal, err := ical.NewDecoder(bytes.NewReader(raw)).Decode()
		if err != nil {
			t.Fatalf("%s does not parse: %v", p, err)
		}
		if v := cal.Props.Get("VERSION"); v == nil || v.Value != "2.0" || cal.Props.Get("PRODID") == nil {
			t.Errorf("%s: VERSION/PRODID", p)
		}
		events := cal.Events()
		if len(events) != 1 {
			t.Fatalf("%s: %d events", p, len(events))
		}
		e := events[0]
		for _, prop := range []string{"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"} {
			if len(e.Props.Values(prop)) != 1 {
				t.Errorf("%s: %s appears %d times", p, prop, len(e.Props.Values(prop)))
			}
		}
		start, err := e.DateTimeStart(time.UTC)
		if err != nil || !start.Equal(time.Date(2027, 1, 21, 17, 0, 0, 0, time.UTC)) {
			t.Errorf("%s: start %v %v", p, start, err)
		}
		if s, _ := e.Props.Text("SUMMARY"); !strings.HasSuffix(s, "ünïcödé") {
			t.Errorf("%s: summary unfolded as %q", p, s)
		}
		if d, _ := e.Props.Text("DESCRIPTION"); !strings.Contains(d, "Learn; ask, practise") {
			t.Errorf("%s: description %q", p, d)
		}
		if uid := e.Props.Get("UID").Value; uid != "webinars/live@oer.example.org" {
			t.Errorf("%s: UID %q", p, uid)
		}
		if e.Props.Get("DTSTAMP").Value != "20261102T000000Z" {
			t.Errorf("%s: DTSTAMP %q is not from the content", p, e.Props.Get("DTSTAMP").Value)
		}
	}
}

type sitemap struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc   string `xml:"loc"`
		Links []struct {
			Hreflang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"url"`
}

func TestSitemapAlternatesBothWays(t *testing.T) {
	dir := buildFixture(t)
	var sm sitemap
	if err := xml.Unmarshal(read(t, dir, "sitemap.xml"), &sm); err != nil {
		t.Fatal(err)
	}
	alts := map[string]map[string]string{}
	for _, u := range sm.URLs {
		alts[u.Loc] = map[string]string{}
		for _, l := range u.Links {
			alts[u.Loc][l.Hreflang] = l.Href
		}
		if strings.Contains(u.Loc, "/it/modules/posts/01-first") {
			t.Error("a fallback page is in the sitemap")
		}
	}
	en, it := "https://oer.example.org/en/modules/posts/", "https://oer.example.org/it/modules/posts/"
	if alts[en]["it"] != it || alts[it]["en"] != en || alts[en]["en"] != en || alts[it]["x-default"] != en {
		t.Errorf("alternates: en %v, it %v", alts[en], alts[it])
	}
	for loc, m := range alts {
		for lang, href := range m {
			if lang == "x-default" {
				continue
			}
			if back := alts[href]; back == nil || back[langOf(loc)] != loc {
				t.Errorf("%s -> %s (%s) has no link back", loc, href, lang)
			}
		}
	}
	if !strings.Contains(string(read(t, dir, "robots.txt")), "Sitemap: https://oer.example.org/sitemap.xml") {
		t.Error("robots.txt does not name the sitemap")
	}
}

func langOf(u string) string {
	return strings.Split(strings.TrimPrefix(u, "https://oer.example.org/"), "/")[0]
}

func TestOAIPMHStaticRepository(t *testing.T) {
	dir := buildFixture(t)
	raw := read(t, dir, "oai-pmh.xml")
	var repo struct {
		XMLName  xml.Name `xml:"http://www.openarchives.org/OAI/2.0/static-repository Repository"`
		Identify struct {
			Granularity string `xml:"http://www.openarchives.org/OAI/2.0/ granularity"`
			Deleted     string `xml:"http://www.openarchives.org/OAI/2.0/ deletedRecord"`
			Earliest    string `xml:"http://www.openarchives.org/OAI/2.0/ earliestDatestamp"`
		} `xml:"Identify"`
		Records []struct {
			ID    string `xml:"http://www.openarchives.org/OAI/2.0/ header>identifier"`
			Stamp string `xml:"http://www.openarchives.org/OAI/2.0/ header>datestamp"`
		} `xml:"ListRecords>record"`
	}
	if err := xml.Unmarshal(raw, &repo); err != nil {
		t.Fatal(err)
	}
	if repo.Identify.Granularity != "YYYY-MM-DD" || repo.Identify.Deleted != "no" || repo.Identify.Earliest != "2026-03-01" {
		t.Errorf("Identify %+v", repo.Identify)
	}
	if len(repo.Records) != 3 { // en module, it module, en resource
		t.Fatalf("%d records, want 3", len(repo.Records))
	}
	seen := map[string]bool{}
	for _, r := range repo.Records {
		if seen[r.ID] || !regexp.MustCompile(`^\d{4}-\d\d-\d\d$`).MatchString(r.Stamp) {
			t.Errorf("record %+v", r)
		}
		seen[r.ID] = true
	}
	if n := bytes.Count(raw, []byte("<dc:title>")); n != 3 {
		t.Errorf("%d dc:title elements, want 3", n)
	}
	if bytes.Contains(raw, []byte("<set")) || bytes.Contains(raw, []byte("resumptionToken")) {
		t.Error("static repositories have no sets or resumption tokens")
	}
}

func TestFeedAndCatalogue(t *testing.T) {
	dir := buildFixture(t)
	var feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Entries []struct {
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(read(t, dir, "en/feed.xml"), &feed); err != nil {
		t.Fatal(err)
	}
	if len(feed.Entries) != 3 || feed.Entries[0].Title != "A very long webinar title that goes on and on so that the summary line must be folded, with ünïcödé" {
		t.Errorf("feed entries %+v", feed.Entries)
	}
	var cat []map[string]any
	if err := json.Unmarshal(read(t, dir, "catalog.json"), &cat); err != nil || len(cat) != 3 {
		t.Fatalf("catalog.json: %v, %d items", err, len(cat))
	}
	for i, o := range cat {
		checkAMB(t, "catalog item "+string(rune('0'+i)), o)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(read(t, dir, "catalog.csv"), []byte("\ufeff")))).ReadAll()
	if err != nil || len(rows) != 4 || rows[0][0] != "id" {
		t.Fatalf("catalog.csv: %v %v", err, rows)
	}
	found := false
	for _, r := range rows[1:] {
		if r[3] == `Posting checklist, "printable"` && r[16] == "https://oer.example.org/en/resources/checklist/checklist.pdf" {
			found = true
		}
	}
	if !found {
		t.Errorf("catalog.csv rows %v", rows)
	}
}

// TestEveryExamplePageHasValidJSONLD builds the example site and checks the
// JSON-LD of every page: it parses, and learning resources are valid AMB.
func TestEveryExamplePageHasValidJSONLD(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(context.Background(), build.Options{Source: "../../..", Dest: dest, CacheDir: t.TempDir(), Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	pages, resources := 0, 0
	filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, _ := os.ReadFile(p)
		for _, m := range ldRE.FindAllSubmatch(data, -1) {
			pages++
			var o map[string]any
			if err := json.Unmarshal(m[1], &o); err != nil {
				t.Errorf("%s: JSON-LD does not parse: %v", p, err)
				continue
			}
			if types, ok := o["type"].([]any); ok && len(types) > 0 && types[0] == "LearningResource" {
				resources++
				checkAMB(t, strings.TrimPrefix(p, dest), o)
			}
		}
		return nil
	})
	if pages < 100 || resources < 50 {
		t.Errorf("only %d pages with JSON-LD, %d learning resources", pages, resources)
	}
}
