package importer

import (
	"io/fs"
	"strings"

	"github.com/oersite/oersite/generator/internal/diag"
)

// readZola reads a Zola site: config.toml (base_url, default_language,
// [languages.<code>]), content/ with translations by file name
// (about.fr.md, as Hugo's), and static/. Its pages are laid out as Hugo's
// (_index.md for a section, a folder's index.md for a page with its files),
// so Hugo's tree reader lists them.
func readZola(src fs.FS, defLang string, rep *Report) (*project, error) {
	cfg, _, err := readSettings(src, "zola.toml", "config.toml")
	if err != nil {
		return nil, err
	}
	def := firstNonEmpty(cfg.str("default_language"), defLang)
	weights := map[string]int{def: 0}
	for code := range cfg.table("languages") {
		weights[code] = 1 // Zola gives languages no order: the others by code
	}
	pr := &project{langs: orderLanguages(def, weights), title: cfg.str("title"), baseURL: cfg.str("base_url")}
	pr.basePath = basePath(pr.baseURL)
	if isDir(src, "content") {
		if err := hugoTree(src, "content", "", pr); err != nil {
			return nil, err
		}
	}
	if isDir(src, "static") {
		_ = walkFiles(src, "static", func(p string) error {
			pr.files = append(pr.files, &file{src: p, lang: def, rel: strings.TrimPrefix(p, "static/"), static: true})
			return nil
		})
	}
	for _, d := range []string{"templates", "themes", "sass"} {
		if isDir(src, d) {
			rep.Skipped = append(rep.Skipped, Problem{File: d + "/", What: diag.Phrasef("not imported: oersite's theme, strings and assets take its place")})
		}
	}
	return pr, nil
}

// mapZola maps Zola's front matter: path is the page's address (url),
// updated its last change (lastmod), [taxonomies] tags and categories
// oersite's own; slug and aliases add addresses links may use, as Hugo's.
func mapZola(f *file, rep *Report) {
	if p := f.fm.str("path"); p != "" {
		f.fm.del("path")
		f.fm.setDefault("url", "/"+strings.Trim(p, "/")+"/")
		rep.note("path became url: the page keeps its address")
	}
	f.fm.rename("updated", "lastmod")
	if v, ok := f.fm.get("taxonomies"); ok {
		rest := map[string]any{}
		for k, terms := range asMap(v) {
			switch strings.ToLower(k) {
			case "tags", "categories":
				if _, has := f.fm.key(k); !has {
					f.fm.set(strings.ToLower(k), terms)
					continue
				}
				rest[k] = terms // the page sets them itself too: both kept
			default:
				rest[k] = terms
			}
		}
		if f.fm.del("taxonomies"); len(rest) > 0 {
			f.fm.set("taxonomies", rest)
		}
	}
	mapHugo(f, rep)
}
