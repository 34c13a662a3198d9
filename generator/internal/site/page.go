// Package site is the in-memory model of a built site: pages and their kinds,
// sections, translations, module and lesson navigation, taxonomies, webinars
// and URLs. It does no I/O and knows nothing about templates: it turns what
// content read and markdown rendered into the structure templates walk.
package site

import (
	"html/template"
	"strings"
	"time"

	"github.com/oersite/oersite/generator/internal/content"
	"github.com/oersite/oersite/generator/internal/markdown"
	"github.com/oersite/oersite/generator/internal/markdown/quiz"
	"github.com/oersite/oersite/generator/internal/spill"
)

// Kind is what a page is.
type Kind string

// The kinds of page.
const (
	KindHome      Kind = "home"
	KindSection   Kind = "section"
	KindModule    Kind = "module"
	KindLesson    Kind = "lesson"
	KindWebinar   Kind = "webinar"
	KindResource  Kind = "resource"
	KindStory     Kind = "story"
	KindPath      Kind = "path"
	KindPage      Kind = "page"
	KindTaxonomy  Kind = "taxonomy"
	KindTerm      Kind = "term"
	KindSearch    Kind = "search"
	KindNotFound  Kind = "404"
	KindLanguages Kind = "languages"
	KindAlias     Kind = "alias"
	// KindPrint is a module's lessons on one page, for printing.
	KindPrint Kind = "print"
	// KindCertificate is where a learner who has done a module or a
	// learning path prints their certificate of completion.
	KindCertificate Kind = "certificate"
)

// Page is one page of the site in one language.
type Page struct {
	Kind    Kind
	Lang    string
	Section string // first folder of the content path: "modules", "webinars"...
	// URL is the page's path from the site root, without a leading slash:
	// "en/modules/content-calendar/" or "404.html".
	URL string
	// Key groups a page with its translations.
	Key string

	Title   string
	Summary string
	Date    time.Time
	Lastmod time.Time
	Weight  int
	Layout  string // the template to use, chosen from kind and front matter

	Source *content.Source // nil for generated pages
	// Meta is the front matter, shared with Source (a webinar's is a copy,
	// its start moved to its time zone); generated pages share the site's
	// empty one. Never nil once the page is in the site.
	Meta *content.Meta

	// content and text are the rendered Markdown and its plain text (see
	// Content and Text): held here, or in the build's spill file at
	// contentAt and textAt.
	content           template.HTML
	text              string
	bodies            *spill.File
	contentAt, textAt spill.Span
	Headings          []markdown.Heading
	Links             []markdown.Link
	IDs               []string
	// UsesLabels is set when Content holds interface strings (callout
	// names): it changes when they do.
	UsesLabels bool
	// Quizzes are the page's knowledge checks as data (questions, answers,
	// which are right, feedback), in page order.
	Quizzes []*quiz.Quiz

	// FallbackOf is set when this page shows the default language's page
	// because the page has no translation in this language.
	FallbackOf *Page
	// Translations are the same page in the other languages (not fallbacks), by language order.
	Translations []*Page

	Parent      *Page   // the section page, or the module of a lesson
	Module      *Page   // lessons: their module
	Lessons     []*Page // modules: their lessons, in order
	Prev, Next  *Page   // lessons: neighbours within the module
	Pages       []*Page // sections, taxonomies and terms: the pages they list
	Attachments []Attachment
	Related     []*Page // webinars and resources: the modules they name; modules: their webinars and resources
	Prereqs     []*Page // modules: prerequisite modules
	// Steps are a learning path's modules, in order.
	Steps []*Page
	// Paths are the learning paths that hold a module, in path order.
	Paths []*Page

	// Terms of the page, by taxonomy name, for badges and links.
	Terms map[string][]*Term
	// Term is set on term pages.
	Term *Term
	// Taxonomy is set on taxonomy and term pages.
	Taxonomy string

	// Pager is set on list pages split over several pages.
	Pager *Pager

	// Listing is set on lists with filters (see listing.go).
	Listing *Listing

	// AliasTarget is the page an alias redirects to.
	AliasTarget *Page
	// Of is the module or learning path a print or certificate page is
	// made from.
	Of *Page
	// Printable and Certificate are a module's or path's generated
	// pages (nil when it has none).
	Printable, Certificate *Page

	site *Site
}

