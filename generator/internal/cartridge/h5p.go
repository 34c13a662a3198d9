package cartridge

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"html"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/oersite/oersite/generator/internal/diag"
)

// An H5P file (.h5p: what H5P.org, Lumi, Moodle's content bank and the
// WordPress and Drupal plugins export) is a zip of h5p.json (the title,
// main library, licence, authors and the original's address),
// content/content.json (the main library's parameters, other libraries'
// nested in them as {"library": "H5P.Image 1.1", "params": {...}}) and the
// files under content/; the libraries' own scripts beside them are not
// read. It becomes one module titled as the content: an Interactive Book's
// chapters its lessons (its cover the module's introduction), anything
// else one lesson. Texts, tables, pictures, videos, sounds, links,
// accordions, columns, slides and a video's interactions are shown in
// reading order (an image slider's pictures one after another);
// multiple-choice, true/false, single-choice sets, question sets and
// summaries become knowledge checks at their place, each answer with its
// feedback; each dialog card or flashcard a disclosure, its back shown
// when opened; fill in the blanks, drag the words and mark the words their
// text with gaps and the solution as a disclosure; image hotspots the
// picture and a disclosure per hotspot; a chart its values as a list; an
// essay its task and sample answer; other kinds (drag and drop, find the
// hotspot) are named.

// h5pMeta is the part of h5p.json read.
type h5pMeta struct {
	Title          string `json:"title"`
	MainLibrary    string `json:"mainLibrary"`
	License        string `json:"license"`
	LicenseVersion string `json:"licenseVersion"`
	Source         string `json:"source"`
	Authors        []struct {
		Name string `json:"name"`
	} `json:"authors"`
}

// h5pContent is a library's content nested in another's parameters.
type h5pContent struct {
	Library  string          `json:"library"` // "H5P.MultiChoice 1.16"
	Params   json.RawMessage `json:"params"`
	Metadata struct {
		Title string `json:"title"`
	} `json:"metadata"`
}

// h5pFile is a file of the content (its path from content/, or an
// address on another host).
type h5pFile struct {
	Path string `json:"path"`
	Mime string `json:"mime"`
}

// maxH5PDepth bounds how deep contents nest (a book's column's question
// set's question's picture is five).
const maxH5PDepth = 16

// h5pPageName names the pages the reader makes, in the folder of the
// content's files (whose paths are relative to it).
const h5pPageName = "oersite-h5p-"

var errH5POther = diag.Phrasef("H5P contents a page cannot hold (drag and drop, hotspots): %s", "")

// h5pKinds names the kinds of content not read, as H5P's hub does.
var h5pKinds = map[string]string{
	"H5P.DragQuestion": "Drag and Drop", "H5P.ImageHotspotQuestion": "Find the Hotspot",
	"H5P.ArithmeticQuiz": "Arithmetic Quiz", "H5P.ImageSequencing": "Image Sequencing",
	"H5P.ImagePair": "Image Pairing", "H5P.MemoryGame": "Memory Game", "H5P.Crossword": "Crossword",
	"H5P.FindTheWords": "Find the Words", "H5P.SpeakTheWords": "Speak the Words", "H5P.IFrameEmbed": "Iframe Embedder",
	"H5P.BranchingScenario": "Branching Scenario", "H5P.GameMap": "Game Map",
	"H5P.ThreeImage": "Virtual Tour (360)", "H5P.GoToQuestion": "Crossroads", "H5P.IVHotspot": "Navigation Hotspot", "H5P.Questionnaire": "Questionnaire",
}

