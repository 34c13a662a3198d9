package importer

import (
	"io/fs"
	"path"
	"strings"

	"golang.org/x/text/language"
)

// readMkDocs reads an MkDocs project: mkdocs.yml, its docs_dir, languages
// of the i18n plugin (docs/<lang>/ folders, or page.<lang>.md suffixes),
// or one project per language (<lang>/mkdocs.yml, as FastAPI has), and the
// nav, whose order becomes weight.
func readMkDocs(src fs.FS, defLang string, rep *Report) (*project, error) {
	cfg, cfgName, err := readSettings(src, "mkdocs.yml", "mkdocs.yaml")
	if err != nil {
		return nil, err
	}
	if cfgName == "" {
		return readMkDocsPerLanguage(src, defLang, rep)
	}
	pr := &project{title: cfg.str("site_name"), baseURL: cfg.str("site_url")}
	pr.basePath = basePath(pr.baseURL)
	docs := firstNonEmpty(cfg.str("docs_dir"), "docs")
	langs, def, folders := mkdocsLanguages(cfg, defLang)
	pr.langs = orderLanguages(def, langs)
	nav := navWeights(cfg["nav"])
	err = walkFiles(src, docs, func(p string) error {
		rel := strings.TrimPrefix(p, docs+"/")
		lang := def
		if folders {
			first, rest, ok := strings.Cut(rel, "/")
			if _, isLang := langs[first]; ok && isLang {
				lang, rel = first, rest
			}
		} else {
			var l string
			if rel, l = langInName(rel, pr.langs); l != "" {
				lang = l
			}
		}
		pr.files = append(pr.files, mkdocsFile(p, lang, rel, nav))
		return nil
	})
	if err != nil {
		return nil, err
	}
	readmeToIndex(pr, rep)
	return pr, nil
}

