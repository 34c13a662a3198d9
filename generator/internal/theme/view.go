package theme

import (
	"fmt"
	"html/template"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/i18n"
	"github.com/oersite/oersite/generator/internal/site"
)

// Shared is what every View of one build shares.
type Shared struct {
	Site *site.Site
	I18n *i18n.Catalog
	// Assets maps a theme asset name ("css/site.css") to its fingerprinted path from the site root.
	Assets map[string]string
	// Head, when set, returns extra markup for a page's head (JSON-LD, Dublin Core).
	Head func(p *site.Page) template.HTML
	// Extra holds values other stages give templates (forms, offline zip name...), by name.
	Extra map[string]any

	cache   partialCache
	configs sync.Map // language code -> *config.Config as that language shows it
}

// View is what a template receives for one page: the page, its language's
// site, and helpers bound to both (translations, relative links).
type View struct {
	Page *site.Page
	*Shared
	set *template.Template // the layout's templates, while the page renders

	switcher []LangLink // computed once: the head and the header both show it
}

// NewView returns the view of one page.
func NewView(sh *Shared, p *site.Page) *View { return &View{Page: p, Shared: sh} }

// Lang is the page's language code.
func (v *View) Lang() string { return v.Page.Lang }

// L is the page's language view of the site.
func (v *View) L() *site.LangSite { return v.Site.Langs[v.Page.Lang] }

// Config is the site's configuration as the page's language shows it: the
// language's own texts ([languages.<code>.oer] publisher = "...") in place
// of the site-wide ones, and texts written as "i18n:key" translated.
// Templates read shown settings here, not from .Site.Config.
func (v *View) Config() *config.Config {
	lang := v.Page.Lang
	if c, ok := v.configs.Load(lang); ok {
		return c.(*config.Config)
	}
	c := v.Site.Config.Localized(lang, func(s string) string { return v.I18n.Text(lang, s) })
	actual, _ := v.configs.LoadOrStore(lang, &c)
	return actual.(*config.Config)
}

// T translates a UI string key.
func (v *View) T(key string) string { return v.I18n.T(v.Page.Lang, key) }

// TN translates a key with plural forms for n.
func (v *View) TN(key string, n int) string { return v.I18n.TN(v.Page.Lang, key, n) }

// Tf translates a key and fills {name} placeholders from name, value pairs.
func (v *View) Tf(key string, pairs ...any) string { return v.I18n.Format(v.Page.Lang, key, pairs...) }

// Parts returns a string of the page's language cut at its {name}
// placeholders, for a sentence whose slots the template fills with markup.
func (v *View) Parts(key string) []i18n.Part { return v.I18n.Parts(v.Page.Lang, key) }

// Rel links from this page to a path from the site root.
func (v *View) Rel(target string) string { return v.Page.Rel(target) }

// RelLang links from this page to a path inside its language ("modules/").
func (v *View) RelLang(target string) string {
	return v.Page.Rel(v.Page.Lang + "/" + strings.TrimPrefix(target, "/"))
}

// URL links from this page to another page.
func (v *View) URL(p *site.Page) string {
	if p == nil {
		return ""
	}
	return v.Page.Rel(p.URL)
}

// Asset links to a theme asset by its name, fingerprinted.
func (v *View) Asset(name string) string {
	if fp, ok := v.Assets[name]; ok {
		return v.Page.Rel(fp)
	}
	return v.Page.Rel(name)
}

// Extras returns a value another stage provided.
func (v *View) Extras(name string) any { return v.Extra[name] }

// HeadExtra returns the stage-provided markup for the page's head.
func (v *View) HeadExtra() template.HTML {
	if v.Head == nil {
		return ""
	}
	return v.Head(v.Page)
}

// LangLink is one entry of the language switcher.
type LangLink struct {
	Code, Name string
	URL        string // relative link
	Current    bool
	Translated bool // a real translation (not a fallback) exists
	Exists     bool // a page exists at all (translation or fallback)
	// Note says, in the language of the entry, why it leads elsewhere than a
	// translation: "not yet translated" (the original, with a note) or
	// "home page" (no such page in that language).
	Note string
}

