package site

import (
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/content"
	"github.com/oersite/oersite/generator/internal/spill"
)

// Language is one language of the site, in switcher order.
type Language struct {
	Code      string
	Name      string
	Title     string // the site's title in this language
	Direction string
	Default   bool
}

// Site is the whole model of one build.
type Site struct {
	Config    config.Config
	Languages []Language
	// Markdown is what rendering the pages' Markdown took, within Assemble.
	Markdown MarkdownStats
	// Now is the build's date: it decides which webinars are upcoming.
	Now time.Time
	// horizon records the comparisons made with Now.
	horizon *Horizon
	// Offline is set for builds meant to be opened from disk.
	Offline bool
	// Drafts includes pages marked draft.
	Drafts bool
	// Future and Expired publish pages scheduled for later or past their expiry.
	Future, Expired bool
	// bodies keeps the pages' rendered Markdown and plain text, when set.
	bodies *spill.File
	// labels returns a language's interface string for Markdown's own words.
	labels func(lang, key string) string
	// readFile reads a file from the site root (Options.ReadFile).
	readFile func(name string) ([]byte, error)
	// pictureSize is Options.PictureSize.
	pictureSize func(name string) (width, height int, ok bool)

	// Pages holds every page, in a stable order.
	Pages []*Page
	// Renderings are the pages' renderings kept for a later build
	// (Options.Keep), in the order of Pages.
	Renderings []Rendering
	// Langs holds each language's view of the site.
	Langs map[string]*LangSite
	// Assets are the content files copied as they are.
	Assets []Asset
	// PartnerList, PartnerItems and PartnerEvents are what the partners
	// publish (see partners.go), in display order.
	PartnerList   []*config.Partner
	PartnerItems  []*PartnerItem
	PartnerEvents []*PartnerEvent

	byKey map[string]map[string]*Page // lang -> key -> page
	byRel map[string]map[string]*Page // lang -> content rel path -> page
	// assetURL maps "lang/rel" of a content file to its path from the site root.
	assetURL map[string]string
	// names: the pages and files of each language by file name (see
	// nearestNamed), made when a wikilink first asks.
	names struct {
		once    sync.Once
		byName  map[string]map[string][]string // lang -> lower-case file name -> rel paths
		byAlias map[string]map[string][]string // lang -> lower-case alias + ".md" -> rel paths
	}
	// assetFiles holds each asset by its output path.
	assetFiles map[string]Asset
	// sections caches section pages by "lang/name"; nil until first asked.
	sections map[string]*Page
	// urls holds every page by address.
	urls map[string]*Page
	// indexes are the index.md files that stand for their section.
	indexes map[*content.Source]bool
	// noMeta is the empty front matter every generated page points to.
	noMeta content.Meta
}

// LangSite is the site in one language.
type LangSite struct {
	Language Language
	Home     *Page
	Search   *Page
	NotFound *Page
	Sections map[string]*Page
	// Modules, Resources, Stories: every such page of the language, fallbacks included, in list order.
	Modules   []*Page
	Resources []*Page
	// Paths are the learning paths, in order of weight.
	Paths    []*Page
	Stories  []*Page
	Upcoming []*Page // webinars not yet over at the build date, soonest first
	Past     []*Page // webinars over, latest first
	// Taxonomies by name ("audience", "level", "digcomp", "keywords").
	Taxonomies map[string]*Page
	// Partners is the partners' catalogue, when partners publish items.
	Partners *Page
	// Request is the page with the request form (layout "request"), if any.
	Request *Page
	// Translated counts this language's own (not fallback) pages, for coverage.
	Translated int
	// Menu holds the pages that add themselves to the main menu in their
	// front matter (menu: main), in page order.
	Menu []MenuEntry
}

// Asset is a content file copied as it is.
type Asset struct {
	Src  string // path from the site root: "content/en/modules/x/a.pdf"
	URL  string // "en/modules/x/a.pdf"
	Lang string
	Size int64
}

