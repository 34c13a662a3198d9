package site

import (
	"net/url"
	"path"
	"strings"

	"github.com/oersite/oersite/generator/internal/markdown"
)

// resolver returns the Markdown link resolver for a page: relative links to
// .md files become links to those pages, links to files become links to the
// copied files. A target missing in the page's language is looked up in the
// default language. Links are written from the site root up ("../../../en/..."),
// so that the HTML is the same for the page and its fallback copies.
func (s *Site) resolver(p *Page) markdown.Resolver {
	srcDir := path.Dir(p.Source.Rel)
	return func(dest string, image bool) (string, bool) {
		if name, ok := strings.CutPrefix(dest, markdown.NameQuery); ok {
			return s.nearestNamed(p.Lang, srcDir, name)
		}
		target, ok := s.resolveTarget(p.Lang, srcDir, dest)
		if !ok {
			if u, err := url.Parse(dest); err == nil && climbsOut(path.Join(p.URL, u.Path)) {
				// From disk, such a link would open the reader's own files.
				return "#", false
			}
			return dest, false
		}
		frag := ""
		if i := strings.IndexByte(target, '#'); i >= 0 {
			target, frag = target[:i], target[i:]
		}
		return p.Rel(target) + frag, true
	}
}

// resolveTarget turns dest, relative to srcDir of the lang tree, into a path from the site root.
func (s *Site) resolveTarget(lang, srcDir, dest string) (string, bool) {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return "", false
	}
	rawPath, frag := u.Path, u.Fragment
	if rawPath == "" {
		return "", false
	}
	rel := path.Clean(path.Join(srcDir, rawPath))
	if rel == ".." || strings.HasPrefix(rel, "../") {
		// "../../it/modules/x/index.md": a link into another language tree.
		full := path.Clean(path.Join(lang, srcDir, rawPath))
		other, inner, ok := strings.Cut(full, "/")
		if !ok || strings.HasPrefix(full, "..") || s.byRel[other] == nil {
			return "", false
		}
		lang, rel = other, inner
	}
	suffix := ""
	if frag != "" {
		suffix = "#" + frag
	}
	if t := s.findPage(lang, rel); t != nil {
		return t.URL + suffix, true
	}
	if a, ok := s.findAsset(lang, rel); ok {
		return a + suffix, true
	}
	return "", false
}

// findPage finds the page a content path names, in lang or else the default language.
func (s *Site) findPage(lang, rel string) *Page {
	candidates := []string{rel}
	if !strings.HasSuffix(rel, ".md") {
		candidates = append(candidates, rel+"/index.md", rel+"/_index.md", rel+".md")
	}
	if rel == "." {
		candidates = []string{"_index.md"}
	}
	for _, l := range []string{lang, s.Config.DefaultLanguage} {
		for _, c := range candidates {
			if p := s.byRel[l][c]; p != nil {
				if l != lang {
					if t := p.Translation(lang); t != nil {
						return t
					}
				}
				return p
			}
		}
	}
	return nil
}

// findAsset finds a copied content file, in lang or else the default language.
func (s *Site) findAsset(lang, rel string) (string, bool) {
	for _, l := range []string{lang, s.Config.DefaultLanguage} {
		if u, ok := s.assetURL[l+"/"+rel]; ok {
			return u, true
		}
	}
	return "", false
}

// climbsOut reports whether a joined path leaves the site root.
func climbsOut(p string) bool {
	c := path.Clean(p)
	return c == ".." || strings.HasPrefix(c, "../") || strings.HasPrefix(c, "/")
}

// nearestNamed answers a wikilink's question (markdown.NameQuery): the
// destination, relative to srcDir, of the page or file of lang's tree
// (else the default language's) whose file is named name, whatever its
// case; of several, the nearest srcDir, then the first by path.
func (s *Site) nearestNamed(lang, srcDir, name string) (string, bool) {
	s.names.once.Do(s.indexNames)
	key := strings.ToLower(name)
	for _, byName := range []map[string]map[string][]string{s.names.byName, s.names.byAlias} {
		for _, l := range []string{lang, s.Config.DefaultLanguage} {
			if d, ok := nearest(srcDir, byName[l][key]); ok {
				return d, true
			}
		}
	}
	return "", false
}

// nearest is the path from srcDir of the nearest of rels (the fewest
// steps, then the first by path).
func nearest(srcDir string, rels []string) (string, bool) {
	best := ""
	for _, rel := range rels {
		d := relativeTo(srcDir, rel)
		if steps, bestSteps := strings.Count(d, "/"), strings.Count(best, "/"); best == "" || steps < bestSteps || steps == bestSteps && d < best {
			best = d
		}
	}
	return best, best != ""
}

// indexNames lists the pages and files of each language tree by their
// file names in lower case, and the pages by their aliases that are no
// paths, as Obsidian names a note by them ("Shop hours" is "shop hours.md").
func (s *Site) indexNames() {
	s.names.byName, s.names.byAlias = map[string]map[string][]string{}, map[string]map[string][]string{}
	put := func(m map[string]map[string][]string, lang, name, rel string) {
		if m[lang] == nil {
			m[lang] = map[string][]string{}
		}
		name = strings.ToLower(name)
		m[lang][name] = append(m[lang][name], rel)
	}
	add := func(lang, rel string) { put(s.names.byName, lang, path.Base(rel), rel) }
	for lang, pages := range s.byRel {
		for rel, p := range pages {
			add(lang, rel)
			if p.Meta == nil {
				continue
			}
			for _, a := range p.Meta.Aliases {
				if a = strings.TrimSpace(a); a != "" && !strings.Contains(a, "/") {
					put(s.names.byAlias, lang, a+".md", rel)
				}
			}
		}
	}
	for key := range s.assetURL {
		if lang, rel, ok := strings.Cut(key, "/"); ok {
			add(lang, rel)
		}
	}
}

// relativeTo is the path of rel (from a language tree's root) from the
// folder dir of that tree: "../b/c.md" from "a" to "b/c.md".
func relativeTo(dir, rel string) string {
	var from []string
	if dir != "." && dir != "" {
		from = strings.Split(dir, "/")
	}
	to := strings.Split(rel, "/")
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(to[i:], "/")
}
