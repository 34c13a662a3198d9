package oer

import (
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
			if err := put(p.CalendarPath(), b.calendar(l.Title+": "+p.Title, []*site.Page{p})); err != nil {
				return err
			}
		}
		if len(all) > 0 {
			if err := put(site.LanguageCalendarPath(l.Code), b.calendar(l.Title, all)); err != nil {
				return err
			}
		}
	}
	return nil
}

// calendar returns an RFC 5545 calendar: UTC times, CRLF line ends, lines
// folded at 75 octets, UIDs stable across builds and languages, DTSTAMP
// from the content (the entry's lastmod or date), never from the clock.
func (b *Builder) calendar(name string, events []*site.Page) []byte {
	var c icalWriter
	c.line("BEGIN:VCALENDAR")
	c.line("VERSION:2.0")
	c.line("PRODID:-//oersite//" + icalText(b.s.Config.Title) + "//EN")
	c.line("CALSCALE:GREGORIAN")
	c.line("METHOD:PUBLISH")
	c.line("NAME:" + icalText(name))
	c.line("X-WR-CALNAME:" + icalText(name))
	for _, p := range events {
		m := p.Meta
		stamp := m.Lastmod
		if stamp.IsZero() {
			stamp = m.Date
		}
		if stamp.IsZero() {
			stamp = m.Start
		}
		end := m.Start.Add(m.Duration)
		if m.Duration <= 0 {
			end = m.Start.Add(time.Hour)
		}
		c.line("BEGIN:VEVENT")
		c.line("UID:" + strings.TrimPrefix(p.Key, "tk:") + "@" + b.host())
		c.line("DTSTAMP:" + icalTime(stamp))
		c.line("DTSTART:" + icalTime(m.Start))
		c.line("DTEND:" + icalTime(end))
		c.line("SUMMARY:" + icalText(p.Title))
		desc := trimmed(p.Summary)
		if m.Presenter != "" {
			desc += "\n" + m.Presenter
		}
		if m.Join != "" {
			desc += "\n" + m.Join
		}
		if desc != "" {
			c.line("DESCRIPTION:" + icalText(strings.TrimSpace(desc)))
		}
		c.line("URL:" + p.Permalink())
		if m.Join != "" {
			c.line("LOCATION:" + icalText(m.Join))
			c.line("CONFERENCE;VALUE=URI;FEATURE=AUDIO,VIDEO;LABEL=" + icalParam(p.Title) + ":" + m.Join)
		}
		if m.Language != "" {
			c.line("X-OERSITE-LANGUAGE:" + icalText(m.Language))
		}
		c.line("STATUS:CONFIRMED")
		c.line("TRANSP:OPAQUE")
		c.line("END:VEVENT")
	}
	c.line("END:VCALENDAR")
	return []byte(c.b.String())
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
