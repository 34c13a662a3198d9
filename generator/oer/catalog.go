package oer

import (
	"bytes"
	"encoding/csv"
	"strings"

	"github.com/oersite/oersite/generator/content"
)

// writeCatalog writes catalog.json (every OER item as AMB JSON-LD, each with
// its inLanguage) and catalog.csv for partners' spreadsheets.
func (b *Builder) writeCatalog(put Put) error {
	items := b.items()
	// One record at a time (the bytes json.MarshalIndent gives for the whole
	// list), so that memory holds the file, not the file and every record.
	var js, rec, ind []byte
	for i, p := range items {
		rec = appendJSON(rec[:0], b.LearningResource(p))
		ind = appendIndented(ind[:0], rec, " ", " ")
		if i == 0 {
			// room for every record at about the first one's size, so that
			// the file is not copied over and over as it grows
			js = make([]byte, 0, 64+(len(ind)+16)*len(items)*5/4)
			js = append(js, '[')
		} else {
			js = append(js, ',')
		}
		js = append(js, "\n "...)
		js = append(js, ind...)
	}
	if js == nil {
		js = []byte("[")
	}
	if len(items) > 0 {
		js = append(js, '\n')
	}
	js = append(js, "]\n"...)
	if err := put("catalog.json", js); err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.WriteString("\ufeff") // so that spreadsheet programs read UTF-8
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	_ = w.Write([]string{"id", "language", "kind", "title", "description", "licence", "licence_url", "authors", "audience", "level", "digcomp", "keywords", "duration", "date_published", "date_modified", "resource_type", "file_or_link", "adapted_from", "translation_of"})
	for _, p := range items {
		created, mod := published(p)
		l := b.licence(p)
		fileOrLink := p.Meta.Link
		if len(p.Attachments) > 0 {
			fileOrLink = b.s.Absolute(p.Attachments[0].URL)
		}
		adapted := ""
		if src := p.Meta.Source; src != nil {
			adapted = strings.TrimSpace(src.Title + " " + src.URL)
		}
		orig := ""
		for _, t := range p.Translations {
			if t.Lang == b.s.DefaultLanguage() && p.Lang != t.Lang {
				orig = t.Permalink()
			}
		}
		dur := ""
		if p.Meta.Duration > 0 {
			dur = content.FormatDuration(p.Meta.Duration)
		}
		_ = w.Write([]string{
			p.Permalink(), p.Lang, string(p.Kind), p.Title, trimmed(p.Summary), l.ID, l.URL,
			strings.Join(b.authors(p), "; "), strings.Join(p.Meta.Audience, "; "), p.Meta.Level,
			strings.Join(p.Meta.DigComp, "; "), strings.Join(keywords(p), "; "), dur, day(created), day(mod),
			p.Meta.ResourceType, fileOrLink, adapted, orig,
		})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return put("catalog.csv", buf.Bytes())
}
