package importer

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/oersite/oersite/generator/internal/diag"
)

var (
	jsDefaultLocale = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`defaultLocale\s*:\s*['"]([^'"]+)['"]`) })
	jsLocales       = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`locales\s*:\s*\[([^\]]*)\]`) })
	jsString        = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`['"]([^'"]+)['"]`) })
	jsTitle         = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^\s*title\s*:\s*['"]([^'"]+)['"]`) })
	jsURL           = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^\s*url\s*:\s*['"]([^'"]+)['"]`) })
	jsBaseURL       = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^\s*baseUrl\s*:\s*['"]([^'"]+)['"]`) })
	numberPrefix    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\d+[-_.]\s*`) })
	blogDate        = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})-(.+)$`) })
)

// readDocusaurus reads a Docusaurus site: docs/ and blog/ in the default
// language, i18n/<lang>/docusaurus-plugin-content-docs/current (and
// -blog) for the others, _category_ files (a folder's label and place),
// static/. Its configuration is JavaScript: the locales, title and URL are
// read from it as text, the sidebars not at all (sidebar_position and
// _category_ files give the order).
func readDocusaurus(src fs.FS, defLang string, rep *Report) (*project, error) {
	var js []byte
	for _, n := range []string{"docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs"} {
		if data, err := fs.ReadFile(src, n); err == nil {
			js = data
			break
		}
	}
	def := defLang
	if m := jsDefaultLocale().FindSubmatch(js); m != nil {
		def = string(m[1])
	}
	weights := map[string]int{def: 0}
	if m := jsLocales().FindSubmatch(js); m != nil {
		for i, l := range jsString().FindAllSubmatch(m[1], -1) {
			if string(l[1]) != def {
				weights[string(l[1])] = i + 1
			}
		}
	}
	pr := &project{langs: orderLanguages(def, weights)}
	if m := jsTitle().FindSubmatch(js); m != nil {
		pr.title = string(m[1])
	}
	if m := jsURL().FindSubmatch(js); m != nil {
		pr.baseURL = string(m[1])
	}
	if m := jsBaseURL().FindSubmatch(js); m != nil {
		pr.basePath = string(m[1])
		pr.baseURL = strings.TrimRight(pr.baseURL, "/") + pr.basePath
	}
	for _, l := range pr.langs {
		docs, blog := "docs", "blog"
		if l != def {
			docs = "i18n/" + l + "/docusaurus-plugin-content-docs/current"
			blog = "i18n/" + l + "/docusaurus-plugin-content-blog"
		}
		if err := docusaurusTree(src, docs, l, "", "docs", pr, rep); err != nil {
			return nil, err
		}
		if err := docusaurusTree(src, blog, l, "blog", "blog", pr, rep); err != nil {
			return nil, err
		}
	}
	if isDir(src, "static") {
		_ = walkFiles(src, "static", func(p string) error {
			pr.files = append(pr.files, &file{src: p, lang: def, rel: strings.TrimPrefix(p, "static/"), static: true})
			return nil
		})
	}
	for _, s := range []string{"sidebars.js", "sidebars.ts"} {
		if exists(src, s) {
			rep.Skipped = append(rep.Skipped, Problem{File: s, What: diag.Phrasef("not read (JavaScript): the order comes from sidebar_position and _category_ files")})
		}
	}
	if isDir(src, "src/pages") {
		rep.Skipped = append(rep.Skipped, Problem{File: "src/pages/", What: diag.Phrasef("not imported: pages written in React")})
	}
	readmeToIndex(pr, rep)
	return pr, nil
}

// docusaurusTree lists one docs or blog folder into content/<lang>/<into>.
func docusaurusTree(src fs.FS, dir, lang, into, route string, pr *project, rep *Report) error {
	if !isDir(src, dir) {
		return nil
	}
	return walkFiles(src, dir, func(p string) error {
		rel := strings.TrimPrefix(p, dir+"/")
		name := path.Base(rel)
		if name == "_category_.json" || name == "_category_.yml" || name == "_category_.yaml" {
			if f := categoryIndex(src, p, lang, path.Join(into, path.Dir(rel))); f != nil {
				pr.files = append(pr.files, f)
			}
			return nil
		}
		if name == "authors.yml" || name == "tags.yml" {
			return nil
		}
		f := &file{src: p, lang: lang, rel: path.Join(into, rel), page: isMarkdown(p)}
		if f.page {
			if strings.EqualFold(path.Ext(rel), ".mdx") {
				f.rel = strings.TrimSuffix(f.rel, path.Ext(f.rel)) + ".md"
				rep.note(".mdx files written as .md: their import lines are removed, JSX components stay as text")
			}
			if into == "blog" {
				f.rel = blogRel(f.rel)
			}
			f.urls = docusaurusURLs(route, strings.TrimPrefix(f.rel, into+"/"))
		}
		pr.files = append(pr.files, f)
		return nil
	})
}

// blogRel drops the date from a post's file or folder name
// (2021-08-26-welcome/index.md -> blog/welcome/index.md).
func blogRel(rel string) string {
	parts := strings.Split(rel, "/")
	for i, p := range parts {
		if m := blogDate().FindStringSubmatch(p); m != nil {
			parts[i] = m[4]
		}
	}
	return strings.Join(parts, "/")
}

// docusaurusURLs are a doc's addresses: its path without number prefixes
// (which Docusaurus drops) under the route.
func docusaurusURLs(route, rel string) []string {
	stem := strings.TrimSuffix(rel, path.Ext(rel))
	parts := strings.Split(stem, "/")
	for i, p := range parts {
		parts[i] = numberPrefix().ReplaceAllString(p, "")
	}
	if last := parts[len(parts)-1]; last == "index" || strings.EqualFold(last, "README") {
		parts = parts[:len(parts)-1]
	}
	return []string{path.Join(append([]string{route}, parts...)...) + "/"}
}

// categoryIndex turns a folder's _category_ file (label, position) into
// the folder's _index.md, unless the folder has its own index page.
func categoryIndex(src fs.FS, p, lang, dir string) *file {
	data, err := fs.ReadFile(src, p)
	if err != nil {
		return nil
	}
	var cat map[string]any
	if strings.HasSuffix(p, ".json") {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		if dec.Decode(&cat) != nil {
			return nil
		}
	} else if s, err := decodeSettings(p, data); err == nil {
		cat = map[string]any(s)
	}
	c := lowerKeys(cat)
	folder := path.Dir(p)
	for _, idx := range []string{"index.md", "index.mdx", "README.md", "_index.md"} {
		if exists(src, path.Join(folder, idx)) {
			return nil
		}
	}
	fm := &frontMatter{values: map[string]any{}}
	if l := c.str("label"); l != "" {
		fm.set("title", l)
	}
	if w, ok := number(c["position"]); ok {
		fm.set("weight", w)
	}
	if d := lowerKeys(asMap(c["link"])).str("description"); d != "" {
		fm.set("summary", d)
	}
	body := []byte{}
	return &file{src: p, lang: lang, rel: path.Join(dir, "_index.md"), page: true, fm: fm, body: body}
}

var mdxImport = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:import|export)\s`) })