// readMkDocsPerLanguage reads one MkDocs project per language folder.
func readMkDocsPerLanguage(src fs.FS, defLang string, rep *Report) (*project, error) {
	entries, _ := fs.ReadDir(src, ".")
	pr := &project{}
	weights := map[string]int{}
	var nav map[string]int
	var trees []struct{ lang, docs string }
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		cfg, name, err := readSettings(src, e.Name()+"/mkdocs.yml", e.Name()+"/mkdocs.yaml")
		if err != nil {
			return nil, err
		}
		if _, tagErr := language.Parse(e.Name()); name == "" && (tagErr != nil || !isDir(src, e.Name()+"/docs")) {
			continue // neither a project of its own nor a language folder with docs/
		}
		docs := path.Join(e.Name(), firstNonEmpty(cfg.str("docs_dir"), "docs"))
		if !isDir(src, docs) {
			continue
		}
		weights[e.Name()] = len(weights) + 1
		trees = append(trees, struct{ lang, docs string }{e.Name(), docs})
		if e.Name() == defLang || nav == nil {
			if w := navWeights(cfg["nav"]); len(w) > 0 {
				nav = w
			}
		}
		if pr.title == "" || e.Name() == defLang {
			pr.title = firstNonEmpty(cfg.str("site_name"), pr.title)
			pr.baseURL = firstNonEmpty(cfg.str("site_url"), pr.baseURL)
		}
	}
	if len(trees) == 0 || pr.title == "" && nav == nil && !anyConfig(src, trees) {
		return nil, errNoConfig("mkdocs.yml")
	}
	def := defLang
	if _, ok := weights[def]; !ok {
		def = trees[0].lang
	}
	pr.langs = orderLanguages(def, weights)
	pr.basePath = basePath(pr.baseURL)
	for _, t := range trees {
		err := walkFiles(src, t.docs, func(p string) error {
			pr.files = append(pr.files, mkdocsFile(p, t.lang, strings.TrimPrefix(p, t.docs+"/"), nav))
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	rep.note("one MkDocs project per language folder: the default language's nav orders every language")
	readmeToIndex(pr, rep)
	return pr, nil
}

// mkdocsFile is one file of a docs folder; a page gets the addresses MkDocs
// publishes it at and its place in the nav.
func mkdocsFile(p, lang, rel string, nav map[string]int) *file {
	f := &file{src: p, lang: lang, rel: rel, page: isMarkdown(p)}
	if f.page {
		stem := strings.TrimSuffix(rel, path.Ext(rel))
		switch path.Base(stem) {
		case "index", "README":
			stem = strings.TrimSuffix(path.Dir(stem), ".")
			f.urls = []string{stem + "/", path.Join(stem, "index.html")}
		default:
			f.urls = []string{stem + "/", stem + ".html"}
		}
		if w, ok := nav[rel]; ok {
			f.navWeight = w
		}
	}
	return f
}

// mkdocsLanguages reads the i18n plugin's languages: their codes with
// their order, the default one, and whether they live in folders.
func mkdocsLanguages(cfg settings, defLang string) (map[string]int, string, bool) {
	weights := map[string]int{}
	def := defLang
	folders := true
	for _, pl := range asSlice(cfg["plugins"]) {
		i18n, ok := asMap(pl)["i18n"]
		if !ok {
			continue
		}
		conf := lowerKeys(asMap(i18n))
		if conf.str("docs_structure") == "suffix" {
			folders = false
		}
		for i, l := range asSlice(conf["languages"]) {
			lm := lowerKeys(asMap(l))
			code := lm.str("locale")
			if code == "" {
				continue
			}
			weights[code] = i + 1
			if b, _ := lm["default"].(bool); b {
				def = code
			}
		}
	}
	if len(weights) == 0 {
		weights[def] = 0
	}
	return weights, def, folders
}

// navWeights numbers the pages of MkDocs' nav in order: each list from 1.
func navWeights(nav any) map[string]int {
	out := map[string]int{}
	var walk func(items []any)
	walk = func(items []any) {
		for i, it := range items {
			switch x := it.(type) {
			case string:
				out[x] = i + 1
			case map[string]any:
				for _, v := range x {
					switch y := v.(type) {
					case string:
						out[y] = i + 1
					case []any:
						// a section: its index page takes the section's place
						for _, c := range y {
							if s, ok := c.(string); ok && (path.Base(s) == "index.md" || path.Base(s) == "README.md") {
								out[s] = i + 1
							}
						}
						walk(y)
					}
				}
			}
		}
	}
	walk(asSlice(nav))
	return out
}

func asSlice(v any) []any {
	switch x := v.(type) {
	case []any:
		return x
	case []map[string]any: // TOML's arrays of tables
		out := make([]any, len(x))
		for i, m := range x {
			out[i] = m
		}
		return out
	}
	return nil
}

// readmeToIndex renames README.md to index.md where a folder has no
// index.md: MkDocs and Docusaurus take it as the folder's index page.
func readmeToIndex(pr *project, rep *Report) {
	has := map[string]bool{}
	for _, f := range pr.files {
		if path.Base(f.rel) == "index.md" {
			has[f.lang+"/"+path.Dir(f.rel)] = true
		}
	}
	for _, f := range pr.files {
		if f.page && strings.EqualFold(path.Base(f.rel), "README.md") && !has[f.lang+"/"+path.Dir(f.rel)] {
			f.rel = path.Join(path.Dir(f.rel), "index.md")
			rep.note("README.md files renamed index.md: they are their folder's index page")
		}
	}
}

// mapMkDocs maps MkDocs' front matter: the nav's order becomes weight.
func mapMkDocs(f *file, _ *Report) {
	if f.navWeight > 0 {
		f.fm.setDefault("weight", f.navWeight)
	}
}

type errNoConfig string

func (e errNoConfig) Error() string {
	return "no " + string(e) + " here: give the folder that holds it"
}

// anyConfig reports whether one of the language folders has its mkdocs.yml.
func anyConfig(src fs.FS, trees []struct{ lang, docs string }) bool {
	for _, t := range trees {
		if exists(src, t.lang+"/mkdocs.yml") || exists(src, t.lang+"/mkdocs.yaml") {
			return true
		}
	}
	return false
}
