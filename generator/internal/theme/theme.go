// Package theme loads a theme's html/template layouts, with a site's own
// layouts/ overriding them file by file, and executes them for pages. It owns
// the functions templates call and the View they receive; it does not walk
// the content or write files.
package theme

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/oersite/oersite/generator/internal/diag"
)

// Theme is a parsed set of layouts. It is safe for concurrent use.
type Theme struct {
	base    *template.Template // baseof.html and the partials, never executed: each layout's set is a clone
	layouts map[string]*layout // layout name -> its text, and its set once a page needed it
	// readsLists holds the layouts that read site-wide lists of pages
	// (every layout when baseof.html or a partial does).
	readsLists map[string]bool
	// outputs are the templates of sitemap.xml, robots.txt, feeds, OAI-PMH and alias pages.
	outputs outputs
}

// siteLists finds template code reading a site-wide list of pages (a form
// lists the modules). ProgressItems is not one: it lists lesson keys and
// knowledge checks, which only a full build changes, and matching it made
// every module page render again after any title edit.
var siteLists = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\.L\.(Modules|Resources|Stories|Paths|Upcoming|Past|Taxonomies|Sections)\b|\.Site\.(Pages|Langs|PageAt)\b|\.(Upcoming|Latest|Filter|Form|Doors)\b|\.L\s*(\}\}|\)|-\}\})`)
})

// ReadsLists reports whether a layout may show site-wide lists of pages,
// so that a change to one page's title may show in it wherever it is.
// It reads the templates' text and errs on the side of yes.
func (t *Theme) ReadsLists(layout string) bool { return t.readsLists[layout] || t.readsLists[""] }

// Load parses layouts from dirs of fsys in order; a file in a later dir
// replaces the one with the same name in an earlier dir (pass the theme's
// layouts folder first, then the site's). A layout is any .html file at the
// top of a layouts folder; baseof.html wraps them and partials/*.html are
// shared.
func Load(fsys fs.FS, dirs []string) (*Theme, diag.List) {
	files, diags := collectLayouts(fsys, dirs)
	if _, ok := files["baseof.html"]; !ok {
		diags.Add(diag.Errorf(path.Join(firstOf(dirs), "baseof.html"), 0, "every theme needs layouts/baseof.html, the page frame other layouts fill", "no baseof.html layout"))
		return nil, diags
	}
	texts := map[string]string{} // each file read once: parsing and listReaders both want it
	read := func(name string) string {
		if text, ok := texts[name]; ok {
			return text
		}
		data, err := fs.ReadFile(fsys, files[name])
		if err != nil {
			diags.Add(diag.Errorf(files[name], 0, "", "cannot read: %v", err))
		}
		texts[name] = string(data)
		return texts[name]
	}
	var shared []string
	for name := range files {
		if strings.HasPrefix(name, "partials/") {
			shared = append(shared, name)
		}
	}
	sort.Strings(shared)
	base := template.New("baseof.html").Funcs(funcs())
	if _, err := base.Parse(read("baseof.html")); err != nil {
		diags.Add(templateError(files["baseof.html"], err))
		return nil, diags
	}
	for _, name := range shared {
		if _, err := base.New(name).Parse(read(name)); err != nil {
			diags.Add(templateError(files[name], err))
		}
	}
	if diags.HasErrors() {
		return nil, diags
	}
	t := &Theme{base: base, layouts: map[string]*layout{}}
	var odiags diag.List
	t.outputs, odiags = loadOutputs(fsys, files)
	diags = append(diags, odiags...)
	for name := range files {
		if IsOutput(name) {
			continue
		}
		if layoutName(name) == "" {
			continue // the frame or a partial, parsed above
		}
		text := read(name)
		if _, err := template.New(name).Funcs(funcs()).Parse(text); err != nil {
			diags.Add(templateError(files[name], err))
			continue
		}
		t.layouts[layoutName(name)] = &layout{name: name, file: files[name], text: text}
	}
	t.readsLists = listReaders(files, read)
	return t, diags
}

// layout is one layout file. Its template set (the frame, the partials and
// the layout) is made the first time a page uses it: cloning the frame and
// every partial for every layout took longer than a build that writes one
// changed page spends rendering it.
type layout struct {
	name, file, text string

	once sync.Once
	set  *template.Template
	err  error
	// partials holds what partialCached rendered, by partial and key.
	partials sync.Map
}

// templates returns the layout's set, made from base on first use. Load has
// parsed the text already, so an error here is not the author's.
func (l *layout) templates(base *template.Template) (*template.Template, error) {
	l.once.Do(func() {
		set, err := base.Clone()
		if err == nil {
			set.Funcs(template.FuncMap{"partialCached": l.partialCached(set)})
			_, err = set.New(l.name).Parse(l.text)
		}
		l.set, l.err = set, err
	})
	return l.set, l.err
}

// plainValue reports whether v is a text, a number or true/false, of any
// type made of one ("module", .Page.Kind, 3): a value that holds no page.
func plainValue(v any) bool {
	switch reflect.ValueOf(v).Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

// partialKey names one rendering of a partial that partialCached keeps.
type partialKey struct {
	name string
	key  any
}

// partialCached renders a partial whose output depends on one plain value
// only, once per layout and value: {{ partialCached "partials/icon.html"
// "arrow" }} is {{ template "partials/icon.html" "arrow" }}, kept. The value
// is the partial's data and all it sees (no page, no site), so what it
// shows cannot differ from one page to the next. The default theme's icons
// are drawn so: each was a chain of up to eighteen comparisons, which cost
// a module page of the 10k benchmark site nearly as much as its head's
// metadata. One rendering is kept per value: give it values that repeat.
func (l *layout) partialCached(set *template.Template) func(name string, key any) (template.HTML, error) {
	return func(name string, key any) (template.HTML, error) {
		if !plainValue(key) {
			return "", fmt.Errorf("partialCached %q: give it a text, a number or true/false, which is all the partial sees; for a partial that shows the page, use {{ template %q . }}", name, name)
		}
		k := partialKey{name, key}
		if html, ok := l.partials.Load(k); ok {
			return html.(template.HTML), nil
		}
		var b strings.Builder
		if err := set.ExecuteTemplate(&b, name, key); err != nil {
			return "", err
		}
		html := template.HTML(b.String())
		l.partials.Store(k, html)
		return html, nil
	}
}

// partialRef finds the partials a template includes by name:
// {{ template "partials/card.html" . }}, {{ .Cached "partials/footer.html" ... }}.
var partialRef = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`"(partials/[^"]+\.html)"`) })

