package oer

import (
	"html/template"
	"strings"

	"github.com/oersite/oersite/generator/site"
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
func (b *Builder) LearningResource(p *site.Page) map[string]any {
	lang := p.ContentLang()
	label := func(key string) map[string]string { return map[string]string{lang: b.label(lang, key)} }
	created, modified := published(p)
	desc := trimmed(p.Summary)
	o := map[string]any{
		"@context":            []any{"https://w3id.org/kim/amb/context.jsonld", "https://schema.org", map[string]string{"@language": lang}},
		"id":                  p.Permalink(),
		"type":                []string{"LearningResource"},
		"name":                p.Title,
		"inLanguage":          []string{lang},
		"isAccessibleForFree": true,
		"mainEntityOfPage":    []map[string]string{{"id": p.Permalink()}},
	}
	if desc != "" {
		o["description"] = desc
	}
	if l := b.licence(p); l.URL != "" {
		o["license"] = map[string]string{"id": l.URL}
	}
	var creators []map[string]string
	for _, a := range b.authors(p) {
		kind := "Person"
		if a == b.s.Config.OER.Publisher || strings.Contains(strings.ToLower(a), "partnership") {
			kind = "Organization"
		}
		creators = append(creators, map[string]string{"type": kind, "name": a})
	}
	if creators != nil {
		o["creator"] = creators
	}
	if pub := b.s.Config.OER.Publisher; pub != "" {
		pubObj := map[string]string{"type": "Organization", "name": pub}
		if u := b.s.Config.OER.PublisherURL; u != "" {
			pubObj["id"] = u
		}
		o["publisher"] = []map[string]string{pubObj}
	}
	if f := b.s.Config.OER.Funder; f != "" {
		o["funder"] = []map[string]string{{"type": "Organization", "name": f}}
	}
	if !created.IsZero() {
		o["dateCreated"] = day(created)
		o["datePublished"] = day(created)
	}
	if !modified.IsZero() {
		o["dateModified"] = day(modified)
	}
	id, lbl := resourceType(p)
	o["learningResourceType"] = []map[string]any{{"id": HCRT + id, "prefLabel": map[string]string{"en": lbl}}}
	meta := p.Meta
	if p.Kind == site.KindLesson && p.Module != nil {
		meta.Audience, meta.Level, meta.DigComp = p.Module.Meta.Audience, p.Module.Meta.Level, p.Module.Meta.DigComp
	}
	var aud []map[string]any
	for _, a := range meta.Audience {
		if role, ok := b.s.Config.Vocabulary.Audiences[a]; ok && role != "" {
			aud = append(aud, map[string]any{"id": LRMIRole + role, "prefLabel": label("audience." + a)})
		}
	}
	if aud != nil {
		o["audience"] = aud
	}
	if meta.Level != "" {
		o["educationalLevel"] = []map[string]any{{"id": b.s.Absolute(p.Lang + "/level/" + meta.Level + "/"), "prefLabel": label("level." + meta.Level)}}
	}
	var teaches []map[string]any
	for _, c := range meta.DigComp {
		teaches = append(teaches, map[string]any{"id": b.s.Absolute(p.Lang + "/digcomp/" + c + "/"), "prefLabel": label("digcomp." + c)})
	}
	if teaches != nil {
		o["teaches"] = teaches
	}
	if kw := keywords(p); len(kw) > 0 {
		o["keywords"] = kw
	}
	if d := isoDuration(p.Meta.Duration); d != "" {
		o["duration"] = d
		o["timeRequired"] = d
	}
	if p.Kind == site.KindLesson && p.Module != nil {
		o["isPartOf"] = []map[string]string{{"id": p.Module.Permalink(), "name": p.Module.Title}}
	}
	if len(p.Lessons) > 0 {
		var parts []map[string]string
		for _, l := range p.Lessons {
			parts = append(parts, map[string]string{"id": l.Permalink(), "name": l.Title})
		}
		o["hasPart"] = parts
	}
	for _, a := range p.Attachments {
		o["encoding"] = append(asList(o["encoding"]), map[string]any{"type": "MediaObject", "contentUrl": b.s.Absolute(a.URL), "name": a.Title})
	}
	if src := p.Meta.Source; src != nil {
		based := map[string]any{"type": "CreativeWork"}
		if src.URL != "" {
			based["id"] = src.URL
		}
		if src.Title != "" {
			based["name"] = src.Title
		}
		if src.Author != "" {
			based["creator"] = []map[string]string{{"type": "Organization", "name": src.Author}}
		}
		if l := site.LicenceInfo(src.Licence); l.URL != "" {
			based["license"] = map[string]string{"id": l.URL}
		}
		o["isBasedOn"] = []map[string]any{based}
	}
	def := b.s.DefaultLanguage()
	for _, t := range p.Translations {
		ref := map[string]any{"id": t.Permalink(), "inLanguage": t.Lang}
		switch {
		case p.Lang == def:
			o["workTranslation"] = append(asList(o["workTranslation"]), ref)
		case t.Lang == def:
			o["translationOfWork"] = []map[string]any{ref}
		}
	}
	return o
}

func asList(v any) []map[string]any {
	if l, ok := v.([]map[string]any); ok {
		return l
	}
	return nil
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
func (b *Builder) JSONLD(p *site.Page) map[string]any {
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

// scriptJSON marshals for a <script> element: no HTML-significant characters.
func scriptJSON(v any) string { return string(appendJSON(nil, v)) }

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
