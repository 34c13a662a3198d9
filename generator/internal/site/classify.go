package site

import (
	"errors"
	"path"
	"strings"
	"unicode"

	"github.com/oersite/oersite/generator/internal/content"
	"github.com/oersite/oersite/generator/internal/diag"
)

// placement is where a source goes: its kind, section, key and URL.
type placement struct {
	kind      Kind
	section   string
	key       string
	url       string
	moduleRel string // lessons: the module's index.md path
}

// classify decides a source's kind and URL from its path and front matter.
// indexes holds the sources that are a folder's index.md standing for its
// section (see sectionIndexes).
func classify(src *content.Source, indexes map[*content.Source]bool) (placement, error) {
	sp := splitSourcePath(src, indexes)
	var pl placement
	if len(sp.parts) > 1 {
		pl.section = sp.parts[0]
	}
	pl.kind = sp.kind(pl.section, src.Meta.Type)
	if pl.kind == KindLesson {
		if pl.section != "modules" || len(sp.parts) < 3 {
			return pl, diag.Phrasef("a lesson must be inside a module folder: modules/<module>/%s", sp.base)
		}
		pl.moduleRel = "modules/" + sp.parts[1] + "/index.md"
	}
	segs, err := sp.segments(src.Meta.Slug, pl.kind)
	if err != nil {
		return pl, err
	}
	pl.url = src.Lang + "/"
	if len(segs) > 0 {
		pl.url += strings.Join(segs, "/") + "/"
	}
	pl.key = sp.key(src.Meta.TranslationKey, pl.kind)
	return pl, nil
}

// sourcePath is a source's path under content/<lang>/ taken apart: its
// folders, its file name (base) and that name without its extension (stem).
type sourcePath struct {
	rel        string
	parts      []string
	dirs       []string
	base, stem string
}

// splitSourcePath takes a source's path apart; a folder's index.md that
// stands for its section (MkDocs, Docusaurus and Jekyll) is named
// _index.md, as Hugo's section pages are.
func splitSourcePath(src *content.Source, indexes map[*content.Source]bool) sourcePath {
	parts := strings.Split(src.Rel, "/")
	sp := sourcePath{rel: src.Rel, parts: parts, dirs: parts[:len(parts)-1], base: parts[len(parts)-1]}
	if indexes[src] {
		sp.base = "_index.md"
	}
	sp.stem = strings.TrimSuffix(strings.TrimSuffix(sp.base, ".md"), ".markdown")
	return sp
}

// isIndex reports whether the file is a folder's index (index.md or
// _index.md), which takes the folder's address.
func (sp sourcePath) isIndex() bool {
	return sp.base == "index.md" || sp.base == "_index.md"
}

// kind is the page kind of the file: home or section for an _index.md,
// otherwise the front matter's type or the kind its section gives.
func (sp sourcePath) kind(section, typ string) Kind {
	switch {
	case sp.base == "_index.md" && len(sp.dirs) == 0:
		return KindHome
	case sp.base == "_index.md":
		return KindSection
	case typ != "":
		return Kind(typ)
	}
	return kindBySection(section, len(sp.parts), sp.base)
}

// segments are the address's path segments: the folders, then the file's
// own name unless it is an index, the last one replaced by the front
// matter's slug (not on section pages).
func (sp sourcePath) segments(slug string, kind Kind) ([]string, error) {
	segs := make([]string, 0, len(sp.parts))
	for _, d := range sp.dirs {
		s, err := slugify(d)
		if err != nil {
			return nil, diag.Phrasef("folder name %q cannot be part of an address: %v", brief(d), err)
		}
		segs = append(segs, s)
	}
	if !sp.isIndex() {
		s, err := slugify(sp.stem)
		if err != nil {
			return nil, diag.Phrasef("file name %q cannot be part of an address: %v", brief(sp.base), err)
		}
		segs = append(segs, s)
	}
	if slug != "" && len(segs) > 0 && kind != KindSection {
		s, err := slugify(slug)
		if err != nil {
			return nil, diag.Phrasef("slug %q: %v", brief(slug), err)
		}
		segs[len(segs)-1] = s
	}
	return segs, nil
}

