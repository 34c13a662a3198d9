package oer

import (
	"strings"

	"github.com/oersite/oersite/generator/internal/site"
)

// partnerEvents writes the partners' events into a language calendar:
// each names its partner in the summary's description and links to the
// partner's page. Their UIDs are prefixed with the partner's id, so that
// no partner's calendar can replace one of the site's own events in a
// subscriber's calendar.
func (b *Builder) partnerEvents(c *icalWriter, evs []*site.PartnerEvent) {
	for _, e := range evs {
		c.line("BEGIN:VEVENT")
		c.line("UID:partner-" + e.Partner.ID + "-" + icalText(e.ID))
		c.line("DTSTAMP:" + icalTime(e.Start))
		c.line("DTSTART:" + icalTime(e.Start))
		c.line("DTEND:" + icalTime(e.End))
		c.line("SUMMARY:" + icalText(e.Title))
		desc := strings.TrimSpace(e.Partner.Name + "\n" + e.Description)
		c.line("DESCRIPTION:" + icalText(desc))
		if e.URL != "" {
			c.line("URL:" + e.URL)
		}
		if e.Language != "" {
			c.line("X-OERSITE-LANGUAGE:" + icalText(e.Language))
		}
		c.line("ORGANIZER;CN=" + icalParam(e.Partner.Name) + ":" + icalOrganizer(e))
		c.line("STATUS:CONFIRMED")
		c.line("TRANSP:OPAQUE")
		c.line("END:VEVENT")
	}
}

// icalOrganizer is the partner's address for ORGANIZER (a URI).
func icalOrganizer(e *site.PartnerEvent) string {
	for _, u := range []string{e.Partner.Website, e.Partner.URL} {
		if u != "" {
			return u
		}
	}
	return "urn:oersite:partner:" + e.Partner.ID
}