// Switcher returns the language switcher entries for this page.
func (v *View) Switcher() []LangLink {
	if v.switcher != nil {
		return v.switcher
	}
	out := make([]LangLink, 0, len(v.Site.Languages))
	for _, l := range v.Site.Languages {
		ll := LangLink{Code: l.Code, Name: l.Name, Current: l.Code == v.Page.Lang}
		t := v.Page.Translation(l.Code)
		switch {
		case ll.Current:
			ll.URL, ll.Exists, ll.Translated = v.URL(v.Page), true, !v.Page.IsFallback()
		case t != nil:
			ll.URL, ll.Exists, ll.Translated = v.URL(t), true, !t.IsFallback()
		default:
			ll.URL = v.URL(v.Site.Langs[l.Code].Home)
		}
		switch {
		case !ll.Exists:
			ll.Note = v.I18n.T(l.Code, "lang.homeonly")
		case !ll.Translated:
			ll.Note = v.I18n.T(l.Code, "fallback.short")
		}
		out = append(out, ll)
	}
	v.switcher = out
	return out
}

// Date formats a date in the page's language, using month names from the strings files.
func (v *View) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return v.Tf("date.format", "day", t.Day(), "month", v.T("month."+strconv.Itoa(int(t.Month()))), "year", t.Year())
}

// DateTime formats a time with its zone's UTC offset, as the event states it.
func (v *View) DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return v.Date(t) + ", " + t.Format("15:04") + " " + zoneLabel(t)
}

func zoneLabel(t time.Time) string {
	name, off := t.Zone()
	if name != "" && !strings.HasPrefix(name, "+") && !strings.HasPrefix(name, "-") && name != "UTC" {
		return name + " (UTC" + offset(off) + ")"
	}
	return "UTC" + offset(off)
}

func offset(sec int) string {
	if sec == 0 {
		return ""
	}
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	h, m := sec/3600, sec%3600/60
	if m == 0 {
		return fmt.Sprintf("%s%d", sign, h)
	}
	return fmt.Sprintf("%s%d:%02d", sign, h, m)
}

// ISO formats a time as RFC 3339, for datetime attributes.
func (v *View) ISO(t time.Time) string { return t.Format(time.RFC3339) }

// Day formats a date as YYYY-MM-DD.
func (v *View) Day(t time.Time) string { return t.Format("2006-01-02") }

// Duration writes a duration in words of the page's language: "1 h 30 min".
func (v *View) Duration(d time.Duration) string {
	if d <= 0 {
		return ""
	}
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	var parts []string
	if h > 0 {
		parts = append(parts, v.TN("duration.hours", h))
	}
	if m > 0 {
		parts = append(parts, v.TN("duration.minutes", m))
	}
	return strings.Join(parts, " ")
}

// Licence describes a licence id (the site's default when empty); a page's
// own licence is .Page.Licence.
func (v *View) Licence(id string) site.Licence { return v.Site.Licence(id) }

// LicenceName is a licence's name in the page's language, as Creative
// Commons translates its deeds ("licence.name.<SPDX id>" in the strings
// files), else its English name. An older version of a Creative Commons
// licence (CC BY-SA 3.0) without a name of its own is its 4.0 name with
// the version and its port ("licence.version.<v>": "3.0 Unported") in
// place of "4.0 International".
func (v *View) LicenceName(l site.Licence) string {
	if s, ok := v.translated("licence.name." + l.ID); ok {
		return s
	}
	if s, ok := v.olderCCName(l.ID); ok {
		return s
	}
	return l.Name
}

// olderCCName is the name of an older Creative Commons version (see
// LicenceName); false when the id is none or a string is missing.
func (v *View) olderCCName(id string) (string, bool) {
	at := strings.LastIndexByte(id, '-')
	if !strings.HasPrefix(id, "CC-") || at < 0 || id[at+1:] == "4.0" {
		return "", false
	}
	name, ok := v.translated("licence.name." + id[:at] + "-4.0")
	current, ok4 := v.translated("licence.version.4.0")
	older, okv := v.translated("licence.version." + id[at+1:])
	if !ok || !ok4 || !okv || !strings.Contains(name, current) {
		return "", false
	}
	return strings.Replace(name, current, older, 1), true
}

// translated is a string of the page's language; false when no strings
// file has it.
func (v *View) translated(key string) (string, bool) {
	s := v.T(key)
	return s, s != key
}

// Label returns the display name of a taxonomy term or vocabulary value:
// audience, level and digcomp values come from the strings files, keywords as written.
func (v *View) Label(taxonomy, id string) string {
	if taxonomy == "keywords" {
		return id
	}
	key := taxonomy + "." + id
	if s := v.T(key); s != key {
		return s
	}
	return id
}

