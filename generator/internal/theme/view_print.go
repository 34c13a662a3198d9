package theme

import (
	"bytes"
	"encoding/json"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"github.com/oersite/oersite/generator/internal/site"
)

// LessonsOf returns the lessons a certificate asks for: a module's, or
// every lesson of a learning path's modules, in order.
func (v *View) LessonsOf(p *site.Page) []*site.Page {
	if p.Kind != site.KindPath {
		return p.Lessons
	}
	var out []*site.Page
	for _, m := range p.Steps {
		out = append(out, m.Lessons...)
	}
	return out
}

// CheckKeys returns the knowledge checks of lessons as a JSON list of
// "lesson key#check id", as the progress script records them.
func (v *View) CheckKeys(lessons []*site.Page) string {
	keys := []string{}
	for _, l := range lessons {
		for _, q := range l.Quizzes {
			keys = append(keys, l.Key+"#"+q.ID)
		}
	}
	b, _ := json.Marshal(keys)
	return string(b)
}

// ProgressItems returns, as a JSON list, everything a learner's progress
// can hold on this site: every lesson's translation key and every
// knowledge check ("lesson key#check id"), sorted, across all languages.
// The short progress code is a bit per item of this list, so that a code
// made on one page (and language) of the site reads the same on another.
func (v *View) ProgressItems() string {
	seen := map[string]bool{}
	for _, ls := range v.Site.Langs {
		for _, m := range ls.Modules {
			for _, l := range m.Lessons {
				seen[l.Key] = true
				for _, q := range l.Quizzes {
					seen[l.Key+"#"+q.ID] = true
				}
			}
		}
	}
	items := make([]string, 0, len(seen))
	for k := range seen {
		items = append(items, k)
	}
	slices.Sort(items)
	b, _ := json.Marshal(items)
	return string(b)
}

// idAttrs are the attributes that hold, or point to, ids in a page.
var idAttrs = map[string]bool{"id": true, "for": true, "name": true, "aria-labelledby": true,
	"aria-describedby": true, "aria-controls": true, "form": true, "list": true}

// PrintLesson returns a lesson's content for the printable module, where
// it stands beside the module's other lessons: its ids (and the
// references to them, and the names of its answer choices) get the prefix
// "l<n>-" so that they stay unique in the page, and its disclosures
// (answers, notes for tutors) are open, as paper cannot open them.
func (v *View) PrintLesson(l *site.Page, n int) template.HTML {
	prefix := "l" + strconv.Itoa(n) + "-"
	var out bytes.Buffer
	content := l.Content()
	z := html.NewTokenizer(strings.NewReader(string(content)))
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return template.HTML(out.String())
			}
			return content
		case html.StartTagToken, html.SelfClosingTagToken:
			raw := string(z.Raw())
			t := z.Token()
			if prefixToken(&t, prefix) {
				if len(raw) > len(t.Data) {
					t.Data = raw[1 : 1+len(t.Data)] // the name as written: SVG's linearGradient
				}
				out.WriteString(t.String())
			} else {
				out.WriteString(raw) // as written (SVG names keep their case)
			}
		default:
			out.Write(z.Raw())
		}
	}
}

// prefixToken prefixes a start tag's ids and in-page links (href="#x",
// url(#x) in SVG), and opens it when it is a disclosure. It reports
// whether it changed the tag.
func prefixToken(t *html.Token, prefix string) bool {
	open, changed := false, false
	for i, a := range t.Attr {
		before := a.Val
		switch {
		case idAttrs[a.Key] && a.Namespace == "":
			f := strings.Fields(a.Val)
			for j := range f {
				f[j] = prefix + f[j]
			}
			t.Attr[i].Val = strings.Join(f, " ")
		case a.Key == "href" && strings.HasPrefix(a.Val, "#") && len(a.Val) > 1:
			t.Attr[i].Val = "#" + prefix + a.Val[1:]
		case a.Key == "open":
			open = true
		case strings.Contains(a.Val, "url(#"):
			t.Attr[i].Val = strings.ReplaceAll(a.Val, "url(#", "url(#"+prefix)
		}
		changed = changed || t.Attr[i].Val != before
	}
	if t.Data == "details" && !open {
		t.Attr = append(t.Attr, html.Attribute{Key: "open"})
		changed = true
	}
	return changed
}

// Competences returns the DigComp competences a module teaches, or, for a
// learning path, those of all its modules, each once, in order.
func (v *View) Competences(p *site.Page) []string {
	var out []string
	add := func(ids []string) {
		for _, id := range ids {
			if !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
	}
	add(p.Meta.DigComp)
	for _, m := range p.Steps {
		add(m.Meta.DigComp)
	}
	slices.Sort(out)
	return out
}
