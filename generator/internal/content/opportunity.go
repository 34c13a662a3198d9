package content

import "strings"

// OpportunityKinds are the kinds of opportunity (Skills-Share-Sell): what
// someone offers, what someone needs, a traineeship, a funding call.
var OpportunityKinds = []string{"offer", "need", "traineeship", "funding"}

// listing reads the keys of stories, news and opportunities: sector and
// region for filters; an opportunity's kind and closing date.
func (r *fieldReader) listing(m *Meta) {
	m.Sector = r.str("sector")
	m.Region = r.str("region")
	m.Closes = r.date("closes", "closingDate", "deadline")
	if k := strings.ToLower(r.str("kind")); k != "" {
		m.Offer = k
	}
}
