package cartridge

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/oersite/oersite/generator/internal/diag"
)

// An H5P file (.h5p: what H5P.org, Lumi, Moodle's content bank and the
// WordPress and Drupal plugins export) is a zip of h5p.json (the title,
// main library, licence, authors and the original's address),
// content/content.json (the main library's parameters, other libraries'
// nested in them as {"library": "H5P.Image 1.1", "params": {...}}) and the
// files under content/; the libraries' own scripts beside them are not
// read. It becomes one module titled as the content: an Interactive Book's
// chapters its lessons (its cover the module's introduction), anything else
// one lesson. Texts, tables, pictures, videos, sounds, links, accordions,
// columns, slides and a video's interactions are shown in reading order (an
// image slider's pictures one after another); multiple-choice (an image
// choice's answers its pictures), true/false, single-choice sets, question
// sets and summaries become knowledge checks at their place, each answer
// with its feedback; each dialog card or flashcard a disclosure, its back
// shown when opened; fill in the blanks, drag the words and mark the words
// their text with gaps and the solution as a disclosure; image hotspots the
// picture and a disclosure per hotspot; a chart its values as a list; a
// timeline its dated events; an essay its task and sample answer; a drag
// and drop a check per labelled zone; a branching scenario its steps linked
// as its choices lead (h5pbranching.go); a crossword its clues and answers;
// a memory game or an image pairing its pairs; an image sequencing or a
// sort the paragraphs its items and their order; an Agamotto its pictures
// in order under their labels; a questionnaire its questions to think
// about; a documentation tool its pages, a dictation its numbered sounds,
// speak the words its questions, guess the answer its answer to open, an
// image juxtaposition its two pictures (h5ptasks.go); find the hotspot its
// picture and a copy with the right places circled (h5pspot.go); a virtual
// tour its scenes, linked as its hotspots lead (h5ptour.go); a personality
// quiz, find the words, an arithmetic quiz and an advent calendar as a
// printed page holds them (h5pgames.go); other kinds (tools, an equation
// quiz) are named. Each picture's, video's and sound's own
// rights are its credit line (h5prights.go).

// h5pMeta is the part of h5p.json read.
type h5pMeta struct {
	Title          string      `json:"title"`
	MainLibrary    string      `json:"mainLibrary"`
	License        string      `json:"license"`
	LicenseVersion string      `json:"licenseVersion"`
	Source         string      `json:"source"`
	Language       string      `json:"language"`
	Authors        []h5pAuthor `json:"authors"`
}

// h5pAuthor is an author H5P names (with a role: "Author", "Editor").
type h5pAuthor struct {
	Name string `json:"name"`
}

// h5pContent is a library's content nested in another's parameters.
type h5pContent struct {
	Library  string          `json:"library"` // "H5P.MultiChoice 1.16"
	Params   json.RawMessage `json:"params"`
	Metadata h5pRights       `json:"metadata"`
}

// h5pMedia is a task's picture or video: {"type": {"library": …}} as
// H5P's editor groups it, or the library's content itself, as some
// versions write it (Guess the Answer from H5P's hub).
type h5pMedia struct{ h5pContent }

// UnmarshalJSON reads either shape; anything else is no media (and not an
// error, which would lose the task holding it).
func (m *h5pMedia) UnmarshalJSON(data []byte) error {
	var v struct {
		Type h5pContent `json:"type"`
		h5pContent
	}
	_ = json.Unmarshal(data, &v)
	m.h5pContent = v.Type
	if m.Library == "" {
		m.h5pContent = v.h5pContent
	}
	return nil
}

// h5pFile is a file of the content (its path from content/, or an
// address on another host), with what older H5P says of its rights.
type h5pFile struct {
	Path      string    `json:"path"`
	Mime      string    `json:"mime"`
	Copyright h5pRights `json:"copyright"`
}

// maxH5PDepth bounds how deep contents nest (a book's column's question
// set's question's picture is five).
const maxH5PDepth = 16

// h5pPageName names the pages the reader makes, in the folder of the
// content's files (whose paths are relative to it).
const h5pPageName = "oersite-h5p-"

var errH5POther = diag.Phrasef("H5P contents a page cannot hold (games and tools): %s", "")

