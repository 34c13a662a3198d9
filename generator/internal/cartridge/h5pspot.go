package cartridge

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"path"
	"strconv"
	"strings"

	"github.com/oersite/oersite/generator/internal/picresize"
)

// Find the Hotspot and Find Multiple Hotspots (a picture on which the
// learner clicks the right places) become the task, the picture, and the
// solution to open: a copy of the picture with each right place circled
// as H5P draws it (a rectangle or an ellipse), then what Find the Hotspot
// says when a right place is found. The picture done with a finger on paper,
// checked against the copy.

// hotspotQuestion is what the two kinds share of their parameters.
// Find the Hotspot before version 1.8 keeps its picture in
// backgroundImageSettings itself, later ones in its backgroundImage.
type hotspotQuestion struct {
	Background struct {
		Title string  `json:"questionTitle"`
		Image h5pFile `json:"backgroundImage"`
		h5pFile
	} `json:"backgroundImageSettings"`
	Hotspots struct {
		Task  string `json:"taskDescription"`
		Spots []struct {
			User struct {
				Correct  h5pBool `json:"correct"`
				Feedback string  `json:"feedbackText"`
			} `json:"userSettings"`
			Place spotPlace `json:"computedSettings"`
		} `json:"hotspot"`
	} `json:"hotspotSettings"`
}

// spotPlace is where a place to click is on its picture, in percent of
// the picture's width and height from its top left, and its figure
// ("circle": the ellipse in that box; else the box).
type spotPlace struct {
	X      float64 `json:"x"`
	Y      float64 `json:"y"`
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
	Figure string  `json:"figure"`
}

// findTheHotspot adds a Find the Hotspot or Find Multiple Hotspots (see
// the top); false, and nothing added, without a picture or a right place.
func (h *h5pReader) findTheHotspot(kind string, raw json.RawMessage, pg *h5pPage, level int) bool {
	var p struct {
		One  hotspotQuestion `json:"imageHotspotQuestion"`
		Many hotspotQuestion `json:"imageMultipleHotspotQuestion"`
	}
	if !decodeParams(raw, &p) {
		return false
	}
	q := p.One
	if kind == "H5P.ImageMultipleHotspotQuestion" {
		q = p.Many
	}
	if q.Background.Image.Path == "" {
		q.Background.Image = q.Background.h5pFile
	}
	alt := plainText(q.Background.Title)
	if alt == "Image hotspot question" { // the editor's default: a name in the author's list
		alt = ""
	}
	var right []spotPlace
	var said strings.Builder
	for _, s := range q.Hotspots.Spots {
		if !s.User.Correct {
			continue
		}
		right = append(right, s.Place)
		// Find Multiple Hotspots' feedback begins a sentence H5P ends
		// ("Correct, you have found" 2 of 3 vegetables): not said alone
		if words := inlineHTML(s.User.Feedback); words != "" && kind != "H5P.ImageMultipleHotspotQuestion" && !strings.Contains(said.String(), "<p>"+words+"</p>") {
			said.WriteString("<p>" + words + "</p>")
		}
	}
	pic := h.creditedPicture(q.Background.Image, alt, false, h5pRights{})
	if pic == "" || len(right) == 0 {
		return false
	}
	h.textAt(pg, q.Hotspots.Task, level)
	h.text(pg, pic)
	h.text(pg, solutionToOpen(h.markedPicture(q.Background.Image, right, alt)+said.String()))
	return true
}

// markedPicture is a copy of a JPEG or PNG picture of the content with
// each of spots circled, as HTML (see picture), its file added to the
// content's beside the picture; "" for a picture it cannot read.
func (h *h5pReader) markedPicture(file h5pFile, spots []spotPlace, alt string) string {
	src := h.localPath(file.Path)
	if src == "" {
		return ""
	}
	name, _ := h.file(src)
	data, err := h.c.read(name)
	if err != nil || data == nil {
		return ""
	}
	out, ok := drawSpots(data, spots)
	if !ok {
		return ""
	}
	ext := path.Ext(src)
	copyPath := strings.TrimSuffix(src, ext) + "-solution" + ext
	for n := 2; h.c.has(path.Join(h.dir, copyPath)); n++ {
		copyPath = strings.TrimSuffix(src, ext) + "-solution-" + strconv.Itoa(n) + ext
	}
	h.c.mem[path.Join(h.dir, copyPath)] = out
	return h.picture(h5pFile{Path: copyPath}, alt, false)
}

// drawSpots draws spots on a JPEG or PNG picture, upright as it shows (the
// places are where H5P shows them), and encodes it as it was; false for a
// picture picresize.Upright does not read.
func drawSpots(data []byte, spots []spotPlace) ([]byte, bool) {
	m, format, err := picresize.Upright(data)
	if err != nil {
		return nil, false
	}
	line := max(4, max(m.Bounds().Dx(), m.Bounds().Dy())/70) // about 5 pixels on a phone's screen
	for _, s := range spots {
		outline(m, s, line)
	}
	var buf bytes.Buffer
	if format == "png" {
		err = png.Encode(&buf, m)
	} else {
		err = jpeg.Encode(&buf, m, &jpeg.Options{Quality: 88})
	}
	return buf.Bytes(), err == nil
}

// The colours of a circled place: a yellow line between two dark ones,
// seen on a light picture and a dark one alike.
var (
	spotLine = color.RGBA{R: 0xff, G: 0xd4, A: 0xff}
	spotEdge = color.RGBA{R: 0x1a, G: 0x1a, B: 0x1a, A: 0xff}
)

// outline draws a place's figure on m, its line width wide, just outside
// the place so that what is there stays seen.
func outline(m *image.RGBA, s spotPlace, width int) {
	w, h := float64(m.Bounds().Dx()), float64(m.Bounds().Dy())
	x0, y0 := clampPercent(s.X)*w/100, clampPercent(s.Y)*h/100
	x1, y1 := clampPercent(s.X+s.Width)*w/100, clampPercent(s.Y+s.Height)*h/100
	if x1-x0 < 1 || y1-y0 < 1 {
		return
	}
	lw := float64(width)
	// how far a pixel is outside the figure, in pixels (negative inside)
	outside := func(x, y float64) float64 {
		if s.Figure == "circle" {
			cx, cy, rx, ry := (x0+x1)/2, (y0+y1)/2, (x1-x0)/2, (y1-y0)/2
			dx, dy := (x-cx)/rx, (y-cy)/ry
			return (math.Sqrt(dx*dx+dy*dy) - 1) * min(rx, ry)
		}
		return max(x0-x, x-x1, y0-y, y-y1)
	}
	edge := lw / 5
	for y := max(0, int(y0-lw-2)); y < min(int(h), int(y1+lw+2)); y++ {
		for x := max(0, int(x0-lw-2)); x < min(int(w), int(x1+lw+2)); x++ {
			d := outside(float64(x)+0.5, float64(y)+0.5)
			switch {
			case d < 0 || d > lw:
			case d < edge || d > lw-edge:
				m.SetRGBA(x, y, spotEdge)
			default:
				m.SetRGBA(x, y, spotLine)
			}
		}
	}
}

// clampPercent keeps a percentage of the picture in 0–100.
func clampPercent(v float64) float64 { return min(max(v, 0), 100) }
