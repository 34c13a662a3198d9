package content

import (
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/oersite/oersite/generator/internal/diag"
)

// cascade is one set of front matter values a section's _index.md passes
// down to the pages below it (Hugo's cascade).
type cascade struct {
	from   *Source
	dir    string // the section folder inside the language tree; "" for the whole language
	values map[string]any
	glob   string // _target.path, when given: which pages, from the language root
	line   int
}

// applyCascades gives every page the values its sections cascade to it,
// for the keys the page does not set itself; the nearest section wins. It
// decodes the metadata of the pages it changes again.
func applyCascades(tree *Tree, diags *diag.List) {
	byLang := map[string][]cascade{}
	for _, src := range tree.Sources {
		if cs := cascadesOf(src, diags); len(cs) > 0 {
			byLang[src.Lang] = append(byLang[src.Lang], cs...)
		}
	}
	if len(byLang) == 0 {
		return
	}
	for _, cs := range byLang {
		// Nearest first: deeper folders before shallower ones.
		sort.SliceStable(cs, func(i, j int) bool { return strings.Count(cs[i].dir, "/") > strings.Count(cs[j].dir, "/") })
	}
	reported := map[string]bool{} // a diagnostic as printed, with its code
	for _, src := range tree.Sources {
		merged, changed := cascadeInto(src, byLang[src.Lang])
		if !changed {
			continue
		}
		var redecoded diag.List
		src.Meta = decodeMeta(src.Path, decoded{values: merged, lines: src.Meta.Lines}, &redecoded)
		src.Cascaded = true
		for _, d := range redecoded {
			if d.Line != 0 {
				continue // the page's own keys, reported when it was read
			}
			if c := cascadeOfKey(src, byLang[src.Lang], d); c != nil {
				d.File, d.Line = c.from.Path, c.line
			}
			if key := d.Code + "\x00" + d.String(); !reported[key] {
				reported[key] = true
				diags.Add(d)
			}
		}
	}
}

// cascadeInto returns src's front matter with the values of the cascades
// that reach it added, and whether any was.
func cascadeInto(src *Source, cs []cascade) (map[string]any, bool) {
	var merged map[string]any
	for _, c := range cs {
		if c.from == src || !c.reaches(src.Rel) {
			continue
		}
		for k, v := range c.values {
			if _, own := src.Meta.Params[k]; own || strings.EqualFold(k, "cascade") {
				continue
			}
			if merged == nil {
				merged = make(map[string]any, len(src.Meta.Params)+len(c.values))
				for pk, pv := range src.Meta.Params {
					merged[pk] = pv
				}
			}
			if _, set := merged[k]; !set {
				merged[k] = v
			}
		}
	}
	return merged, merged != nil
}

// cascadeOfKey finds the cascade a re-decoded diagnostic comes from, by the
// key its message names.
func cascadeOfKey(src *Source, cs []cascade, d diag.Diagnostic) *cascade {
	for i, c := range cs {
		if c.from == src || !c.reaches(src.Rel) {
			continue
		}
		for k := range c.values {
			if strings.Contains(d.Message, k) {
				return &cs[i]
			}
		}
	}
	return nil
}

// reaches reports whether the cascade applies to the page at rel.
func (c cascade) reaches(rel string) bool {
	if c.dir != "" && !strings.HasPrefix(rel, c.dir+"/") {
		return false
	}
	if c.glob == "" {
		return true
	}
	return globMatch(strings.TrimPrefix(c.glob, "/"), strings.TrimSuffix(strings.TrimSuffix(rel, "/_index.md"), ".md"))
}

// cascadesOf reads the cascade key of a section's _index.md (or a page's
// index.md): a table, or a list of tables each with an optional _target.
func cascadesOf(src *Source, diags *diag.List) []cascade {
	var key string
	var v any
	for k, val := range src.Meta.Params {
		if strings.EqualFold(k, "cascade") {
			key, v = k, val
		}
	}
	if key == "" {
		return nil
	}
	line := src.Meta.Lines[key]
	base := path.Base(src.Rel)
	if base != "_index.md" && base != "index.md" {
		diags.Add(diag.Warnf(src.Path, line, "move cascade to the _index.md of the section it is for", "cascade in a page that is not a section's _index.md: ignored"))
		return nil
	}
	dir := path.Dir(src.Rel)
	if dir == "." {
		dir = ""
	}
	var items []any
	switch x := v.(type) {
	case map[string]any:
		items = []any{x}
	case []any:
		items = x
	default:
		diags.Add(diag.Warnf(src.Path, line, "write cascade: {key: value} or a list of such tables", "cascade is not a table of front matter: ignored"))
		return nil
	}
	var out []cascade
	for _, it := range items {
		m, ok := it.(map[string]any)
		if !ok {
			continue
		}
		c := cascade{from: src, dir: dir, values: map[string]any{}, line: line}
		skip := false
		for k, val := range m {
			switch strings.ToLower(k) {
			case "_target", "target":
				c.glob, skip = cascadeTarget(src, line, val, diags)
			default:
				c.values[k] = val
			}
		}
		if !skip && len(c.values) > 0 {
			out = append(out, c)
		}
	}
	return out
}

// cascadeTarget reads a cascade's _target: its path is honoured; a kind,
// language or environment is not, and the entry is skipped with a warning
// rather than applied too widely.
func cascadeTarget(src *Source, line int, v any, diags *diag.List) (glob string, skip bool) {
	t, ok := v.(map[string]any)
	if !ok {
		return "", false
	}
	for k, val := range t {
		s := strings.TrimSpace(scalarString(val))
		switch strings.ToLower(k) {
		case "path":
			glob = s
		case "lang":
			if s != "" && s != src.Lang {
				return "", true
			}
		default:
			if s != "" {
				diags.Add(diag.Warnf(src.Path, line, "use _target: {path: ...} only", "cascade _target %s %q is not supported: that entry is ignored", k, s))
				return "", true
			}
		}
	}
	return glob, false
}

// globMatch matches Hugo's path globs: * and ? within a folder, ** across
// folders, {a,b} for either.
func globMatch(pattern, name string) bool {
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; {
		case c == '*' && i+1 < len(pattern) && pattern[i+1] == '*':
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '{':
			b.WriteString("(?:")
		case c == '}':
			b.WriteString(")")
		case c == ',':
			b.WriteString("|")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	return err == nil && re.MatchString(name)
}
