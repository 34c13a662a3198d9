// Package picresize makes the smaller copies of a large picture that a
// page offers a phone instead of it (srcset): a camera's photo or an icon
// saved at 4,000 pixels is megabytes a learner on a metered connection
// downloads to see it a few hundred pixels wide. It holds the rule (which
// pictures get copies, at which widths, under which addresses) and makes
// the copies; the site writes the addresses, the build the files.
//
// Only JPEG and PNG pictures get copies (the formats the standard library
// writes); a JPEG's EXIF orientation is applied to its copies, which carry
// no metadata. A narrower JPEG saved with little compression gets one
// copy of its own width (see Widths). Copies live under Folder, by the picture's address, so no
// content file can have a copy's name.
package picresize

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"path"
	"strconv"
	"strings"

	"github.com/oersite/oersite/generator/internal/picsize"
)

// Folder is the output folder holding the copies ("_pictures/en/x/a.960w.jpg").
const Folder = "_pictures"

// The widths of the copies, in pixels: a phone 375 pixels wide shows at
// twice or three times that, a computer's column at most about 720 on a
// screen of high density.
const (
	smallCopy = 960
	largeCopy = 1440
)

// MaxPixels is the largest picture copies are made of: a 50-megapixel
// camera's photo, decoded, holds 75 to 400 MB.
const MaxPixels = 50_000_000

// quality is the JPEG quality of a copy.
const quality = 80

// pngLevel is how hard a PNG copy is compressed: zlib's default. Its best
// made 60 screenshots' copies 1.2% smaller in 5.7 times the time (11.7 s
// against 2.0 s here), most of a first build of a course of many
// screenshots.
const pngLevel = png.DefaultCompression

// A JPEG saved with little compression (a scanner's or an old editor's
// best quality: over half a byte a pixel, where a photo at the copies'
// quality takes a fifth of one) and too narrow for smaller copies gets a
// copy of its own width, compressed as the copies are: a picture of 800
// by 600 pixels is then about 80 KB, not 300.
const (
	heavyBytesPerPixel = 0.5
	heavyMinBytes      = 100 << 10
)

// Widths returns the widths of the copies a picture of that width and
// height in pixels, size in bytes and file extension has: those a quarter
// smaller than it, at least; its own width for a JPEG too narrow for
// these and heavier than it needs to be; none for a kind the package does
// not copy.
func Widths(width, height int, size int64, ext string) []int {
	if !Copied(ext) {
		return nil
	}
	var out []int
	for _, w := range [...]int{smallCopy, largeCopy} {
		if w*5/4 <= width {
			out = append(out, w)
		}
	}
	isJPEG := strings.EqualFold(ext, ".jpg") || strings.EqualFold(ext, ".jpeg")
	if len(out) == 0 && isJPEG && size > heavyMinBytes && float64(size) > heavyBytesPerPixel*float64(width)*float64(height) {
		out = append(out, width)
	}
	return out
}

// Copied says whether pictures of that file extension get copies.
func Copied(ext string) bool {
	switch strings.ToLower(ext) {
	case ".jpg", ".jpeg", ".png":
		return true
	}
	return false
}

// URL returns the address (from the site root) of the copy of the picture
// at url (from the site root) that is width pixels wide.
func URL(url string, width int) string {
	ext := path.Ext(url)
	return Folder + "/" + strings.TrimSuffix(url, ext) + "." + strconv.Itoa(width) + "w" + strings.ToLower(ext)
}

// Make returns copies of the picture in data (a file of extension ext)
// at each of widths (as shown, see picsize), in that order, encoded as the
// picture is (JPEG or PNG), a JPEG turned as its EXIF orientation says.
func Make(data []byte, ext string, widths []int) ([][]byte, error) {
	if !Copied(ext) || len(widths) == 0 {
		return nil, errors.New("no copies for this picture")
	}
	src, format, turn, err := decode(data)
	if err != nil {
		return nil, err
	}
	sw, sh := src.Bounds().Dx(), src.Bounds().Dy()
	dw, dh := sw, sh // as shown
	if picsize.Turned(turn) {
		dw, dh = sh, sw
	}
	whole := premultiplied(src)
	out := make([][]byte, 0, len(widths))
	for _, w := range widths {
		h := max(1, (dh*w+dw/2)/dw)
		tw, th := w, h // as stored
		if picsize.Turned(turn) {
			tw, th = h, w
		}
		copied := shrink(whole, min(tw, sw), min(th, sh))
		var buf bytes.Buffer
		if format == "png" {
			err = (&png.Encoder{CompressionLevel: pngLevel}).Encode(&buf, copied)
		} else {
			err = jpeg.Encode(&buf, orient(copied, turn), &jpeg.Options{Quality: quality})
		}
		if err != nil {
			return nil, err
		}
		out = append(out, buf.Bytes())
	}
	return out, nil
}

// decode decodes a JPEG or PNG picture of at most MaxPixels, and the EXIF
// orientation a JPEG gives (0 for none).
func decode(data []byte) (m image.Image, format string, turn int, err error) {
	c, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, "", 0, err
	}
	if format != "jpeg" && format != "png" {
		return nil, "", 0, fmt.Errorf("a %s picture: only JPEG and PNG pictures are read", format)
	}
	if c.Width*c.Height > MaxPixels { // a file of a few kilobytes can claim a picture of gigabytes
		return nil, "", 0, fmt.Errorf("the picture is %d×%d pixels, more than the %d million copies are made of", c.Width, c.Height, MaxPixels/1_000_000)
	}
	if m, _, err = image.Decode(bytes.NewReader(data)); err != nil {
		return nil, "", 0, err
	}
	if format == "jpeg" {
		turn = picsize.Orientation(data)
	}
	return m, format, turn, nil
}

// Upright decodes a JPEG or PNG picture (see MaxPixels) as it shows: a
// JPEG turned as its EXIF orientation says. format is "jpeg" or "png".
func Upright(data []byte) (m *image.RGBA, format string, err error) {
	src, format, turn, err := decode(data)
	if err != nil {
		return nil, "", err
	}
	b := src.Bounds()
	m = image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(m, m.Bounds(), src, b.Min, draw.Src)
	return orient(m, turn), format, nil
}

// orient turns or flips a picture as an EXIF orientation says (2 to 8),
// so that it shows upright without its metadata.
func orient(m *image.RGBA, turn int) *image.RGBA {
	if turn < 2 || turn > 8 {
		return m
	}
	w, h := m.Bounds().Dx(), m.Bounds().Dy()
	ow, oh := w, h
	if picsize.Turned(turn) {
		ow, oh = h, w
	}
	out := image.NewRGBA(image.Rect(0, 0, ow, oh))
	for y := 0; y < oh; y++ {
		for x := 0; x < ow; x++ {
			var sx, sy int
			switch turn {
			case 2: // mirrored
				sx, sy = w-1-x, y
			case 3: // upside down
				sx, sy = w-1-x, h-1-y
			case 4: // mirrored upside down
				sx, sy = x, h-1-y
			case 5: // mirrored, a quarter turn
				sx, sy = y, x
			case 6: // a quarter turn clockwise
				sx, sy = y, h-1-x
			case 7:
				sx, sy = w-1-y, h-1-x
			case 8: // a quarter turn anticlockwise
				sx, sy = w-1-y, x
			}
			copy(out.Pix[out.PixOffset(x, y):out.PixOffset(x, y)+4], m.Pix[m.PixOffset(sx, sy):m.PixOffset(sx, sy)+4])
		}
	}
	return out
}
