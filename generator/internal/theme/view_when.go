package theme

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/oersite/oersite/generator/internal/site"
)

// When is a webinar's time as a template shows it: the text written at build
// time (the event's own zone, in the page's language), and what the theme's
// script needs to show it again in the visitor's zone and to decide, against
// the visitor's clock, whether the webinar is still to come.
type When struct {
	Start, End string // RFC 3339
	Zone       string // IANA name of the event's zone ("Europe/London"), or ""
	Place      string // the zone in words, in the page's language ("Londra"), or ""
	Lang       string // the page's language (the UI language, also on fallback pages)
	Text       string // the build-time text: "9 dicembre 2026, 18:00 ora di Londra"
	Strings    string // JSON: the phrases and names the script needs, in the page's language
}

// When returns a webinar's time for a template; long adds the weekday (the
// webinar's own page), short leaves it out (cards in lists).
func (v *View) When(p *site.Page, long bool) When {
	return v.whenOf(p.Meta.Start, p.Meta.Start.Add(p.Meta.Duration), long)
}

// EventWhen is When for a partner's event, as a card shows it: its times come
// harvested in UTC, and the script shows them on the visitor's clock.
func (v *View) EventWhen(e *site.PartnerEvent) When {
	end := e.End
	if end.Before(e.Start) {
		end = e.Start
	}
	return v.whenOf(e.Start, end, false)
}

func (v *View) whenOf(start, end time.Time, long bool) When {
	if start.IsZero() {
		return When{}
	}
	return When{
		Start:   v.ISO(start),
		End:     v.ISO(end),
		Zone:    zoneName(start),
		Place:   v.Place(start),
		Lang:    v.Page.Lang,
		Text:    v.EventTime(start, long),
		Strings: v.whenStrings(),
	}
}

// EventTime writes a time as the event states it, in the page's language:
// the date, then the clock time with the event's place in words ("9 dicembre
// 2026, 18:00 ora di Londra"), or its UTC offset when it has no named zone.
func (v *View) EventTime(t time.Time, long bool) string {
	if t.IsZero() {
		return ""
	}
	date := v.Date(t)
	if long {
		date = v.Tf("date.long", "weekday", v.T("weekday."+strconv.Itoa(int(t.Weekday()))),
			"day", t.Day(), "month", v.T("month."+strconv.Itoa(int(t.Month()))), "year", t.Year())
	}
	clock := t.Format("15:04")
	if place := v.Place(t); place != "" {
		return date + ", " + v.Tf("webinar.placetime", "time", clock, "place", place)
	}
	_, off := t.Zone()
	return date + ", " + clock + " (UTC" + offset(off) + ")"
}

// Place names a time's zone in the page's language: the strings key
// zone.<IANA name> ("zone.Europe/London" = "Londra"), else the city of the
// IANA name ("Europe/Vienna" gives "Vienna"); "" for a bare UTC offset.
func (v *View) Place(t time.Time) string {
	name := zoneName(t)
	if name == "" {
		return ""
	}
	if k := "zone." + name; v.T(k) != k {
		return v.T(k)
	}
	return strings.ReplaceAll(name[strings.LastIndexByte(name, '/')+1:], "_", " ")
}

// zoneName is the IANA name of t's zone, or "" when t carries only an offset.
func zoneName(t time.Time) string {
	name := t.Location().String()
	if !strings.Contains(name, "/") {
		return "" // "UTC", "Local" or a fixed offset
	}
	return name
}

// whenStrings are the phrases the script uses, and the names it falls back
// on where the browser does not know the page's language (Chromium has no
// Icelandic date names, for one).
func (v *View) whenStrings() string {
	s := map[string]any{
		"your": v.T("webinar.yourtime"), "at": v.T("webinar.placetime"), "same": v.T("webinar.sametime"),
		"live": v.T("webinar.live"), "today": v.T("webinar.today"), "tomorrow": v.T("webinar.tomorrow"),
		"date": v.T("date.format"), "long": v.T("date.long"),
	}
	var months, days []string
	for m := 1; m <= 12; m++ {
		months = append(months, v.T("month."+strconv.Itoa(m)))
	}
	for d := 0; d < 7; d++ {
		days = append(days, v.T("weekday."+strconv.Itoa(d)))
	}
	s["months"], s["weekdays"] = months, days
	b, _ := json.Marshal(s) // strings and lists of strings always marshal
	return string(b)
}