// TaxonomyTitle returns a taxonomy's display name.
func (v *View) TaxonomyTitle(taxonomy string) string { return v.T("taxonomy." + taxonomy) }

// KindLabel returns the display name of a kind of page.
func (v *View) KindLabel(kind site.Kind) string { return v.T("kind." + string(kind)) }

// Title returns a page's title, translating generated pages' names.
func (v *View) Title(p *site.Page) string {
	switch p.Kind {
	case site.KindTaxonomy:
		return v.TaxonomyTitle(p.Taxonomy)
	case site.KindTerm:
		return v.Label(p.Taxonomy, p.Term.ID)
	case site.KindSearch:
		return v.T("search.title")
	case site.KindPartners, site.KindFilter:
		return v.listTitle(p)
	case site.KindNotFound:
		return v.T("notfound.title")
	case site.KindSection:
		// a generated section, or one shown from the original because the
		// language has no introduction of its own: the section's name in the
		// page's language, when the strings give one
		if key := "section." + p.Section; p.Source == nil || (p.FallbackOf != nil && v.I18n.Has(p.Lang, key)) {
			return v.T(key)
		}
	case site.KindPrint:
		return v.Tf("print.title", "title", p.Of.Title)
	case site.KindCertificate:
		return v.Tf("certificate.pagetitle", "title", p.Of.Title)
	case site.KindHome:
		if p.Title == "" {
			return v.Site.Langs[p.Lang].Language.Title
		}
	}
	return p.Title
}

// Menu returns the main navigation: the configured menu in the page's
// language, with the pages that add themselves to it.
func (v *View) Menu() []MenuItem {
	menu := v.Config().Menus["main"]
	if pages := v.L().Menu; len(pages) > 0 {
		// Pages that add themselves (menu: main) join the configured
		// entries, in order of weight.
		menu = append([]config.Menu(nil), menu...)
		for _, e := range pages {
			menu = append(menu, config.Menu{Name: e.Name, URL: strings.TrimPrefix(e.Page.URL, e.Page.Lang+"/"), Weight: e.Weight})
		}
		sort.SliceStable(menu, func(i, j int) bool { return menu[i].Weight < menu[j].Weight })
	}
	return v.menuItems(menu)
}

// FooterLinks returns the footer's links from the configuration, in the page's language.
func (v *View) FooterLinks() []MenuItem { return v.menuItems(v.Config().Footer.Links) }

func (v *View) menuItems(menu []config.Menu) []MenuItem {
	var items []MenuItem
	cur := v.Page
	for _, m := range menu {
		name := m.Name // already in the page's language: see Config
		href := m.URL
		target := ""
		if !strings.Contains(href, "://") {
			target = v.Page.Lang + "/" + strings.TrimPrefix(href, "/")
			href = v.Page.Rel(target)
		}
		active := target != "" && strings.HasPrefix(cur.URL, target) && target != v.Page.Lang+"/"
		items = append(items, MenuItem{Name: name, URL: href, Active: active, Current: target == cur.URL})
	}
	return items
}

// MenuItem is one navigation entry.
type MenuItem struct {
	Name, URL string
	Active    bool // the current page is inside it
	Current   bool // it is the current page
}

// Upcoming returns at most n upcoming webinars of the page's language.
func (v *View) Upcoming(n int) []*site.Page { return firstN(v.L().Upcoming, n) }

// Latest returns the n most recent pages of a list by date.
func (v *View) Latest(ps []*site.Page, n int) []*site.Page {
	out := append([]*site.Page(nil), ps...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Date.After(out[j-1].Date); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return firstN(out, n)
}

// Filter returns the pages of ps that have id in taxonomy.
func (v *View) Filter(ps []*site.Page, taxonomy, id string) []*site.Page {
	var out []*site.Page
	for _, p := range ps {
		if p.HasTerm(taxonomy, id) {
			out = append(out, p)
		}
	}
	return out
}

func firstN(ps []*site.Page, n int) []*site.Page {
	if len(ps) > n {
		return ps[:n]
	}
	return ps
}

// LessonIndex returns the 1-based position of a lesson in its module.
func (v *View) LessonIndex(p *site.Page) int {
	if p.Module == nil {
		return 0
	}
	for i, l := range p.Module.Lessons {
		if l == p {
			return i + 1
		}
	}
	return 0
}