// readH5P reads an H5P file (its files are in c.files).
func (c *reader) readH5P() (*Course, error) {
	data, err := c.read("h5p.json")
	if err != nil {
		return nil, err
	}
	var meta h5pMeta
	if err := json.Unmarshal(data, &meta); err != nil && !isTypeError(err) {
		return nil, fmt.Errorf("h5p.json: %w", err)
	}
	params, err := c.read("content/content.json")
	if err != nil {
		return nil, err
	}
	if params == nil {
		return nil, errors.New("not an H5P file: it has no content/content.json")
	}
	c.course.Title = strings.TrimSpace(firstNonEmpty(meta.Title, "H5P"))
	o := meta.origin()
	c.course.Rights, c.course.Authors, c.course.Source = o.Rights, o.Authors, o.Source
	h := &h5pReader{c: c, dir: "content/"}
	main := h5pContent{Library: meta.MainLibrary, Params: params}
	folder := item{Title: c.course.Title}
	if h5pKind(main.Library) == "H5P.InteractiveBook" {
		folder.Items = h.book(main.Params)
	} else {
		pg := &h5pPage{title: c.course.Title}
		h.content(main, pg, 0, 2)
		if it, ok := h.page(pg, c.course.Title); ok {
			folder.Items = append(folder.Items, it)
		}
	}
	if len(folder.Items) == 0 {
		return c.course, nil
	}
	if err := c.modules([]item{{Items: []item{folder}}}, nil); err != nil {
		return nil, err
	}
	return c.course, nil
}

// origin is what h5p.json says of the content's rights.
func (m h5pMeta) origin() *Origin {
	o := &Origin{Rights: h5pLicence(m.License, m.LicenseVersion), Source: strings.TrimSpace(m.Source)}
	for _, a := range m.Authors {
		if name := strings.TrimSpace(a.Name); name != "" && !slices.Contains(o.Authors, name) {
			o.Authors = append(o.Authors, name)
		}
	}
	return o
}

// h5pLicence is the licence h5p.json names ("CC BY-SA" and "4.0"), as a
// statement site.LicenceIn reads; "" when it names none ("U":
// undisclosed, H5P's default).
func h5pLicence(licence, version string) string {
	licence, version = strings.TrimSpace(licence), strings.TrimSpace(version)
	switch licence {
	case "", "U":
		return ""
	case "C":
		return "Copyright (all rights reserved)"
	case "CC PDM", "PD":
		return "Public Domain Mark 1.0"
	}
	if version != "" && !strings.HasSuffix(licence, version) {
		return licence + " " + version
	}
	return licence
}

// decodeParams decodes JSON into v, keeping what fits when a value has
// another type than v's field (H5P's editors leave odd values, such as a
// string where an element's content goes: one must not lose the rest);
// false when raw is not JSON.
func decodeParams(raw []byte, v any) bool {
	err := json.Unmarshal(raw, v)
	return err == nil || isTypeError(err)
}

// isTypeError says whether err is JSON of a type other than the value's.
func isTypeError(err error) bool {
	var typeErr *json.UnmarshalTypeError
	return errors.As(err, &typeErr)
}

// h5pKind is a library's machine name, without its version.
func h5pKind(library string) string {
	kind, _, _ := strings.Cut(strings.TrimSpace(library), " ")
	return kind
}

// h5pReader makes the pages of one H5P content, whose files are in dir
// ("content/" in an H5P file), beside the pages.
type h5pReader struct {
	c      *reader
	dir    string
	pages  int // pages made
	checks int // knowledge checks made
}

// file is the course's path of a file of the content, by its path from
// the content's folder; false when that path leaves the folder.
func (h *h5pReader) file(p string) (string, bool) {
	f := path.Join(h.dir, p) // no slash at its end: the folder itself is not in it
	return f, strings.HasPrefix(f, h.dir)
}

// h5pPage is a page being made: its title, its HTML, and the questions
// waiting to be one knowledge check (titled checkTitle, or as the section
// or page).
type h5pPage struct {
	title      string
	section    string // the title of the slide or chapter being read
	b          strings.Builder
	questions  []string
	checkTitle string
}

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

// page makes a lesson's page of pg, titled title; false when it is empty.
func (h *h5pReader) page(pg *h5pPage, title string) (item, bool) {
	h.flush(pg)
	if strings.TrimSpace(pg.b.String()) == "" {
		return item{}, false
	}
	h.pages++
	p := h.dir + h5pPageName + strconv.Itoa(h.pages) + ".html"
	return h.c.moodleText(p, "webcontent", title, pg.b.String()), true
}

