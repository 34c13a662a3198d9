package oer_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"
	"github.com/mmcdole/gofeed"
	"golang.org/x/tools/txtar"

	buildpkg "github.com/oersite/oersite/generator/internal/build"
)

const fixture = `-- config.toml --
baseURL = "https://oer.example.org/"
title = "OER test"
contact = "hello@oer.example.org"
[oer]
publisher = "Test partnership"
publisherURL = "https://oer.example.org/"
publisherLogo = "logo.png"
defaultLicence = "CC-BY-SA-4.0"
funder = "A funder"
oaiGateway = "https://gateway.example.net/oai/"
[vocabulary]
defaultSubjects = ["business"]
[vocabulary.audiences]
sme-workers = "professional"
young-tutors = "peerTutor"
[vocabulary.educationalLevels]
beginner = "level_C"
[vocabulary.subjects]
business = "https://w3id.org/kim/hochschulfaechersystematik/n021"
adult-education = "https://w3id.org/kim/hochschulfaechersystematik/n321"
[languages.en]
name = "English"
weight = 1
[languages.it]
name = "Italiano"
weight = 2
-- static/logo.png --
PNG
-- content/en/modules/posts/index.md --
---
title: Writing posts
summary: Posts that customers read.
audience: [sme-workers]
level: beginner
duration: 1h30m
digcomp: ["2.2", "3.1"]
licence: CC-BY-4.0
authors:
  - Ana Pérez
  - Test partnership
  - {name: Bo Berg, type: Person, id: "https://orcid.org/0000-0002-1825-0097"}
  - {name: Hochschule Beispiel, type: Organization, id: "https://ror.org/04xxxxx00"}
keywords: [posts, writing]
subjects: [adult-education]
image: cover.png
aliases: [/en/old-posts/]
date: 2026-02-16
lastmod: 2026-09-04
---
Intro.
-- content/en/modules/posts/cover.png --
PNG
-- content/en/modules/posts/01-first.md --
---
title: The first line
weight: 1
duration: 20m
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
  authors:
    - European Commission, Joint Research Centre
    - {name: Riina Vuorikari, type: Person, id: "https://orcid.org/0000-0002-0000-0001"}
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
-- content/en/webinars/called-off.md --
---
title: Called off
summary: It will not take place.
start: 2027-02-10T17:00:00Z
join: https://meet.example.org/other
status: cancelled
date: 2026-10-01
lastmod: 2026-11-20
---
Sorry.
-- content/en/webinars/past.md --
---
title: Past session
summary: Already happened.
start: 2026-05-05T16:00:00+02:00
duration: 45m
join: https://meet.example.org/old
recording: {url: "https://video.example.org/w/past", thumbnail: past.png, date: 2026-05-07}
date: 2026-04-01
---
Watch it again.
-- content/en/webinars/past.png --
PNG
`

