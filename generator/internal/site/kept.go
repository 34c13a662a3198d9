package site

import (
	"github.com/oersite/oersite/generator/internal/bincode"
	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/markdown"
	"github.com/oersite/oersite/generator/internal/markdown/quiz"
	"github.com/oersite/oersite/generator/internal/spill"
)

// Rendering is one page's rendered Markdown as a build keeps it for the
// next (see Options.Keep and Options.Kept): what rendering gave besides
// the HTML and plain text, which are in the build's spill file at Content
// and Text, with the questions it asked of the site and their answers. A
// later build takes it instead of rendering the page again under
// RenderCache's rule: the same Markdown, first body line, address and
// title rule, and the same answer to every question.
type Rendering struct {
	File             string
	URL              string
	Body             [32]byte
	BodyLine         int
	TitleFromHeading bool
	Headings         []markdown.Heading
	Summary          string
	SummaryDivider   bool
	Title            string
	UsesLabels       bool
	Links            []markdown.Link
	IDs              []string
	Quizzes          []KeptQuiz
	Diags            diag.List
	Asked            []Answer
	Content, Text    spill.Span
}

// KeptQuiz is a knowledge check of a kept rendering, where it starts.
type KeptQuiz struct {
	Kind string
	Line int
	Quiz *quiz.Quiz
}

// Answer is one question a rendering asked of the site: a link resolved
// (Kind 'l': Key the destination, Value the address), a parameter ('p'),
// an interface string ('s') or what is known of a picture ('z': Key the
// destination, Value its pictureText).
type Answer struct {
	Kind       byte
	Key, Value string
	Image, OK  bool
}

// Kept are the renderings of an earlier build, by source file, whose
// HTML and text are at the same places in this build's Options.Bodies
// (which starts as a copy of that build's).
type Kept map[string]*Rendering

// keep makes the Rendering of p's Markdown, rendered (or taken) as res
// from doc with the answers asked, once p's body is in the spill file.
// ok is false (and r zero) for what cannot be kept: a rendering that read
// the page's files, or holds data other than knowledge checks.
func keep(p *Page, doc markdown.Doc, res markdown.Result, asked lookups) (r Rendering, ok bool) {
	if res.UsesFiles || p.bodies == nil {
		return r, false
	}
	r = Rendering{File: doc.File, URL: p.URL, Body: p.Source.BodyHash, BodyLine: doc.BodyLine, TitleFromHeading: doc.TitleFromHeading,
		Headings: res.Headings, Summary: res.Summary, SummaryDivider: res.SummaryDivider, Title: res.Title, UsesLabels: res.UsesLabels,
		Links: res.Links, IDs: res.IDs, Diags: res.Diags, Content: p.contentAt, Text: p.textAt}
	for _, b := range res.Blocks {
		q, isQuiz := b.Data.(*quiz.Quiz)
		if !isQuiz {
			return Rendering{}, false
		}
		r.Quizzes = append(r.Quizzes, KeptQuiz{Kind: b.Kind, Line: b.Line, Quiz: q})
	}
	for _, l := range asked.links {
		r.Asked = append(r.Asked, Answer{Kind: 'l', Key: l.dest, Value: l.href, Image: l.image, OK: l.ok})
	}
	for _, a := range asked.params {
		r.Asked = append(r.Asked, Answer{Kind: 'p', Key: a.key, Value: a.value, OK: a.ok})
	}
	for _, a := range asked.labels {
		r.Asked = append(r.Asked, Answer{Kind: 's', Key: a.key, Value: a.value, OK: a.ok})
	}
	for _, a := range asked.pictures {
		r.Asked = append(r.Asked, Answer{Kind: 'z', Key: a.key, Value: a.value, OK: a.ok})
	}
	return r, true
}

// keptAs is the rendering a build keeps of p: the one it took, which is
// the same at the same places, or the one it made (zero when it cannot be
// kept, see keep).
func keptAs(p *Page, doc markdown.Doc, res markdown.Result, asked lookups, taken *Rendering) Rendering {
	if taken != nil {
		return *taken
	}
	r, _ := keep(p, doc, res, asked)
	return r
}

