package cartridge

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strings"
)

// staticSVG says whether an SVG drawing of a package is only a drawing:
// nothing in it runs or loads anything when a visitor opens it, so that
// the site may publish it as its own. It refuses scripts and event
// handlers, elements that embed other documents, animations of an
// address, links and references other than to a place in the drawing
// itself (or a picture written into it), style sheets from elsewhere, and
// entity declarations. A drawing it refuses is left out and named.
func staticSVG(data []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	root, inStyle := true, false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return !root
		}
		if err != nil {
			return false
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.Contains(bytes.ToUpper(t), []byte("ENTITY")) {
				return false
			}
		case xml.ProcInst:
			if t.Target != "xml" {
				return false // <?xml-stylesheet?>
			}
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			if (root && name != "svg") || svgRefused[name] || !staticAttrs(t.Attr) {
				return false
			}
			root, inStyle = false, name == "style"
		case xml.EndElement:
			inStyle = false
		case xml.CharData:
			if inStyle && !staticStyle(string(t)) {
				return false
			}
		}
	}
}

// svgRefused are the elements a drawing published as it is may not hold.
var svgRefused = map[string]bool{
	"script": true, "foreignobject": true, "iframe": true, "embed": true, "object": true,
	"handler": true, "listener": true, "audio": true, "video": true,
}

// staticAttrs says whether an element's attributes load and run nothing.
func staticAttrs(attrs []xml.Attr) bool {
	for _, a := range attrs {
		name := strings.ToLower(a.Name.Local)
		switch {
		case strings.HasPrefix(name, "on"):
			return false
		case name == "href" || name == "src":
			if !inDrawing(a.Value) {
				return false
			}
		case name == "attributename" && strings.Contains(strings.ToLower(a.Value), "href"):
			return false // an animation setting an address
		case !staticStyle(a.Value): // fill="url(…)", a style attribute
			return false
		}
	}
	return true
}

// inDrawing says whether an address is a place in the drawing or a
// picture written into it.
func inDrawing(v string) bool {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "#") {
		return true
	}
	lower := strings.ToLower(v)
	for _, kind := range []string{"png", "jpeg", "jpg", "gif", "webp"} {
		if strings.HasPrefix(lower, "data:image/"+kind+";") || strings.HasPrefix(lower, "data:image/"+kind+",") {
			return true
		}
	}
	return false
}

// cssURL finds the addresses a style names.
var cssURL = regexp.MustCompile(`(?i)url\(\s*['"]?([^'")]*)`)

// staticStyle says whether a style loads nothing from elsewhere.
func staticStyle(css string) bool {
	lower := strings.ToLower(css)
	if strings.Contains(lower, "@import") || strings.Contains(lower, "image-set(") || strings.Contains(css, `\`) {
		return false // an escape could spell url( unseen
	}
	for _, m := range cssURL.FindAllStringSubmatch(css, -1) {
		if !inDrawing(m[1]) {
			return false
		}
	}
	return true
}