// buildFixture builds the fixture, with the files of each extra archive
// added or replaced, and returns the output folder.
func buildFixture(t *testing.T, extra ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, archive := range append([]string{fixture}, extra...) {
		for _, f := range txtar.Parse([]byte(archive)).Files {
			p := filepath.Join(dir, f.Name)
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, f.Data, 0o644)
		}
	}
	_, err := buildpkg.Build(context.Background(), buildpkg.Options{Source: dir, Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
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

// ids returns the id of each object of a JSON-LD list.
func ids(v any) []string {
	var out []string
	list, _ := v.([]any)
	for _, e := range list {
		if m, ok := e.(map[string]any); ok {
			out = append(out, fmt.Sprint(m["id"]))
		}
	}
	return out
}

func TestLearningResourcesAreAMBWithTheEcosystemsVocabularies(t *testing.T) {
	dir := buildFixture(t)
	schema := ambSchema(t)
	mod := jsonLD(t, dir, "en/modules/posts/index.html")
	lesson := jsonLD(t, dir, "en/modules/posts/01-first/index.html")
	res := jsonLD(t, dir, "en/resources/checklist/index.html")
	it := jsonLD(t, dir, "it/modules/posts/index.html")
	for where, o := range map[string]map[string]any{"module": mod, "lesson": lesson, "resource": res, "it module": it} {
		validateAMB(t, schema, where, o)
	}
	want := map[string]any{
		"type":                 []any{"LearningResource", "Course"},
		"timeRequired":         "PT1H30M",
		"dateModified":         "2026-09-04",
		"image":                "https://oer.example.org/en/modules/posts/cover.png",
		"educationalLevel":     []string{"https://w3id.org/kim/educationalLevel/level_C"},
		"teaches":              []string{"https://w3id.org/kim/digcomp/g_7", "https://w3id.org/kim/digcomp/g_13"},
		"about":                []string{"https://w3id.org/kim/hochschulfaechersystematik/n321"},
		"audience":             []string{"http://purl.org/dcx/lrmi-vocabs/educationalAudienceRole/professional"},
		"learningResourceType": []string{"https://w3id.org/kim/hcrt/course"},
	}
	for k, v := range want {
		got := mod[k]
		if ids := ids(got); ids != nil {
			got = ids
		}
		if fmt.Sprint(got) != fmt.Sprint(v) {
			t.Errorf("module %s = %v, want %v", k, got, v)
		}
	}
	if mod["duration"] != nil {
		t.Error("a module states duration, which AMB means for a video's playing time")
	}
	if p, _ := mod["provider"].(map[string]any); p["name"] != "Test partnership" || p["url"] != "https://oer.example.org/" {
		t.Errorf("course provider %v", mod["provider"])
	}
	creators := fmt.Sprint(mod["creator"])
	for _, c := range []string{"name:Ana Pérez type:Person", "id:https://oer.example.org/ name:Test partnership type:Organization",
		"id:https://orcid.org/0000-0002-1825-0097 name:Bo Berg type:Person", "id:https://ror.org/04xxxxx00 name:Hochschule Beispiel type:Organization"} {
		if !strings.Contains(creators, c) {
			t.Errorf("creators %s lack %s", creators, c)
		}
	}
	// A lesson inherits its module's dates, keywords, audience, level and subject, and keeps its own time.
	for k, v := range map[string]string{"dateCreated": "2026-02-16", "dateModified": "2026-09-04", "timeRequired": "PT20M",
		"keywords": "[posts writing]", "learningResourceType": "[https://w3id.org/kim/hcrt/web_page]",
		"audience": "[http://purl.org/dcx/lrmi-vocabs/educationalAudienceRole/professional]", "about": "[https://w3id.org/kim/hochschulfaechersystematik/n321]"} {
		got := lesson[k]
		if l := ids(got); l != nil {
			got = l
		}
		if fmt.Sprint(got) != v {
			t.Errorf("lesson %s = %v, want %s", k, got, v)
		}
	}
	if ip := ids(lesson["isPartOf"]); len(ip) != 1 || ip[0] != "https://oer.example.org/en/modules/posts/" {
		t.Errorf("isPartOf %v", ip)
	}
	if hp := ids(mod["hasPart"]); len(hp) != 1 {
		t.Errorf("hasPart %v", hp)
	}
	if wt := ids(mod["workTranslation"]); len(wt) != 1 || wt[0] != "https://oer.example.org/it/modules/posts/" {
		t.Errorf("workTranslation %v", wt)
	}
	if tw := ids(it["translationOfWork"]); len(tw) != 1 || tw[0] != "https://oer.example.org/en/modules/posts/" {
		t.Errorf("translationOfWork %v", tw)
	}
	// The resource: its type from HCRT, the site's default subject, its file with size and hash.
	if got := ids(res["learningResourceType"]); fmt.Sprint(got) != "[https://w3id.org/kim/hcrt/worksheet]" {
		t.Errorf("resource type %v", got)
	}
	if got := ids(res["about"]); fmt.Sprint(got) != "[https://w3id.org/kim/hochschulfaechersystematik/n021]" {
		t.Errorf("resource subject %v", got)
	}
	enc := res["encoding"].([]any)[0].(map[string]any)
	sum := sha256.Sum256([]byte("%PDF-1.4\n"))
	if enc["encodingFormat"] != "application/pdf" || enc["contentSize"] != "9" || enc["sha256"] != hex.EncodeToString(sum[:]) {
		t.Errorf("encoding %v", enc)
	}
	based := res["isBasedOn"].([]any)[0].(map[string]any)
	if _, typed := based["type"]; typed || based["name"] != "DigComp 2.2" {
		t.Errorf("isBasedOn %v", based)
	}
	// The source's authors typed as the front matter says; a name alone is an organisation.
	if got := fmt.Sprint(based["creator"]); got != "[map[name:European Commission, Joint Research Centre type:Organization] map[id:https://orcid.org/0000-0002-0000-0001 name:Riina Vuorikari type:Person]]" {
		t.Errorf("isBasedOn creators %s", got)
	}
}

func TestEventsForSearchEngines(t *testing.T) {
	dir := buildFixture(t)
	ev := jsonLD(t, dir, "en/webinars/live/index.html")
	if ev["@type"] != "Event" || ev["eventAttendanceMode"] != "https://schema.org/OnlineEventAttendanceMode" || ev["startDate"] != "2027-01-21T18:00:00+01:00" ||
		ev["endDate"] != "2027-01-21T19:00:00+01:00" || ev["eventStatus"] != "https://schema.org/EventScheduled" {
		t.Errorf("event %v", ev)
	}
	if loc := ev["location"].(map[string]any); loc["@type"] != "VirtualLocation" || loc["url"] != "https://meet.example.org/room" {
		t.Errorf("location %v", loc)
	}
	if off := ev["offers"].(map[string]any); off["price"] != "0" || off["priceCurrency"] != "EUR" || off["url"] != "https://oer.example.org/en/webinars/live/" {
		t.Errorf("offers %v", off)
	}
	if fmt.Sprint(ev["image"]) != "[https://oer.example.org/logo.png]" {
		t.Errorf("image %v", ev["image"])
	}
	if ev["recordedIn"] != nil {
		t.Error("an upcoming webinar has a recording")
	}
	off := jsonLD(t, dir, "en/webinars/called-off/index.html")
	if off["eventStatus"] != "https://schema.org/EventCancelled" {
		t.Errorf("cancelled webinar: %v", off["eventStatus"])
	}
	past := jsonLD(t, dir, "en/webinars/past/index.html")
	if loc := past["location"].(map[string]any); loc["url"] != "https://meet.example.org/old" {
		t.Errorf("a past webinar's location is where it took place, not the recording: %v", loc)
	}
	rec, _ := past["recordedIn"].(map[string]any)
	if rec["@type"] != "VideoObject" || rec["url"] != "https://video.example.org/w/past" || rec["thumbnailUrl"] != "https://oer.example.org/en/webinars/past.png" || rec["uploadDate"] != "2026-05-07" {
		t.Errorf("recordedIn %v", rec)
	}
	page := string(read(t, dir, "en/webinars/called-off/index.html"))
	if !strings.Contains(page, "This webinar has been cancelled.") || strings.Contains(page, "calendar.google.com") || strings.Contains(page, `class="button" href="https://meet.example.org/other"`) {
		t.Error("a cancelled webinar's page does not say so, or still offers to join or add it")
	}
	live := string(read(t, dir, "en/webinars/live/index.html"))
	for _, want := range []string{
		`href="https://calendar.google.com/calendar/render?action=TEMPLATE&amp;dates=20270121T170000Z%2F20270121T180000Z&amp;`,
		`href="https://outlook.live.com/calendar/0/deeplink/compose?body=`, `startdt=2027-01-21T17%3A00%3A00Z`,
		`live/live.ics" download`} {
		if !strings.Contains(live, want) {
			t.Errorf("webinar page lacks %s", want)
		}
	}
	if regexp.MustCompile(`<(script|img|link|iframe)[^>]+(google|outlook|live\.com)`).MatchString(live) {
		t.Error("the webinar page loads something from a calendar host before the reader clicks")
	}
	list := string(read(t, dir, "en/webinars/index.html"))
	if !strings.Contains(list, `href="webcal://oer.example.org/en/webinars/webinars.ics"`) {
		t.Error("the webinars page has no webcal:// subscription link")
	}
}

func TestWebSiteOrganizationAndCourseList(t *testing.T) {
	dir := buildFixture(t)
	for _, p := range []string{"index.html", "en/index.html"} {
		g := jsonLD(t, dir, p)["@graph"].([]any)
		org, web := g[0].(map[string]any), g[1].(map[string]any)
		if org["@type"] != "Organization" || org["logo"] != "https://oer.example.org/logo.png" || web["@type"] != "WebSite" {
			t.Errorf("%s: graph %v", p, g)
		}
	}
	list := jsonLD(t, dir, "en/modules/index.html")
	items := list["itemListElement"].([]any)
	if list["@type"] != "ItemList" || len(items) != 1 || items[0].(map[string]any)["url"] != "https://oer.example.org/en/modules/posts/" {
		t.Errorf("modules page ItemList %v", list)
	}
}

func TestHeadForSearchEngines(t *testing.T) {
	dir := buildFixture(t)
	mod := string(read(t, dir, "en/modules/posts/index.html"))
	for _, want := range []string{
		`<link rel="alternate" hreflang="en" href="https://oer.example.org/en/modules/posts/">`,
		`<link rel="alternate" hreflang="it" href="https://oer.example.org/it/modules/posts/">`,
		`<link rel="alternate" hreflang="x-default" href="https://oer.example.org/en/modules/posts/">`,
		`<meta name="DC.title" content="Writing posts">`, `<meta name="DC.rights" content="https://creativecommons.org/licenses/by/4.0/">`,
		`<meta name="DC.language" content="en">`, `<meta name="DC.creator" content="Ana Pérez">`, `<meta name="DC.type" content="InteractiveResource">`,
	} {
		if !strings.Contains(mod, want) {
			t.Errorf("module page lacks %s", want)
		}
	}
	root := string(read(t, dir, "index.html"))
	if !strings.Contains(root, `<link rel="alternate" hreflang="x-default" href="https://oer.example.org/">`) || strings.Contains(root, `hreflang="en" href="https://oer.example.org/"`) {
		t.Error("the root page is not x-default, or calls itself English")
	}
	lesson := string(read(t, dir, "en/modules/posts/01-first/index.html"))
	if !strings.Contains(lesson, `<meta name="DC.date" content="2026-02-16">`) || !strings.Contains(lesson, `<meta name="DC.type" content="Text">`) {
		t.Error("a lesson has no DC.date (its module's) or DC.type Text")
	}
	if !strings.Contains(string(read(t, dir, "en/resources/checklist/index.html")), `<meta name="DC.type" content="Text">`) {
		t.Error("a PDF checklist is not DC.type Text")
	}
	fallback := string(read(t, dir, "it/modules/posts/01-first/index.html"))
	if !strings.Contains(fallback, `<meta name="DC.identifier" content="https://oer.example.org/en/modules/posts/01-first/">`) ||
		!strings.Contains(fallback, `<link rel="canonical" href="https://oer.example.org/en/modules/posts/01-first/">`) {
		t.Error("a fallback page's DC.identifier is not its canonical address")
	}
	search := string(read(t, dir, "en/search/index.html"))
	// The search page is a way in (Lighthouse's is-crawlable audit fails a
	// noindex page); its results are kept from crawlers by robots.txt.
	if strings.Contains(search, `noindex`) || !strings.Contains(search, `<meta name="description" content="Search`) {
		t.Error("the search page is noindex or has no description")
	}
	if robots := string(read(t, dir, "robots.txt")); !strings.Contains(robots, "Disallow: /en/search/?\n") || !strings.Contains(robots, "Disallow: /it/search/?\n") {
		t.Errorf("robots.txt lets crawlers fetch search results:\n%s", robots)
	}
	if strings.Contains(string(read(t, dir, "sitemap.xml")), "/search/") {
		t.Error("the sitemap lists a search page")
	}
	alias := string(read(t, dir, "en/old-posts/index.html"))
	if !strings.Contains(alias, `<link rel="canonical" href="https://oer.example.org/en/modules/posts/">`) || !strings.Contains(alias, `url=../../en/modules/posts/`) {
		t.Errorf("alias page %s", alias)
	}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") && !strings.Contains(p, "old-posts") {
			if data, _ := os.ReadFile(p); !regexp.MustCompile(`<meta name="description" content="[^"]+">`).Match(data) {
				t.Errorf("%s has no meta description", strings.TrimPrefix(p, dir))
			}
		}
		return nil
	})
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
		single := strings.HasSuffix(p, "live.ics")
		if named := cal.Props.Get("NAME") != nil || cal.Props.Get("X-WR-CALNAME") != nil; named == single {
			t.Errorf("%s: a calendar name in a single-event file, or none in a subscription", p)
		}
		events := map[string]ical.Event{}
		for _, e := range cal.Events() {
			for _, prop := range []string{"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE", "LAST-MODIFIED", "STATUS"} {
				if len(e.Props.Values(prop)) != 1 {
					t.Errorf("%s: %s appears %d times", p, prop, len(e.Props.Values(prop)))
				}
			}
			uid := e.Props.Get("UID").Value
			events[strings.TrimSuffix(uid, "@oer.example.org")] = e
		}
		if want := map[bool]int{true: 1, false: 3}[single]; len(events) != want {
			t.Fatalf("%s: %d events, want %d", p, len(events), want)
		}
		e := events["webinars/live"]
		start, err := e.DateTimeStart(time.UTC)
		if err != nil || !start.Equal(time.Date(2027, 1, 21, 17, 0, 0, 0, time.UTC)) {
			t.Errorf("%s: start %v %v", p, start, err)
		}
		if s, _ := e.Props.Text("SUMMARY"); !strings.HasSuffix(s, "ünïcödé") {
			t.Errorf("%s: summary unfolded as %q", p, s)
		}
		if d, _ := e.Props.Text("DESCRIPTION"); !strings.Contains(d, "Learn; ask, practise") || !strings.Contains(d, "Giulia Ferri\nhttps://meet.example.org/room") {
			t.Errorf("%s: description %q", p, d)
		}
		if e.Props.Get("DTSTAMP").Value != "20261102T000000Z" || e.Props.Get("LAST-MODIFIED").Value != "20261102T000000Z" || e.Props.Get("SEQUENCE").Value != "0" {
			t.Errorf("%s: DTSTAMP/LAST-MODIFIED/SEQUENCE not from the content", p)
		}
		if single {
			continue
		}
		off := events["webinars/called-off"]
		if off.Props.Get("STATUS").Value != "CANCELLED" || off.Props.Get("SEQUENCE").Value != "51" || off.Props.Get("LAST-MODIFIED").Value != "20261120T000000Z" {
			t.Errorf("%s: cancelled webinar STATUS %s SEQUENCE %s", p, off.Props.Get("STATUS").Value, off.Props.Get("SEQUENCE").Value)
		}
		past := events["webinars/past"]
		if past.Props.Get("LOCATION").Value != "https://video.example.org/w/past" || past.Props.Get("URL").Value != "https://video.example.org/w/past" {
			t.Errorf("%s: a past webinar's LOCATION/URL are not its recording", p)
		}
	}
}

