package importer

import (
	"io/fs"
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/oersite/oersite/generator/internal/diag"
)

var postName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})-(.+)$`) })

// readJekyll reads a Jekyll site: its pages, _posts (posts/, dated from
// their names), _drafts (drafts), collections (_<name>/ -> <name>/), and its
// other files (assets/, images/...) as static files; languages of the
// polyglot plugin (languages, default_lang, a page's lang key).
func readJekyll(src fs.FS, defLang string, rep *Report) (*project, error) {
	cfg, _, err := readSettings(src, "_config.yml", "_config.yaml", "_config.toml")
	if err != nil {
		return nil, err
	}
	def := firstNonEmpty(cfg.str("default_lang"), cfg.str("lang"), defLang)
	weights := map[string]int{def: 0}
	for i, l := range cfg.list("languages") {
		if l != def {
			weights[l] = i + 1
		}
	}
	pr := &project{langs: orderLanguages(def, weights), title: cfg.str("title")}
	pr.basePath = cfg.str("baseurl")
	if u := cfg.str("url"); u != "" {
		pr.baseURL = strings.TrimRight(u, "/") + "/" + strings.Trim(pr.basePath, "/")
	}
	collections := map[string]bool{"posts": true, "drafts": true}
	for name := range cfg.table("collections") {
		collections[name] = true
	}
	for _, name := range cfg.list("collections") {
		collections[name] = true
	}
	excluded := map[string]bool{}
	for _, e := range cfg.list("exclude") {
		excluded[strings.Trim(e, "/")] = true
	}
	err = fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == "." {
			return err
		}
		top, _, _ := strings.Cut(p, "/")
		if hidden(d.Name()) || excluded[p] || jekyllSkipped(top, collections) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		pr.files = append(pr.files, jekyllFile(p, def, collections))
		return nil
	})
	if err != nil {
		return nil, err
	}
	if isDir(src, "_layouts") || isDir(src, "_includes") {
		rep.Skipped = append(rep.Skipped, Problem{File: "_layouts/, _includes/", What: diag.Phrasef("not imported: oersite's theme takes their place")})
	}
	if isDir(src, "_data") {
		rep.Skipped = append(rep.Skipped, Problem{File: "_data/", What: diag.Phrasef("not imported: its data is read by Liquid, which oersite does not run")})
	}
	return pr, nil
}

// jekyllSkipped reports folders and files of a Jekyll site that are not content.
func jekyllSkipped(top string, collections map[string]bool) bool {
	switch top {
	case "_site", "vendor", "node_modules", "Gemfile", "Gemfile.lock", "_config.yml", "_config.yaml", "_config.toml",
		"_layouts", "_includes", "_sass", "_data", "_plugins", ".jekyll-cache", "package.json", "package-lock.json":
		return true
	}
	if name, ok := strings.CutPrefix(top, "_"); ok {
		return !collections[name]
	}
	return false
}

// jekyllFile places one file: posts under posts/ without their date,
// collections without their underscore, other non-Markdown files as static.
func jekyllFile(p, lang string, collections map[string]bool) *file {
	f := &file{src: p, lang: lang, rel: p, page: isMarkdown(p)}
	top, rest, _ := strings.Cut(p, "/")
	if name, ok := strings.CutPrefix(top, "_"); ok && collections[name] {
		dir := name
		if name == "drafts" {
			dir = "posts"
		}
		f.rel = path.Join(dir, rest)
		if m := postName().FindStringSubmatch(path.Base(rest)); m != nil {
			f.rel = path.Join(dir, path.Dir(rest), m[4])
			stem := strings.TrimSuffix(m[4], path.Ext(m[4]))
			f.urls = append(f.urls, path.Join(m[1], m[2], m[3], stem)+".html", path.Join(m[1], m[2], m[3], stem)+"/", stem+"/")
		}
	}
	if !f.page {
		f.static = true
		return f
	}
	stem := strings.TrimSuffix(f.rel, path.Ext(f.rel))
	if path.Base(stem) == "index" {
		stem = strings.TrimSuffix(path.Dir(stem), ".")
		f.urls = append(f.urls, stem+"/")
	} else {
		f.urls = append(f.urls, stem+".html", stem+"/")
	}
	return f
}

// mapJekyll maps Jekyll's front matter: permalink is url (unless it holds
// :placeholders), published: false a draft, redirect_from aliases,
// excerpt the summary, nav_order weight; a post's date comes from its name.
func mapJekyll(f *file, rep *Report) {
	if p := f.fm.str("permalink"); p != "" {
		f.urls = append(f.urls, p)
		if !strings.Contains(p, ":") {
			f.fm.del("permalink")
			f.fm.setDefault("url", p)
		}
	}
	if v, ok := f.fm.get("published"); ok {
		if b, isBool := v.(bool); isBool {
			f.fm.del("published")
			if !b {
				f.fm.setDefault("draft", true)
			}
		}
	}
	if strings.HasPrefix(f.src, "_drafts/") {
		f.fm.setDefault("draft", true)
	}
	if v, ok := f.fm.get("redirect_from"); ok {
		f.fm.del("redirect_from")
		f.fm.setDefault("aliases", v)
		f.urls = append(f.urls, asStrings(v)...)
	}
	f.fm.rename("excerpt", "summary")
	f.fm.rename("nav_order", "weight")
	if m := postName().FindStringSubmatch(path.Base(f.src)); m != nil {
		f.fm.setDefault("date", day(m[1], m[2], m[3]))
	}
	if l := f.fm.str("lang"); l != "" {
		for _, known := range rep.Languages {
			if l == known {
				f.lang = l
				f.fm.del("lang")
			}
		}
	}
}
