package oer

import (
	"html/template"
	"strings"

	"github.com/oersite/oersite/generator/internal/site"
)

// LRMIRole is the base of LRMI's educational audience role vocabulary.
const LRMIRole = "http://purl.org/dcx/lrmi-vocabs/educationalAudienceRole/"

// HCRT is the base of the Higher Education Resource Types vocabulary AMB uses.
const HCRT = "https://w3id.org/kim/hcrt/"

// resourceType maps a kind or resource type to an HCRT concept.
func resourceType(p *site.Page) (id, label string) {
	if p.Kind == site.KindModule {
		return "course", "Course"
	}
	if p.Kind == site.KindLesson {
		return "web_page", "Web Page"
	}
	switch p.Meta.ResourceType {
	case "worksheet", "checklist", "template", "handout":
		return "worksheet", "Worksheet"
	case "slides":
		return "slide", "Presentation"
	case "video":
		return "video", "Video"
	case "audio":
		return "audio", "Audio Recording"
	case "glossary":
		return "index", "Reference Work"
	case "case-study":
		return "case_study", "Case Study"
	}
	return "text", "Text"
}

// LearningResource returns the page's metadata as schema.org LearningResource
// and AMB at once: a JSON-LD object.
func (b *Builder) LearningResource(p *site.Page) any {
	lang := p.ContentLang()
	label := func(key string) obj { return obj{{lang, b.label(lang, key)}} }
	created, modified := published(p)
	desc := trimmed(p.Summary)
	permalink := p.Permalink()
	o := make(obj, 0, 28)
	o = append(o,
		field{"@context", []any{"https://w3id.org/kim/amb/context.jsonld", "https://schema.org", obj{{"@language", lang}}}},
		field{"id", permalink},
		field{"type", []string{"LearningResource"}},
		field{"name", p.Title},
		field{"inLanguage", []string{lang}},
		field{"isAccessibleForFree", true},
		field{"mainEntityOfPage", []obj{{{"id", permalink}}}},
	)
	if desc != "" {
		o = append(o, field{"description", desc})
	}
	if l := b.licence(p); l.URL != "" {
		o = append(o, field{"license", obj{{"id", l.URL}}})
	}
	var creators []obj
	for _, a := range b.authors(p) {
		kind := "Person"
		if a == b.s.Config.OER.Publisher || strings.Contains(strings.ToLower(a), "partnership") {
			kind = "Organization"
		}
		creators = append(creators, obj{{"type", kind}, {"name", a}})
	}
	if creators != nil {
		o = append(o, field{"creator", creators})
	}
	if pub := b.s.Config.OER.Publisher; pub != "" {
		pubObj := obj{{"type", "Organization"}, {"name", pub}}
		if u := b.s.Config.OER.PublisherURL; u != "" {
			pubObj = append(pubObj, field{"id", u})
		}
		o = append(o, field{"publisher", []obj{pubObj}})
	}
	if f := b.s.Config.OER.Funder; f != "" {
		o = append(o, field{"funder", []obj{{{"type", "Organization"}, {"name", f}}}})
	}
	if !created.IsZero() {
		o = append(o, field{"dateCreated", day(created)}, field{"datePublished", day(created)})
	}
	if !modified.IsZero() {
		o = append(o, field{"dateModified", day(modified)})
	}
	id, lbl := resourceType(p)
	o = append(o, field{"learningResourceType", []obj{{{"id", HCRT + id}, {"prefLabel", obj{{"en", lbl}}}}}})
	meta := p.Meta
	if p.Kind == site.KindLesson && p.Module != nil {
		meta.Audience, meta.Level, meta.DigComp = p.Module.Meta.Audience, p.Module.Meta.Level, p.Module.Meta.DigComp
	}
	var aud []obj
	for _, a := range meta.Audience {
		if role, ok := b.s.Config.Vocabulary.Audiences[a]; ok && role != "" {
			aud = append(aud, obj{{"id", LRMIRole + role}, {"prefLabel", label("audience." + a)}})
		}
	}
	if aud != nil {
		o = append(o, field{"audience", aud})
	}
	if meta.Level != "" {
		o = append(o, field{"educationalLevel", []obj{{{"id", b.s.Absolute(p.Lang + "/level/" + meta.Level + "/")}, {"prefLabel", label("level." + meta.Level)}}}})
	}
	var teaches []obj
	for _, c := range meta.DigComp {
		teaches = append(teaches, obj{{"id", b.s.Absolute(p.Lang + "/digcomp/" + c + "/")}, {"prefLabel", label("digcomp." + c)}})
	}
	if teaches != nil {
		o = append(o, field{"teaches", teaches})
	}
	if kw := keywords(p); len(kw) > 0 {
		o = append(o, field{"keywords", kw})
	}
	if d := isoDuration(p.Meta.Duration); d != "" {
		o = append(o, field{"duration", d}, field{"timeRequired", d})
	}
	if p.Kind == site.KindLesson && p.Module != nil {
		o = append(o, field{"isPartOf", []obj{{{"id", p.Module.Permalink()}, {"name", p.Module.Title}}}})
	}
	if len(p.Lessons) > 0 {
		var parts []obj
		for _, l := range p.Lessons {
			parts = append(parts, obj{{"id", l.Permalink()}, {"name", l.Title}})
		}
		o = append(o, field{"hasPart", parts})
	}
	var encodings []obj
	for _, a := range p.Attachments {
		encodings = append(encodings, obj{{"type", "MediaObject"}, {"contentUrl", b.s.Absolute(a.URL)}, {"name", a.Title}})
	}
	if encodings != nil {
		o = append(o, field{"encoding", encodings})
	}
	if src := p.Meta.Source; src != nil {
		based := obj{{"type", "CreativeWork"}}
		if src.URL != "" {
			based = append(based, field{"id", src.URL})
		}
		if src.Title != "" {
			based = append(based, field{"name", src.Title})
		}
		if src.Author != "" {
			based = append(based, field{"creator", []obj{{{"type", "Organization"}, {"name", src.Author}}}})
		}
		if l := site.LicenceInfo(src.Licence); l.URL != "" {
			based = append(based, field{"license", obj{{"id", l.URL}}})
		}
		o = append(o, field{"isBasedOn", []obj{based}})
	}
	def := b.s.DefaultLanguage()
	var translations []obj
	for _, t := range p.Translations {
		ref := obj{{"id", t.Permalink()}, {"inLanguage", t.Lang}}
		switch {
		case p.Lang == def:
			translations = append(translations, ref)
		case t.Lang == def:
			o = append(o, field{"translationOfWork", []obj{ref}}) // one page per language: at most once
		}
	}
	if translations != nil {
		o = append(o, field{"workTranslation", translations})
	}
	return o
}