type sitemap struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		Lastmod string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
		Links   []struct {
			Rel      string `xml:"rel,attr"`
			Hreflang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
}

// checkSitemap checks a sitemap against the rules of sitemaps.org's XSD
// (absolute loc under 2,048 characters, W3C date lastmod, at most 50,000
// addresses) and returns its alternates by address.
func checkSitemap(t *testing.T, raw []byte) map[string]map[string]string {
	t.Helper()
	var sm sitemap
	if err := xml.Unmarshal(raw, &sm); err != nil {
		t.Fatal(err)
	}
	if len(sm.URLs) == 0 || len(sm.URLs) > 50000 {
		t.Fatalf("%d addresses", len(sm.URLs))
	}
	alts := map[string]map[string]string{}
	date := regexp.MustCompile(`^\d{4}-\d\d-\d\d$`)
	for _, u := range sm.URLs {
		if !strings.HasPrefix(u.Loc, "https://oer.example.org/") || len(u.Loc) > 2048 || alts[u.Loc] != nil {
			t.Errorf("loc %q", u.Loc)
		}
		if !date.MatchString(u.Lastmod) {
			t.Errorf("%s: lastmod %q", u.Loc, u.Lastmod)
		}
		alts[u.Loc] = map[string]string{}
		for _, l := range u.Links {
			if l.Rel != "alternate" || !strings.HasPrefix(l.Href, "https://") {
				t.Errorf("%s: link %+v", u.Loc, l)
			}
			alts[u.Loc][l.Hreflang] = l.Href
		}
	}
	return alts
}