// flush writes the questions waiting as one knowledge check.
func (h *h5pReader) flush(pg *h5pPage) {
	if md := checkBlock(firstNonEmpty(pg.checkTitle, pg.section, pg.title, h.c.course.Title), pg.questions); md != "" {
		h.checks++
		key := h.dir + "#" + strconv.Itoa(h.checks) // unique in the course
		h.c.checks[key] = md
		pg.b.WriteString("<" + checkElement + ` data-n="` + key + `"></` + checkElement + ">\n")
	}
	pg.questions, pg.checkTitle = nil, ""
}

// text adds a text (HTML) to the page, after the questions before it.
func (h *h5pReader) text(pg *h5pPage, s string) { h.textAt(pg, s, 2) }

// textAt adds a text whose own headings go under the level's (a text on
// a slide or in a chapter's section: its h2 an h3).
func (h *h5pReader) textAt(pg *h5pPage, s string, level int) {
	if strings.TrimSpace(s) == "" {
		return
	}
	h.flush(pg)
	s = wellFormed(s, "")
	if shift := level - 2; shift > 0 {
		s = headingTag.ReplaceAllStringFunc(s, func(tag string) string {
			n := int(tag[len(tag)-1]-'0') + shift
			return tag[:len(tag)-1] + strconv.Itoa(min(n, 6))
		})
	}
	pg.b.WriteString(s + "\n")
}

// headingTag matches a heading's tags in well-formed HTML.
var headingTag = regexp.MustCompile(`</?h[1-6]`)

// heading adds a heading of level (2 to 6) to the page.
func (h *h5pReader) heading(pg *h5pPage, level int, s string) {
	if s = strings.TrimSpace(s); s == "" {
		return
	}
	h.flush(pg)
	tag := "h" + strconv.Itoa(min(max(level, 2), 6))
	pg.b.WriteString("<" + tag + ">" + html.EscapeString(s) + "</" + tag + ">\n")
}

// question adds a question (Markdown) to the check being made. (A
// question's own title is a name in the author's list, "Untitled Multiple
// Choice", not one for learners.)
func (pg *h5pPage) question(md string) {
	if md != "" {
		pg.questions = append(pg.questions, md)
	}
}

