package importer

import (
	"io/fs"
	"path"
	"strings"

	"github.com/oersite/oersite/generator/internal/diag"
)

// readHugo reads a Hugo site: content/ (or contentDir), one tree per
// language (languages.<lang>.contentDir) or translations by file name
// (about.fr.md), and static/.
func readHugo(src fs.FS, defLang string, rep *Report) (*project, error) {
	cfg, err := readHugoSettings(src)
	if err != nil {
		return nil, err
	}
	def := firstNonEmpty(cfg.str("defaultcontentlanguage"), defLang)
	weights, dirs := hugoLanguages(cfg, def)
	pr := &project{langs: orderLanguages(def, weights), title: cfg.str("title"), baseURL: cfg.str("baseurl")}
	pr.basePath = basePath(pr.baseURL)
	if err := readHugoContent(src, cfg, dirs, pr); err != nil {
		return nil, err
	}
	static := firstNonEmpty(cfg.str("staticdir"), "static")
	if isDir(src, static) {
		_ = walkFiles(src, static, func(p string) error {
			pr.files = append(pr.files, &file{src: p, lang: def, rel: strings.TrimPrefix(p, static+"/"), static: true})
			return nil
		})
	}
	reportHugoSkipped(src, cfg, rep)
	return pr, nil
}

// readHugoSettings reads the site's configuration from the first of Hugo's
// file names found, with its languages from config/_default/languages.* when
// the configuration itself has none.
func readHugoSettings(src fs.FS) (settings, error) {
	cfg, _, err := readSettings(src, "hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json",
		"config/_default/hugo.toml", "config/_default/hugo.yaml", "config/_default/config.toml", "config/_default/config.yaml")
	if err != nil {
		return nil, err
	}
	if len(cfg.table("languages")) == 0 {
		if extra, _, _ := readSettings(src, "config/_default/languages.toml", "config/_default/languages.yaml"); len(extra) > 0 {
			cfg["languages"] = map[string]any(extra)
		}
	}
	return cfg, nil
}

// hugoLanguages reads the weight of every configured language (def first,
// at 0) and the content folder of those that have their own.
func hugoLanguages(cfg settings, def string) (weights map[string]int, dirs map[string]string) {
	weights = map[string]int{def: 0}
	dirs = map[string]string{} // lang -> its own content folder
	for code, v := range cfg.table("languages") {
		l := lowerKeys(asMap(v))
		w, _ := number(l["weight"])
		weights[code] = w
		if d := l.str("contentdir"); d != "" {
			dirs[code] = strings.Trim(d, "/")
		}
	}
	return weights, dirs
}

// readHugoContent lists the content: the module mounts when there are any,
// else each language's own content folder (dirs) when there are any, else
// the one content folder with translations told by file names.
func readHugoContent(src fs.FS, cfg settings, dirs map[string]string, pr *project) error {
	if mounts := contentMounts(cfg); len(mounts) > 0 {
		for _, m := range mounts {
			if !isDir(src, m.dir) {
				continue
			}
			if err := hugoTree(src, m.dir, m.lang, pr); err != nil {
				return err
			}
		}
		return nil
	}
	if len(dirs) > 0 {
		for _, l := range pr.langs {
			if d, ok := dirs[l]; ok && isDir(src, d) {
				if err := hugoTree(src, d, l, pr); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if contentDir := firstNonEmpty(cfg.str("contentdir"), "content"); isDir(src, contentDir) {
		return hugoTree(src, contentDir, "", pr)
	}
	return nil
}

// reportHugoSkipped tells what of the Hugo site is not imported: its
// layouts, themes, archetypes, data, strings and assets, and its menus.
func reportHugoSkipped(src fs.FS, cfg settings, rep *Report) {
	for _, d := range []string{"layouts", "themes", "archetypes", "data", "i18n", "assets"} {
		if isDir(src, d) {
			rep.Skipped = append(rep.Skipped, Problem{File: d + "/", What: diag.Phrasef("not imported: oersite's theme, strings and assets take its place")})
		}
	}
	if len(cfg.table("menu")) > 0 || len(cfg.table("menus")) > 0 {
		rep.Skipped = append(rep.Skipped, Problem{File: "config", What: diag.Phrasef("menus in the configuration are not imported: list them as [[menus.main]] in config.toml")})
	}
}

// hugoTree lists one content folder: lang is its language, or "" when
// languages are told by file names.
func hugoTree(src fs.FS, dir, lang string, pr *project) error {
	return walkFiles(src, dir, func(p string) error {
		rel := strings.TrimPrefix(p, dir+"/")
		l := lang
		if l == "" {
			var fl string
			rel, fl = langInName(rel, pr.langs)
			l = firstNonEmpty(fl, pr.langs[0])
		}
		f := &file{src: p, lang: l, rel: rel, page: isMarkdown(p)}
		if f.page {
			f.urls = hugoURLs(rel)
		}
		pr.files = append(pr.files, f)
		return nil
	})
}

// langInName moves a language suffix out of a path's file name.
func langInName(rel string, langs []string) (string, string) {
	dir, name := path.Split(rel)
	name, l := langOf(name, langs)
	return dir + name, l
}

// hugoURLs are the addresses Hugo publishes a page at, from its path.
func hugoURLs(rel string) []string {
	stem := strings.TrimSuffix(rel, path.Ext(rel))
	switch path.Base(stem) {
	case "_index", "index":
		stem = path.Dir(stem)
		if stem == "." {
			stem = ""
		}
	}
	return []string{stem + "/"}
}

// mapHugo maps Hugo's front matter: its keys mostly are oersite's; slug,
// url and aliases add addresses links may use.
func mapHugo(f *file, rep *Report) {
	if len(f.urls) > 0 {
		if slug := f.fm.str("slug"); slug != "" {
			f.urls = append(f.urls, path.Join(path.Dir(strings.TrimSuffix(f.urls[0], "/")), slug)+"/")
		}
	}
	if u := f.fm.str("url"); u != "" {
		f.urls = append(f.urls, u)
	}
	if v, ok := f.fm.get("aliases"); ok {
		f.urls = append(f.urls, asStrings(v)...)
	}
	_ = rep
}

func asMap(v any) map[string]any {
	switch x := v.(type) {
	case map[string]any:
		return x
	case settings:
		return x
	}
	return map[string]any{}
}

func asStrings(v any) []string {
	switch x := v.(type) {
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	case string:
		return []string{x}
	}
	return nil
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// basePath is the path part of a base URL ("https://x.org/docs/" -> "/docs/").
func basePath(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
		if j := strings.IndexByte(u, '/'); j >= 0 {
			return u[j:]
		}
		return "/"
	}
	return u
}

// mount is a folder Hugo's module configuration mounts as content.
type mount struct{ dir, lang string }

// contentMounts reads [[module.mounts]] with target content: their source
// folders, and the language each holds (lang, or sites.matrix.languages).
func contentMounts(cfg settings) []mount {
	var out []mount
	for _, m := range asSlice(cfg.table("module")["mounts"]) {
		ms := lowerKeys(asMap(m))
		if strings.Trim(ms.str("target"), "/") != "content" {
			continue
		}
		lang := ms.str("lang")
		if langs := lowerKeys(asMap(lowerKeys(asMap(ms["sites"]))["matrix"])).list("languages"); lang == "" && len(langs) == 1 {
			lang = langs[0]
		}
		out = append(out, mount{dir: strings.Trim(ms.str("source"), "/"), lang: lang})
	}
	return out
}