func TestSitemapAlternatesBothWays(t *testing.T) {
	dir := buildFixture(t)
	alts := checkSitemap(t, read(t, dir, "sitemap.xml"))
	for loc := range alts {
		if strings.Contains(loc, "/it/modules/posts/01-first") || strings.Contains(loc, "/search/") || strings.Contains(loc, "old-posts") {
			t.Errorf("%s is in the sitemap", loc)
		}
	}
	for _, want := range []string{"https://oer.example.org/", "https://oer.example.org/en/level/", "https://oer.example.org/en/level/beginner/"} {
		if alts[want] == nil {
			t.Errorf("%s is not in the sitemap", want)
		}
	}
	en, it := "https://oer.example.org/en/modules/posts/", "https://oer.example.org/it/modules/posts/"
	if alts[en]["it"] != it || alts[it]["en"] != en || alts[en]["en"] != en || alts[it]["x-default"] != en {
		t.Errorf("alternates: en %v, it %v", alts[en], alts[it])
	}
	if alts["https://oer.example.org/en/"]["x-default"] != "https://oer.example.org/" {
		t.Errorf("home alternates %v", alts["https://oer.example.org/en/"])
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
	if u == "https://oer.example.org/" {
		return "x-default"
	}
	return strings.Split(strings.TrimPrefix(u, "https://oer.example.org/"), "/")[0]
}

// oaiRepository is the static repository, as its XSD shapes it.
type oaiRepository struct {
	XMLName  xml.Name `xml:"http://www.openarchives.org/OAI/2.0/static-repository Repository"`
	Identify struct {
		Name        string   `xml:"http://www.openarchives.org/OAI/2.0/ repositoryName"`
		BaseURL     string   `xml:"http://www.openarchives.org/OAI/2.0/ baseURL"`
		Protocol    string   `xml:"http://www.openarchives.org/OAI/2.0/ protocolVersion"`
		AdminEmail  []string `xml:"http://www.openarchives.org/OAI/2.0/ adminEmail"`
		Earliest    string   `xml:"http://www.openarchives.org/OAI/2.0/ earliestDatestamp"`
		Deleted     string   `xml:"http://www.openarchives.org/OAI/2.0/ deletedRecord"`
		Granularity string   `xml:"http://www.openarchives.org/OAI/2.0/ granularity"`
	} `xml:"http://www.openarchives.org/OAI/2.0/static-repository Identify"`
	Formats struct {
		List []struct {
			Prefix    string `xml:"http://www.openarchives.org/OAI/2.0/ metadataPrefix"`
			Schema    string `xml:"http://www.openarchives.org/OAI/2.0/ schema"`
			Namespace string `xml:"http://www.openarchives.org/OAI/2.0/ metadataNamespace"`
		} `xml:"http://www.openarchives.org/OAI/2.0/ metadataFormat"`
	} `xml:"http://www.openarchives.org/OAI/2.0/static-repository ListMetadataFormats"`
	Lists []struct {
		Prefix  string `xml:"metadataPrefix,attr"`
		Records []struct {
			Header struct {
				ID    string `xml:"http://www.openarchives.org/OAI/2.0/ identifier"`
				Stamp string `xml:"http://www.openarchives.org/OAI/2.0/ datestamp"`
			} `xml:"http://www.openarchives.org/OAI/2.0/ header"`
			Metadata struct {
				DC struct {
					Types     []string `xml:"http://purl.org/dc/elements/1.1/ type"`
					Relations []string `xml:"http://purl.org/dc/elements/1.1/ relation"`
					Titles    []string `xml:"http://purl.org/dc/elements/1.1/ title"`
				} `xml:"http://www.openarchives.org/OAI/2.0/oai_dc/ dc"`
			} `xml:"http://www.openarchives.org/OAI/2.0/ metadata"`
		} `xml:"http://www.openarchives.org/OAI/2.0/ record"`
	} `xml:"http://www.openarchives.org/OAI/2.0/static-repository ListRecords"`
}

func readOAI(t *testing.T, dir string) oaiRepository {
	t.Helper()
	raw := read(t, dir, "oai-pmh.xml")
	var repo oaiRepository
	if err := xml.Unmarshal(raw, &repo); err != nil {
		t.Fatal(err)
	}
	id := repo.Identify
	if id.Name == "" || id.Protocol != "2.0" || len(id.AdminEmail) == 0 || id.Granularity != "YYYY-MM-DD" || id.Deleted != "no" {
		t.Errorf("Identify %+v", id)
	}
	if f := repo.Formats.List; len(f) != 1 || f[0].Prefix != "oai_dc" || f[0].Namespace != "http://www.openarchives.org/OAI/2.0/oai_dc/" || f[0].Schema != "http://www.openarchives.org/OAI/2.0/oai_dc.xsd" {
		t.Errorf("metadata formats %+v", f)
	}
	if len(repo.Lists) != 1 || repo.Lists[0].Prefix != "oai_dc" {
		t.Fatalf("ListRecords %+v", repo.Lists)
	}
	if bytes.Contains(raw, []byte("<set")) || bytes.Contains(raw, []byte("resumptionToken")) {
		t.Error("static repositories have no sets or resumption tokens")
	}
	return repo
}

func TestOAIPMHStaticRepository(t *testing.T) {
	dir := buildFixture(t)
	repo := readOAI(t, dir)
	if repo.Identify.BaseURL != "https://gateway.example.net/oai/oer.example.org/oai-pmh.xml" {
		t.Errorf("baseURL through the gateway: %q", repo.Identify.BaseURL)
	}
	if repo.Identify.Earliest != "2026-04-01" {
		t.Errorf("earliestDatestamp %q", repo.Identify.Earliest)
	}
	records := repo.Lists[0].Records
	if len(records) != 3 { // en module, it module, en resource
		t.Fatalf("%d records, want 3", len(records))
	}
	stamps := map[string]string{}
	dcmi := map[string]bool{"Collection": true, "Dataset": true, "Event": true, "Image": true, "InteractiveResource": true, "MovingImage": true,
		"PhysicalObject": true, "Service": true, "Software": true, "Sound": true, "StillImage": true, "Text": true}
	for _, r := range records {
		h, dc := r.Header, r.Metadata.DC
		if stamps[h.ID] != "" || !regexp.MustCompile(`^\d{4}-\d\d-\d\d$`).MatchString(h.Stamp) || len(dc.Titles) != 1 || len(dc.Types) == 0 {
			t.Errorf("record %+v", r)
		}
		stamps[h.ID] = h.Stamp
		for _, typ := range dc.Types {
			if !dcmi[typ] {
				t.Errorf("%s: dc:type %q is not a DCMI Type term", h.ID, typ)
			}
		}
	}
	// A new translation adds a relation to the record: its datestamp moves.
	if stamps["oai:oer.example.org:en/modules/posts"] != "2026-09-04" {
		t.Errorf("datestamps %v", stamps)
	}
	dir = buildFixture(t, "-- content/it/resources/checklist/index.md --\n---\ntitle: Lista di controllo\ntype: checklist\nfile: checklist.pdf\ndate: 2026-11-15\n---\nUsala.\n-- content/it/resources/checklist/checklist.pdf --\n%PDF-1.4\n")
	for _, r := range readOAI(t, dir).Lists[0].Records {
		if r.Header.ID == "oai:oer.example.org:en/resources/checklist" && (r.Header.Stamp != "2026-11-15" || len(r.Metadata.DC.Relations) != 1) {
			t.Errorf("after a new translation the record's datestamp is %s with relations %v", r.Header.Stamp, r.Metadata.DC.Relations)
		}
	}
}

func TestFeedThroughAFeedParser(t *testing.T) {
	dir := buildFixture(t)
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(read(t, dir, "en/feed.xml")))
	if err != nil {
		t.Fatal(err)
	}
	if feed.FeedType != "atom" || feed.Title != "OER test" || feed.Link != "https://oer.example.org/en/" || feed.Language != "en" {
		t.Errorf("feed %s %q %q %q", feed.FeedType, feed.Title, feed.Link, feed.Language)
	}
	if len(feed.Items) != 5 {
		t.Fatalf("%d entries", len(feed.Items))
	}
	first := feed.Items[0]
	if first.Title != "Called off" || first.UpdatedParsed == nil || first.PublishedParsed == nil || first.Link != "https://oer.example.org/en/webinars/called-off/" {
		t.Errorf("first entry %+v", first)
	}
	for i := 1; i < len(feed.Items); i++ {
		if feed.Items[i].UpdatedParsed.After(*feed.Items[i-1].UpdatedParsed) {
			t.Errorf("entries not newest first: %s after %s", feed.Items[i].Title, feed.Items[i-1].Title)
		}
	}
}

