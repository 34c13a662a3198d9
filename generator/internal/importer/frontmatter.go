package importer

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/oersite/oersite/generator/internal/content"
	"github.com/oersite/oersite/generator/internal/diag"
)

// frontMatter is a page's front matter in the order it is written out.
type frontMatter struct {
	keys   []string
	values map[string]any
}

func (m *frontMatter) get(key string) (any, bool) {
	k, ok := m.key(key)
	if !ok {
		return nil, false
	}
	return m.values[k], true
}

// key finds key, in any case, as the file spells it.
func (m *frontMatter) key(key string) (string, bool) {
	if _, ok := m.values[key]; ok {
		return key, true
	}
	for _, k := range m.keys {
		if strings.EqualFold(k, key) {
			return k, true
		}
	}
	return "", false
}

func (m *frontMatter) str(key string) string {
	v, _ := m.get(key)
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func (m *frontMatter) set(key string, v any) {
	if k, ok := m.key(key); ok {
		m.values[k] = v
		return
	}
	m.keys = append(m.keys, key)
	m.values[key] = v
}

// setDefault sets key unless the page has it.
func (m *frontMatter) setDefault(key string, v any) {
	if _, ok := m.key(key); !ok {
		m.set(key, v)
	}
}

func (m *frontMatter) del(key string) {
	k, ok := m.key(key)
	if !ok {
		return
	}
	delete(m.values, k)
	for i, kk := range m.keys {
		if kk == k {
			m.keys = append(m.keys[:i], m.keys[i+1:]...)
			break
		}
	}
}

// rename moves old's value to key, unless the page already has key: then
// both stay as written (old is reported as a key oersite does not use),
// and nothing the author wrote is dropped.
func (m *frontMatter) rename(old, key string) bool {
	v, ok := m.get(old)
	if _, taken := m.key(key); !ok || taken {
		return false
	}
	m.del(old)
	m.set(key, v)
	return true
}

// readPage splits a page into its front matter and body, and says on
// which line of the file the body starts.
func readPage(data []byte) (*frontMatter, []byte, int, error) {
	fm, err := content.ReadFrontMatter(data)
	if err != nil {
		return nil, nil, 0, err
	}
	m := &frontMatter{keys: fm.Keys(), values: fm.Values}
	return m, fm.Body, fm.BodyLine, nil
}

// writePage is the page as oersite reads it: YAML front matter, then the body.
func writePage(m *frontMatter, body []byte) ([]byte, error) {
	if len(m.keys) == 0 {
		return body, nil
	}
	node := &yaml.Node{Kind: yaml.MappingNode}
	for _, k := range m.keys {
		var v yaml.Node
		if err := v.Encode(yamlValue(m.values[k])); err != nil {
			return nil, fmt.Errorf("front matter %s: %w", k, err)
		}
		node.Content = append(node.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, &v)
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(node); err != nil {
		return nil, err
	}
	b.WriteString("---\n")
	b.Write(body)
	return b.Bytes(), nil
}

// day is the date of a file name's YYYY, MM and DD, written as a date.
func day(y, m, d string) any {
	t, err := time.Parse("2006-01-02", y+"-"+m+"-"+d)
	if err != nil {
		return y + "-" + m + "-" + d
	}
	return t
}

// yamlValue turns dates without a time into dates YAML writes as
// 2026-01-02, and leaves everything else as it is.
func yamlValue(v any) any {
	switch x := v.(type) {
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: x.Format("2006-01-02")}
		}
		return x.Format(time.RFC3339)
	case map[string]any:
		out := &yaml.Node{Kind: yaml.MappingNode}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			var v yaml.Node
			_ = v.Encode(yamlValue(x[k]))
			out.Content = append(out.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, &v)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = yamlValue(e)
		}
		return out
	}
	return v
}

