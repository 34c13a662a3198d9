package lms

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/html"

	"github.com/oersite/oersite/generator/internal/mirror"
)

// Check reads a package (the bytes of a .imscc or SCORM zip) and reports
// every way it breaks the content packaging rules of IMS CP 1.1 as Common
// Cartridge 1.1 and SCORM 1.2 use them: safe entry names; an
// imsmanifest.xml at the root with its schema, version and LOM title;
// identifiers unique; every item pointing at a resource that exists;
// every href relative, inside the package and naming a file it holds;
// every file listed by a resource; resource types the format knows; and,
// inside the pages, every relative link and image found in the package.
func Check(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("not a zip file: %w", err)
	}
	var errs []error
	files := map[string][]byte{}
	for _, f := range zr.File {
		if err := mirror.CheckPath(f.Name); err != nil {
			errs = append(errs, fmt.Errorf("zip entry: %w", err))
			continue
		}
		if _, dup := files[f.Name]; dup {
			errs = append(errs, fmt.Errorf("zip entry %s appears twice", f.Name))
		}
		rc, err := f.Open()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", f.Name, err))
		}
		files[f.Name] = b
	}
	raw, ok := files["imsmanifest.xml"]
	if !ok {
		return errors.Join(append(errs, errors.New("no imsmanifest.xml at the root"))...)
	}
	var m node
	if err := xml.Unmarshal(raw, &m); err != nil {
		return errors.Join(append(errs, fmt.Errorf("imsmanifest.xml: %w", err))...)
	}
	c := &checker{files: files, m: &m, ids: map[string]int{}, resources: map[string]*node{}}
	c.run()
	return errors.Join(append(errs, c.errs...)...)
}

// node is any XML element, read whole.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []node     `xml:",any"`
	Text    string     `xml:",chardata"`
}