func TestCatalogue(t *testing.T) {
	dir := buildFixture(t)
	schema := ambSchema(t)
	var cat []map[string]any
	if err := json.Unmarshal(read(t, dir, "catalog.json"), &cat); err != nil || len(cat) != 3 {
		t.Fatalf("catalog.json: %v, %d items", err, len(cat))
	}
	for i, o := range cat {
		validateAMB(t, schema, fmt.Sprint("catalog item ", i), o)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(read(t, dir, "catalog.csv"), []byte("\ufeff")))).ReadAll()
	if err != nil || len(rows) != 4 || rows[0][0] != "id" {
		t.Fatalf("catalog.csv: %v %v", err, rows)
	}
	found := false
	for _, r := range rows[1:] {
		if r[3] == `Posting checklist, "printable"` && r[16] == "https://oer.example.org/en/resources/checklist/checklist.pdf" && r[9] == "" {
			found = true
		}
		if r[3] == "Writing posts" && r[9] != "beginner" {
			t.Errorf("the catalogue shows level %q, not the site's own", r[9])
		}
	}
	if !found {
		t.Errorf("catalog.csv rows %v", rows)
	}
}

// TestOutputTemplatesOverridable: a site's layouts/ replaces the default
// theme's templates of the machine-readable files one by one.
func TestOutputTemplatesOverridable(t *testing.T) {
	dir := buildFixture(t, `-- layouts/robots.txt --
User-agent: *
Disallow: /private/
Sitemap: {{ .Sitemap }}
-- layouts/alias.html --
<!doctype html><html lang="{{ .Page.Lang }}"><head><meta charset="utf-8"><title>moved</title><meta http-equiv="refresh" content="0; url={{ .Target }}"></head><body>Moved to <a href="{{ .Target }}">{{ .Page.Title }}</a></body></html>
-- layouts/feed.xml --
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>{{ xml .Title }} (custom)</title><id>{{ xml .ID }}</id><updated>{{ .Updated }}</updated>{{ range .Entries }}<entry><title>{{ xml .Title }}</title><id>{{ xml .ID }}</id><updated>{{ .Updated }}</updated></entry>{{ end }}</feed>
`)
	if got := string(read(t, dir, "robots.txt")); !strings.Contains(got, "Disallow: /private/") || !strings.Contains(got, "Sitemap: https://oer.example.org/sitemap.xml") {
		t.Errorf("robots.txt %q", got)
	}
	if got := string(read(t, dir, "en/old-posts/index.html")); !strings.Contains(got, "Moved to") {
		t.Errorf("alias %q", got)
	}
	if got := string(read(t, dir, "en/feed.xml")); !strings.Contains(got, "OER test (custom)") {
		t.Errorf("feed %q", got)
	}
	if got := string(read(t, dir, "sitemap.xml")); !strings.Contains(got, "<urlset") {
		t.Error("a template the site does not override is not the default theme's")
	}
}

