package content

import (
	"time"

	"github.com/oersite/oersite/generator/internal/bincode"
	"github.com/oersite/oersite/generator/internal/diag"
)

// A build keeps the sources it parsed for the next (see package build),
// which decodes thousands of them before it can start: AppendSource and
// DecodeSource give them a compact form read without reflection (package
// bincode).
//
// codeSource lists the fields once, for both ways. A field it leaves out
// comes back empty, so that the build that kept the source, comparing it
// with what it parsed, finds it inexact and the next build parses the
// file again: nothing is lost, only time (TestKeptSourceHoldsEveryField
// fails on such a field). The same holds for a front matter value of a type
// bincode does not know.

// AppendSource appends src, without its body, to b.
func AppendSource(b []byte, src *Source) []byte {
	c := bincode.NewEncoder(b)
	s := src.Parsed()
	codeSource(c, &s)
	return c.Bytes()
}

// DecodeSource decodes into dst the source at the start of s, as
// AppendSource wrote it, and returns what follows it. The source's strings
// are parts of s.
func DecodeSource(dst *Source, s string) (rest string, err error) {
	c := bincode.NewDecoder(s)
	*dst = Source{}
	codeSource(c, dst)
	if err := c.Err(); err != nil {
		*dst = Source{}
		return "", err
	}
	return c.Rest(), nil
}

func codeSource(c *bincode.Coder, s *Source) {
	c.Str(&s.Path)
	c.Str(&s.Lang)
	c.Str(&s.Rel)
	codeMeta(c, &s.Meta)
	c.Int(&s.BodyLine)
	c.Str((*string)(&s.Format))
	c.Digest(&s.Hash)
	c.Digest(&s.BodyHash)
	c.Digest(&s.FrontHash)
	bincode.List(c, &s.Placeholders, codePlaceholderLine)
	bincode.List(c, (*[]diag.Diagnostic)(&s.Warnings), diag.Bincode)
	c.Bool(&s.Cascaded)
}

func codeMeta(c *bincode.Coder, m *Meta) {
	for _, s := range []*string{&m.Title, &m.Summary, &m.Description, &m.Slug, &m.TranslationKey, &m.Type, &m.Layout,
		&m.Level, &m.DurationText, &m.Licence, &m.Image, &m.Timezone, &m.Join, &m.Presenter, &m.Status, &m.Language,
		&m.ResourceType, &m.File, &m.Link, &m.Goal, &m.Button, &m.Tutor, &m.Business, &m.Country, &m.Sector,
		&m.Region, &m.Offer, &m.URL} {
		c.Str(s)
	}
	for _, t := range []*time.Time{&m.Date, &m.Lastmod, &m.Start, &m.Closes, &m.PublishDate, &m.ExpiryDate, &m.TranslatedFrom} {
		c.Time(t)
	}
	for _, l := range []*[]string{&m.Aliases, &m.Tags, &m.Keywords, &m.Audience, &m.Objectives, &m.DigComp,
		&m.Prerequisites, &m.Subjects, &m.Modules, &m.Categories} {
		c.Strs(l)
	}
	c.Bool(&m.Draft)
	c.Bool(&m.NeedsTranslation)
	c.Int(&m.Weight)
	c.Int(&m.Revision)
	c.Duration(&m.Duration)
	bincode.List(c, &m.Authors, codeAuthor)
	bincode.List(c, &m.Attachments, func(c *bincode.Coder, a *Attachment) { c.Str(&a.File); c.Str(&a.Title) })
	c.Str(&m.Recording.URL)
	c.Str(&m.Recording.Thumbnail)
	c.Time(&m.Recording.Uploaded)
	bincode.Pointer(c, &m.Source, func(c *bincode.Coder, w *SourceWork) {
		c.Str(&w.Title)
		c.Str(&w.Author)
		bincode.List(c, &w.Creators, codeAuthor)
		c.Str(&w.URL)
		c.Str(&w.Licence)
	})
	bincode.List(c, &m.Menus, func(c *bincode.Coder, e *MenuEntry) {
		c.Str(&e.Menu)
		c.Str(&e.Name)
		c.Int(&e.Weight)
		c.Str(&e.Parent)
		c.Int(&e.Line)
	})
	c.Table(&m.Params)
	c.StringInts(&m.Lines)
}

func codeAuthor(c *bincode.Coder, a *Author) {
	c.Str(&a.Name)
	c.Str(&a.Type)
	c.Str(&a.ID)
}

func codePlaceholderLine(c *bincode.Coder, p *PlaceholderLine) {
	c.Int(&p.Line)
	c.Str(&p.Text)
}