// content adds one library's content to the page, its headings at level
// (see the top for what each kind becomes).
func (h *h5pReader) content(ct h5pContent, pg *h5pPage, depth, level int) {
	if depth > maxH5PDepth || len(ct.Params) == 0 {
		return
	}
	kind := h5pKind(ct.Library)
	switch kind {
	case "H5P.AdvancedText", "H5P.Text", "H5P.ContinuousText", "H5P.Table":
		var p struct {
			Text string `json:"text"`
		}
		if decodeParams(ct.Params, &p) {
			h.textAt(pg, p.Text, level)
		}
	case "H5P.Image":
		h.text(pg, h.imageParams(ct.Params, false))
	case "H5P.ImageSlider", "H5P.ImageSlide":
		var p struct {
			Slides []h5pContent `json:"imageSlides"`
			Image  h5pContent   `json:"image"`
		}
		if decodeParams(ct.Params, &p) {
			for _, x := range append(p.Slides, p.Image) {
				h.content(x, pg, depth+1, level)
			}
		}
	case "H5P.Nil": // an Interactive Video's label, which says nothing of its own
	case "H5P.Video":
		var p struct {
			Sources []h5pFile `json:"sources"`
		}
		if decodeParams(ct.Params, &p) {
			h.text(pg, h.media(p.Sources, ct.Metadata.Title))
		}
	case "H5P.Audio":
		var p struct {
			Files []h5pFile `json:"files"`
		}
		if decodeParams(ct.Params, &p) {
			h.text(pg, h.media(p.Files, ct.Metadata.Title))
		}
	case "H5P.Link":
		var p struct {
			Title string `json:"title"`
			URL   struct {
				Protocol string `json:"protocol"`
				URL      string `json:"url"`
			} `json:"linkWidget"`
		}
		if decodeParams(ct.Params, &p) {
			h.link(pg, p.Title, p.URL.Protocol, p.URL.URL)
		}
	case "H5P.Column":
		var p struct {
			Content []struct {
				Content h5pContent `json:"content"`
			} `json:"content"`
		}
		if decodeParams(ct.Params, &p) {
			for _, x := range p.Content {
				h.content(x.Content, pg, depth+1, level)
			}
		}
	case "H5P.Accordion":
		var p struct {
			Panels []struct {
				Title   string     `json:"title"`
				Content h5pContent `json:"content"`
			} `json:"panels"`
		}
		if decodeParams(ct.Params, &p) {
			for _, x := range p.Panels {
				h.heading(pg, level, x.Title)
				h.content(x.Content, pg, depth+1, level+1)
			}
		}
	case "H5P.CoursePresentation":
		h.slides(ct.Params, pg, depth, level)
	case "H5P.InteractiveVideo":
		h.interactiveVideo(ct.Params, pg, depth, level)
	case "H5P.ImageHotspots":
		h.hotspots(ct.Params, pg, depth, level)
	case "H5P.Collage":
		var p struct {
			Collage struct {
				Clips []struct {
					Image h5pFile `json:"image"`
					Alt   string  `json:"alt"`
				} `json:"clips"`
			} `json:"collage"`
		}
		if decodeParams(ct.Params, &p) {
			for _, clip := range p.Collage.Clips {
				h.text(pg, h.picture(clip.Image, clip.Alt, false))
			}
		}
	case "H5P.Chart":
		h.chart(ct.Params, pg)
	case "H5P.Timeline":
		h.timeline(ct.Params, pg, level)
	case "H5P.Essay":
		h.essay(ct.Params, pg, level)
	case "H5P.Blanks", "H5P.DragText", "H5P.MarkTheWords":
		h.gaps(kind, ct.Params, pg, level)
	case "H5P.DialogCards", "H5P.Flashcards":
		h.cards(ct.Params, pg)
	case "H5P.MultiChoice":
		pg.question(h.multiChoice(ct.Params))
	case "H5P.TrueFalse":
		pg.question(h.trueFalse(ct.Params))
	case "H5P.SingleChoiceSet":
		h.singleChoiceSet(ct.Params, pg)
	case "H5P.Summary":
		h.summary(ct.Params, pg)
	case "H5P.QuestionSet":
		h.questionSet(ct.Params, pg, depth)
	default:
		name := h5pKinds[kind]
		if name == "" {
			name = strings.TrimPrefix(kind, "H5P.")
		}
		if t := strings.TrimSpace(ct.Metadata.Title); t != "" && !strings.HasPrefix(t, "Untitled") {
			name += ": " + t
		}
		if name != "" {
			h.c.leftNamed(errH5POther, name)
		}
	}
}

// h5pNumber is a number H5P writes as a number or, in older files, as a
// string; 0 when it is neither.
type h5pNumber float64

// UnmarshalJSON reads a number or a string holding one.
func (n *h5pNumber) UnmarshalJSON(data []byte) error {
	s := strings.Trim(strings.TrimSpace(string(data)), `"`)
	f, err := strconv.ParseFloat(s, 64)
	if err == nil {
		*n = h5pNumber(f)
	}
	return nil
}

// h5pBool is true or false as H5P writes it: a JSON boolean, or in some
// editors' files a string.
type h5pBool bool