// Content is the page's rendered Markdown (its body as HTML).
func (p *Page) Content() template.HTML {
	if p.bodies != nil {
		return template.HTML(p.bodies.String(p.contentAt))
	}
	return p.content
}

// Text is the plain text of the page's body, for search.
func (p *Page) Text() string {
	if p.bodies != nil {
		return p.bodies.String(p.textAt)
	}
	return p.text
}

// SetBody gives the page its rendered Markdown and plain text, held in
// memory (for pages made outside an assembly, as tests do).
func (p *Page) SetBody(content template.HTML, text string) {
	p.content, p.text, p.bodies, p.contentAt, p.textAt = content, text, nil, spill.Span{}, spill.Span{}
}

// keepBody gives the page its rendered Markdown and plain text: into the
// spill file when the site has one, else held by the page.
func (p *Page) keepBody(html []byte, text string, bodies *spill.File) {
	if bodies == nil {
		p.SetBody(template.HTML(html), text)
		return
	}
	p.content, p.text, p.bodies = "", "", bodies
	p.contentAt, p.textAt = bodies.Write(html), bodies.WriteString(text)
}

// shareBody gives the page o's rendered Markdown and plain text.
func (p *Page) shareBody(o *Page) {
	p.content, p.text, p.bodies, p.contentAt, p.textAt = o.content, o.text, o.bodies, o.contentAt, o.textAt
}

// DropText forgets the page's plain text (search has read it); Text is
// then empty.
func (p *Page) DropText() {
	p.text, p.textAt = "", spill.Span{}
}

// DropContent forgets the page's rendered Markdown (every page that
// shows it is written); Content is then empty.
func (p *Page) DropContent() {
	p.content, p.contentAt = "", spill.Span{}
}

// Attachment is a downloadable file of a module or resource.
type Attachment struct {
	Title string
	URL   string // from the site root
	Ext   string // "pdf"
	Size  int64
}

// Pager places one page of a list split over several pages.
type Pager struct {
	Number int     // 1-based
	Pages  []*Page // every page of the list, first to last
	Total  int     // entries in the whole list
}

// Prev returns the previous page of the list, or nil.
func (g *Pager) Prev() *Page {
	if g.Number <= 1 {
		return nil
	}
	return g.Pages[g.Number-2]
}

// Next returns the next page of the list, or nil.
func (g *Pager) Next() *Page {
	if g.Number >= len(g.Pages) {
		return nil
	}
	return g.Pages[g.Number]
}

// Term is one value of a taxonomy in one language.
type Term struct {
	Taxonomy string // "audience"
	ID       string // "sme-workers", "2.2", "posts"
	Slug     string
	Page     *Page
	Pages    []*Page
}

// Site returns the site the page belongs to.
func (p *Page) Site() *Site { return p.site }

// IsFallback reports whether the page shows untranslated default-language content.
func (p *Page) IsFallback() bool { return p.FallbackOf != nil }

// ContentLang is the language of the page's content (the default language for fallbacks).
func (p *Page) ContentLang() string {
	if p.FallbackOf != nil {
		return p.FallbackOf.Lang
	}
	return p.Lang
}

// Params returns the page's front matter, every key, for templates.
func (p *Page) Params() map[string]any {
	if p.Meta.Params == nil {
		return map[string]any{}
	}
	return p.Meta.Params
}

// Depth is the number of folders between the site root and the page.
func (p *Page) Depth() int {
	i := strings.LastIndexByte(p.URL, '/')
	if i < 0 {
		return 0
	}
	return strings.Count(p.URL[:i+1], "/")
}