// h5pKindName names a kind of content not read as H5P's hub does, else by
// its machine name without "H5P.".
func h5pKindName(kind string) string {
	switch kind {
	case "H5P.Blanks":
		return "Fill in the Blanks"
	case "H5P.Dialogcards":
		return "Dialog Cards"
	case "H5P.DragText":
		return "Drag the Words"
	case "H5P.MarkTheWords":
		return "Mark the Words"
	case "H5P.DragQuestion":
		return "Drag and Drop"
	case "H5P.ImageHotspotQuestion":
		return "Find the Hotspot"
	case "H5P.ImageMultipleHotspotQuestion":
		return "Find Multiple Hotspots"
	case "H5P.DocumentationTool":
		return "Documentation Tool"
	case "H5P.SpeakTheWordsSet":
		return "Speak the Words Set"
	case "H5P.ImageJuxtaposition":
		return "Image Juxtaposition"
	case "H5P.GuessTheAnswer":
		return "Guess the Answer"
	case "H5P.MultiMediaChoice":
		return "Image Choice"
	case "H5P.ArithmeticQuiz":
		return "Arithmetic Quiz"
	case "H5P.ImageSequencing":
		return "Image Sequencing"
	case "H5P.ImagePair":
		return "Image Pairing"
	case "H5P.MemoryGame":
		return "Memory Game"
	case "H5P.Crossword":
		return "Crossword"
	case "H5P.FindTheWords":
		return "Find the Words"
	case "H5P.SpeakTheWords":
		return "Speak the Words"
	case "H5P.IFrameEmbed":
		return "Iframe Embedder"
	case "H5P.BranchingScenario":
		return "Branching Scenario"
	case "H5P.GameMap":
		return "Game Map"
	case "H5P.ThreeImage":
		return "Virtual Tour (360)"
	case "H5P.GoToQuestion":
		return "Crossroads"
	case "H5P.IVHotspot":
		return "Navigation Hotspot"
	case "H5P.Questionnaire":
		return "Questionnaire"
	case "H5P.AdventCalendar":
		return "Advent Calendar"
	case "H5P.PersonalityQuiz":
		return "Personality Quiz"
	}
	return strings.TrimPrefix(kind, "H5P.")
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
	c.course.Language = languageCode(meta.Language)
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
	r := h5pRights{Authors: m.Authors}
	return &Origin{Rights: h5pLicence(m.License, m.LicenseVersion), Source: strings.TrimSpace(m.Source), Authors: r.authors()}
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
func (h *h5pReader) heading(pg *h5pPage, level int, s string) { h.headingWithID(pg, level, s, "") }

// headingWithID adds a heading that links within the page reach by id
// (the page reader points them at the heading's own anchor).
func (h *h5pReader) headingWithID(pg *h5pPage, level int, s, id string) {
	if s = strings.TrimSpace(s); s == "" {
		return
	}
	h.flush(pg)
	tag := "h" + strconv.Itoa(min(max(level, 2), 6))
	if id != "" {
		id = ` id="` + html.EscapeString(id) + `"`
	}
	pg.b.WriteString("<" + tag + id + ">" + html.EscapeString(s) + "</" + tag + ">\n")
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
	raw, kind, read := ct.Params, h5pKind(ct.Library), true // read: false for a kind, or a content of it, no page can hold
	switch kind {
	case "H5P.AdvancedText", "H5P.Text", "H5P.ContinuousText", "H5P.Table":
		h.textContent(raw, pg, level)
	case "H5P.Image":
		h.text(pg, h.imageParams(raw, false, ct.Metadata))
	case "H5P.ImageSlider", "H5P.ImageSlide":
		h.imageSlider(raw, pg, depth, level)
	case "H5P.Agamotto":
		h.agamotto(raw, pg, depth, level)
	case "H5P.Nil": // an Interactive Video's label, which says nothing of its own
	case "H5P.Video", "H5P.Audio":
		h.mediaContent(raw, pg, ct.Metadata)
	case "H5P.Link":
		h.linkContent(raw, pg)
	case "H5P.Column":
		h.column(raw, pg, depth, level)
	case "H5P.Accordion":
		h.accordion(raw, pg, depth, level)
	case "H5P.CoursePresentation":
		h.slides(raw, pg, depth, level)
	case "H5P.InteractiveVideo":
		h.interactiveVideo(raw, pg, depth, level)
	case "H5P.ImageHotspots":
		h.hotspots(raw, pg, depth, level)
	case "H5P.Collage":
		h.collage(raw, pg)
	case "H5P.Chart":
		h.chart(raw, pg)
	case "H5P.Timeline":
		h.timeline(raw, pg, level)
	case "H5P.Essay":
		h.essay(raw, pg, level)
	case "H5P.Blanks", "H5P.DragText", "H5P.MarkTheWords":
		h.gaps(kind, raw, pg, level)
	case "H5P.Dialogcards", "H5P.DialogCards", "H5P.Flashcards": // Dialogcards: the library's own spelling
		h.cards(raw, pg)
	case "H5P.MultiChoice":
		pg.question(h.multiChoice(raw))
	case "H5P.TrueFalse":
		pg.question(h.trueFalse(raw))
	case "H5P.SingleChoiceSet":
		h.singleChoiceSet(raw, pg)
	case "H5P.Summary":
		h.summary(raw, pg)
	case "H5P.QuestionSet":
		h.questionSet(raw, pg, depth)
	case "H5P.BranchingScenario":
		h.branching(raw, pg, depth, level)
	case "H5P.Crossword":
		read = h.crossword(raw, pg, level)
	case "H5P.ImageSequencing":
		read = h.imageSequencing(raw, pg, level)
	case "H5P.Questionnaire":
		read = h.questionnaire(raw, pg)
	case "H5P.OpenEndedQuestion", "H5P.SimpleMultiChoice":
		read = h.surveyQuestion(ct, pg)
	case "H5P.SortParagraphs":
		read = h.sortParagraphs(raw, pg, depth, level)
	case "H5P.MemoryGame", "H5P.ImagePair":
		read = h.memoryGame(raw, pg, level)
	case "H5P.DragQuestion":
		read = h.dragQuestion(raw, pg)
	case "H5P.DocumentationTool":
		read = h.documentationTool(raw, pg, depth, level)
	case "H5P.Dictation":
		read = h.dictation(raw, pg, level)
	case "H5P.SpeakTheWords":
		read = h.speakTheWords(raw, pg)
	case "H5P.SpeakTheWordsSet":
		read = h.speakTheWordsSet(raw, pg, level)
	case "H5P.ImageJuxtaposition":
		read = h.imageJuxtaposition(raw, pg, level)
	case "H5P.GuessTheAnswer":
		read = h.guessTheAnswer(raw, pg, depth, level)
	case "H5P.MultiMediaChoice":
		md := h.imageChoice(raw)
		pg.question(md)
		read = md != ""
	case "H5P.ImageHotspotQuestion", "H5P.ImageMultipleHotspotQuestion":
		read = h.findTheHotspot(kind, raw, pg, level)
	case "H5P.ThreeImage":
		read = h.virtualTour(raw, pg, depth, level)
	case "H5P.PersonalityQuiz":
		read = h.personalityQuiz(raw, pg, level)
	case "H5P.FindTheWords":
		read = h.findTheWords(raw, pg)
	case "H5P.ArithmeticQuiz":
		read = h.arithmeticQuiz(raw, pg, firstNonEmpty(ownTitle(ct.Metadata.Title), pg.section, pg.title))
	case "H5P.AdventCalendar":
		read = h.adventCalendar(raw, pg, depth, level)
	default:
		read = false
	}
	if !read {
		h.unread(kind, ct.Metadata.Title)
	}
}

// unread names a content of a kind no page can hold, by the name H5P's
// hub gives the kind and the content's own title (not H5P's "Untitled …").
func (h *h5pReader) unread(kind, title string) {
	name := h5pKindName(kind)
	if t := ownTitle(title); t != "" {
		name += ": " + t
	}
	if name != "" {
		h.c.leftNamed(errH5POther, name)
	}
}

// ownTitle is a content's title as its author gave it; "" for none or
// the one H5P's editor gives every content ("Untitled Image"). A title
// copied from an address ("Gepfl%C3%BCckte_Beeren.JPG", a file's name on
// Wikimedia Commons) is given in its letters.
func ownTitle(title string) string {
	t := strings.TrimSpace(title)
	if strings.HasPrefix(t, "Untitled") {
		return ""
	}
	if u, err := url.PathUnescape(t); err == nil && u != t && utf8.ValidString(u) {
		return u
	}
	return t
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