func (n *node) attr(local string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func (n *node) child(local string) *node {
	for i := range n.Nodes {
		if n.Nodes[i].XMLName.Local == local {
			return &n.Nodes[i]
		}
	}
	return nil
}

// walk calls f on n and every element inside it.
func (n *node) walk(f func(*node)) {
	f(n)
	for i := range n.Nodes {
		n.Nodes[i].walk(f)
	}
}

type checker struct {
	files     map[string][]byte
	m         *node
	ids       map[string]int
	resources map[string]*node
	listed    map[string]bool
	// assessments are the QTI files, checked once every resource is known.
	assessments []assessment
	errs        []error
	scorm       bool
}

// assessment is a QTI file and the resource listing it.
type assessment struct {
	name string
	r    *node
}

func (c *checker) fail(format string, a ...any) { c.errs = append(c.errs, fmt.Errorf(format, a...)) }

func (c *checker) run() {
	if c.m.XMLName.Local != "manifest" || c.m.attr("identifier") == "" {
		c.fail("imsmanifest.xml: the root must be <manifest identifier=...>")
	}
	c.metadata()
	c.schemaLocations()
	c.m.walk(func(n *node) {
		if id := n.attr("identifier"); id != "" {
			c.ids[id]++
			if c.ids[id] == 2 {
				c.fail("identifier %q is used more than once", id)
			}
		}
	})
	c.resourcesList()
	c.organizations()
	for name := range c.files {
		if name != "imsmanifest.xml" && !c.listed[name] {
			c.fail("%s is in the package but no resource lists it", name)
		}
		if strings.HasSuffix(name, ".html") {
			c.pageLinks(name)
		}
	}
}

// schemaLocations checks that the schemas the manifest names by a relative
// location are files of the package: a conformance checker looks there.
func (c *checker) schemaLocations() {
	f := strings.Fields(c.m.attr("schemaLocation"))
	for i := 1; i < len(f); i += 2 {
		if !strings.Contains(f[i], "://") && c.files[f[i]] == nil {
			c.fail("imsmanifest.xml: schemaLocation names %s, which the package does not hold", f[i])
		}
	}
}

// metadata checks the schema, its version and the LOM title.
func (c *checker) metadata() {
	md := c.m.child("metadata")
	if md == nil {
		c.fail("imsmanifest.xml has no <metadata>")
		return
	}
	schema, version := "", ""
	if s := md.child("schema"); s != nil {
		schema = strings.TrimSpace(s.Text)
	}
	if v := md.child("schemaversion"); v != nil {
		version = strings.TrimSpace(v.Text)
	}
	switch {
	case schema == "IMS Common Cartridge" && version == "1.1.0":
	case schema == "ADL SCORM" && version == "1.2":
		c.scorm = true
	default:
		c.fail("metadata names schema %q version %q: want IMS Common Cartridge 1.1.0 or ADL SCORM 1.2", schema, version)
	}
	lom := md.child("lom")
	if lom == nil {
		c.fail("metadata has no LOM record")
		return
	}
	title := ""
	if g := lom.child("general"); g != nil {
		if t := g.child("title"); t != nil {
			t.walk(func(n *node) { title += strings.TrimSpace(n.Text) })
		}
	}
	if title == "" {
		c.fail("LOM has no general/title")
	}
}

// resourcesList checks each resource and records which files they list.
func (c *checker) resourcesList() {
	c.listed = map[string]bool{}
	rs := c.m.child("resources")
	if rs == nil {
		c.fail("imsmanifest.xml has no <resources>")
		return
	}
	for i := range rs.Nodes {
		r := &rs.Nodes[i]
		id := r.attr("identifier")
		c.resources[id] = r
		c.resource(id, r)
	}
	for i := range rs.Nodes {
		for _, dep := range rs.Nodes[i].Nodes {
			if dep.XMLName.Local == "dependency" && c.resources[dep.attr("identifierref")] == nil {
				c.fail("resource %s depends on %q, which is not a resource", rs.Nodes[i].attr("identifier"), dep.attr("identifierref"))
			}
		}
	}
	for _, a := range c.assessments {
		c.qti(a)
	}
}

func (c *checker) resource(id string, r *node) {
	typ := r.attr("type")
	switch {
	case typ == "webcontent":
		if c.scorm && r.attr("scormtype") != "sco" && r.attr("scormtype") != "asset" {
			c.fail("resource %s: adlcp:scormtype must be sco or asset", id)
		}
	case typ == QTIType && !c.scorm:
	default:
		c.fail("resource %s has type %q, which this format does not know", id, typ)
	}
	if h := r.attr("href"); h != "" {
		c.href("resource "+id, h)
	} else if c.scorm && r.attr("scormtype") == "sco" {
		c.fail("resource %s is a SCO without an href to launch", id)
	}
	n := 0
	for _, f := range r.Nodes {
		if f.XMLName.Local != "file" {
			continue
		}
		n++
		h := f.attr("href")
		if c.href("resource "+id+" file", h) {
			c.listed[h] = true
			if typ == QTIType {
				c.assessments = append(c.assessments, assessment{h, r})
			}
		}
	}
	if n == 0 {
		c.fail("resource %s lists no file", id)
	}
}

// href checks a manifest href: relative, inside the package, a file it holds.
func (c *checker) href(where, h string) bool {
	u, err := url.Parse(h)
	switch {
	case h == "" || err != nil:
		c.fail("%s: href %q is not an address", where, h)
	case u.Scheme != "" || u.Host != "":
		c.fail("%s: href %q is absolute; it must name a file in the package", where, h)
	case mirror.CheckPath(u.Path) != nil:
		c.fail("%s: href %q leaves the package or is not clean", where, h)
	case c.files[u.Path] == nil:
		c.fail("%s: href %q names a file the package does not hold", where, h)
	default:
		return true
	}
	return false
}

// organizations checks that every item points at a resource.
func (c *checker) organizations() {
	orgs := c.m.child("organizations")
	if orgs == nil || orgs.child("organization") == nil {
		c.fail("imsmanifest.xml has no organisation")
		return
	}
	if def := orgs.attr("default"); def != "" && c.ids[def] == 0 {
		c.fail("organizations default %q is not an organisation", def)
	}
	if c.scorm && orgs.attr("default") == "" {
		c.fail("SCORM: <organizations> needs a default")
	}
	items := 0
	orgs.walk(func(n *node) {
		if n.XMLName.Local != "item" {
			return
		}
		items++
		ref := n.attr("identifierref")
		if ref != "" && c.resources[ref] == nil {
			c.fail("item %s points at %q, which is not a resource", n.attr("identifier"), ref)
		}
		if ref != "" && n.child("title") == nil {
			c.fail("item %s has no title", n.attr("identifier"))
		}
	})
	if items == 0 {
		c.fail("the organisation holds no item")
	}
}

// qti checks that an assessment file is QTI 1.2 with scored items, and
// that the files its texts show are the package's.
func (c *checker) qti(qf assessment) {
	name := qf.name
	var q node
	if err := xml.Unmarshal(c.files[name], &q); err != nil {
		c.fail("%s: %v", name, err)
		return
	}
	a := q.child("assessment")
	if q.XMLName.Local != "questestinterop" || a == nil || a.attr("ident") == "" {
		c.fail("%s: not a QTI 1.2 assessment (<questestinterop><assessment ident=...>)", name)
		return
	}
	n := 0
	a.walk(func(it *node) {
		if it.XMLName.Local != "item" {
			return
		}
		n++
		if it.child("presentation") == nil || it.child("resprocessing") == nil {
			c.fail("%s: item %s lacks presentation or resprocessing", name, it.attr("ident"))
		}
	})
	if n == 0 {
		c.fail("%s: the assessment holds no question", name)
	}
	c.qtiLinks(qf, &q)
}

// pageLinks checks that a page's relative links and images name files of the package.
func (c *checker) pageLinks(name string) {
	addresses(c.files[name], func(v string) {
		u, err := url.Parse(v)
		if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
			return
		}
		if !c.inPackage(name, u.Path) {
			c.fail("%s: link %q does not lead to a file in the package", name, v)
		}
	})
}