// Rel returns a link from this page to target, a path from the site root
// ("en/modules/" or "css/site.css"). Links are relative so that the site works
// under any sub-path and from disk; an offline build spells out index.html.
func (p *Page) Rel(target string) string {
	target = strings.TrimPrefix(target, "/")
	if p.site != nil && p.site.Offline && (target == "" || strings.HasSuffix(target, "/")) {
		target += "index.html"
	}
	if p.Kind == KindNotFound && p.site != nil && !p.site.Offline {
		// A 404 page is served at any address: only root-based links work.
		return p.site.BasePath() + target
	}
	if target == "" {
		target = "./"
		if p.Depth() > 0 {
			target = ""
		}
	}
	return strings.Repeat("../", p.Depth()) + target
}

// Root is the relative prefix from this page to the site root ("../../"),
// for scripts that build addresses themselves.
func (p *Page) Root() string {
	if p.Kind == KindNotFound && p.site != nil && !p.site.Offline {
		return p.site.BasePath()
	}
	if p.Depth() == 0 {
		return "./"
	}
	return strings.Repeat("../", p.Depth())
}

// Lead is the summary to show above the page's text: the one its front
// matter gives (summary, else description). A summary taken from the text
// itself (its first words, or what comes before <!--more-->) is empty here,
// since the page shows that text anyway; lists, feeds and search still use
// Summary.
func (p *Page) Lead() string {
	if p.Meta == nil || p.Meta.Summary == "" {
		return ""
	}
	return p.Summary
}

// Permalink is the page's absolute URL, for canonical links and feeds.
func (p *Page) Permalink() string { return p.site.Absolute(p.URL) }

// Translation returns the page in lang: a translation, a fallback, or nil.
func (p *Page) Translation(lang string) *Page {
	if p.Lang == lang {
		return p
	}
	return p.site.lookupKey(lang, p.Key)
}

// Duration is how long the page takes a learner: its own duration when
// the front matter gives one, else, for a module, the sum of its lessons'
// and, for a learning path, the sum of its modules'.
func (p *Page) Duration() time.Duration {
	if p.Meta.Duration > 0 {
		return p.Meta.Duration
	}
	var parts []*Page
	switch p.Kind {
	case KindModule:
		parts = p.Lessons
	case KindPath:
		parts = p.Steps
	}
	var d time.Duration
	for _, q := range parts {
		d += q.Duration()
	}
	return d
}

// LessonCount is the number of lessons in a module, or in all the modules
// of a learning path.
func (p *Page) LessonCount() int {
	if p.Kind != KindPath {
		return len(p.Lessons)
	}
	n := 0
	for _, m := range p.Steps {
		n += len(m.Lessons)
	}
	return n
}

// IsUpcoming reports whether a webinar ends after the build's date.
func (p *Page) IsUpcoming() bool {
	if p.Kind != KindWebinar || p.Meta.Start.IsZero() {
		return false
	}
	return p.site.horizon.After(p.End(), p.site.Now)
}

// HasTerm reports whether the page is tagged with id in taxonomy.
func (p *Page) HasTerm(taxonomy, id string) bool {
	for _, t := range p.Terms[taxonomy] {
		if t.ID == id {
			return true
		}
	}
	return false
}

// CalendarPath is where a webinar's own .ics file is written, from the site root.
func (p *Page) CalendarPath() string {
	slug := strings.TrimSuffix(p.URL, "/")
	if i := strings.LastIndexByte(slug, '/'); i >= 0 {
		slug = slug[i+1:]
	}
	return p.URL + slug + ".ics"
}

// LanguageCalendarPath is where a language's calendar of all webinars is written.
func LanguageCalendarPath(lang string) string { return lang + "/webinars/webinars.ics" }

// FeedPath is where a language's Atom feed is written.
func FeedPath(lang string) string { return lang + "/feed.xml" }

// SectionFeedPath is the path of a section's own Atom feed (opportunities, news).
func SectionFeedPath(sec *Page) string { return strings.TrimPrefix(sec.URL, "/") + "feed.xml" }
