// Package officedoc reads a Word document (.docx, Office Open XML, as Word,
// LibreOffice and Google Docs save it), or an OpenDocument text (.odt), as
// a Markdown page: headings by their style (Word's "heading 1" whatever
// the styles are called in the author's language; one level down, under
// the page's title), paragraphs with bold, italic and links, bulleted and
// numbered lists with their levels and numbers, tables, quotations, and
// pictures with their descriptions (alt text), footnotes, text boxes. What
// Markdown cannot hold (comments, equations, the table of contents, page
// layout) is left out and named in Left.
//
// The file is hostile input: its parts are read with size limits, its
// pictures named only from their own file names, and nothing outside the
// zip is followed.
package officedoc

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"
)

// Document is a Word document read as a page.
type Document struct {
	// Title is the paragraph in the Title style, else the document's
	// properties' title, else a first heading of level 1 (taken out of
	// the body); "" when none.
	Title string
	// Summary and Keywords are the document's properties' (Comments, else
	// Subject; Keywords); empty when it sets none.
	Summary  string
	Keywords []string
	// Markdown is the body.
	Markdown []byte
	// Pictures are the pictures the body shows, under the names it uses.
	Pictures []Picture
	// Left names, once each, what the document holds and the page does
	// not: comments, equations, the table of contents (diag.Phrased).
	Left []error
	// NoAlt counts the pictures without a description.
	NoAlt int
}

// Picture is one picture file of the document.
type Picture struct {
	Name string
	Data []byte
}

// Limits on what is read from the zip: a document part, a picture, all
// pictures together, and the zip's number of files.
const (
	maxPart     = 64 << 20
	maxPicture  = 32 << 20
	maxPictures = 256 << 20
	maxFiles    = 10000
	maxDepth    = 256
	maxNotes    = 10000
	// maxRead is how many bytes all the parts read may hold together: a
	// part named again and again (a slide listed a thousand times) is read
	// again each time.
	maxRead = 1 << 30
)

// ErrNotWord is returned for a file that is not a Word document.
var ErrNotWord = errors.New("not a Word document (.docx), PowerPoint slides (.pptx) or an OpenDocument text or presentation (.odt, .odp): it holds no text part")

// Read reads the document in r (size bytes).
func Read(r io.ReaderAt, size int64) (*Document, error) {
	z, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("not a Word document (.docx), PowerPoint slides (.pptx) or an OpenDocument text or presentation (.odt, .odp): %w", err)
	}
	if len(z.File) > maxFiles {
		return nil, fmt.Errorf("the document holds %d files, more than %d", len(z.File), maxFiles)
	}
	p := &pack{files: map[string]*zip.File{}}
	for _, f := range z.File {
		p.files[strings.TrimPrefix(path.Clean("/"+f.Name), "/")] = f
	}
	part, err := p.mainPart()
	if err != nil {
		return nil, err
	}
	if p.files[part] == nil && p.files["content.xml"] != nil {
		return readODT(p)
	}
	if p.files[part] != nil && path.Base(part) == "presentation.xml" {
		return readPPTX(p, part)
	}
	body, err := p.tree(part)
	if err != nil {
		return nil, err
	}
	if body == nil {
		return nil, ErrNotWord
	}
	c := &converter{pack: p, part: part, seen: map[string]bool{}, pictureNames: map[string]string{}}
	if err := c.load(); err != nil {
		return nil, err
	}
	d := c.convert(body)
	if core, _ := p.tree("docProps/core.xml"); core != nil {
		d.properties(core)
	}
	return d, c.err
}

// mainPart is the document's text part: the one the package's
// relationships name (word/document.xml as Word writes it, another name
// as some programs do).
func (p *pack) mainPart() (string, error) {
	rels, err := p.tree("_rels/.rels")
	if err != nil || rels == nil {
		return "word/document.xml", err
	}
	for _, r := range rels.find("Relationships").kidsNamed("Relationship") {
		if path.Base(r.attr["Type"]) == "officeDocument" && r.attr["Target"] != "" {
			return strings.TrimPrefix(path.Clean("/"+r.attr["Target"]), "/"), nil
		}
	}
	return "word/document.xml", nil
}

