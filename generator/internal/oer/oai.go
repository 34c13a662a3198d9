package oer

import (
	"strings"
	"time"

	"github.com/oersite/oersite/generator/internal/site"
)

// OAIPath is where the OAI-PMH static repository is written.
const OAIPath = "oai-pmh.xml"

// OAIData is what the oai-pmh.xml template receives: an OAI-PMH static
// repository with every module and resource as an oai_dc record (no sets,
// no deleted records, day granularity).
type OAIData struct {
	Site           *site.Site
	RepositoryName string
	// BaseURL is the repository's OAI-PMH address: the gateway's base
	// address followed by this file's address without its scheme when
	// [oer] oaiGateway is set, else the file's own address.
	BaseURL           string
	AdminEmail        string
	EarliestDatestamp string
	Records           []OAIRecord
}

// OAIRecord is one record of the repository.
type OAIRecord struct {
	Page       *site.Page
	Identifier string
	// Datestamp is the day the record last changed: the newest date of the
	// page and of the pages its metadata names (its translations).
	Datestamp string
	// Elements are its Dublin Core elements in order: title, creator, subject...
	Elements []DCElement
}

// DCElement is one Dublin Core element of a record ("title", "Writing posts").
type DCElement struct {
	Name, Value string
}

// writeOAI writes the OAI-PMH static repository.
func (b *Builder) writeOAI(out Out) error {
	items := b.items()
	cfg := b.s.Config
	d := OAIData{
		Site: b.s, RepositoryName: cfg.Title, BaseURL: b.oaiBaseURL(),
		AdminEmail: firstNonEmpty(cfg.OER.AdminEmail, cfg.Contact, "admin@"+b.host()),
	}
	for _, p := range items {
		r := OAIRecord{Page: p, Identifier: b.OAIIdentifier(p), Datestamp: day(oaiDatestamp(p)), Elements: b.dcElements(p)}
		if r.Datestamp == "" {
			r.Datestamp = "2000-01-01"
		}
		if d.EarliestDatestamp == "" || r.Datestamp < d.EarliestDatestamp {
			d.EarliestDatestamp = r.Datestamp
		}
		d.Records = append(d.Records, r)
	}
	if d.EarliestDatestamp == "" {
		d.EarliestDatestamp = "2000-01-01"
	}
	data, err := b.execute("oai-pmh.xml", d, 2048*len(items)+2048)
	if err != nil {
		return err
	}
	return out.Put(OAIPath, data)
}

// oaiBaseURL is the repository's baseURL, through the configured gateway if any.
func (b *Builder) oaiBaseURL() string {
	file := b.s.Absolute(OAIPath)
	gw := b.s.Config.OER.OAIGateway
	if gw == "" {
		return file
	}
	_, rest, _ := strings.Cut(file, "://")
	return strings.TrimRight(gw, "/") + "/" + rest
}

// oaiDatestamp is when a record's metadata last changed: its page's date
// or any of its translations' (a new translation adds a relation).
func oaiDatestamp(p *site.Page) time.Time {
	t := p.Modified()
	for _, q := range p.Translations {
		for _, m := range []time.Time{q.Published(), q.Modified()} {
			if m.After(t) {
				t = m
			}
		}
	}
	return t
}

// OAIIdentifier is a record's stable identifier.
func (b *Builder) OAIIdentifier(p *site.Page) string {
	return "oai:" + b.host() + ":" + strings.TrimSuffix(p.URL, "/")
}

// dcElements are a record's Dublin Core elements.
func (b *Builder) dcElements(p *site.Page) []DCElement {
	var out []DCElement
	add := func(name, v string) {
		if v = trimmed(v); v != "" {
			out = append(out, DCElement{name, v})
		}
	}
	add("title", p.Title)
	for _, a := range p.AuthorNames() {
		add("creator", a)
	}
	for _, k := range p.Keywords() {
		add("subject", k)
	}
	for _, c := range p.Competences() {
		add("subject", b.label(p.Lang, "digcomp."+c))
	}
	add("description", p.Summary)
	add("publisher", b.s.Config.OER.Publisher)
	add("date", day(p.Published()))
	add("type", b.dcmiType(p))
	add("format", "text/html")
	add("identifier", p.Permalink())
	add("language", p.Lang)
	add("rights", p.Licence().URL)
	if src := p.Meta.Source; src != nil {
		add("source", firstNonEmpty(src.URL, src.Title))
	}
	for _, t := range p.Translations {
		add("relation", t.Permalink())
	}
	return out
}
