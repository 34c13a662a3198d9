package site

import (
	"cmp"
	"slices"
)

// kindOrder is the order of kinds in a list a learner reads by topic: where
// to start (a learning path), what to learn (modules), what to use
// (resources), then events and stories.
var kindOrder = map[Kind]int{KindPath: 1, KindModule: 2, KindResource: 3, KindWebinar: 4, KindStory: 5}

// orderTerms orders every term's list (an audience's, a level's...) as a
// learner reads it: learning paths first, then modules in the order of the
// paths that hold them (for an audience, its own path first), then by
// level, then resources and the rest, each as before.
func (s *Site) orderTerms() {
	for _, p := range s.Pages {
		if p.Kind != KindTerm || p.Term == nil {
			continue
		}
		slices.SortStableFunc(p.Term.Pages, s.termOrder(p))
		p.Pages = p.Term.Pages
	}
}

// termOrder is the order of a term page's list (see orderTerms); pages
// that rank alike keep the order of every list (pageLess).
func (s *Site) termOrder(termPage *Page) func(a, b *Page) int {
	t, paths := termPage.Term, s.Langs[termPage.Lang].Paths
	return func(a, b *Page) int {
		c := cmp.Or(
			cmp.Compare(rankOf(kindOrder, a.Kind), rankOf(kindOrder, b.Kind)),
			comparePlace(pathPlace(a, t, paths), pathPlace(b, t, paths)),
			cmp.Compare(s.levelRank(a), s.levelRank(b)),
		)
		switch {
		case c != 0:
			return c
		case pageLess(a, b):
			return -1
		case pageLess(b, a):
			return 1
		}
		return 0
	}
}

// place is where a module stands among the learning paths: the path's
// position, then the module's step in it; modules in no path come last.
type place struct{ path, step int }

func comparePlace(a, b place) int {
	return cmp.Or(cmp.Compare(a.path, b.path), cmp.Compare(a.step, b.step))
}

// pathPlace finds a module's place: in the first path for the term (when
// the term is an audience), else in the first path that holds it.
func pathPlace(m *Page, t *Term, paths []*Page) place {
	if m.Kind != KindModule || len(m.Paths) == 0 {
		return place{len(paths) + 1, 0}
	}
	best := place{len(paths) + 1, 0}
	for i, path := range paths {
		step := slices.Index(path.Steps, m)
		if step < 0 {
			continue
		}
		pl := place{i, step}
		if t.Taxonomy == "audience" && slices.Contains(path.Meta.Audience, t.ID) {
			return place{-1, step} // the audience's own path
		}
		if comparePlace(pl, best) < 0 {
			best = pl
		}
	}
	return best
}

// levelRank is a page's level's position in the vocabulary; pages without
// a level come after those with one.
func (s *Site) levelRank(p *Page) int {
	if i := slices.Index(s.Config.Vocabulary.Levels, p.Meta.Level); i >= 0 {
		return i
	}
	return len(s.Config.Vocabulary.Levels)
}

func rankOf(ranks map[Kind]int, k Kind) int {
	if r, ok := ranks[k]; ok {
		return r
	}
	return len(ranks) + 1
}
