// Package dialect reads Markdown written for other tools into oersite's own
// nodes, as goldmark parsers and AST transformers (never by rewriting the
// text before parsing):
//
//   - GitHub alerts (> [!NOTE]) and MkDocs admonitions (!!! note "Title",
//     ??? tip) become container.Nodes, the callouts every dialect shares;
//   - Hugo shortcodes: figure, highlight, ref and relref (also inside
//     links), details, param, notice and other callout shortcodes, gist, x,
//     tweet, youtube and vimeo are read for what they mean; any other is
//     shown as text, with a warning;
//   - Zola's internal links, [text](@/path/from/the/root.md), become
//     links relative to the page; its shortcodes, {{ youtube(id="…") }}
//     and {% note(header="…") %} … {% end %}, are read as Hugo's of the
//     same meaning;
//   - wikilinks ([[Opening hours]], ![[counter.jpg]]) of Obsidian, Foam
//     and GitHub wikis become links and pictures (wiki.go);
//   - <!--more--> (Hugo's and Jekyll's summary divider) ends the summary.
//
// It knows nothing about files or sites: what a shortcode needs from the
// page (its parameters, whether a link target exists) comes through the
// parser context (WithPage), problems go to container.Warn.
package dialect

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
)

// Page is what shortcodes need to know about the page being parsed.
type Page struct {
	// Rel is the page's path inside its language tree ("docs/intro.md"),
	// from which root-relative references are made relative.
	Rel string
	// Param returns a page parameter, else a site parameter, by name
	// (Hugo's param shortcode); nil knows none.
	Param func(name string) (string, bool)
	// Exists reports whether a relative link destination names a page or
	// file of the site; nil takes every destination as it is.
	Exists func(dest string) bool
	// Named finds a file of the page's language tree by its name
	// ("Opening hours.md", "counter.jpg"), in any folder, as Obsidian
	// finds a wikilink's: its relative destination, the one nearest the
	// page; nil finds none.
	Named func(name string) (dest string, ok bool)
}

var pageKey = parser.NewContextKey()

// WithPage tells the parser which page it reads.
func WithPage(pc parser.Context, p Page) { pc.Set(pageKey, p) }

func pageOf(pc parser.Context) Page {
	p, _ := pc.Get(pageKey).(Page)
	return p
}

// All returns every dialect's extension.
func All() []goldmark.Extender {
	return []goldmark.Extender{GitHub{}, MkDocs{}, Hugo{}, Zola{}, Wiki{}, More{}}
}

// calloutWords maps the admonition types of MkDocs, Material for MkDocs,
// Obsidian, Docusaurus and Hugo themes to oersite's five callouts.
var calloutWords = map[string]string{
	"note": "note", "seealso": "note", "abstract": "note", "summary": "note", "tldr": "note",
	"example": "note", "quote": "note", "cite": "note", "secondary": "note", "default": "note", "light": "note", "dark": "note",
	"info": "info", "information": "info", "todo": "info", "important": "info", "question": "info", "help": "info",
	"faq": "info", "primary": "info",
	"tip": "tip", "hint": "tip", "success": "tip", "check": "tip", "done": "tip",
	"warning": "warning", "warn": "warning", "caution": "warning", "attention": "warning",
	"danger": "danger", "error": "danger", "failure": "danger", "fail": "danger", "missing": "danger", "bug": "danger",
	"critical": "danger",
}

// CalloutOf maps an admonition type to a callout; ok is false for a type
// no tool uses, which the caller shows as a note and reports.
func CalloutOf(word string) (string, bool) {
	c, ok := calloutWords[strings.ToLower(word)]
	if !ok {
		return "note", false
	}
	return c, true
}
