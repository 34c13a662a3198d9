package oer

import (
	"html/template"

	"github.com/oersite/oersite/generator/internal/content"
	"github.com/oersite/oersite/generator/internal/site"
)

// exportNames name the packages for learning platforms in metadata.
var exportNames = map[string]string{
	site.ExportCartridge: "IMS Common Cartridge 1.1",
	site.ExportSCORM:     "SCORM 1.2",
}

// AMBContext is the JSON-LD context of the AMB profile.
const AMBContext = "https://w3id.org/kim/amb/context.jsonld"

// LearningResource returns a module, lesson or resource as schema.org
// LearningResource and AMB at once (a module is a Course too): a JSON-LD
// object. Its parts are built by the methods below, one concern each.
func (b *Builder) LearningResource(p *site.Page) any {
	o := make(obj, 0, 32)
	o = b.identity(o, p)
	o = b.people(o, p)
	o = b.dates(o, p)
	o = b.vocabularies(o, p)
	o = b.structure(o, p)
	o = b.files(o, p)
	o = b.basedOn(o, p)
	o = b.translations(o, p)
	return o
}

// identity: context, id, type, name, description, language, licence, access, image.
func (b *Builder) identity(o obj, p *site.Page) obj {
	lang := p.ContentLang()
	permalink := p.Permalink()
	types := []string{"LearningResource"}
	if p.Kind == site.KindModule {
		types = append(types, "Course")
	}
	o = append(o,
		field{"@context", []any{AMBContext, "https://schema.org", obj{{"@language", lang}}}},
		field{"id", permalink},
		field{"type", types},
		field{"name", p.Title},
		field{"inLanguage", []string{lang}},
		field{"isAccessibleForFree", true},
		field{"mainEntityOfPage", []obj{{{"id", permalink}}}},
	)
	if desc := trimmed(p.Summary); desc != "" {
		o = append(o, field{"description", desc})
	}
	if l := p.Licence(); l.URL != "" {
		o = append(o, field{"license", obj{{"id", l.URL}}})
	}
	if img := b.absolute(p.Image()); img != "" {
		o = append(o, field{"image", img})
	}
	return o
}

// people: creators (typed from front matter), publisher, provider of a course, funder.
func (b *Builder) people(o obj, p *site.Page) obj {
	var creators []obj
	for _, a := range p.Authors() {
		c := obj{{"type", a.Type}, {"name", a.Name}}
		if a.ID != "" {
			c = append(c, field{"id", a.ID})
		}
		creators = append(creators, c)
	}
	if creators != nil {
		o = append(o, field{"creator", creators})
	}
	oer := b.s.Config.OER
	if oer.Publisher != "" {
		o = append(o, field{"publisher", []obj{b.organization(oer.Publisher, oer.PublisherURL)}})
		if p.Kind == site.KindModule {
			// Search engines' course lists require the provider.
			prov := b.organization(oer.Publisher, oer.PublisherURL)
			if oer.PublisherURL != "" {
				prov = append(prov, field{"url", oer.PublisherURL})
			}
			o = append(o, field{"provider", prov})
		}
	}
	if oer.Funder != "" {
		o = append(o, field{"funder", []obj{b.organization(oer.Funder, oer.FunderURL)}})
	}
	return o
}

func (b *Builder) organization(name, id string) obj {
	org := obj{{"type", "Organization"}, {"name", name}}
	if id != "" {
		org = append(org, field{"id", id})
	}
	return org
}

// dates: created and published (the page's date), modified; lessons have their module's.
func (b *Builder) dates(o obj, p *site.Page) obj {
	if d := day(p.Published()); d != "" {
		o = append(o, field{"dateCreated", d}, field{"datePublished", d})
	}
	if d := day(p.Modified()); d != "" {
		o = append(o, field{"dateModified", d})
	}
	if d := content.ISODuration(p.TimeRequired()); d != "" {
		// Learning time; AMB's `duration` is a video's playing time.
		o = append(o, field{"timeRequired", d})
	}
	if kw := p.Keywords(); len(kw) > 0 {
		o = append(o, field{"keywords", kw})
	}
	return o
}

