package oer

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/oersite/oersite/generator/internal/site"
)

// writeCalendars writes one .ics per webinar and one per language with all of them.
func (b *Builder) writeCalendars(out Out) error {
	for _, l := range b.s.Languages {
		var all []*site.Page
		for _, p := range b.s.Pages {
			if p.Lang != l.Code || p.Kind != site.KindWebinar || p.Meta.Start.IsZero() {
				continue
			}
			all = append(all, p)
			// A file with one event carries no calendar name: some
			// calendar programs open a named file as a new calendar.
			if err := out.Put(p.CalendarPath(), b.calendar("", []*site.Page{p}, nil)); err != nil {
				return err
			}
		}
		if len(all) > 0 || len(b.s.PartnerEvents) > 0 {
			if err := out.Put(site.LanguageCalendarPath(l.Code), b.calendar(l.Title, all, b.s.PartnerEvents)); err != nil {
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
	c.line("UID:" + icalText(strings.TrimPrefix(p.Key, "tk:")+"@"+b.host()))
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
	c.line("URL:" + icalURI(link))
	if where != "" {
		c.line("LOCATION:" + icalText(where))
	}
	if m.Join != "" && p.IsUpcoming() {
		c.line("CONFERENCE;VALUE=URI;FEATURE=AUDIO,VIDEO;LABEL=" + icalParam(p.Title) + ":" + icalURI(m.Join))
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

// icalText escapes a TEXT value (RFC 5545, 3.3.11): backslash, semicolon
// and comma are escaped, every line break becomes the two characters \n,
// and other control characters (which TEXT may not hold) are dropped, so
// that no value can end its line and start a property of its own.
func icalText(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' || c == ';' || c == ',':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b.WriteString(`\n`)
		case c == '\n':
			b.WriteString(`\n`)
		case c < ' ' && c != '\t', c == 0x7f:
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// icalParam quotes a parameter value: double quotes become single ones,
// line breaks spaces, and other control characters are dropped (RFC 5545,
// 3.1: a quoted value holds no control character and no double quote).
func icalParam(s string) string {
	return `"` + strings.Map(func(r rune) rune {
		switch {
		case r == '"':
			return '\''
		case r == '\r' || r == '\n' || r == '\t':
			return ' '
		case r < ' ' || r == 0x7f:
			return -1
		}
		return r
	}, s) + `"`
}

// icalURI writes a URI value: characters a URI may not hold raw (controls,
// spaces) are percent-encoded, so that the value stays on its line.
func icalURI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c == 0x7f {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
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