// knownKeyList are the front matter keys oersite reads (see content.Meta), lower-cased.
var knownKeyList = []string{
	"title", "summary", "description", "slug", "translationkey", "type", "layout", "date", "lastmod", "modified",
	"draft", "weight", "aliases", "tags", "keywords", "audience", "audiences", "level", "duration", "objectives",
	"learningobjectives", "digcomp", "competences", "competencies", "prerequisites", "licence", "license",
	"authors", "author", "attachments", "start", "timezone", "join", "joinurl", "joinlink", "recording",
	"recordingurl", "presenter", "presenters", "language", "modules", "relatedmodules", "resourcetype", "file",
	"link", "externallink", "source", "adaptedfrom", "tutor", "business", "country", "needstranslation",
	"translatedfrom", "url", "publishdate", "pubdate", "published", "expirydate", "unpublishdate", "expires",
	"categories", "category", "cascade", "menu", "menus", "subjects", "subject", "image", "status", "revision",
}

// knownKey reports whether oersite reads a front matter key.
func knownKey(k string) bool {
	k = strings.ToLower(k)
	for _, kk := range knownKeyList {
		if kk == k {
			return true
		}
	}
	return false
}

// oersiteLayouts are oersite's own layouts: a layout key naming one of them
// would give a page the wrong template.
var oersiteLayouts = map[string]bool{
	"home": true, "section": true, "list": true, "module": true, "lesson": true, "webinar": true, "resource": true,
	"story": true, "taxonomy": true, "term": true, "search": true, "404": true, "languages": true, "request": true,
	"baseof": true, "default": true, "single": true, "post": true,
}

// mapPage maps a page's front matter into oersite's keys: the dialect's
// own keys first, then what every dialect shares.
func mapPage(d Dialect, f *file, rep *Report) {
	switch d {
	case Hugo:
		mapHugo(f, rep)
	case Zola:
		mapZola(f, rep)
	case MkDocs:
		mapMkDocs(f, rep)
	case Docusaurus:
		mapDocusaurus(f, rep)
	case Jekyll:
		mapJekyll(f, rep)
	case GitBook:
		mapGitBook(f, rep)
	}
	if l := f.fm.str("layout"); l != "" && oersiteLayouts[strings.ToLower(l)] {
		f.fm.del("layout")
		rep.note("layout %q removed: oersite chooses a page's template by its kind", l)
	}
	if _, ok := f.fm.key("title"); !ok {
		if title, rest, ok := leadingHeading(f.body); ok {
			f.fm.set("title", title)
			f.lineOffset += bytes.Count(f.body[:len(f.body)-len(rest)], []byte("\n"))
			f.body = rest
			rep.note("titles taken from the page's first # heading into its front matter")
		}
	}
	for _, k := range f.fm.keys {
		if !knownKey(k) {
			rep.Unmapped[k]++
		}
	}
}

// note records a remark once: format filled with args.
func (r *Report) note(format string, args ...any) {
	s := diag.Phrasef(format, args...)
	for _, n := range r.Notes {
		if n.Error() == s.Error() {
			return
		}
	}
	r.Notes = append(r.Notes, s)
}

var (
	atxH1       = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^#[ \t]+(.+?)[ \t#]*$`) })
	headingAttr = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\s*\{[^}]*\}\s*$`) })
	mdLink      = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`) })
)

// leadingHeading finds a # heading on the body's first non-blank line and
// returns its text and the body without it.
func leadingHeading(body []byte) (string, []byte, bool) {
	rest := body
	for {
		line, after, found := bytes.Cut(rest, []byte("\n"))
		if len(bytes.TrimSpace(line)) == 0 {
			if !found {
				return "", body, false
			}
			rest = after
			continue
		}
		m := atxH1().FindSubmatch(bytes.TrimRight(line, "\r"))
		if m == nil {
			return "", body, false
		}
		title := headingAttr().ReplaceAllString(string(m[1]), "")
		title = mdLink().ReplaceAllString(title, "$1")
		title = strings.NewReplacer("**", "", "__", "", "`", "").Replace(title)
		title = strings.TrimSpace(title)
		if title == "" {
			return "", body, false
		}
		return title, bytes.TrimLeft(after, "\n"), true
	}
}
