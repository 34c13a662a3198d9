package picresize_test

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"slices"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/picresize"
)

func TestWidthsAndAddresses(t *testing.T) {
	for _, c := range []struct {
		width, height int
		size          int64
		ext           string
		want          []int
	}{
		{4000, 3000, 3 << 20, ".jpg", []int{960, 1440}},
		{1800, 1200, 900 << 10, ".PNG", []int{960, 1440}},
		{1300, 900, 200 << 10, ".jpeg", []int{960}},
		{1100, 800, 150 << 10, ".jpg", nil},
		{801, 599, 314236, ".jpg", []int{801}}, // a scanner's JPEG: 0.65 bytes a pixel
		{801, 599, 314236, ".png", nil},
		{300, 300, 90 << 10, ".jpg", nil}, // heavy, but small anyway
		{4000, 3000, 3 << 20, ".gif", nil},
		{4000, 3000, 3 << 20, ".webp", nil},
	} {
		if got := picresize.Widths(c.width, c.height, c.size, c.ext); !slices.Equal(got, c.want) {
			t.Errorf("%d×%d %d %s: %v, want %v", c.width, c.height, c.size, c.ext, got, c.want)
		}
	}
	if got := picresize.URL("en/modules/x/Shop Front.JPG", 960); got != "_pictures/en/modules/x/Shop Front.960w.jpg" {
		t.Errorf("URL %q", got)
	}
}