// properties takes what the document's properties (File > Properties in
// Word, File > Properties > Description in LibreOffice) say: its title when
// the text has none, its summary (Comments, else Subject) and its keywords
// (Word's in one list, LibreOffice's one element each).
func (d *Document) properties(core *node) {
	prop := func(name string) string {
		if n := core.find(name); n != nil {
			return strings.Join(strings.Fields(n.text()), " ")
		}
		return ""
	}
	if d.Title == "" {
		d.Title = prop("title")
	}
	d.Summary = firstNonEmpty(d.Summary, prop("description"), prop("subject")) // a subtitle's, else the properties'
	words := strings.FieldsFunc(prop("keywords"), func(r rune) bool { return r == ',' || r == ';' })
	for _, k := range core.all("keyword") {
		words = append(words, k.text())
	}
	for _, k := range words {
		if k = strings.TrimSpace(k); k != "" {
			d.Keywords = append(d.Keywords, k)
		}
	}
}

// all returns every descendant named name, in order.
func (n *node) all(name string) []*node {
	var out []*node
	for _, k := range n.kids {
		if k.name == name {
			out = append(out, k)
		}
		out = append(out, k.all(name)...)
	}
	return out
}

// pack is the document's zip.
type pack struct {
	files     map[string]*zip.File
	readBytes int64 // bytes read from the zip so far, for maxRead
}

// read returns a part's bytes (nil when absent), at most limit.
func (p *pack) read(name string, limit int64) ([]byte, error) {
	f := p.files[name]
	if f == nil {
		return nil, nil
	}
	if f.UncompressedSize64 > uint64(limit) {
		return nil, fmt.Errorf("%s is %d bytes, more than %d", name, f.UncompressedSize64, limit)
	}
	limit = min(limit, maxRead-p.readBytes)
	if limit <= 0 {
		return nil, fmt.Errorf("the document's parts hold more than %d bytes", maxRead)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s is more than %d bytes", name, limit)
	}
	p.readBytes += int64(len(data))
	return data, nil
}

// tree parses a part as XML (nil when absent).
func (p *pack) tree(name string) (*node, error) {
	data, err := p.read(name, maxPart)
	if err != nil || data == nil {
		return nil, err
	}
	n, err := parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return n, nil
}

// node is an XML element: its local name, its attributes by local name
// (r:id as "r:id"), its children, and its text.
type node struct {
	name  string
	attr  map[string]string
	kids  []*node
	chars string
}

const relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

func parse(data []byte) (*node, error) { return parseXML(data, false) }

// parseXML builds the element tree; mixed keeps every text as a "#text"
// child in its place among the elements (OpenDocument writes text so),
// else only the text of the elements Word keeps it in.
func parseXML(data []byte, mixed bool) (*node, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	root := &node{name: "#root"}
	stack := []*node{root}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return root, nil
		}
		if err != nil {
			return nil, err
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) > maxDepth {
				return nil, errors.New("elements nested too deep")
			}
			n := &node{name: t.Name.Local, attr: map[string]string{}}
			for _, a := range t.Attr {
				k := a.Name.Local
				if a.Name.Space == relNS {
					k = "r:" + k
				}
				n.attr[k] = a.Value
			}
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if mixed {
				if len(top.kids) > 0 && top.kids[len(top.kids)-1].name == "#text" {
					top.kids[len(top.kids)-1].chars += string(t)
				} else {
					top.kids = append(top.kids, &node{name: "#text", chars: string(t)})
				}
				continue
			}
			switch top.name {
			case "t", "instrText", "delText", "title", "subject", "description", "keywords", "keyword": // a run's text; the properties'
				top.chars += string(t)
			}
		}
	}
}

// find returns the first descendant named name.
func (n *node) find(name string) *node {
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
		if f := k.find(name); f != nil {
			return f
		}
	}
	return nil
}

// child returns the first child named name.
func (n *node) child(name string) *node {
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// val is the w:val of the child named name ("" when absent).
func (n *node) val(name string) string {
	if c := n.child(name); c != nil {
		return c.attr["val"]
	}
	return ""
}

// text is the text of the element's w:t descendants.
func (n *node) text() string {
	var b strings.Builder
	var walk func(*node)
	walk = func(m *node) {
		b.WriteString(m.chars)
		for _, k := range m.kids {
			walk(k)
		}
	}
	walk(n)
	return b.String()
}

var headingName = regexp.MustCompile(`^heading ([1-9])$`)
