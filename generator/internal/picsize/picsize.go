// Package picsize reads the size of a picture in pixels from the start of
// its file, decoding no pixels: PNG, JPEG, GIF and WebP by their headers,
// SVG from its root element (width and height in pixels, else its
// viewBox). A JPEG whose EXIF orientation turns it (a phone's photo taken
// upright) has the size it is shown at, as browsers show it. A page
// writes the size on the picture so that the browser keeps its place
// while it loads, and the text under it does not jump.
//
// Picture files are content, so hostile input: at most MaxHeader bytes are
// read, and a size that is not a plausible picture is refused.
package picsize

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"image"
	_ "image/gif"  // registers the GIF header reader
	_ "image/jpeg" // registers the JPEG header reader
	_ "image/png"  // registers the PNG header reader
	"io"
	"math"
	"strconv"
	"strings"

	_ "golang.org/x/image/webp" // registers the WebP header reader
)

// MaxHeader is how much of a file is read: a JPEG's size comes after its
// metadata (a phone's photo carries tens of kilobytes of it).
const MaxHeader = 256 << 10

// maxSide is the largest width or height taken as a picture's.
const maxSide = 1 << 16

// Of returns the width and height of the picture in r, whose file name
// ends in ext (".png", ".svg"…); ok is false for a file it cannot read or
// a kind it does not know.
func Of(r io.Reader, ext string) (width, height int, ok bool) {
	r = io.LimitReader(r, MaxHeader)
	switch strings.ToLower(ext) {
	case ".svg":
		return svg(r)
	case ".png", ".jpg", ".jpeg", ".gif", ".webp":
		head, err := io.ReadAll(r)
		if err != nil {
			return 0, 0, false
		}
		c, format, err := image.DecodeConfig(bytes.NewReader(head))
		if err != nil {
			return 0, 0, false
		}
		if format == "jpeg" && Turned(Orientation(head)) {
			c.Width, c.Height = c.Height, c.Width // a phone's photo taken upright: shown turned
		}
		return plausible(float64(c.Width), float64(c.Height))
	}
	return 0, 0, false
}

// Turned says whether an EXIF orientation shows the picture a quarter
// turn from how it is stored (5 to 8), as browsers do: its width is then
// its stored height.
func Turned(orientation int) bool { return orientation >= 5 && orientation <= 8 }

// Orientation reads the orientation a JPEG's EXIF metadata gives its
// picture (1 to 8: how to turn or flip the stored picture to show it), or
// 0 when it has none; it reads only what it is given (the file's start).
func Orientation(jpeg []byte) int {
	if len(jpeg) < 4 || jpeg[0] != 0xff || jpeg[1] != 0xd8 {
		return 0
	}
	for i := 2; i+4 <= len(jpeg); {
		if jpeg[i] != 0xff {
			return 0
		}
		marker, size := jpeg[i+1], int(binary.BigEndian.Uint16(jpeg[i+2:]))
		if marker == 0xda || size < 2 || i+2+size > len(jpeg) { // the picture's data: no metadata after it
			return 0
		}
		seg := jpeg[i+4 : i+2+size]
		if marker == 0xe1 && len(seg) > 6 && string(seg[:6]) == "Exif\x00\x00" {
			return tiffOrientation(seg[6:])
		}
		i += 2 + size
	}
	return 0
}

// tiffOrientation reads tag 0x0112 of the first directory of EXIF's TIFF
// structure.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 0
	}
	var order binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return 0
	}
	dir := int(order.Uint32(t[4:]))
	if dir < 8 || dir+2 > len(t) {
		return 0
	}
	n := int(order.Uint16(t[dir:]))
	for k := 0; k < n; k++ {
		e := dir + 2 + 12*k
		if e+12 > len(t) {
			return 0
		}
		if order.Uint16(t[e:]) == 0x0112 && order.Uint16(t[e+2:]) == 3 { // orientation, a SHORT
			return int(order.Uint16(t[e+8:]))
		}
	}
	return 0
}

// svg reads the size of an SVG drawing from its root element.
func svg(r io.Reader) (int, int, bool) {
	d := xml.NewDecoder(r)
	d.Strict = false
	for {
		t, err := d.Token()
		if err != nil {
			return 0, 0, false
		}
		e, ok := t.(xml.StartElement)
		if !ok {
			continue
		}
		if e.Name.Local != "svg" {
			return 0, 0, false
		}
		var w, h, box string
		for _, a := range e.Attr {
			switch a.Name.Local {
			case "width":
				w = a.Value
			case "height":
				h = a.Value
			case "viewBox":
				box = a.Value
			}
		}
		if pw, ok := pixels(w); ok {
			if ph, ok := pixels(h); ok {
				return plausible(pw, ph)
			}
		}
		f := strings.FieldsFunc(box, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\n' || r == '\r' })
		if len(f) != 4 {
			return 0, 0, false
		}
		bw, err1 := strconv.ParseFloat(f[2], 64)
		bh, err2 := strconv.ParseFloat(f[3], 64)
		if err1 != nil || err2 != nil {
			return 0, 0, false
		}
		return plausible(bw, bh)
	}
}

// pixels reads an SVG length in pixels ("320", "320px"); others (a
// percentage, centimetres) are no size in pixels.
func pixels(s string) (float64, bool) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "px")
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

// plausible rounds a size to whole pixels and refuses one no picture has.
func plausible(w, h float64) (int, int, bool) {
	if math.IsNaN(w) || math.IsNaN(h) || w < 0.5 || h < 0.5 || w > maxSide || h > maxSide {
		return 0, 0, false
	}
	return int(math.Round(w)), int(math.Round(h)), true
}