// listReaders finds the layouts whose text, or the text of a partial they
// include (directly or through other partials), reads site-wide lists of
// pages. The key "" stands for every layout: the frame, baseof.html, does.
func listReaders(files map[string]string, read func(string) string) map[string]bool {
	memo := map[string]bool{}
	var reads func(name string, seen map[string]bool) bool
	reads = func(name string, seen map[string]bool) bool {
		if r, ok := memo[name]; ok {
			return r
		}
		if seen[name] {
			return false
		}
		seen[name] = true
		text := read(name)
		r := siteLists().MatchString(text)
		for _, m := range partialRef().FindAllStringSubmatch(text, -1) {
			if _, ok := files[m[1]]; ok && !r {
				r = reads(m[1], seen)
			}
		}
		memo[name] = r
		return r
	}
	out := map[string]bool{}
	if reads("baseof.html", map[string]bool{}) {
		out[""] = true
	}
	for name := range files {
		if layoutName(name) != "" && !IsOutput(name) && reads(name, map[string]bool{}) {
			out[layoutName(name)] = true
		}
	}
	return out
}

// layoutName is the layout a file of a layouts folder defines, or "" for
// baseof.html and partials, which every layout uses.
func layoutName(file string) string {
	if file == "baseof.html" || strings.Contains(file, "/") {
		return ""
	}
	return strings.TrimSuffix(file, ".html")
}