// TestLearningPathIsAnOrderedItemList: a learning path's markup lists its
// modules in the path's order, as search engines read a course list.
func TestLearningPathIsAnOrderedItemList(t *testing.T) {
	dir := buildFixture(t, `-- content/en/modules/replies/index.md --
---
title: Answering replies
summary: Replies that keep customers.
audience: [sme-workers]
---
Intro.
-- content/en/paths/start.md --
---
title: Where to start
summary: The two modules for a small business, in order.
audience: [sme-workers]
modules: [replies, posts]
---
Take them in this order.
`)
	list := jsonLD(t, dir, "en/paths/start/index.html")
	items, _ := list["itemListElement"].([]any)
	if list["@type"] != "ItemList" || list["name"] != "Where to start" || list["itemListOrder"] != "https://schema.org/ItemListOrderAscending" || len(items) != 2 {
		t.Fatalf("path markup %v", list)
	}
	for i, want := range []string{"https://oer.example.org/en/modules/replies/", "https://oer.example.org/en/modules/posts/"} {
		it := items[i].(map[string]any)
		if it["@type"] != "ListItem" || it["position"] != float64(i+1) || it["url"] != want {
			t.Errorf("item %d: %v, want %s at %d", i, it, want, i+1)
		}
	}
	if !strings.Contains(string(read(t, dir, "en/paths/start/index.html")), `<meta name="DC.type" content="Collection">`) {
		t.Error("a learning path is not DC.type Collection")
	}
}

