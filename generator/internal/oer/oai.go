package oer

import (
	"strings"

	"github.com/oersite/oersite/generator/internal/site"
)

// OAIPath is where the OAI-PMH static repository is written.
const OAIPath = "oai-pmh.xml"

// writeOAI writes an OAI-PMH static repository with every module and
// resource as an oai_dc record: no sets, no deleted records, day granularity.
func (b *Builder) writeOAI(put Put) error {
	items := b.items()
	earliest := ""
	for _, p := range items {
		_, mod := published(p)
		if d := day(mod); d != "" && (earliest == "" || d < earliest) {
			earliest = d
		}
	}
	if earliest == "" {
		earliest = "2000-01-01"
	}
	cfg := b.s.Config
	var sb strings.Builder
	sb.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	sb.WriteString(`<Repository xmlns="http://www.openarchives.org/OAI/2.0/static-repository" xmlns:oai="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/static-repository http://www.openarchives.org/OAI/2.0/static-repository.xsd">` + "\n")
	sb.WriteString("  <Identify>\n")
	sb.WriteString("    <oai:repositoryName>" + xmlText(cfg.Title) + "</oai:repositoryName>\n")
	sb.WriteString("    <oai:baseURL>" + xmlText(b.s.Absolute(OAIPath)) + "</oai:baseURL>\n")
	sb.WriteString("    <oai:protocolVersion>2.0</oai:protocolVersion>\n")
	sb.WriteString("    <oai:adminEmail>" + xmlText(firstNonEmpty(cfg.OER.AdminEmail, cfg.Contact, "admin@"+b.host())) + "</oai:adminEmail>\n")
	sb.WriteString("    <oai:earliestDatestamp>" + earliest + "</oai:earliestDatestamp>\n")
	sb.WriteString("    <oai:deletedRecord>no</oai:deletedRecord>\n")
	sb.WriteString("    <oai:granularity>YYYY-MM-DD</oai:granularity>\n")
	sb.WriteString("  </Identify>\n")
	sb.WriteString("  <ListMetadataFormats>\n    <oai:metadataFormat>\n      <oai:metadataPrefix>oai_dc</oai:metadataPrefix>\n")
	sb.WriteString("      <oai:schema>http://www.openarchives.org/OAI/2.0/oai_dc.xsd</oai:schema>\n")
	sb.WriteString("      <oai:metadataNamespace>http://www.openarchives.org/OAI/2.0/oai_dc/</oai:metadataNamespace>\n")
	sb.WriteString("    </oai:metadataFormat>\n  </ListMetadataFormats>\n")
	sb.WriteString(`  <ListRecords metadataPrefix="oai_dc">` + "\n")
	for _, p := range items {
		b.oaiRecord(&sb, p)
	}
	sb.WriteString("  </ListRecords>\n</Repository>\n")
	return put(OAIPath, []byte(sb.String()))
}

// OAIIdentifier is a record's stable identifier.
func (b *Builder) OAIIdentifier(p *site.Page) string {
	return "oai:" + b.host() + ":" + strings.TrimSuffix(p.URL, "/")
}

func (b *Builder) oaiRecord(sb *strings.Builder, p *site.Page) {
	created, mod := published(p)
	stamp := day(mod)
	if stamp == "" {
		stamp = "2000-01-01"
	}
	el := func(name, v string) {
		if v = trimmed(v); v != "" {
			sb.WriteString("          <dc:" + name + ">" + xmlText(v) + "</dc:" + name + ">\n")
		}
	}
	sb.WriteString("    <oai:record>\n      <oai:header>\n")
	sb.WriteString("        <oai:identifier>" + xmlText(b.OAIIdentifier(p)) + "</oai:identifier>\n")
	sb.WriteString("        <oai:datestamp>" + stamp + "</oai:datestamp>\n")
	sb.WriteString("      </oai:header>\n      <oai:metadata>\n")
	sb.WriteString(`        <oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd">` + "\n")
	el("title", p.Title)
	for _, a := range b.authors(p) {
		el("creator", a)
	}
	for _, k := range keywords(p) {
		el("subject", k)
	}
	for _, c := range p.Meta.DigComp {
		el("subject", b.label(p.Lang, "digcomp."+c))
	}
	el("description", p.Summary)
	el("publisher", b.s.Config.OER.Publisher)
	el("date", day(created))
	_, typ := resourceType(p)
	el("type", typ)
	el("format", "text/html")
	el("identifier", p.Permalink())
	el("language", p.Lang)
	if l := b.licence(p); l.URL != "" {
		el("rights", l.URL)
	}
	if src := p.Meta.Source; src != nil {
		el("source", firstNonEmpty(src.URL, src.Title))
	}
	for _, t := range p.Translations {
		el("relation", t.Permalink())
	}
	sb.WriteString("        </oai_dc:dc>\n      </oai:metadata>\n    </oai:record>\n")
}
