package lms

import (
	"strings"

	"github.com/oersite/oersite/generator/internal/content"
)

// lomData is what the packages say about a module in LOM (IEEE 1484.12.1):
// title, description, language, keywords, licence, learning time.
type lomData struct {
	title, description, lang string
	keywords                 []string
	licence, licenceURL      string
	learningTime             string // ISO 8601 duration, or ""
	authors                  []string
}

// lom gathers a module's metadata.
func (b *bundle) lom() lomData {
	m := b.m
	l := m.Licence()
	authors := m.AuthorNames()
	return lomData{title: m.Title, description: strings.Join(strings.Fields(m.Summary), " "), lang: b.lang,
		keywords: append(append([]string{}, m.Meta.Keywords...), m.Meta.Tags...), licence: l.Name, licenceURL: l.URL,
		learningTime: content.ISODuration(m.Duration()), authors: authors}
}

// rights is the licence as LOM's rights description.
func (l lomData) rights() string {
	return strings.TrimSpace(l.licence + " " + l.licenceURL)
}

// lomCC writes the metadata in Common Cartridge 1.1's manifest LOM profile.
func (d *xmlDoc) lomCC(l lomData) {
	str := func(name, text string) {
		d.open(name)
		d.leaf("lomimscc:string", text, "language", l.lang)
		d.close(name)
	}
	d.open("lomimscc:lom")
	d.open("lomimscc:general")
	str("lomimscc:title", l.title)
	d.leaf("lomimscc:language", l.lang)
	if l.description != "" {
		str("lomimscc:description", l.description)
	}
	for _, k := range l.keywords {
		str("lomimscc:keyword", k)
	}
	d.close("lomimscc:general")
	if len(l.authors) > 0 {
		d.open("lomimscc:lifeCycle")
		d.open("lomimscc:contribute")
		d.open("lomimscc:role")
		d.leaf("lomimscc:source", "LOMv1.0")
		d.leaf("lomimscc:value", "author")
		d.close("lomimscc:role")
		for _, a := range l.authors {
			d.leaf("lomimscc:entity", vcard(a))
		}
		d.close("lomimscc:contribute")
		d.close("lomimscc:lifeCycle")
	}
	if l.learningTime != "" {
		d.open("lomimscc:educational")
		d.open("lomimscc:typicalLearningTime")
		d.leaf("lomimscc:duration", l.learningTime)
		d.close("lomimscc:typicalLearningTime")
		d.close("lomimscc:educational")
	}
	d.open("lomimscc:rights")
	d.open("lomimscc:copyrightAndOtherRestrictions")
	d.leaf("lomimscc:value", "yes")
	d.close("lomimscc:copyrightAndOtherRestrictions")
	str("lomimscc:description", l.rights())
	d.close("lomimscc:rights")
	d.close("lomimscc:lom")
}

// lomSCORM writes the metadata as IMS Metadata 1.2.1, which SCORM 1.2 uses.
func (d *xmlDoc) lomSCORM(l lomData) {
	str := func(name, text, lang string) {
		d.open(name)
		d.leaf("imsmd:langstring", text, "xml:lang", lang)
		d.close(name)
	}
	vocab := func(name, value string) {
		d.open(name)
		str("imsmd:source", "LOMv1.0", "x-none")
		str("imsmd:value", value, "x-none")
		d.close(name)
	}
	d.open("imsmd:lom")
	d.open("imsmd:general")
	str("imsmd:title", l.title, l.lang)
	d.leaf("imsmd:language", l.lang)
	if l.description != "" {
		str("imsmd:description", l.description, l.lang)
	}
	for _, k := range l.keywords {
		str("imsmd:keyword", k, l.lang)
	}
	d.close("imsmd:general")
	if len(l.authors) > 0 {
		d.open("imsmd:lifecycle")
		d.open("imsmd:contribute")
		vocab("imsmd:role", "Author")
		for _, a := range l.authors {
			d.open("imsmd:centity")
			d.leaf("imsmd:vcard", vcard(a))
			d.close("imsmd:centity")
		}
		d.close("imsmd:contribute")
		d.close("imsmd:lifecycle")
	}
	if l.learningTime != "" {
		d.open("imsmd:educational")
		d.open("imsmd:typicallearningtime")
		d.leaf("imsmd:datetime", l.learningTime)
		d.close("imsmd:typicallearningtime")
		d.close("imsmd:educational")
	}
	d.open("imsmd:rights")
	vocab("imsmd:copyrightandotherrestrictions", "yes")
	str("imsmd:description", l.rights(), l.lang)
	d.close("imsmd:rights")
	d.close("imsmd:lom")
}

// vcard is a minimal vCard naming a person or organisation.
func vcard(name string) string {
	return "BEGIN:VCARD\nVERSION:3.0\nFN:" + strings.NewReplacer("\n", " ", "\r", " ").Replace(name) + "\nEND:VCARD"
}
