package cartridge

import (
	"cmp"
	"encoding/json"
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"
)

// How an H5P content's parts are laid out on pages: an Interactive Book's
// chapters, a Course Presentation's slides, an Interactive Video's
// interactions, Image Hotspots' spots (see h5p.go).

// h5pBook is the part of an Interactive Book's parameters read.
type h5pBook struct {
	Cover struct {
		Description string      `json:"coverDescription"`
		Medium      *h5pContent `json:"coverMedium"`
	} `json:"bookCover"`
	Chapters []h5pContent `json:"chapters"`
}

// book makes an Interactive Book's items: its cover the introduction,
// each chapter a lesson.
func (h *h5pReader) book(raw json.RawMessage) []item {
	var b h5pBook
	if !decodeParams(raw, &b) {
		return nil
	}
	var items []item
	cover := &h5pPage{title: h.c.course.Title}
	if b.Cover.Medium != nil {
		h.content(*b.Cover.Medium, cover, 1, 2)
	}
	h.text(cover, b.Cover.Description)
	if strings.TrimSpace(cover.b.String()) != "" {
		h.pages++
		p := h.dir + h5pPageName + strconv.Itoa(h.pages) + ".label" // not a page: the module's introduction
		items = append(items, h.c.moodleText(p, moodleLabel, "", cover.b.String()))
	}
	for i, ch := range b.Chapters {
		if h5pKind(ch.Library) == "" {
			ch.Library = "H5P.Column"
		}
		title := strings.TrimSpace(firstNonEmpty(ch.Metadata.Title, h.c.course.Title+" "+strconv.Itoa(i+1)))
		pg := &h5pPage{title: title}
		h.content(ch, pg, 1, 2)
		if it, ok := h.page(pg, title); ok {
			items = append(items, it)
		}
	}
	return items
}

// bookSections adds an Interactive Book to one page (a Moodle activity's
// lesson): its cover, then each chapter a section under its title.
func (h *h5pReader) bookSections(raw json.RawMessage, pg *h5pPage) {
	var b h5pBook
	if !decodeParams(raw, &b) {
		return
	}
	if b.Cover.Medium != nil {
		h.content(*b.Cover.Medium, pg, 1, 2)
	}
	h.text(pg, b.Cover.Description)
	for _, ch := range b.Chapters {
		if h5pKind(ch.Library) == "" {
			ch.Library = "H5P.Column"
		}
		h.heading(pg, 2, ch.Metadata.Title)
		pg.section = strings.TrimSpace(ch.Metadata.Title)
		h.content(ch, pg, 1, 3)
		h.flush(pg)
	}
}

// slideElement is an element of a slide: its place (percent of the
// slide's width and height) and content.
type slideElement struct {
	X      h5pNumber  `json:"x"`
	Y      h5pNumber  `json:"y"`
	Action h5pContent `json:"action"`
}

// slides adds a Course Presentation's slides: each under its title (its
// first keyword), its elements from the top left, its questions one
// knowledge check.
func (h *h5pReader) slides(raw json.RawMessage, pg *h5pPage, depth, level int) {
	var p struct {
		Presentation struct {
			Slides []struct {
				Elements []slideElement `json:"elements"`
				Keywords []struct {
					Main string `json:"main"`
				} `json:"keywords"`
			} `json:"slides"`
		} `json:"presentation"`
	}
	if !decodeParams(raw, &p) {
		return
	}
	for _, s := range p.Presentation.Slides {
		title := ""
		if len(s.Keywords) > 0 {
			title = s.Keywords[0].Main
		}
		h.heading(pg, level, title)
		pg.section = strings.TrimSpace(title)
		slices.SortStableFunc(s.Elements, func(a, b slideElement) int {
			return cmpPlace(float64(a.Y), float64(a.X), float64(b.Y), float64(b.X))
		})
		for _, e := range s.Elements {
			h.content(e.Action, pg, depth+1, level+1)
		}
		h.flush(pg)
	}
}

// cmpPlace orders two places on a slide: the higher first, then the one
// further left (three percent of the height apart count as one line).
func cmpPlace(y1, x1, y2, x2 float64) int {
	switch {
	case y1 < y2-3:
		return -1
	case y2 < y1-3:
		return 1
	case x1 < x2:
		return -1
	case x2 < x1:
		return 1
	}
	return 0
}

// h5pInteraction is what an Interactive Video shows from a time on.
type h5pInteraction struct {
	Duration struct {
		From h5pNumber `json:"from"`
	} `json:"duration"`
	Action h5pContent `json:"action"`
}

// h5pBookmark is a chapter of an Interactive Video: where it starts.
type h5pBookmark struct {
	Time  h5pNumber `json:"time"`
	Label string    `json:"label"`
}

