package oer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"strings"

	"github.com/oersite/oersite/generator/internal/content"
	"github.com/oersite/oersite/generator/internal/site"
)

// writeCatalog writes catalog.json (every OER item as AMB JSON-LD, each with
// its inLanguage) and catalog.csv for partners' spreadsheets, each as it
// is made (see Out.Stream).
func (b *Builder) writeCatalog(out Out) error {
	items := b.items()
	if err := out.stream("catalog.json", func(w io.Writer) error { return b.catalogJSON(w, items) }); err != nil {
		return err
	}
	return out.stream("catalog.csv", func(w io.Writer) error { return b.catalogCSV(w, items) })
}

// catalogJSON writes the items as one JSON list, a record at a time (the
// bytes json.MarshalIndent gives for the whole list), so that memory holds
// one record, not the file.
func (b *Builder) catalogJSON(w io.Writer, items []*site.Page) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("[")
	var rec []byte
	var indented bytes.Buffer
	for i, p := range items {
		if i > 0 {
			bw.WriteByte(',')
		}
		rec = appendJSON(rec[:0], b.LearningResource(p))
		indented.Reset()
		if err := json.Indent(&indented, rec, " ", " "); err != nil {
			return err
		}
		bw.WriteString("\n ")
		bw.Write(indented.Bytes())
	}
	if len(items) > 0 {
		bw.WriteByte('\n')
	}
	bw.WriteString("]\n")
	return bw.Flush()
}

// catalogCSV writes the items as CSV, a row each.
func (b *Builder) catalogCSV(out io.Writer, items []*site.Page) error {
	bw := bufio.NewWriterSize(out, 64<<10)
	bw.WriteString("\ufeff") // so that spreadsheet programs read UTF-8
	w := csv.NewWriter(bw)
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
	return bw.Flush()
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
