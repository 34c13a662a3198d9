package oer

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"

	"github.com/oersite/oersite/generator/internal/content"
)

// writeCatalog writes catalog.json (every OER item as AMB JSON-LD, each with
// its inLanguage) and catalog.csv for partners' spreadsheets.
func (b *Builder) writeCatalog(put Put) error {
	items := b.items()
	// One record at a time (the bytes json.MarshalIndent gives for the whole
	// list), so that memory holds the file, not the file and every record.
	var js bytes.Buffer
	js.WriteString("[")
	var rec []byte
	for i, p := range items {
		rec = appendJSON(rec[:0], b.LearningResource(p))
		if i == 0 {
			// room for every record at about the first one's size (indented,
			// a record grows by a fifth), so that the file is not copied
			// over and over as it grows
			js.Grow(len(items) * (len(rec)*3/2 + 16))
		} else {
			js.WriteByte(',')
		}
		js.WriteString("\n ")
		if err := json.Indent(&js, rec, " ", " "); err != nil {
			return err
		}
	}
	if len(items) > 0 {
		js.WriteByte('\n')
	}
	js.WriteString("]\n")
	if err := put("catalog.json", js.Bytes()); err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.WriteString("\ufeff") // so that spreadsheet programs read UTF-8
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	_ = w.Write([]string{"id", "language", "kind", "title", "description", "licence", "licence_url", "authors", "audience", "level", "digcomp", "keywords", "duration", "date_published", "date_modified", "resource_type", "file_or_link", "adapted_from", "translation_of"})
	for _, p := range items {
		created, mod := p.Published(), p.Modified()
		l := p.Licence()
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
		_ = w.Write(safeCells(
			p.Permalink(), p.Lang, string(p.Kind), p.Title, trimmed(p.Summary), l.ID, l.URL,
			strings.Join(p.AuthorNames(), "; "), strings.Join(p.Audience(), "; "), p.Level(),
			strings.Join(p.Competences(), "; "), strings.Join(p.Keywords(), "; "), dur, day(created), day(mod),
			p.Meta.ResourceType, fileOrLink, adapted, orig,
		))
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return put("catalog.csv", buf.Bytes())
}

// safeCells makes text cells safe to open in a spreadsheet (OWASP's advice
// against CSV injection): a cell starting with =, +, -, @, a tab or a
// carriage return, which a spreadsheet may run as a formula, gets a
// leading apostrophe, which shows the text as it is.
func safeCells(cells ...string) []string {
	for i, c := range cells {
		if c != "" && strings.IndexByte("=+-@\t\r", c[0]) >= 0 {
			cells[i] = "'" + c
		}
	}
	return cells
}
