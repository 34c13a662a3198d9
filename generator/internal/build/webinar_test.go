package build_test

import (
	"strings"
	"testing"
)

const webinarTimes = baseConfig + `
-- content/en/webinars/london.md --
---
title: London session
start: 2026-12-09T18:00:00+00:00
timezone: Europe/London
duration: 1h
join: https://meet.example.org/london
recording: https://video.example.org/london
---
Soon.
-- content/en/webinars/vienna.md --
---
title: Vienna session
start: 2027-03-03T10:00:00
timezone: Europe/Vienna
duration: 1h
---
Soon.
-- content/en/webinars/offset.md --
---
title: Offset only
start: 2026-12-01T17:30:00+02:00
duration: 1h
---
Soon.
-- content/en/webinars/over.md --
---
title: Over
start: 2026-10-01T18:00:00+02:00
timezone: Europe/Rome
duration: 1h
join: https://meet.example.org/over
recording: https://video.example.org/over
---
Done.
-- content/en/webinars/wrong-offset.md --
---
title: Wrong offset
start: 2026-12-16T18:00:00+01:00
timezone: Europe/London
duration: 1h
---
Soon.
`

// The text a visitor without script reads states the webinar's own time in
// its own zone, in the page's language, with the place in words: the same
// time the script shows as "… in London", never an offset that disagrees.
func TestWebinarTimeWrittenInTheEventsZone(t *testing.T) {
	dir := writeSite(t, webinarTimes)
	res := buildSite(t, dir)
	assertContains(t, dir, "en/webinars/london/index.html", "Wednesday 9 December 2026, 18:00 in London</time>", `data-zone="Europe/London"`, `data-place="London"`)
	assertContains(t, dir, "it/webinars/london/index.html", "mercoledì 9 dicembre 2026, 18:00 ora di Londra</time>", `data-place="Londra"`, `lang="it"`)
	assertContains(t, dir, "it/webinars/index.html", "9 dicembre 2026, 18:00 ora di Londra</time>")
	assertContains(t, dir, "en/webinars/vienna/index.html", "Wednesday 3 March 2027, 10:00 in Vienna</time>") // no name in the strings: the IANA city
	assertContains(t, dir, "en/webinars/offset/index.html", "Tuesday 1 December 2026, 17:30 (UTC&#43;2)</time>")
	for _, p := range []string{"en/webinars/london/index.html", "it/webinars/london/index.html"} {
		if page := read(t, dir, p); strings.Contains(page, "UTC") || strings.Contains(page, "GMT") {
			t.Errorf("%s names UTC or GMT beside London's time", p)
		}
	}
	// a start whose offset is not its zone's on that date is reported
	found := false
	for _, d := range res.Diags {
		found = found || strings.Contains(d.String(), "wrong-offset.md") && strings.Contains(d.String(), "+00:00")
	}
	if !found {
		t.Errorf("no warning for 18:00+01:00 in London in December; diagnostics: %v", res.Diags)
	}
}

// Both answers are in the page: the build's shows without script, the other
// is hidden until the script decides against the visitor's clock.
func TestWebinarPageCarriesBothUpcomingAndPast(t *testing.T) {
	dir := writeSite(t, webinarTimes)
	buildSite(t, dir)
	assertContains(t, dir, "en/webinars/london/index.html",
		`<div class="webinar-upcoming">`, `https://meet.example.org/london`,
		`<div class="webinar-past" hidden>`, `https://video.example.org/london`, `data-webinar-end="2026-12-09T19:00:00Z"`)
	assertContains(t, dir, "en/webinars/over/index.html",
		`<div class="webinar-upcoming" hidden>`, `<div class="webinar-past">`, `https://video.example.org/over`)
	assertContains(t, dir, "en/webinars/index.html",
		`<ul class="cards" data-webinars="upcoming">`, `<ul class="cards" data-webinars="past">`, `<p class="webinars-none" hidden>No webinars are planned`)
}