// take returns the kept rendering of doc, p's Markdown, without its HTML
// and text (they are in the spill file at r.Content and r.Text), when it
// is still what rendering would give; else ok is false.
func (k Kept) take(p *Page, doc markdown.Doc) (res markdown.Result, asked lookups, r *Rendering, ok bool) {
	r = k[doc.File]
	if r == nil || r.URL != p.URL || r.Body != p.Source.BodyHash || r.BodyLine != doc.BodyLine || r.TitleFromHeading != doc.TitleFromHeading {
		return res, asked, nil, false
	}
	for _, a := range r.Asked {
		switch a.Kind {
		case 'l':
			asked.links = append(asked.links, resolution{a.Key, a.Image, a.Value, a.OK})
		case 'p':
			asked.params = append(asked.params, answer{a.Key, a.Value, a.OK})
		case 's':
			asked.labels = append(asked.labels, answer{a.Key, a.Value, a.OK})
		case 'z':
			asked.pictures = append(asked.pictures, answer{a.Key, a.Value, a.OK})
		default:
			return res, asked, nil, false
		}
	}
	if !asked.sameAnswers(doc) {
		return res, asked, nil, false
	}
	res = markdown.Result{Headings: r.Headings, Summary: r.Summary, SummaryDivider: r.SummaryDivider, Title: r.Title,
		UsesLabels: r.UsesLabels, Links: r.Links, IDs: r.IDs, Diags: r.Diags}
	for _, q := range r.Quizzes {
		res.Blocks = append(res.Blocks, markdown.Block{Kind: q.Kind, Line: q.Line, Data: q.Quiz})
	}
	return res, asked, r, true
}

// AppendRendering appends r to b in a compact form read without
// reflection (package bincode), for DecodeRendering. codeRendering lists
// the fields once, for both ways; TestKeptRenderingHoldsEveryField fails
// on a field it leaves out.
func AppendRendering(b []byte, r *Rendering) []byte {
	c := bincode.NewEncoder(b)
	codeRendering(c, r)
	return c.Bytes()
}

// DecodeRendering decodes the rendering at the start of s, as
// AppendRendering wrote it, and returns what follows it. The rendering's
// strings are parts of s.
func DecodeRendering(s string) (*Rendering, string, error) {
	c := bincode.NewDecoder(s)
	r := new(Rendering)
	codeRendering(c, r)
	if err := c.Err(); err != nil {
		return nil, "", err
	}
	return r, c.Rest(), nil
}

func codeRendering(c *bincode.Coder, r *Rendering) {
	c.Str(&r.File)
	c.Str(&r.URL)
	c.Digest(&r.Body)
	c.Int(&r.BodyLine)
	c.Bool(&r.TitleFromHeading)
	bincode.List(c, &r.Headings, func(c *bincode.Coder, h *markdown.Heading) {
		c.Int(&h.Level)
		c.Str(&h.ID)
		c.Str(&h.Text)
		c.Int(&h.Line)
		c.Int(&h.Offset)
	})
	c.Str(&r.Summary)
	c.Bool(&r.SummaryDivider)
	c.Str(&r.Title)
	c.Bool(&r.UsesLabels)
	bincode.List(c, &r.Links, func(c *bincode.Coder, l *markdown.Link) {
		c.Str(&l.Dest)
		c.Str(&l.Href)
		c.Bool(&l.Image)
		c.Str(&l.Alt)
		c.Int(&l.Line)
		c.Bool(&l.Resolved)
		c.Bool(&l.Relative)
	})
	c.Strs(&r.IDs)
	bincode.List(c, &r.Quizzes, func(c *bincode.Coder, q *KeptQuiz) {
		c.Str(&q.Kind)
		c.Int(&q.Line)
		bincode.Pointer(c, &q.Quiz, codeQuiz)
	})
	bincode.List(c, (*[]diag.Diagnostic)(&r.Diags), diag.Bincode)
	bincode.List(c, &r.Asked, func(c *bincode.Coder, a *Answer) {
		c.Byte(&a.Kind)
		c.Str(&a.Key)
		c.Str(&a.Value)
		c.Bool(&a.Image)
		c.Bool(&a.OK)
	})
	for _, s := range []*spill.Span{&r.Content, &r.Text} {
		c.Varint(&s.Off)
		c.Varint(&s.Len)
	}
}

func codeQuiz(c *bincode.Coder, q *quiz.Quiz) {
	text := func(c *bincode.Coder, t *quiz.Text) {
		c.Str(&t.HTML)
		c.Str(&t.Plain)
	}
	c.Str(&q.ID)
	text(c, &q.Title)
	bincode.List(c, &q.Questions, func(c *bincode.Coder, qu *quiz.Question) {
		c.Str(&qu.ID)
		text(c, &qu.Prompt)
		text(c, &qu.Picture)
		c.Bool(&qu.Multiple)
		bincode.List(c, &qu.Options, func(c *bincode.Coder, o *quiz.Option) {
			c.Str(&o.ID)
			text(c, &o.Label)
			c.Bool(&o.Correct)
			text(c, &o.Feedback)
		})
	})
}