// TestHostileValuesCannotAddCalendarLines: titles, summaries, presenters
// and translation keys holding line breaks, semicolons, commas and
// backslashes stay inside their property: the calendar parses with exactly
// the properties oersite writes, and the values come back as written.
func TestHostileValuesCannotAddCalendarLines(t *testing.T) {
	// YAML escapes: \r\n are a carriage return and a line feed, \\ a backslash
	title := `Hack\r\nATTACH:http://evil.example/a\nEND:VEVENT; a, b \\ c`
	wantTitle := "Hack\nATTACH:http://evil.example/a\nEND:VEVENT; a, b \\ c"
	hostile := "-- content/en/webinars/hostile.md --\n---\ntitle: \"" + title + "\"\n" +
		`summary: "One\r\nATTACH:http://evil.example/b\rX-EVIL:1;x,y\\z\u0007"` + "\n" +
		"start: 2027-02-01T10:00:00Z\nduration: 1h\n" + `presenter: "Eve\nATTACH:http://evil.example/c"` + "\n" +
		"join: https://meet.example.org/a;b,c\ndate: 2026-11-01\n---\nBody.\n"
	build := func(key string) (string, error) {
		dir := t.TempDir()
		site := strings.Replace(fixture, "-- content/en/webinars/live.md --\n---\n", "-- content/en/webinars/live.md --\n---\ntranslationKey: "+key+"\n", 1) + hostile
		for _, f := range txtar.Parse([]byte(site)).Files {
			p := filepath.Join(dir, f.Name)
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, f.Data, 0o644)
		}
		_, err := buildpkg.Build(context.Background(), buildpkg.Options{Source: dir, Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
		return filepath.Join(dir, "public"), err
	}
	known := map[string]bool{"BEGIN": true, "END": true, "VERSION": true, "LAST-MODIFIED": true, "SEQUENCE": true, "PRODID": true, "CALSCALE": true, "METHOD": true, "NAME": true, "X-WR-CALNAME": true,
		"UID": true, "DTSTAMP": true, "DTSTART": true, "DTEND": true, "SUMMARY": true, "DESCRIPTION": true, "URL": true, "LOCATION": true,
		"CONFERENCE": true, "X-OERSITE-LANGUAGE": true, "STATUS": true, "TRANSP": true}
	check := func(dir, p string) {
		t.Helper()
		raw := read(t, dir, p)
		for i, line := range strings.Split(strings.TrimSuffix(string(raw), "\r\n"), "\r\n") {
			if strings.ContainsAny(line, "\r\n\a") {
				t.Errorf("%s line %d holds a bare CR, LF or control character: %q", p, i+1, line)
			}
			name, _, _ := strings.Cut(line, ":")
			name, _, _ = strings.Cut(name, ";")
			if !strings.HasPrefix(line, " ") && !known[name] {
				t.Errorf("%s line %d is a property oersite does not write: %q", p, i+1, line)
			}
		}
		cal, err := ical.NewDecoder(bytes.NewReader(raw)).Decode()
		if err != nil {
			t.Fatalf("%s does not parse: %v", p, err)
		}
		for _, e := range cal.Events() {
			if len(e.Props.Values("ATTACH")) > 0 || len(e.Props.Values("X-EVIL")) > 0 {
				t.Errorf("%s: an injected property: %v", p, e.Props)
			}
			if s, _ := e.Props.Text("SUMMARY"); strings.HasPrefix(s, "Hack") && s != wantTitle {
				t.Errorf("%s: SUMMARY read back as %q, want %q", p, s, wantTitle)
			}
			if d, _ := e.Props.Text("DESCRIPTION"); strings.HasPrefix(d, "One") && !strings.Contains(d, "X-EVIL:1;x,y\\z") {
				t.Errorf("%s: DESCRIPTION read back as %q", p, d)
			}
		}
	}
	dir, err := build("live-2027")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"en/webinars/hostile/hostile.ics", "en/webinars/live/live.ics", "en/webinars/webinars.ics"} {
		check(dir, p)
	}
	// a translation key that would break out of the UID is refused, with file and line
	dir, err = build(`"w2\r\nATTACH:http://evil.example/x"`)
	if d := buildpkg.Diagnostics(err); len(d) == 0 || d[0].File != "content/en/webinars/live.md" || d[0].Line != 2 {
		t.Errorf("hostile translationKey: %v", err)
		if err == nil {
			check(dir, "en/webinars/live/live.ics")
		}
	}
}