// qtiLinks checks that the links and images of an assessment's texts that
// are not web addresses name files of the package, from the folder of
// the assessment's file (see fileBase), which a resource the assessment
// depends on lists (a platform copies those with it).
func (c *checker) qtiLinks(a assessment, q *node) {
	name := a.name
	carried := map[string]bool{}
	for _, dep := range a.r.Nodes {
		if r := c.resources[dep.attr("identifierref")]; dep.XMLName.Local == "dependency" && r != nil {
			for _, f := range r.Nodes {
				if f.XMLName.Local == "file" {
					carried[f.attr("href")] = true
				}
			}
		}
	}
	q.walk(func(n *node) {
		if n.XMLName.Local != "mattext" {
			return
		}
		addresses([]byte(n.Text), func(v string) {
			rest, ok := strings.CutPrefix(v, fileBase)
			u, err := url.Parse(rest)
			if !ok {
				if err == nil && u.Scheme == "" && u.Host == "" && u.Path != "" {
					c.fail("%s: link %q is relative; a file of the package is written %s and its path from the file's folder", name, v, fileBase)
				}
				return // a web address, or a place in the text
			}
			switch {
			case err != nil || u.Scheme != "" || u.Host != "" || !c.inPackage(name, u.Path):
				c.fail("%s: link %q does not lead to a file in the package", name, v)
			case !carried[path.Join(path.Dir(name), u.Path)]:
				c.fail("%s: link %q names a file that no resource the assessment depends on lists", name, v)
			}
		})
	})
}

// inPackage says whether p, relative to the folder of the file name,
// names a file of the package.
func (c *checker) inPackage(name, p string) bool {
	target := path.Join(path.Dir(name), p)
	return !strings.HasPrefix(p, "/") && !strings.HasPrefix(target, "../") && c.files[target] != nil
}

// addresses calls f with the value of every href and src attribute of a
// piece of HTML.
func addresses(page []byte, f func(string)) {
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		for _, a := range z.Token().Attr {
			if a.Key == "href" || a.Key == "src" {
				f(a.Val)
			}
		}
	}
}