// structure: a lesson is part of its module; a module has its lessons as parts.
func (b *Builder) structure(o obj, p *site.Page) obj {
	if p.Kind == site.KindLesson && p.Module != nil {
		o = append(o, field{"isPartOf", []obj{{{"id", p.Module.Permalink()}, {"name", p.Module.Title}}}})
	}
	if len(p.Lessons) > 0 {
		parts := make([]obj, 0, len(p.Lessons))
		for _, l := range p.Lessons {
			parts = append(parts, obj{{"id", l.Permalink()}, {"name", l.Title}})
		}
		o = append(o, field{"hasPart", parts})
	}
	return o
}

// files: the downloads as `encoding`, each with its media type, size and SHA-256.
func (b *Builder) files(o obj, p *site.Page) obj {
	var encodings []obj
	for _, a := range p.Attachments {
		e := obj{{"type", "MediaObject"}, {"contentUrl", b.s.Absolute(a.URL)}, {"name", a.Title}, {"encodingFormat", mediaType(a.Ext)}}
		encodings = append(encodings, b.sizeAndHash(e, a.URL, a.Size))
	}
	for _, x := range p.Exports() {
		e := obj{{"type", "MediaObject"}, {"contentUrl", b.s.Absolute(x.Path)}, {"name", exportNames[x.Format]}, {"encodingFormat", x.MediaType}}
		encodings = append(encodings, b.sizeAndHash(e, x.Path, 0))
	}
	if encodings != nil {
		o = append(o, field{"encoding", encodings})
	}
	return o
}

// sourceCreators types a source's authors: as the front matter says, else
// as an organisation (the works OER adapt are mostly institutions'
// frameworks and guides; a person is written {name: ..., type: Person}).
func sourceCreators(list []content.Author) []obj {
	var out []obj
	for _, a := range list {
		typ := a.Type
		if typ == "" {
			typ = "Organization"
		}
		c := obj{{"type", typ}, {"name", a.Name}}
		if a.ID != "" {
			c = append(obj{{"id", a.ID}}, c...)
		}
		out = append(out, c)
	}
	return out
}

// sizeAndHash adds a published file's contentSize (the size known from the
// source when given, else the published file's) and sha256.
func (b *Builder) sizeAndHash(e obj, path string, size int64) obj {
	var sum string
	if b.opt.File != nil {
		if h, n, ok := b.opt.File(path); ok {
			sum = h
			if size <= 0 {
				size = n
			}
		}
	}
	if size > 0 {
		e = append(e, field{"contentSize", itoa(size)})
	}
	if sum != "" {
		e = append(e, field{"sha256", sum})
	}
	return e
}

// basedOn: the work a resource was adapted from (TASL), without a type:
// AMB reads `type` as the work's kinds of learning resource.
func (b *Builder) basedOn(o obj, p *site.Page) obj {
	src := p.Meta.Source
	if src == nil || src.URL == "" && src.Title == "" {
		return o
	}
	var based obj
	if src.URL != "" {
		based = append(based, field{"id", src.URL})
	}
	if src.Title != "" {
		based = append(based, field{"name", src.Title})
	}
	if len(src.Creators) > 0 {
		based = append(based, field{"creator", sourceCreators(src.Creators)})
	}
	if l := site.LicenceInfo(src.Licence); l.URL != "" {
		based = append(based, field{"license", obj{{"id", l.URL}}})
	}
	return append(o, field{"isBasedOn", []obj{based}})
}

// translations: the default language's page lists its translations; a
// translation names the page it translates.
func (b *Builder) translations(o obj, p *site.Page) obj {
	def := b.s.DefaultLanguage()
	var list []obj
	for _, t := range p.Translations {
		ref := obj{{"id", t.Permalink()}, {"inLanguage", t.Lang}}
		switch {
		case p.Lang == def:
			list = append(list, ref)
		case t.Lang == def:
			o = append(o, field{"translationOfWork", []obj{ref}}) // one page per language: at most once
		}
	}
	if list != nil {
		o = append(o, field{"workTranslation", list})
	}
	return o
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
	case site.KindPath:
		return b.LearningPath(p)
	case site.KindHome, site.KindLanguages:
		return b.WebSite(p)
	case site.KindSection:
		if p.Section == "modules" {
			return b.CourseList(p)
		}
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