// TestCatalogueCellsCannotRunAsFormulas: a text cell of catalog.csv that a
// spreadsheet would read as a formula (starting with =, +, -, @, a tab or a
// carriage return) is written with a leading apostrophe, as OWASP advises
// against CSV injection; other cells are written as they are.
func TestCatalogueCellsCannotRunAsFormulas(t *testing.T) {
	dir := t.TempDir()
	site := fixture + "-- content/en/resources/formula/index.md --\n---\n" +
		`title: '=HYPERLINK("http://evil.example","Click")'` + "\n" +
		`summary: "+SUM(1+1)*cmd|' /C calc'!A0"` + "\n" +
		`authors: ["@SUM(1)", "-2+3", "Ana"]` + "\n" +
		"keywords: [\"=1+1\", plain]\nresourceType: checklist\nlicence: CC0-1.0\ndate: 2026-03-01\n---\nBody.\n"
	site = strings.Replace(site, "-- content/en/webinars/live.md --", "-- content/en/resources/formula/x.txt --\nx\n-- content/en/webinars/live.md --", 1)
	for _, f := range txtar.Parse([]byte(site)).Files {
		p := filepath.Join(dir, f.Name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, f.Data, 0o644)
	}
	if _, err := buildpkg.Build(context.Background(), buildpkg.Options{Source: dir, Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(read(t, filepath.Join(dir, "public"), "catalog.csv"), []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var row []string
	for _, r := range rows[1:] {
		for _, cell := range r {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q starts a formula", cell)
			}
		}
		if strings.HasSuffix(r[0], "/resources/formula/") {
			row = r
		}
	}
	if row == nil {
		t.Fatalf("no row for the resource: %v", rows)
	}
	if want := `'=HYPERLINK("http://evil.example","Click")`; row[3] != want {
		t.Errorf("title cell %q, want %q", row[3], want)
	}
	if want := `'+SUM(1+1)*cmd|' /C calc'!A0`; row[4] != want {
		t.Errorf("description cell %q, want %q", row[4], want)
	}
	if !strings.HasPrefix(row[7], "'@SUM(1)") {
		t.Errorf("authors cell %q", row[7])
	}
	if !strings.HasPrefix(row[11], "'=1+1") {
		t.Errorf("keywords cell %q", row[11])
	}
	if row[5] != "CC0-1.0" || row[13] != "2026-03-01" {
		t.Errorf("ordinary cells changed: %v", row)
	}
}