// key is the translation key that links the file to its translations: the
// front matter's translationKey, or its path without the language (and
// without the extension; "_section/" before a section's).
func (sp sourcePath) key(translationKey string, kind Kind) string {
	switch {
	case translationKey != "":
		return "tk:" + translationKey
	case kind == KindHome:
		return "_home"
	}
	k := strings.TrimSuffix(sp.rel, sp.base)
	if !sp.isIndex() {
		k += sp.stem
	}
	k = strings.TrimSuffix(k, "/")
	if sp.base == "_index.md" {
		k = "_section/" + k
	}
	return k
}

func kindBySection(section string, depth int, base string) Kind {
	switch section {
	case "modules":
		if depth == 2 || (depth == 3 && base == "index.md") {
			return KindModule
		}
		return KindLesson
	case "webinars":
		return KindWebinar
	case "resources":
		return KindResource
	case "stories":
		return KindStory
	case "paths":
		if depth == 2 || (depth == 3 && base == "index.md") {
			return KindPath
		}
	case "opportunities":
		return KindOpportunity
	case "news":
		return KindNews
	}
	return KindPage
}

// slugify makes a safe path segment: letters and digits of any script, '-',
// '_' and '.'; anything else becomes '-'. Segments that would climb out of
// their folder, or are empty, are refused.
func slugify(s string) (string, error) {
	var b strings.Builder
	dash := false
	for _, r := range strings.TrimSpace(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '.':
			if dash {
				b.WriteByte('-')
				dash = false
			}
			b.WriteRune(r)
		default:
			dash = b.Len() > 0
		}
	}
	out := strings.Trim(b.String(), ".")
	if out == "" || strings.Contains(out, "..") {
		return "", diag.Phrasef("it has no letters or digits to make an address from")
	}
	if len(out) > maxSegment {
		return "", &diag.Phrased{Format: "it makes a part of the address %d bytes long, and file systems allow at most %d: shorten it", Args: []any{len(out), maxSegment}, Err: errTooLong}
	}
	return out, nil
}

// maxSegment is the longest part of an address, in bytes: each part is a
// folder name in the output, and file systems refuse longer names.
const maxSegment = 255

// errTooLong marks a part of an address longer than maxSegment.
var errTooLong = errors.New("a part of the address is too long")

// brief shortens a value for a message.
func brief(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// Slugify exposes the segment rules for other stages (taxonomy terms, aliases).
func Slugify(s string) (string, error) { return slugify(strings.ToLower(s)) }

// cleanAlias turns an alias from front matter into a safe path from the site
// root, or reports why it cannot be used.
func cleanAlias(lang, alias string) (string, error) {
	a := strings.TrimSpace(alias)
	if a == "" {
		return "", diag.Phrasef("empty alias")
	}
	if strings.Contains(a, "://") || strings.HasPrefix(a, "//") {
		return "", diag.Phrasef("alias %q is a web address; aliases are old paths of this site", alias)
	}
	rooted := strings.HasPrefix(a, "/")
	var segs []string
	for _, seg := range strings.Split(strings.Trim(a, "/"), "/") {
		if seg == "" {
			continue
		}
		if seg == ".." || seg == "." {
			return "", diag.Phrasef("alias %q climbs out of the site", alias)
		}
		s, err := slugify(seg)
		if err != nil {
			return "", diag.Phrasef("alias %q: %v", alias, err)
		}
		segs = append(segs, s)
	}
	if len(segs) == 0 {
		return "", diag.Phrasef("alias %q names the site root", alias)
	}
	p := strings.Join(segs, "/")
	if !rooted {
		p = path.Join(lang, p)
	}
	if strings.HasSuffix(p, ".html") {
		return p, nil
	}
	return p + "/", nil
}
