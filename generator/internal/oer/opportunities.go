package oer

import (
	"encoding/json"
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/oersite/oersite/generator/internal/site"
)

// OpportunitiesPath is the catalogue of open opportunities, from the site root.
const OpportunitiesPath = "opportunities.json"

// opportunity is one entry of opportunities.json: what another site (a
// partner's harvest, a national platform) needs to list it and send
// people to it. There is never an e-mail address: contact is the
// request form's address, which names the opportunity.
type opportunity struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	Description   string `json:"description,omitempty"`
	InLanguage    string `json:"inLanguage"`
	Kind          string `json:"kind"`
	Country       string `json:"country,omitempty"`
	Region        string `json:"region,omitempty"`
	Sector        string `json:"sector,omitempty"`
	DatePublished string `json:"datePublished,omitempty"`
	ValidThrough  string `json:"validThrough,omitempty"`
	Contact       string `json:"contact,omitempty"`
}

// writeOpportunities writes opportunities.json: the open opportunities of
// every language, translations included, by address; written only when
// the site has opportunities.
func (b *Builder) writeOpportunities(out Out) error {
	var ops []opportunity
	for _, p := range b.s.Pages {
		if p.Kind != site.KindOpportunity || p.FallbackOf != nil || p.Source == nil || !p.IsOpen() {
			continue
		}
		o := opportunity{ID: p.Permalink(), Name: p.Title, Description: trimmed(p.Summary), InLanguage: p.ContentLang(),
			Kind: p.Meta.Offer, Country: site.CountryCode(p.Meta.Country), Region: p.Meta.Region, Sector: p.Meta.Sector}
		if d := p.Published(); !d.IsZero() {
			o.DatePublished = d.Format("2006-01-02")
		}
		if !p.Meta.Closes.IsZero() {
			o.ValidThrough = p.Meta.Closes.Format("2006-01-02")
		}
		if req := b.s.Langs[p.Lang].Request; req != nil {
			o.Contact = req.Permalink() + "?opportunity=" + url.QueryEscape(path.Base(strings.TrimSuffix(p.URL, "/")))
		}
		ops = append(ops, o)
	}
	if len(ops) == 0 {
		return nil
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].ID < ops[j].ID })
	data, err := json.MarshalIndent(ops, "", " ")
	if err != nil {
		return err
	}
	return out.Put(OpportunitiesPath, append(data, '\n'))
}