// halves is a picture whose top half is red and bottom half blue.
func halves(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		c := color.RGBA{200, 0, 0, 255}
		if y >= h/2 {
			c = color.RGBA{0, 0, 200, 255}
		}
		for x := 0; x < w; x++ {
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

// withOrientation puts an EXIF segment with that orientation after a
// JPEG's first marker.
func withOrientation(j []byte, orientation uint16) []byte {
	var t bytes.Buffer
	t.WriteString("MM")
	_ = binary.Write(&t, binary.BigEndian, []uint16{42, 0, 8, 1, 0x0112, 3, 0, 1, orientation, 0, 0, 0})
	seg := append([]byte("Exif\x00\x00"), t.Bytes()...)
	out := []byte{0xff, 0xd8, 0xff, 0xe1, byte((len(seg) + 2) >> 8), byte(len(seg) + 2)}
	return append(append(out, seg...), j[2:]...)
}

// The copies have the widths asked for and the picture's proportions; a
// photo stored on its side (EXIF orientation 6) comes out upright, as a
// browser shows the original; a PNG keeps its transparency.
func TestMake(t *testing.T) {
	var j bytes.Buffer
	if err := jpeg.Encode(&j, halves(1000, 3000), nil); err != nil {
		t.Fatal(err)
	}
	// turned a quarter clockwise (6), the stored top (red) is on the
	// right; anticlockwise (8), on the left
	for _, turn := range []uint16{6, 8} {
		copies, err := picresize.Make(withOrientation(j.Bytes(), turn), ".jpg", []int{960, 1440})
		if err != nil || len(copies) != 2 {
			t.Fatalf("%d copies, %v", len(copies), err)
		}
		for i, want := range []image.Point{{960, 320}, {1440, 480}} {
			m, format, err := image.Decode(bytes.NewReader(copies[i]))
			if err != nil || format != "jpeg" || m.Bounds().Size() != want {
				t.Fatalf("copy %d: %v %s %v, want %v", i, m.Bounds(), format, err, want)
			}
			red, blue := m.At(want.X-10, want.Y/2), m.At(10, want.Y/2)
			if turn == 8 {
				red, blue = blue, red
			}
			if r, _, b, _ := red.RGBA(); r < b {
				t.Errorf("orientation %d, copy %d: %v where the top was, want red", turn, i, red)
			}
			if r, _, b, _ := blue.RGBA(); b < r {
				t.Errorf("orientation %d, copy %d: %v where the bottom was, want blue", turn, i, blue)
			}
		}
	}
	clear := image.NewNRGBA(image.Rect(0, 0, 2000, 1000))
	var p bytes.Buffer
	if err := png.Encode(&p, clear); err != nil {
		t.Fatal(err)
	}
	copies, err := picresize.Make(p.Bytes(), ".png", []int{960})
	if err != nil {
		t.Fatal(err)
	}
	m, format, err := image.Decode(bytes.NewReader(copies[0]))
	if err != nil || format != "png" || m.Bounds().Size() != (image.Point{960, 480}) {
		t.Fatalf("PNG copy %v %s %v", m.Bounds(), format, err)
	}
	if _, _, _, a := m.At(100, 100).RGBA(); a != 0 {
		t.Errorf("the PNG copy lost its transparency: alpha %d", a)
	}
	if _, err := picresize.Make([]byte("not a picture"), ".jpg", []int{960}); err == nil {
		t.Error("a broken file made copies")
	}
	// a PNG whose header claims 60,000 × 60,000 pixels (14 GB decoded) is refused unread
	bomb := append([]byte{}, p.Bytes()[:33]...)
	binary.BigEndian.PutUint32(bomb[16:], 60000)
	binary.BigEndian.PutUint32(bomb[20:], 60000)
	binary.BigEndian.PutUint32(bomb[29:], crc32.ChecksumIEEE(bomb[12:29]))
	if _, err := picresize.Make(bomb, ".png", []int{960}); err == nil || !strings.Contains(err.Error(), "60000×60000") {
		t.Errorf("a picture of 3.6 billion pixels: %v", err)
	}
}

// Upright gives a photo stored on its side (EXIF orientation 6) as a
// browser shows it, and refuses a picture of another kind.
func TestUpright(t *testing.T) {
	var j bytes.Buffer
	if err := jpeg.Encode(&j, halves(40, 120), nil); err != nil {
		t.Fatal(err)
	}
	m, format, err := picresize.Upright(withOrientation(j.Bytes(), 6))
	if err != nil || format != "jpeg" || m.Bounds().Size() != (image.Point{120, 40}) {
		t.Fatalf("%v %s %v, want 120×40 jpeg", m.Bounds(), format, err)
	}
	if r, _, b, _ := m.At(110, 20).RGBA(); r < b { // the stored top (red) on the right
		t.Errorf("%v on the right, want red", m.At(110, 20))
	}
	if _, _, err := picresize.Upright([]byte("GIF89a\x01\x00\x01\x00\x00\x00\x00")); err == nil {
		t.Error("a GIF was read")
	}
}

// screenshot is a picture like a screenshot of a program: a light page,
// a dark menu bar, lines of "text" (short dark runs) and a photo (a
// noisy gradient) on it.
func screenshot(w, h int) []byte {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	noise := uint32(1)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{250, 250, 250, 255}
			switch {
			case y < 60:
				c = color.RGBA{40, 44, 52, 255}
			case x > w/2 && y > h/3 && y < h-100:
				noise = noise*1664525 + 1013904223
				n := uint8(noise >> 27)
				c = color.RGBA{uint8(x*200/w) + n, uint8(y*200/h) + n, 120 + n, 255}
			case y%28 > 8 && y%28 < 20 && x > 80 && x < w-200 && (x*7+y/28*13)%23 < 14:
				c = color.RGBA{30, 30, 30, 255}
			}
			m.SetRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// BenchmarkMakeScreenshotCopies makes the two copies of a 1,920×1,080
// screenshot, as a first build does for each large picture of a course
// (bytes/op: the copies' size).
func BenchmarkMakeScreenshotCopies(b *testing.B) {
	data := screenshot(1920, 1080)
	b.ResetTimer()
	size := 0
	for b.Loop() {
		copies, err := picresize.Make(data, ".png", []int{960, 1440})
		if err != nil {
			b.Fatal(err)
		}
		size = len(copies[0]) + len(copies[1])
	}
	b.ReportMetric(float64(size), "copy-bytes")
}

// pngCopy returns the copy width pixels wide of m saved as a PNG, decoded.
func pngCopy(t *testing.T, m image.Image, width int) image.Image {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	copies, err := picresize.Make(buf.Bytes(), ".png", []int{width})
	if err != nil {
		t.Fatal(err)
	}
	c, _, err := image.Decode(bytes.NewReader(copies[0]))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Every pixel of the picture counts in its copy: lines one pixel wide,
// one in three (a table's rules, a screenshot's small text), become an
// even grey a third of the way to them, not lines that come and go
// (moiré) as when a few pixels are sampled.
func TestCopiesKeepFineLines(t *testing.T) {
	m := image.NewRGBA(image.Rect(0, 0, 2880, 300))
	for y := range 300 {
		for x := range 2880 {
			c := color.RGBA{255, 255, 255, 255}
			if x%3 == 1 {
				c = color.RGBA{30, 30, 30, 255}
			}
			m.SetRGBA(x, y, c)
		}
	}
	c := pngCopy(t, m, 960)
	lo, hi := uint32(255), uint32(0)
	for x := 2; x < 958; x++ { // the edges are averaged over fewer pixels
		r, _, _, _ := c.At(x, 50).RGBA()
		lo, hi = min(lo, r>>8), max(hi, r>>8)
	}
	if want := uint32(255 - 225/3); lo+2 < want || hi > want+2 {
		t.Errorf("the copy's row runs from %d to %d, want about %d throughout", lo, hi, want)
	}
}

// A transparent part's colour (a picture editor keeps one) does not
// bleed into the copy's opaque part, and half-transparent pixels keep
// their colour.
func TestCopiesOfTransparentPictures(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 2000, 400))
	for y := range 400 {
		for x := range 2000 {
			c := color.NRGBA{0, 255, 0, 0} // invisible green
			switch {
			case y >= 200:
				c = color.NRGBA{255, 0, 0, 128} // half-transparent red
			case x >= 1000:
				c = color.NRGBA{255, 0, 0, 255}
			}
			m.SetNRGBA(x, y, c)
		}
	}
	c := pngCopy(t, m, 960)
	for y := range c.Bounds().Dy() {
		for x := range c.Bounds().Dx() {
			n := color.NRGBAModel.Convert(c.At(x, y)).(color.NRGBA)
			if n.A > 0 && n.G > 0 {
				t.Fatalf("(%d, %d) is %v: the transparent green shows", x, y, n)
			}
		}
	}
	if n := color.NRGBAModel.Convert(c.At(480, 150)).(color.NRGBA); n != (color.NRGBA{255, 0, 0, 128}) {
		t.Errorf("a half-transparent red pixel's copy is %v", n)
	}
}
