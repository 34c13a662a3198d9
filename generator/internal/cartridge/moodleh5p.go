package cartridge

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"

	"github.com/oersite/oersite/generator/internal/mirror"
)

// A Moodle course's H5P activities come as one lesson each, in their
// place, read as an H5P file is (h5p.go), an Interactive Book's chapters
// as its sections: Moodle's own H5P activity (mod_h5pactivity) keeps the
// .h5p file in its package area; the older H5P plugin (mod_hvp) keeps the
// main library and its parameters in its activity's file and the content's
// files in its content area, by the activity's id.

// moodleH5PLeft is the resource type of an H5P activity no page could be
// made of (named in Left).
const moodleH5PLeft = "moodle/h5p"

// moodleH5P is an H5P activity whose page is made once the backup's files
// are read: from the .h5p file at pkg, or from the library main and its
// parameters; the content's files are in dir, where the page goes.
type moodleH5P struct {
	resource     string
	title        string
	pkg          string
	main, params string
	dir          string
	meta         h5pMeta // the plugin's rights (mod_hvp)
}

// page is where an H5P activity's page goes.
func (p moodleH5P) page() string { return p.dir + h5pPageName + "1.html" }

// moodleHVP is the part of a mod_hvp activity's file read.
type moodleHVP struct {
	HVP struct {
		ID             string `xml:"id,attr"`
		Library        string `xml:"machine_name"`
		JSON           string `xml:"json_content"`
		License        string `xml:"license"`
		LicenseVersion string `xml:"license_version"`
		Authors        string `xml:"authors"` // JSON, as h5p.json's
		Source         string `xml:"source"`
	} `xml:"hvp"`
}

// h5pActivity makes the item of an H5P activity (kind h5pactivity or
// hvp) whose page finishMoodle makes, or that is named when the backup
// holds no content for it.
func (c *reader) h5pActivity(m *moodleCourse, id, kind, title, ctx string, raw []byte, files []moodleFile) item {
	p := moodleH5P{resource: "moodle-" + id, title: title}
	switch kind {
	case "h5pactivity":
		for _, f := range files {
			if f.Component == "mod_h5pactivity" && f.Area == "package" {
				p.pkg = f.place(ctx)
				p.dir = ctx + "/h5p/content/"
				break
			}
		}
	case "hvp":
		var h moodleHVP
		if xml.Unmarshal(raw, &h) == nil && value(h.HVP.JSON) != "" && mirror.CheckPath(h.HVP.ID) == nil && !strings.Contains(h.HVP.ID, "/") {
			p.main, p.params, p.dir = value(h.HVP.Library), value(h.HVP.JSON), ctx+"/content/"+h.HVP.ID+"/"
			p.meta = h5pMeta{License: value(h.HVP.License), LicenseVersion: value(h.HVP.LicenseVersion), Source: value(h.HVP.Source)}
			decodeParams([]byte(value(h.HVP.Authors)), &p.meta.Authors)
		}
	}
	r := &resource{ID: p.resource, Type: moodleH5PLeft}
	if p.dir != "" {
		m.h5p = append(m.h5p, p)
		r.Type, r.Href = "webcontent", p.page()
		c.viewLinks[id] = p.page()
	}
	c.resources[r.ID] = r
	return item{Ref: r.ID, Title: title}
}

// moodleH5PPage makes the page of an H5P activity (see h5pActivity), or
// names the activity when it has none.
func (c *reader) moodleH5PPage(p moodleH5P) {
	main, params, meta := p.main, []byte(p.params), p.meta
	if p.pkg != "" {
		main, params, meta = c.unpackH5P(p)
	}
	h := &h5pReader{c: c, dir: p.dir}
	pg := &h5pPage{title: p.title}
	if len(params) > 0 && json.Valid(params) {
		if h5pKind(main) == "H5P.InteractiveBook" {
			h.bookSections(params, pg)
		} else {
			h.content(h5pContent{Library: main, Params: params}, pg, 0, 2)
		}
	}
	h.flush(pg)
	if strings.TrimSpace(pg.b.String()) == "" {
		c.resources[p.resource].Type = moodleH5PLeft
		return
	}
	c.mem[p.page()] = []byte("<!doctype html><html><body>" + pg.b.String() + "</body></html>")
	if o := meta.origin(); o.Rights != "" || len(o.Authors) > 0 || o.Source != "" {
		c.origins[p.page()] = o
	}
}

// unpackH5P puts the files of the activity's .h5p file (its h5p.json and
// content/) beside its page, and returns its main library, parameters and
// h5p.json.
func (c *reader) unpackH5P(p moodleH5P) (string, []byte, h5pMeta) {
	data := c.mem[p.pkg]
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil || len(zr.File) > maxEntries {
		return "", nil, h5pMeta{}
	}
	root := strings.TrimSuffix(p.dir, "content/")
	for _, f := range zr.File {
		name := strings.TrimPrefix(f.Name, "./")
		if mirror.CheckPath(name) != nil || strings.HasSuffix(name, "/") || name != "h5p.json" && !strings.HasPrefix(name, "content/") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			continue
		}
		body, err := c.readLimited(name, rc)
		rc.Close()
		if err != nil {
			return "", nil, h5pMeta{}
		}
		c.mem[root+name] = body
	}
	var meta h5pMeta
	if !decodeParams(c.mem[root+"h5p.json"], &meta) {
		return "", nil, h5pMeta{}
	}
	return meta.MainLibrary, c.mem[p.dir+"content.json"], meta
}
