package oer

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/oersite/oersite/generator/internal/site"
)

// writeCalendars writes one .ics per webinar and one per language with all of them.
func (b *Builder) writeCalendars(put Put) error {
	for _, l := range b.s.Languages {
		var all []*site.Page
		for _, p := range b.s.Pages {
			if p.Lang != l.Code || p.Kind != site.KindWebinar || p.Meta.Start.IsZero() {
				continue
			}
			all = append(all, p)
			// A file with one event carries no calendar name: some
			// calendar programs open a named file as a new calendar.
			if err := put(p.CalendarPath(), b.calendar("", []*site.Page{p}, nil)); err != nil {
				return err
			}
		}
		if len(all) > 0 || len(b.s.PartnerEvents) > 0 {
			if err := put(site.LanguageCalendarPath(l.Code), b.calendar(l.Title, all, b.s.PartnerEvents)); err != nil {
				return err
			}
		}
	}
	return nil
}

// calendar returns an RFC 5545 calendar: UTC times, CRLF line ends, lines
// folded at 75 octets, UIDs stable across builds and languages, DTSTAMP
// and LAST-MODIFIED from the content (the entry's lastmod or date), never
// from the clock. name, when set, names a calendar to subscribe to;
// partners are the partners' events it also lists.
func (b *Builder) calendar(name string, events []*site.Page, partners []*site.PartnerEvent) []byte {
	var c icalWriter
	c.line("BEGIN:VCALENDAR")
	c.line("VERSION:2.0")
	c.line("PRODID:-//oersite//" + icalText(b.s.Config.Title) + "//EN")
	c.line("CALSCALE:GREGORIAN")
	c.line("METHOD:PUBLISH")
	if name != "" {
		c.line("NAME:" + icalText(name))
		c.line("X-WR-CALNAME:" + icalText(name))
	}
	for _, p := range events {
		b.event(&c, p)
	}
	b.partnerEvents(&c, partners)
	c.line("END:VCALENDAR")
	return []byte(c.b.String())
}

// event writes one VEVENT. A past webinar with a recording points to it
// (LOCATION and URL); a cancelled one says so, so that subscribed
// calendars drop it.
func (b *Builder) event(c *icalWriter, p *site.Page) {
	m := p.Meta
	stamp := firstTime(p.Modified(), m.Start)
	c.line("BEGIN:VEVENT")
	c.line("UID:" + strings.TrimPrefix(p.Key, "tk:") + "@" + b.host())
	c.line("DTSTAMP:" + icalTime(stamp))
	c.line("LAST-MODIFIED:" + icalTime(stamp))
	c.line("SEQUENCE:" + strconv.Itoa(sequence(p)))
	c.line("DTSTART:" + icalTime(m.Start))
	c.line("DTEND:" + icalTime(p.End()))
	c.line("SUMMARY:" + icalText(p.Title))
	where, link := m.Join, p.Permalink()
	if !p.IsUpcoming() && m.Recording.URL != "" {
		where, link = m.Recording.URL, m.Recording.URL
	}
	desc := trimmed(p.Summary)
	for _, extra := range []string{m.Presenter, where} {
		if extra != "" {
			desc += "\n" + extra
		}
	}
	if desc = strings.TrimSpace(desc); desc != "" {
		c.line("DESCRIPTION:" + icalText(desc))
	}
	c.line("URL:" + link)
	if where != "" {
		c.line("LOCATION:" + icalText(where))
	}
	if m.Join != "" && p.IsUpcoming() {
		c.line("CONFERENCE;VALUE=URI;FEATURE=AUDIO,VIDEO;LABEL=" + icalParam(p.Title) + ":" + m.Join)
	}
	if m.Language != "" {
		c.line("X-OERSITE-LANGUAGE:" + icalText(m.Language))
	}
	c.line("STATUS:" + icalStatus(p.EventStatus()))
	c.line("TRANSP:OPAQUE")
	c.line("END:VEVENT")
}

// sequence is a webinar's revision number for calendars: its `revision`,
// else the days between its date and its lastmod; a cancellation counts as
// one more, so that calendars apply it even when lastmod stayed.
func sequence(p *site.Page) int {
	n := p.Meta.Revision
	if n == 0 && !p.Meta.Date.IsZero() && p.Meta.Lastmod.After(p.Meta.Date) {
		n = int(p.Meta.Lastmod.Sub(p.Meta.Date) / (24 * time.Hour))
	}
	if p.EventStatus() == site.StatusCancelled {
		n++
	}
	return n
}

// icalStatus maps a webinar's status to the VEVENT STATUS values.
func icalStatus(status string) string {
	switch status {
	case site.StatusCancelled:
		return "CANCELLED"
	case site.StatusPostponed:
		return "TENTATIVE"
	}
	return "CONFIRMED"
}

func firstTime(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

func icalTime(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// icalText escapes a TEXT value.
func icalText(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	return r.Replace(s)
}

// icalParam quotes a parameter value.
func icalParam(s string) string {
	return `"` + strings.NewReplacer(`"`, "'", "\n", " ", "\r", " ").Replace(s) + `"`
}

type icalWriter struct{ b strings.Builder }

// line writes a content line folded at 75 octets, never inside a UTF-8 character.
func (w *icalWriter) line(s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.b.WriteString(s[:cut])
		w.b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	w.b.WriteString(s)
	w.b.WriteString("\r\n")
}
