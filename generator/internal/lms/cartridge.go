package lms

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"

	"github.com/oersite/oersite/generator/internal/site"
)

// QTIType is the Common Cartridge 1.1 resource type of a QTI 1.2 assessment.
const QTIType = "imsqti_xmlv1p2/imscc_xmlv1p1/assessment"

// manifestID is a module's package identifier, the same in every build
// and different for every module and language.
func manifestID(m *site.Page) string {
	sum := sha256.Sum256([]byte(m.Permalink()))
	return "oersite-" + hex.EncodeToString(sum[:8])
}

// cartridgeManifest writes imsmanifest.xml for IMS Common Cartridge 1.1:
// the module as the organisation's one folder holding, in order, its
// introduction, each lesson followed by its knowledge checks, and its
// downloads; every page, file and assessment is a resource.
func cartridgeManifest(b *bundle) []byte {
	d := newXML()
	d.open("manifest", "identifier", manifestID(b.m),
		"xmlns", "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1",
		"xmlns:lom", "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource",
		"xmlns:lomimscc", "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest",
		"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance",
		"xsi:schemaLocation", "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1 http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lomresource_v1p0.xsd http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lommanifest_v1p0.xsd")
	d.open("metadata")
	d.leaf("schema", "IMS Common Cartridge")
	d.leaf("schemaversion", "1.1.0")
	d.lomCC(b.lom())
	d.close("metadata")
	d.open("organizations")
	d.open("organization", "identifier", "ORG", "structure", "rooted-hierarchy")
	d.open("item", "identifier", "ROOT")
	d.open("item", "identifier", "MODULE")
	d.leaf("title", b.m.Title)
	for i, u := range b.units() {
		d.item("I_"+u.id, "R_"+u.id, u.title)
		for _, c := range b.checks {
			if c.lesson == i-1 {
				d.item("I_"+c.id, "R_"+c.id, c.title)
			}
		}
	}
	for _, dl := range b.downloads {
		d.item("I_"+dl.id, "R_"+dl.id, dl.title)
	}
	d.close("item")
	d.close("item")
	d.close("organization")
	d.close("organizations")
	d.open("resources")
	for _, u := range b.units() {
		d.open("resource", "identifier", "R_"+u.id, "type", "webcontent", "href", u.file)
		d.leaf("file", "", "href", u.file)
		uses := slices.Clone(u.uses)
		slices.Sort(uses)
		for _, f := range uses {
			d.leaf("file", "", "href", f)
		}
		d.close("resource")
	}
	for _, c := range b.checks {
		d.open("resource", "identifier", "R_"+c.id, "type", QTIType)
		d.leaf("file", "", "href", c.file)
		if len(c.files) > 0 {
			d.leaf("dependency", "", "identifierref", "R_"+c.id+"-F")
		}
		d.close("resource")
		if len(c.files) > 0 { // the pictures its questions show
			d.open("resource", "identifier", "R_"+c.id+"-F", "type", "webcontent")
			for _, f := range c.files {
				d.leaf("file", "", "href", f)
			}
			d.close("resource")
		}
	}
	for _, dl := range b.downloads {
		d.open("resource", "identifier", "R_"+dl.id, "type", "webcontent", "href", dl.file)
		d.leaf("file", "", "href", dl.file)
		d.close("resource")
	}
	d.close("resources")
	d.close("manifest")
	return d.bytes()
}

// item writes an organisation item that points at a resource.
func (d *xmlDoc) item(id, ref, title string) {
	d.open("item", "identifier", id, "identifierref", ref)
	d.leaf("title", title)
	d.close("item")
}
