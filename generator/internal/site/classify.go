package site

import (
	"fmt"
	"path"
	"strings"
	"unicode"

	"github.com/oersite/oersite/generator/internal/content"
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
	rel := src.Rel
	parts := strings.Split(rel, "/")
	base := parts[len(parts)-1]
	dirs := parts[:len(parts)-1]
	if indexes[src] {
		base = "_index.md" // MkDocs, Docusaurus and Jekyll: index.md is the section's page
	}
	stem := strings.TrimSuffix(strings.TrimSuffix(base, ".md"), ".markdown")
	var pl placement
	if len(parts) > 1 {
		pl.section = parts[0]
	}
	switch {
	case base == "_index.md" && len(dirs) == 0:
		pl.kind = KindHome
	case base == "_index.md":
		pl.kind = KindSection
	default:
		pl.kind = kindBySection(pl.section, len(parts), base)
	}
	if t := src.Meta.Type; t != "" && pl.kind != KindHome && pl.kind != KindSection {
		pl.kind = Kind(t)
	}
	if pl.kind == KindLesson {
		if pl.section != "modules" || len(parts) < 3 {
			return pl, fmt.Errorf("a lesson must be inside a module folder: modules/<module>/%s", base)
		}
		pl.moduleRel = "modules/" + parts[1] + "/index.md"
	}
	// URL segments: folders, then the file's own name unless it is an index.
	segs := make([]string, 0, len(parts))
	for _, d := range dirs {
		s, err := slugify(d)
		if err != nil {
			return pl, fmt.Errorf("folder name %q cannot be part of an address: %v", brief(d), err)
		}
		segs = append(segs, s)
	}
	if base != "index.md" && base != "_index.md" {
		s, err := slugify(stem)
		if err != nil {
			return pl, fmt.Errorf("file name %q cannot be part of an address: %v", brief(base), err)
		}
		segs = append(segs, s)
	}
	if slug := src.Meta.Slug; slug != "" && len(segs) > 0 && pl.kind != KindSection {
		s, err := slugify(slug)
		if err != nil {
			return pl, fmt.Errorf("slug %q: %v", brief(slug), err)
		}
		segs[len(segs)-1] = s
	}
	pl.url = src.Lang + "/"
	if len(segs) > 0 {
		pl.url += strings.Join(segs, "/") + "/"
	}
	switch {
	case src.Meta.TranslationKey != "":
		pl.key = "tk:" + src.Meta.TranslationKey
	case pl.kind == KindHome:
		pl.key = "_home"
	default:
		k := strings.TrimSuffix(rel, base)
		if base != "index.md" && base != "_index.md" {
			k += stem
		}
		pl.key = strings.TrimSuffix(k, "/")
		if base == "_index.md" {
			pl.key = "_section/" + pl.key
		}
	}
	return pl, nil
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
		return "", fmt.Errorf("it has no letters or digits to make an address from")
	}
	if len(out) > maxSegment {
		return "", errTooLong(len(out))
	}
	return out, nil
}

// maxSegment is the longest part of an address, in bytes: each part is a
// folder name in the output, and file systems refuse longer names.
const maxSegment = 255

// errTooLong is a part of an address longer than maxSegment.
type errTooLong int

func (e errTooLong) Error() string {
	return fmt.Sprintf("it makes a part of the address %d bytes long, and file systems allow at most %d: shorten it", int(e), maxSegment)
}

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
		return "", fmt.Errorf("empty alias")
	}
	if strings.Contains(a, "://") || strings.HasPrefix(a, "//") {
		return "", fmt.Errorf("alias %q is a web address; aliases are old paths of this site", alias)
	}
	rooted := strings.HasPrefix(a, "/")
	var segs []string
	for _, seg := range strings.Split(strings.Trim(a, "/"), "/") {
		if seg == "" {
			continue
		}
		if seg == ".." || seg == "." {
			return "", fmt.Errorf("alias %q climbs out of the site", alias)
		}
		s, err := slugify(seg)
		if err != nil {
			return "", fmt.Errorf("alias %q: %v", alias, err)
		}
		segs = append(segs, s)
	}
	if len(segs) == 0 {
		return "", fmt.Errorf("alias %q names the site root", alias)
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