// collectLayouts lists the templates under dirs of fsys, later dirs
// replacing earlier ones: name relative to layouts -> path in fsys.
func collectLayouts(fsys fs.FS, dirs []string) (map[string]string, diag.List) {
	var diags diag.List
	files := map[string]string{}
	for _, dir := range dirs {
		_ = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if !errors.Is(err, fs.ErrNotExist) {
					diags.Add(diag.Errorf(p, 0, "", "cannot read: %v", err))
				}
				return nil
			}
			name := strings.TrimPrefix(p, dir+"/")
			if d.IsDir() || !strings.HasSuffix(p, ".html") && !IsOutput(name) {
				return nil
			}
			files[name] = p
			return nil
		})
	}
	return files, diags
}

func firstOf(s []string) string {
	if len(s) == 0 {
		return "layouts"
	}
	return s[0]
}

var tmplLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`:(\d+):`) })

// templateError turns a template parse or execution error into a diagnostic with its line.
func templateError(file string, err error) diag.Diagnostic {
	msg := err.Error()
	line := 0
	if m := tmplLine().FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
	}
	if i := strings.Index(msg, ": "); i >= 0 && strings.HasPrefix(msg, "template:") {
		msg = strings.TrimSpace(msg[i+2:])
	}
	return diag.Errorf(file, line, "fix the template; see the html/template documentation for its syntax", "template: %s", msg)
}

// Has reports whether a layout exists.
func (t *Theme) Has(layout string) bool { _, ok := t.layouts[layout]; return ok }

// Layouts lists the layouts a page may name, sorted.
func (t *Theme) Layouts() []string {
	names := make([]string, 0, len(t.layouts))
	for name := range t.layouts {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Pick returns the first layout of candidates that exists.
func (t *Theme) Pick(candidates ...string) (string, bool) {
	for _, c := range candidates {
		if c != "" && t.Has(c) {
			return c, true
		}
	}
	return "", false
}

// Execute renders layout with data into w. The layout fills the blocks baseof defines.
func (t *Theme) Execute(w io.Writer, name string, data any) error {
	l, ok := t.layouts[name]
	if !ok {
		return fmt.Errorf("no layout %q", name)
	}
	set, err := l.templates(t.base)
	if err != nil {
		return fmt.Errorf("%s: %w", l.file, err)
	}
	if v, ok := data.(*View); ok {
		page := *v // the caller's view stays as it was
		page.set = set
		data = &page
	}
	if err := set.ExecuteTemplate(w, "baseof.html", data); err != nil {
		return fmt.Errorf("%s: %w", l.file, err)
	}
	return nil
}

// funcs are the template functions that need no page: pure helpers.
func funcs() template.FuncMap {
	return template.FuncMap{
		"json": func(v any) (string, error) {
			b, err := json.Marshal(v)
			return string(b), err
		},
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, errors.New("dict needs key and value pairs")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				m[fmt.Sprint(kv[i])] = kv[i+1]
			}
			return m, nil
		},
		"partialCached": func(string, any) (template.HTML, error) {
			return "", errors.New("partialCached is only available while a page renders")
		},
		"list":  func(v ...any) []any { return v },
		"add":   func(a, b int) int { return a + b },
		"sub":   func(a, b int) int { return a - b },
		"join":  strings.Join,
		"lower": strings.ToLower,
		"upper": strings.ToUpper,
		"contains": func(list []string, v string) bool {
			for _, s := range list {
				if s == v {
					return true
				}
			}
			return false
		},
		"kib": func(n int64) string {
			switch {
			case n >= 1<<20:
				return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
			case n >= 1<<10:
				return strconv.Itoa(int((n+512)>>10)) + " KB"
			}
			return strconv.FormatInt(n, 10) + " B"
		},
		"percent": func(a, b int) int {
			if b == 0 {
				return 0
			}
			return a * 100 / b
		},
	}
}