// TaxonomyNames returns the taxonomies every site has, in display order
// (a new slice each time: callers may keep or change it).
func TaxonomyNames() []string {
	return []string{"audience", "level", "digcomp", "keywords", "categories"}
}

// BasePath is the path part of baseURL, always ending in "/".
func (s *Site) BasePath() string {
	u, err := url.Parse(s.Config.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return strings.TrimRight(u.Path, "/") + "/"
}

// Absolute turns a path from the site root into an absolute URL with baseURL.
func (s *Site) Absolute(p string) string {
	return strings.TrimRight(s.Config.BaseURL, "/") + "/" + strings.TrimPrefix(p, "/")
}

// Lang returns the view of one language.
func (s *Site) Lang(code string) *LangSite { return s.Langs[code] }

// DefaultLanguage returns the default language's code.
func (s *Site) DefaultLanguage() string { return s.Config.DefaultLanguage }

// PageAt returns the page at an address ("en/request/"), or nil.
func (s *Site) PageAt(url string) *Page { return s.urls[url] }

// PathFor returns the first learning path of the language for an
// audience, or nil.
func (l *LangSite) PathFor(audience string) *Page {
	for _, p := range l.Paths {
		if p.HasTerm("audience", audience) || slices.Contains(p.Meta.Audience, audience) {
			return p
		}
	}
	return nil
}

// ModuleBySlug finds a module page in a language by its folder name.
func (s *Site) ModuleBySlug(lang, slug string) *Page {
	for _, rel := range []string{"modules/" + slug + "/index.md", "modules/" + slug + ".md"} {
		if p := s.byRel[lang][rel]; p != nil {
			return p
		}
	}
	if p := s.byKey[lang]["modules/"+slug]; p != nil && p.Kind == KindModule {
		return p
	}
	return nil
}

func (s *Site) lookupKey(lang, key string) *Page { return s.byKey[lang][key] }

// addPage registers a page in the indexes.
func (s *Site) addPage(p *Page) {
	p.site = s
	if p.Meta == nil {
		p.Meta = &s.noMeta
	}
	s.Pages = append(s.Pages, p)
	if s.byKey[p.Lang] == nil {
		s.byKey[p.Lang] = map[string]*Page{}
		s.byRel[p.Lang] = map[string]*Page{}
	}
	if p.Key != "" {
		s.byKey[p.Lang][p.Key] = p
	}
	if p.Source != nil && p.FallbackOf == nil {
		s.byRel[p.Lang][p.Source.Rel] = p
	}
	s.urls[p.URL] = p
}

// sortPages orders pages by weight, then date (newest first), then title, then URL.
func sortPages(ps []*Page) {
	sort.SliceStable(ps, func(i, j int) bool { return pageLess(ps[i], ps[j]) })
}

// pageLess is the order of sortPages.
func pageLess(a, b *Page) bool {
	if a.Weight != b.Weight {
		if a.Weight == 0 || b.Weight == 0 {
			return b.Weight == 0
		}
		return a.Weight < b.Weight
	}
	if !a.Date.Equal(b.Date) {
		return a.Date.After(b.Date)
	}
	if a.Title != b.Title {
		return a.Title < b.Title
	}
	return a.URL < b.URL
}

// sortByPath orders lessons by weight, else by file name.
func sortLessons(ps []*Page) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Weight != b.Weight {
			if a.Weight == 0 || b.Weight == 0 {
				return b.Weight == 0
			}
			return a.Weight < b.Weight
		}
		return srcRel(a) < srcRel(b)
	})
}

func srcRel(p *Page) string {
	if p.FallbackOf != nil {
		return srcRel(p.FallbackOf)
	}
	if p.Source != nil {
		return p.Source.Rel
	}
	return p.URL
}

// MarkdownStats describes the Markdown rendering of one assembly: the
// files rendered (fallbacks share their original's), their bytes of
// Markdown, and the wall time on all cores.
type MarkdownStats struct {
	Files int
	Bytes int64 // of the files rendered
	// Taken is how many files were not rendered: their rendering was
	// taken from an earlier build's (Options.Kept).
	Taken int
	Took  time.Duration
}
