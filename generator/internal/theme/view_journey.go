package theme

import (
	"encoding/json"

	"github.com/oersite/oersite/generator/internal/site"
)

// Group is the pages of one kind in a list, for lists that show each kind
// under its own heading (modules apart from resources).
type Group struct {
	Kind  site.Kind
	Pages []*site.Page
}

// Groups splits a list into its kinds, in the order they first appear
// (term pages list learning paths, then modules, then resources...).
func (v *View) Groups(ps []*site.Page) []Group {
	var out []Group
	at := map[site.Kind]int{}
	for _, p := range ps {
		i, ok := at[p.Kind]
		if !ok {
			i = len(out)
			at[p.Kind] = i
			out = append(out, Group{Kind: p.Kind})
		}
		out[i].Pages = append(out[i].Pages, p)
	}
	return out
}

// PathOf returns the learning path a module or lesson is read in: the
// first path that holds the module, or nil.
func (v *View) PathOf(p *site.Page) *site.Page {
	if p.Module != nil {
		p = p.Module
	}
	if len(p.Paths) > 0 {
		return p.Paths[0]
	}
	return nil
}

// FirstLesson returns where a module or a learning path starts: its first
// lesson (else, for a path, its first module), or nil.
func (v *View) FirstLesson(p *site.Page) *site.Page {
	switch p.Kind {
	case site.KindModule:
		if len(p.Lessons) > 0 {
			return p.Lessons[0]
		}
	case site.KindPath:
		for _, m := range p.Steps {
			if l := v.FirstLesson(m); l != nil {
				return l
			}
		}
		if len(p.Steps) > 0 {
			return p.Steps[0]
		}
	}
	return nil
}

// GroupTitle names a group of pages of one kind: the name of its section
// ("Training modules"), else the kind's name.
func (v *View) GroupTitle(kind site.Kind) string {
	section := map[site.Kind]string{site.KindModule: "modules", site.KindResource: "resources", site.KindWebinar: "webinars",
		site.KindStory: "stories", site.KindPath: "paths"}[kind]
	if section != "" {
		return v.T("section." + section)
	}
	return v.KindLabel(kind)
}

// Door is one audience's way in on the home page: where its learners start.
type Door struct {
	Audience string
	Label    string     // "I run a small business"
	Target   *site.Page // the audience's learning path, else its list of modules
	Path     *site.Page // the learning path, when there is one
}

// Doors returns one door per audience: first the audiences of the
// learning paths, in path order (each led to its path, named by the
// path's button), then the other audiences (led to their list page).
func (v *View) Doors() []Door {
	var out []Door
	seen := map[string]bool{}
	for _, p := range v.L().Paths {
		for _, a := range p.Meta.Audience {
			if !seen[a] {
				seen[a] = true
				out = append(out, Door{Audience: a, Label: v.doorLabel(a, p), Target: p, Path: p})
			}
		}
	}
	if tax := v.L().Taxonomies["audience"]; tax != nil {
		for _, tp := range tax.Pages {
			if tp.Term != nil && !seen[tp.Term.ID] && (tp.Pager == nil || tp.Pager.Number == 1) {
				seen[tp.Term.ID] = true
				out = append(out, Door{Audience: tp.Term.ID, Label: v.doorLabel(tp.Term.ID, nil), Target: tp})
			}
		}
	}
	return out
}

// doorLabel is a door's words: the path's button, else the strings'
// door.<audience>, else the audience's name. A path not yet translated
// (a fallback copy) gives its button only when the strings have no door
// in the page's language: the door speaks the visitor's language.
func (v *View) doorLabel(audience string, path *site.Page) string {
	own := path != nil && path.Meta.Button != "" && path.FallbackOf == nil
	if own {
		return path.Meta.Button
	}
	if s := v.T("door." + audience); s != "door."+audience {
		return s
	}
	if path != nil && path.Meta.Button != "" {
		return path.Meta.Button
	}
	return v.Label("audience", audience)
}

// LessonsIndex returns every lesson of the language's modules as JSON,
// {"translation key": ["link from this page", "title"]}, for the script
// that finds, in this language, the lesson a learner opened last
// (possibly in another language).
func (v *View) LessonsIndex() string {
	index := map[string][2]string{}
	for _, m := range v.L().Modules {
		for _, l := range m.Lessons {
			index[l.Key] = [2]string{v.URL(l), l.Title}
		}
	}
	b, _ := json.Marshal(index)
	return string(b)
}