// interactiveVideo adds an Interactive Video: the video and its
// bookmarks (its chapters, each at its time), then what it shows on the
// way (texts, pictures, questions) in the order of its times, each under
// the time it appears at, then its summary task.
func (h *h5pReader) interactiveVideo(raw json.RawMessage, pg *h5pPage, depth, level int) {
	var p struct {
		Video struct {
			Video struct {
				Start struct {
					Title  string  `json:"title"`
					Poster h5pFile `json:"poster"`
				} `json:"startScreenOptions"`
				Files  []h5pFile `json:"files"`
				Tracks struct {
					Tracks []h5pTrack `json:"videoTrack"`
				} `json:"textTracks"`
			} `json:"video"`
			Assets struct {
				Interactions []h5pInteraction `json:"interactions"`
				Bookmarks    []h5pBookmark    `json:"bookmarks"`
			} `json:"assets"`
			Summary struct {
				Task h5pContent `json:"task"`
			} `json:"summary"`
		} `json:"interactiveVideo"`
	}
	if !decodeParams(raw, &p) {
		return
	}
	v := p.Video
	h.text(pg, h.creditedMedia(v.Video.Files, h5pRights{Title: v.Video.Start.Title}, v.Video.Start.Poster, v.Video.Tracks.Tracks))
	slices.SortStableFunc(v.Assets.Bookmarks, func(a, b h5pBookmark) int { return cmp.Compare(a.Time, b.Time) })
	var chapters strings.Builder
	for _, m := range v.Assets.Bookmarks {
		if label := strings.TrimSpace(m.Label); label != "" {
			chapters.WriteString("<li>" + videoTime(float64(m.Time)) + " " + html.EscapeString(label) + "</li>")
		}
	}
	if chapters.Len() > 0 {
		h.text(pg, "<ul>"+chapters.String()+"</ul>")
	}
	slices.SortStableFunc(v.Assets.Interactions, func(a, b h5pInteraction) int { return cmp.Compare(a.Duration.From, b.Duration.From) })
	for _, in := range v.Assets.Interactions {
		inner := &h5pPage{title: pg.title, section: pg.section}
		h.content(in.Action, inner, depth+1, level)
		h.flush(inner)
		if strings.TrimSpace(inner.b.String()) != "" { // a label alone shows nothing
			h.text(pg, "<p><em>"+videoTime(float64(in.Duration.From))+"</em></p>"+inner.b.String())
		}
	}
	h.content(v.Summary.Task, pg, depth+1, level)
}

// videoTime is a time in a video as players show it: "1:05", "1:02:09".
func videoTime(seconds float64) string {
	s := int(max(seconds, 0))
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// hotspots adds Image Hotspots: the picture, then each hotspot as a
// disclosure, its header the summary, its content (texts, pictures,
// videos, sounds) shown when opened, as pressing the hotspot does.
func (h *h5pReader) hotspots(raw json.RawMessage, pg *h5pPage, depth, level int) {
	var p struct {
		Image h5pFile `json:"image"`
		Alt   string  `json:"backgroundImageAltText"`
		Spots []struct {
			Header  string       `json:"header"`
			Content []h5pContent `json:"content"`
		} `json:"hotspots"`
	}
	if !decodeParams(raw, &p) {
		return
	}
	h.text(pg, h.creditedPicture(p.Image, p.Alt, false, h5pRights{}))
	for _, s := range p.Spots {
		inner := &h5pPage{title: pg.title}
		for _, c := range s.Content {
			h.content(c, inner, depth+1, level+1)
		}
		h.flush(inner)
		header := strings.TrimSpace(s.Header)
		if header == "" || strings.TrimSpace(inner.b.String()) == "" {
			h.text(pg, inner.b.String()) // nothing to open, or no name to open it by
			continue
		}
		h.text(pg, details(header, inner.b.String()))
	}
}

// column adds a Column's contents one after another.
func (h *h5pReader) column(raw json.RawMessage, pg *h5pPage, depth, level int) {
	var p struct {
		Content []struct {
			Content h5pContent `json:"content"`
		} `json:"content"`
	}
	if decodeParams(raw, &p) {
		for _, x := range p.Content {
			h.content(x.Content, pg, depth+1, level)
		}
	}
}

// accordion adds an Accordion's panels, each under its title.
func (h *h5pReader) accordion(raw json.RawMessage, pg *h5pPage, depth, level int) {
	var p struct {
		Panels []struct {
			Title   string     `json:"title"`
			Content h5pContent `json:"content"`
		} `json:"panels"`
	}
	if decodeParams(raw, &p) {
		for _, x := range p.Panels {
			h.heading(pg, level, x.Title)
			h.content(x.Content, pg, depth+1, level+1)
		}
	}
}

// imageSlider adds an Image Slider's pictures one after another (and an
// Image Slide's picture).
func (h *h5pReader) imageSlider(raw json.RawMessage, pg *h5pPage, depth, level int) {
	var p struct {
		Slides []h5pContent `json:"imageSlides"`
		Image  h5pContent   `json:"image"`
	}
	if decodeParams(raw, &p) {
		for _, x := range append(p.Slides, p.Image) {
			h.content(x, pg, depth+1, level)
		}
	}
}

// agamotto adds an Agamotto (pictures a slider blends one into the next:
// a room before and after, a plant week by week) as its title, then each
// picture in order under its label, with its description: the steps side
// by side in time, where a page cannot blend them.
func (h *h5pReader) agamotto(raw json.RawMessage, pg *h5pPage, depth, level int) {
	var p struct {
		Title string `json:"title"`
		Items []struct {
			Image       h5pContent `json:"image"`
			Label       string     `json:"labelText"`
			Description string     `json:"description"`
		} `json:"items"`
	}
	if !decodeParams(raw, &p) {
		return
	}
	if !sameWords(p.Title, pg.title) {
		h.heading(pg, level, plainText(p.Title))
	}
	for _, it := range p.Items {
		if label := plainText(it.Label); label != "" {
			h.text(pg, inBold(html.EscapeString(label)))
		}
		h.content(it.Image, pg, depth+1, level+1)
		h.textAt(pg, it.Description, level+1)
	}
}
