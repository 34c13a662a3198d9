package picsize_test

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/picsize"
)

// webp is the header of a lossless WebP picture of that size.
func webp(w, h int) []byte {
	var b bytes.Buffer
	b.WriteString("RIFF")
	_ = binary.Write(&b, binary.LittleEndian, uint32(4+8+5))
	b.WriteString("WEBPVP8L")
	_ = binary.Write(&b, binary.LittleEndian, uint32(5))
	b.WriteByte(0x2f)
	_ = binary.Write(&b, binary.LittleEndian, uint32(w-1)|uint32(h-1)<<14)
	return b.Bytes()
}

// TestSizes reads each kind's size as its header (or root element) gives it.
func TestSizes(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 640, 360))
	var p, j, g bytes.Buffer
	if png.Encode(&p, img) != nil || jpeg.Encode(&j, img, nil) != nil || gif.Encode(&g, img, nil) != nil {
		t.Fatal("encoding the test pictures")
	}
	// a phone's photo: its size after 60 KB of metadata (an APP1 segment)
	photo := append([]byte{0xff, 0xd8, 0xff, 0xe1, 0xea, 0x62}, bytes.Repeat([]byte{0}, 0xea60)...)
	photo = append(photo, j.Bytes()[2:]...)
	// a photo taken upright: stored 640×360, its EXIF orientation 6
	// (turned a quarter), shown 360×640; in either byte order
	upright := func(order binary.ByteOrder, mark string, orientation uint16) []byte {
		var t bytes.Buffer
		t.WriteString(mark)
		_ = binary.Write(&t, order, uint16(42))
		_ = binary.Write(&t, order, uint32(8))
		_ = binary.Write(&t, order, uint16(2))                                 // two entries
		_ = binary.Write(&t, order, []uint16{0x010f, 2, 0, 4, 0, 0})           // the camera's make, first
		_ = binary.Write(&t, order, []uint16{0x0112, 3, 0, 1, orientation, 0}) // orientation
		_ = binary.Write(&t, order, uint32(0))                                 // no next directory
		seg := append([]byte("Exif\x00\x00"), t.Bytes()...)
		out := []byte{0xff, 0xd8, 0xff, 0xe1, byte((len(seg) + 2) >> 8), byte(len(seg) + 2)}
		return append(append(out, seg...), j.Bytes()[2:]...)
	}
	for _, c := range []struct {
		name, ext string
		data      []byte
		w, h      int
		ok        bool
	}{
		{"png", ".png", p.Bytes(), 640, 360, true},
		{"jpeg", ".JPG", j.Bytes(), 640, 360, true},
		{"photo with metadata", ".jpeg", photo, 640, 360, true},
		{"upright photo, Intel order", ".jpg", upright(binary.LittleEndian, "II", 6), 360, 640, true},
		{"upright photo, Motorola order", ".jpg", upright(binary.BigEndian, "MM", 8), 360, 640, true},
		{"photo upside down", ".jpg", upright(binary.BigEndian, "MM", 3), 640, 360, true},
		{"gif", ".gif", g.Bytes(), 640, 360, true},
		{"webp", ".webp", webp(1200, 800), 1200, 800, true},
		{"svg in pixels", ".svg", []byte(`<?xml version="1.0"?><!-- a drawing --><svg xmlns="http://www.w3.org/2000/svg" width="320px" height="180" viewBox="0 0 32 18"/>`), 320, 180, true},
		{"svg by its viewBox", ".svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0,0 360.4 640.6"><rect/></svg>`), 360, 641, true},
		{"svg without a size", ".svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>`), 0, 0, false},
		{"not an svg", ".svg", []byte(`<html><svg viewBox="0 0 1 1"/></html>`), 0, 0, false},
		{"absurd svg", ".svg", []byte(`<svg viewBox="0 0 1e9 10"/>`), 0, 0, false},
		{"png named jpg", ".jpg", p.Bytes(), 640, 360, true},
		{"truncated png", ".png", p.Bytes()[:12], 0, 0, false},
		{"pdf", ".pdf", []byte("%PDF-1.4"), 0, 0, false},
	} {
		w, h, ok := picsize.Of(bytes.NewReader(c.data), c.ext)
		if w != c.w || h != c.h || ok != c.ok {
			t.Errorf("%s: %d×%d %v, want %d×%d %v", c.name, w, h, ok, c.w, c.h, c.ok)
		}
	}
}

// A size past what is read is no size: the reader stops at MaxHeader.
func TestReadsOnlyTheHeader(t *testing.T) {
	svg := `<svg` + strings.Repeat(" ", picsize.MaxHeader) + `viewBox="0 0 10 10"/>`
	if _, _, ok := picsize.Of(strings.NewReader(svg), ".svg"); ok {
		t.Error("read past MaxHeader")
	}
}

func FuzzOf(f *testing.F) {
	f.Add([]byte(`<svg width="10" height="20"/>`), ".svg")
	f.Add(webp(3, 4), ".webp")
	f.Add([]byte("\x89PNG\r\n\x1a\n"), ".png")
	f.Fuzz(func(t *testing.T, data []byte, ext string) {
		if w, h, ok := picsize.Of(bytes.NewReader(data), ext); ok && (w < 1 || h < 1 || w > 1<<16 || h > 1<<16) {
			t.Errorf("%d×%d", w, h)
		}
	})
}