// UnmarshalJSON reads true, "true" or "1" as true.
func (b *h5pBool) UnmarshalJSON(data []byte) error {
	s := strings.Trim(strings.TrimSpace(string(data)), `"`)
	*b = h5pBool(s == "true" || s == "1")
	return nil
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

// interactiveVideo adds an Interactive Video: the video, then what it
// shows on the way (texts, pictures, questions) in the order of its
// times, then its summary task.
func (h *h5pReader) interactiveVideo(raw json.RawMessage, pg *h5pPage, depth, level int) {
	var p struct {
		Video struct {
			Video struct {
				Start struct {
					Title string `json:"title"`
				} `json:"startScreenOptions"`
				Files []h5pFile `json:"files"`
			} `json:"video"`
			Assets struct {
				Interactions []h5pInteraction `json:"interactions"`
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
	h.text(pg, h.media(v.Video.Files, v.Video.Start.Title))
	slices.SortStableFunc(v.Assets.Interactions, func(a, b h5pInteraction) int {
		return cmpPlace(float64(a.Duration.From), 0, float64(b.Duration.From), 0)
	})
	for _, in := range v.Assets.Interactions {
		h.content(in.Action, pg, depth+1, level)
	}
	h.content(v.Summary.Task, pg, depth+1, level)
}

// h5pInteraction is what an Interactive Video shows from a time on.
type h5pInteraction struct {
	Duration struct {
		From h5pNumber `json:"from"`
	} `json:"duration"`
	Action h5pContent `json:"action"`
}

// media is a link to the first of files the content holds (a video or
// sound, which the site plays where the link is), or to one on another
// host (YouTube, Vimeo), in words of title; "" for none.
func (h *h5pReader) media(files []h5pFile, title string) string {
	for _, f := range files {
		p := strings.TrimSpace(strings.TrimSuffix(f.Path, "#tmp"))
		if remote := strings.Contains(p, "://"); p == "" || remote && !safeAddress(p) {
			continue
		} else if f, ok := h.file(p); !remote && (!ok || !h.c.has(f)) {
			continue
		}
		return `<p><a href="` + html.EscapeString(p) + `">` + html.EscapeString(firstNonEmpty(strings.TrimSpace(title), path.Base(p))) + "</a></p>"
	}
	return ""
}

// imageParams is the picture an H5P.Image's parameters show (HTML); in a
// question (asFile), addressed as a file of the H5P file for placeFiles.
func (h *h5pReader) imageParams(raw json.RawMessage, asFile bool) string {
	var p struct {
		File       h5pFile `json:"file"`
		Alt        string  `json:"alt"`
		Decorative bool    `json:"decorative"`
	}
	if !decodeParams(raw, &p) {
		return ""
	}
	if p.Decorative {
		p.Alt = ""
	}
	return h.picture(p.File, p.Alt, asFile)
}

// picture is a picture of the content (a file of it, or on another host)
// described by alt, as HTML (see imageParams); "" for none.
func (h *h5pReader) picture(file h5pFile, alt string, asFile bool) string {
	src := strings.TrimSpace(strings.TrimSuffix(file.Path, "#tmp"))
	if src == "" {
		return ""
	}
	if !strings.Contains(src, "://") {
		f, ok := h.file(src)
		if !ok {
			return ""
		}
		if asFile {
			src = fileScheme + f
		}
	}
	return `<p><img src="` + html.EscapeString(src) + `" alt="` + html.EscapeString(strings.TrimSpace(alt)) + `"></p>`
}

// link adds a link of H5P.Link (http and https only).
func (h *h5pReader) link(pg *h5pPage, title, protocol, address string) {
	address = strings.TrimSpace(address)
	if !strings.Contains(address, "://") {
		address = firstNonEmpty(strings.TrimSpace(protocol), "https://") + address
	}
	if !safeAddress(address) || strings.HasPrefix(address, "mailto:") {
		return
	}
	h.text(pg, `<p><a href="`+html.EscapeString(address)+`">`+html.EscapeString(firstNonEmpty(strings.TrimSpace(title), address))+"</a></p>")
}

// cards adds Dialog Cards or Flashcards: the task, then each card as a
// disclosure, its front the summary, its back (with its picture) shown
// when opened, as turning the card over does.
func (h *h5pReader) cards(raw json.RawMessage, pg *h5pPage) {
	type card struct {
		Text   string          `json:"text"`
		Answer string          `json:"answer"`
		Image  json.RawMessage `json:"image"`
	}
	var p struct {
		Title       string `json:"title"`
		Description string `json:"description"`
		Dialogs     []card `json:"dialogs"`
		Cards       []card `json:"cards"`
	}
	if !decodeParams(raw, &p) {
		return
	}
	h.text(pg, p.Title)
	h.text(pg, p.Description)
	for _, cd := range append(p.Dialogs, p.Cards...) {
		front := inlineHTML(cd.Text)
		if front == "" {
			continue
		}
		back := wellFormed(cd.Answer, "")
		if len(cd.Image) > 0 {
			back = h.imageParams(cd.Image, false) + back
		}
		h.text(pg, "<details><summary>"+front+"</summary>"+back+"</details>")
	}
}

// inlineHTML is a short text's HTML without its block elements (a card's
// front is one line).
func inlineHTML(s string) string {
	s = wellFormed(s, "")
	for _, tag := range []string{"p", "div"} {
		s = strings.ReplaceAll(s, "<"+tag+">", " ")
		s = strings.ReplaceAll(s, "</"+tag+">", " ")
	}
	return strings.TrimSpace(s)
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
	h.text(pg, h.picture(p.Image, p.Alt, false))
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
		h.text(pg, "<details><summary>"+html.EscapeString(header)+"</summary>"+inner.b.String()+"</details>")
	}
}

// chart adds a Chart as what it shows: its description, then each value
// with its label (a list a screen reader reads, where the drawing says
// nothing).
func (h *h5pReader) chart(raw json.RawMessage, pg *h5pPage) {
	var p struct {
		Definition string `json:"figureDefinition"`
		Values     []struct {
			Text  string    `json:"text"`
			Value h5pNumber `json:"value"`
		} `json:"listOfTypes"`
	}
	if !decodeParams(raw, &p) || len(p.Values) == 0 {
		return
	}
	var b strings.Builder
	for _, v := range p.Values {
		b.WriteString("<li>" + html.EscapeString(strings.TrimSpace(v.Text)) + ": " + strconv.FormatFloat(float64(v.Value), 'f', -1, 64) + "</li>")
	}
	h.text(pg, "<p>"+html.EscapeString(strings.TrimSpace(p.Definition))+"</p><ul>"+b.String()+"</ul>")
}

// timeline adds a Timeline: its headline and text, then each event in
// the order of its dates, under its date and headline.
func (h *h5pReader) timeline(raw json.RawMessage, pg *h5pPage, level int) {
	type event struct {
		Start    string `json:"startDate"`
		End      string `json:"endDate"`
		Headline string `json:"headline"`
		Text     string `json:"text"`
	}
	var p struct {
		Timeline struct {
			Headline string  `json:"headline"`
			Text     string  `json:"text"`
			Dates    []event `json:"date"`
		} `json:"timeline"`
	}
	if !decodeParams(raw, &p) {
		return
	}
	t := p.Timeline
	h.heading(pg, level, t.Headline)
	h.textAt(pg, t.Text, level+1)
	slices.SortStableFunc(t.Dates, func(a, b event) int { return strings.Compare(timelineDate(a.Start), timelineDate(b.Start)) })
	for _, e := range t.Dates {
		when := timelineDate(e.Start)
		if end := timelineDate(e.End); end != "" && end != when {
			when += "–" + end
		}
		h.heading(pg, level+1, strings.TrimSpace(when+" "+strings.TrimSpace(e.Headline)))
		h.textAt(pg, e.Text, level+2)
	}
}

// timelineDate is a Timeline's date ("1969,7,20": year, month, day) as
// ISO 8601 writes it, which reads alike in every language ("1969-07-20").
func timelineDate(s string) string {
	parts := strings.Split(strings.TrimSpace(s), ",")
	var out []string
	for i, p := range parts {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || i > 2 {
			break
		}
		if i == 0 {
			out = append(out, strconv.Itoa(n))
		} else {
			out = append(out, fmt.Sprintf("%02d", n))
		}
	}
	return strings.Join(out, "-")
}

// essay adds an Essay as a task to write: its picture and task, then its
// sample answer as a disclosure labelled as the content labels it.
func (h *h5pReader) essay(raw json.RawMessage, pg *h5pPage, level int) {
	var p struct {
		Media struct {
			Type h5pContent `json:"type"`
		} `json:"media"`
		Task     string `json:"taskDescription"`
		Solution struct {
			Introduction string `json:"introduction"`
			Sample       string `json:"sample"`
		} `json:"solution"`
		SolutionTitle string `json:"solutionTitle"`
		ShowSolution  string `json:"showSolution"`
	}
	if !decodeParams(raw, &p) {
		return
	}
	h.content(p.Media.Type, pg, 1, level)
	h.textAt(pg, p.Task, level)
	if strings.TrimSpace(p.Solution.Sample) != "" {
		label := strings.TrimSpace(firstNonEmpty(p.SolutionTitle, p.ShowSolution, "Sample solution"))
		h.text(pg, "<details><summary>"+html.EscapeString(label)+"</summary>"+wellFormed(p.Solution.Introduction, "")+wellFormed(p.Solution.Sample, "")+"</details>")
	}
}

// gapWord matches a word to find in a text of Fill in the Blanks, Drag the
// Words or Mark the Words: *answer*, *answer/other answer:tip*.
var gapWord = regexp.MustCompile(`\*([^*\n]+)\*`)

// gaps adds Fill in the Blanks or Drag the Words as a text with a gap for
// each word to find, or Mark the Words as its text, then the solution as
// a disclosure (labelled as the content labels its own button) that
// shows each word found in bold: the task done on paper or in the head.
func (h *h5pReader) gaps(kind string, raw json.RawMessage, pg *h5pPage, level int) {
	var p struct {
		Text        string   `json:"text"`
		Questions   []string `json:"questions"`
		Task        string   `json:"taskDescription"`
		TextField   string   `json:"textField"`
		Solutions   string   `json:"showSolutions"`
		Solution    string   `json:"showSolution"`
		SolutionBtn string   `json:"showSolutionButton"`
	}
	if !decodeParams(raw, &p) {
		return
	}
	texts := p.Questions
	if kind != "H5P.Blanks" {
		texts = []string{p.TextField}
		if kind == "H5P.DragText" { // plain text, a line each
			texts = strings.Split(html.EscapeString(p.TextField), "\n")
		}
	}
	var task, solution strings.Builder
	for _, t := range texts {
		if !gapWord.MatchString(t) {
			continue
		}
		task.WriteString("<p>" + inlineHTML(gapWord.ReplaceAllStringFunc(t, func(m string) string {
			if kind == "H5P.MarkTheWords" {
				return strings.Trim(m, "*")
			}
			return "……" // a gap, as printed exercises mark it
		})) + "</p>")
		solution.WriteString("<p>" + inlineHTML(gapWord.ReplaceAllStringFunc(t, func(m string) string {
			answer, _, _ := strings.Cut(strings.Trim(m, "*"), ":") // the tip after the colon is not the answer
			answer, _, _ = strings.Cut(answer, "/")                // the first of the right answers
			return "<strong>" + strings.TrimSpace(answer) + "</strong>"
		})) + "</p>")
	}
	if task.Len() == 0 {
		h.c.leftNamed(errH5POther, map[string]string{"H5P.Blanks": "Fill in the Blanks", "H5P.DragText": "Drag the Words", "H5P.MarkTheWords": "Mark the Words"}[kind])
		return
	}
	h.textAt(pg, firstNonEmpty(p.Task, p.Text), level)
	h.text(pg, task.String())
	label := strings.TrimSpace(firstNonEmpty(p.Solutions, p.Solution, p.SolutionBtn, "Show solution"))
	h.text(pg, "<details><summary>"+html.EscapeString(label)+"</summary>"+solution.String()+"</details>")
}

// questionText is a question's text with its picture (media: an
// H5P.Image) under it.
func (h *h5pReader) questionText(text string, media json.RawMessage) string {
	var m struct {
		Type h5pContent `json:"type"`
	}
	if len(media) > 0 && decodeParams(media, &m) && h5pKind(m.Type.Library) == "H5P.Image" {
		text += h.imageParams(m.Type.Params, true)
	}
	return text
}

// multiChoice is an H5P.MultiChoice as a question (see choiceMarkdown).
func (h *h5pReader) multiChoice(raw json.RawMessage) string {
	var p struct {
		Question string          `json:"question"`
		Media    json.RawMessage `json:"media"`
		Answers  []struct {
			Text     string  `json:"text"`
			Correct  h5pBool `json:"correct"`
			Feedback struct {
				Chosen string `json:"chosenFeedback"`
			} `json:"tipsAndFeedback"`
		} `json:"answers"`
	}
	if !decodeParams(raw, &p) {
		return ""
	}
	var choices []choice
	for _, a := range p.Answers {
		choices = append(choices, choice{text: a.Text, feedback: a.Feedback.Chosen, right: bool(a.Correct)})
	}
	return h.c.choiceMarkdown(h.questionText(p.Question, p.Media), h.c.course.Title, choices)
}

// trueFalse is an H5P.TrueFalse as a question of two answers, in the
// content's words ("True", "False" when it has none), each with the
// feedback for it.
func (h *h5pReader) trueFalse(raw json.RawMessage) string {
	var p struct {
		Question string          `json:"question"`
		Media    json.RawMessage `json:"media"`
		Correct  string          `json:"correct"`
		L10n     struct {
			True  string `json:"trueText"`
			False string `json:"falseText"`
		} `json:"l10n"`
		Behaviour struct {
			OnCorrect string `json:"feedbackOnCorrect"`
			OnWrong   string `json:"feedbackOnWrong"`
		} `json:"behaviour"`
	}
	if !decodeParams(raw, &p) {
		return ""
	}
	isTrue := strings.EqualFold(strings.TrimSpace(p.Correct), "true")
	yes := choice{text: firstNonEmpty(strings.TrimSpace(p.L10n.True), "True"), right: isTrue}
	no := choice{text: firstNonEmpty(strings.TrimSpace(p.L10n.False), "False"), right: !isTrue}
	for _, c := range []*choice{&yes, &no} {
		c.feedback = p.Behaviour.OnWrong
		if c.right {
			c.feedback = p.Behaviour.OnCorrect
		}
	}
	return h.c.choiceMarkdown(h.questionText(p.Question, p.Media), h.c.course.Title, []choice{yes, no})
}

// firstRight makes answers of which the first is right (as a Single
// Choice Set and a Summary write them) in an order of their own, the same
// at every import, so that the right one is not always first.
func firstRight(answers []string) []choice {
	var out []choice
	for i, a := range answers {
		if strings.TrimSpace(a) != "" {
			out = append(out, choice{text: a, right: i == 0})
		}
	}
	slices.SortStableFunc(out, func(a, b choice) int {
		ha, hb := fnv.New32a(), fnv.New32a()
		ha.Write([]byte(a.text))
		hb.Write([]byte(b.text))
		return int(ha.Sum32()>>1) - int(hb.Sum32()>>1)
	})
	return out
}

// singleChoiceSet adds a Single Choice Set's questions.
func (h *h5pReader) singleChoiceSet(raw json.RawMessage, pg *h5pPage) {
	var p struct {
		Choices []struct {
			Question string   `json:"question"`
			Answers  []string `json:"answers"`
		} `json:"choices"`
	}
	if !decodeParams(raw, &p) {
		return
	}
	for _, q := range p.Choices {
		pg.question(h.c.choiceMarkdown(q.Question, h.c.course.Title, firstRight(q.Answers)))
	}
}

// summary adds a Summary's statements: each set a question whose right
// answer is the true statement.
func (h *h5pReader) summary(raw json.RawMessage, pg *h5pPage) {
	var p struct {
		Intro     string `json:"intro"`
		Summaries []struct {
			Summary []string `json:"summary"`
		} `json:"summaries"`
	}
	if !decodeParams(raw, &p) {
		return
	}
	for _, s := range p.Summaries {
		pg.question(h.c.choiceMarkdown(p.Intro, h.c.course.Title, firstRight(s.Summary)))
	}
}

// questionSet adds a Question Set: its introduction, then its questions
// as one knowledge check titled as the set.
func (h *h5pReader) questionSet(raw json.RawMessage, pg *h5pPage, depth int) {
	var p struct {
		Intro struct {
			Show         bool   `json:"showIntroPage"`
			Title        string `json:"title"`
			Introduction string `json:"introduction"`
		} `json:"introPage"`
		Questions []h5pContent `json:"questions"`
	}
	if !decodeParams(raw, &p) {
		return
	}
	if p.Intro.Show {
		h.text(pg, p.Intro.Introduction)
	}
	h.flush(pg)
	for _, q := range p.Questions {
		pg.checkTitle = strings.TrimSpace(p.Intro.Title) // again after a text between questions
		h.content(q, pg, depth+1, 3)
	}
	h.flush(pg)
}
