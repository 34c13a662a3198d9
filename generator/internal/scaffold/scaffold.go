// Package scaffold writes the starting text of new content files: a module,
// a lesson, a webinar, a resource, or the translation of an existing page.
// Every field is present and commented, and every file builds as written. It
// returns bytes; the caller decides where they go and never overwrites.
package scaffold

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/content"
	"github.com/oersite/oersite/generator/internal/diag"
)

// texts holds the starting text of each kind of page, one folder per
// language: text/<lang>/<kind>.md, a text/template filled with Data.
//
//go:embed text
var texts embed.FS

// Data fills a template.
type Data struct {
	Lang      string // the language tree the page goes into
	Slug      string
	Title     string
	Date      string // YYYY-MM-DD
	Licence   string
	Authors   string // a YAML list: ["A", "B"]
	Audience  string // the first audience of the vocabulary
	Audiences string // every audience, for the comment
	Level     string
	Levels    string
	Types     string
	Weight    int
	Start     string // webinars: a start a month from now
	Module    string
	// Placeholder begins each text the author has to replace, in the
	// words of the page's language (see content.PlaceholderIn); File sets it.
	Placeholder string
}

// NewData prepares the values a template uses from the site's
// configuration, for a page of the language tree lang.
func NewData(cfg config.Config, lang, slug string, now time.Time) Data {
	auds := make([]string, 0, len(cfg.Vocabulary.Audiences))
	for a := range cfg.Vocabulary.Audiences {
		auds = append(auds, a)
	}
	sort.Strings(auds)
	d := Data{
		Lang: lang, Slug: slug, Title: TitleFromSlug(slug, cfg.ProperNames...), Date: now.Format("2006-01-02"),
		Licence: cfg.OER.DefaultLicence, Audiences: strings.Join(auds, ", "),
		Levels: strings.Join(cfg.Vocabulary.Levels, ", "), Types: strings.Join(cfg.Vocabulary.ResourceTypes, ", "),
		Start: now.AddDate(0, 1, 0).Format("2006-01-02") + "T18:00:00Z",
	}
	if len(auds) > 0 {
		d.Audience = auds[0]
	}
	if len(cfg.Vocabulary.Levels) > 0 {
		d.Level = cfg.Vocabulary.Levels[0]
	}
	if d.Licence == "" {
		d.Licence = "CC-BY-SA-4.0"
	}
	authors := cfg.OER.DefaultAuthors
	if len(authors) == 0 && cfg.OER.Publisher != "" {
		authors = []string{cfg.OER.Publisher}
	}
	q := make([]string, len(authors))
	for i, a := range authors {
		q[i] = fmt.Sprintf("%q", a)
	}
	d.Authors = "[" + strings.Join(q, ", ") + "]"
	return d
}

// TitleFromSlug turns "writing-posts" into "Writing posts", and
// "using-whatsapp-business" into "Using WhatsApp Business" when the site's
// properNames list "WhatsApp Business": a name keeps its own casing. A
// leading lesson number ("01-") is left out.
func TitleFromSlug(slug string, properNames ...string) string {
	s := strings.TrimLeftFunc(strings.ReplaceAll(slug, "-", " "), func(r rune) bool { return unicode.IsDigit(r) || r == ' ' })
	if s == "" {
		return slug
	}
	for _, name := range properNames {
		s = replaceWords(s, name)
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// replaceWords replaces whole-word, case-insensitive occurrences of name in
// s by name as written.
func replaceWords(s, name string) string {
	lower, target := strings.ToLower(s), strings.ToLower(name)
	if target == "" || len(lower) != len(s) || len(target) != len(name) { // a case change that alters byte lengths: leave it
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		j := strings.Index(lower[i:], target)
		if j < 0 {
			b.WriteString(s[i:])
			break
		}
		j += i
		end := j + len(target)
		if (j == 0 || s[j-1] == ' ') && (end == len(s) || s[end] == ' ') {
			b.WriteString(s[i:j])
			b.WriteString(name)
		} else {
			b.WriteString(s[i:end])
		}
		i = end
	}
	return b.String()
}

// File returns the text of a new file of kind, in d.Lang's words: the
// comments that explain each field, the text to replace and the lesson's
// example are in the page's language when oersite has them in it
// (text/<lang>/<kind>.md), in English otherwise.
func File(kind string, d Data) ([]byte, error) {
	if !slices.Contains(Kinds(), kind) {
		return nil, diag.Phrasef("unknown kind %q: use module, lesson, webinar or resource", kind)
	}
	lang := TextLanguage(d.Lang)
	d.Placeholder = content.PlaceholderIn(lang)
	return fill("text/"+lang+"/"+kind+".md", d)
}

// Kinds are the kinds of page File writes.
func Kinds() []string { return []string{"module", "lesson", "webinar", "resource"} }

// TextLanguage is the language of the words File writes for a page in
// lang: lang itself, else its base language ("pt" for "pt-BR"), else
// English.
func TextLanguage(lang string) string {
	lang = strings.ToLower(lang)
	base, _, _ := strings.Cut(strings.ReplaceAll(lang, "_", "-"), "-")
	for _, l := range []string{lang, base} {
		if l == "" || strings.ContainsAny(l, "/.") {
			continue
		}
		if _, err := fs.Stat(texts, "text/"+l); err == nil {
			return l
		}
	}
	return "en"
}