// mapDocusaurus maps Docusaurus' front matter: sidebar_position is weight,
// an absolute slug is url, a blog post's date comes from its name; MDX
// import and export lines go.
func mapDocusaurus(f *file, rep *Report) {
	f.fm.rename("sidebar_position", "weight")
	if slug := f.fm.str("slug"); slug == "/" && !strings.Contains(f.rel, "/") {
		// the docs' home page: the language's home here
		f.fm.del("slug")
		f.rel = "index.md"
		if len(f.urls) > 0 {
			f.urls = append(f.urls, strings.SplitN(f.urls[0], "/", 2)[0]+"/")
		}
		rep.note("the doc with slug: / is the language's home page (index.md)")
	} else if strings.HasPrefix(slug, "/") {
		f.fm.del("slug")
		f.fm.setDefault("url", slug)
		f.urls = append(f.urls, path.Join(strings.SplitN(f.urls[0], "/", 2)[0], slug))
	} else if slug != "" && len(f.urls) > 0 {
		f.urls = append(f.urls, path.Join(path.Dir(strings.TrimSuffix(f.urls[0], "/")), slug)+"/")
	}
	if id := f.fm.str("id"); id != "" && len(f.urls) > 0 {
		f.urls = append(f.urls, path.Join(path.Dir(strings.TrimSuffix(f.urls[0], "/")), id)+"/")
	}
	if lu, ok := f.fm.get("last_update"); ok {
		if d := lowerKeys(asMap(lu))["date"]; d != nil {
			f.fm.setDefault("lastmod", d)
			f.fm.del("last_update")
		}
	}
	if m := blogDate().FindStringSubmatch(path.Base(strings.TrimSuffix(f.src, path.Ext(f.src)))); m != nil {
		f.fm.setDefault("date", day(m[1], m[2], m[3]))
	} else if m := blogDate().FindStringSubmatch(path.Base(path.Dir(f.src))); m != nil {
		f.fm.setDefault("date", day(m[1], m[2], m[3]))
	}
	if strings.EqualFold(path.Ext(f.src), ".mdx") {
		f.body = dropMDXImports(f.body)
	}
}

// dropMDXImports removes MDX's import and export lines (code for the page's
// JSX, never text), outside fenced code.
func dropMDXImports(body []byte) []byte {
	var out bytes.Buffer
	fence := ""
	for _, line := range bytes.SplitAfter(body, []byte("\n")) {
		t := strings.TrimSpace(string(line))
		switch {
		case fence != "":
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			fence = t[:3]
		case mdxImport().Match(line):
			continue
		}
		out.Write(line)
	}
	return out.Bytes()
}