// Event returns a webinar as a schema.org Event.
func (b *Builder) Event(p *site.Page) map[string]any {
	m := p.Meta
	o := map[string]any{
		"@context":            "https://schema.org",
		"@type":               "Event",
		"@id":                 p.Permalink(),
		"url":                 p.Permalink(),
		"name":                p.Title,
		"eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
		"eventStatus":         "https://schema.org/EventScheduled",
		"isAccessibleForFree": true,
	}
	if d := trimmed(p.Summary); d != "" {
		o["description"] = d
	}
	if !m.Start.IsZero() {
		o["startDate"] = m.Start.Format("2006-01-02T15:04:05-07:00")
		if m.Duration > 0 {
			o["endDate"] = m.Start.Add(m.Duration).Format("2006-01-02T15:04:05-07:00")
		}
	}
	loc := map[string]string{"@type": "VirtualLocation"}
	switch {
	case m.Join != "":
		loc["url"] = m.Join
	case m.Recording != "":
		loc["url"] = m.Recording
	default:
		loc["url"] = p.Permalink()
	}
	o["location"] = loc
	if m.Language != "" {
		o["inLanguage"] = m.Language
	}
	if m.Presenter != "" {
		o["performer"] = map[string]string{"@type": "Person", "name": m.Presenter}
	}
	if pub := b.s.Config.OER.Publisher; pub != "" {
		org := map[string]string{"@type": "Organization", "name": pub}
		if u := b.s.Config.OER.PublisherURL; u != "" {
			org["url"] = u
		}
		o["organizer"] = org
	}
	if m.Recording != "" {
		o["recordedIn"] = map[string]string{"@type": "VideoObject", "url": m.Recording, "name": p.Title}
	}
	return o
}

// WebSite returns the site as a schema.org WebSite published by an Organization.
func (b *Builder) WebSite(p *site.Page) map[string]any {
	cfg := b.s.Config
	org := map[string]any{"@type": "Organization", "name": cfg.OER.Publisher}
	if cfg.OER.Publisher == "" {
		org["name"] = cfg.Title
	}
	if cfg.OER.PublisherURL != "" {
		org["url"] = cfg.OER.PublisherURL
	}
	if cfg.Contact != "" {
		org["email"] = cfg.Contact
	}
	site := map[string]any{
		"@type": "WebSite", "name": b.s.Langs[p.Lang].Language.Title, "url": p.Permalink(), "inLanguage": p.Lang, "publisher": org,
	}
	if ls := b.s.Langs[p.Lang]; ls != nil && ls.Search != nil {
		site["potentialAction"] = map[string]any{"@type": "SearchAction", "target": ls.Search.Permalink() + "?q={query}", "query-input": "required name=query"}
	}
	return map[string]any{"@context": "https://schema.org", "@graph": []any{org, site}}
}

// JSONLD returns the page's JSON-LD object, or nil for pages without one.
func (b *Builder) JSONLD(p *site.Page) any {
	if p.FallbackOf != nil {
		return nil
	}
	switch p.Kind {
	case site.KindModule, site.KindLesson, site.KindResource:
		return b.LearningResource(p)
	case site.KindWebinar:
		return b.Event(p)
	case site.KindHome:
		return b.WebSite(p)
	}
	return nil
}

// Head returns the markup for a page's head: JSON-LD and Dublin Core. A
// build for opening from disk has none: it names the hosted site's addresses.
func (b *Builder) Head(p *site.Page) template.HTML {
	if b.s.Offline {
		return ""
	}
	out := make([]byte, 0, 4096)
	if o := b.JSONLD(p); o != nil {
		out = append(out, `<script type="application/ld+json">`...)
		out = appendJSON(out, o)
		out = append(out, "</script>\n"...)
	}
	out = append(out, b.dublinCore(p)...)
	return template.HTML(out)
}
