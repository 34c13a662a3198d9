package cartridge

import (
	"cmp"
	"encoding/json"
	"html"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The components of an Adapt course's pages (see adapt.go): what each
// kind adds to the fields every object has, and how a page shows it.

// adaptParts is what a component's kind adds: a picture, items, a video
// or sound, feedback, an answer.
type adaptParts struct {
	Graphic    adaptGraphic `json:"_graphic"`
	Items      []adaptItem  `json:"_items"`
	Media      adaptMedia   `json:"_media"`
	Transcript struct {
		Body       string `json:"inlineTranscriptBody"`
		Button     string `json:"inlineTranscriptButton"`
		OwnBody    string `json:"body"`   // older authoring tools'
		OwnButton  string `json:"button"` // older authoring tools'
		Link       string `json:"transcriptLink"`
		LinkButton string `json:"transcriptLinkButton"`
	} `json:"_transcript"`
	DropZones []adaptZone `json:"_dropZones"` // an older drag and drop's, which its items name
	Feedback  struct {
		Correct string `json:"correct"`
	} `json:"_feedback"`
	BeforeAfter struct {
		Before      string `json:"before"`
		BeforeAlt   string `json:"altbefore"`
		After       string `json:"after"`
		AfterAlt    string `json:"alt"`
		Attribution string `json:"attribution"`
	} `json:"_beforeafter"`
	BottomText   string          `json:"bottomText"`
	Src          string          `json:"_src"`           // an iframe's page
	Answers      json.RawMessage `json:"_answers"`       // older text inputs': a list of answers per item
	Correct      json.RawMessage `json:"_correctAnswer"` // a slider's
	CorrectRange struct {
		Bottom *h5pNumber `json:"_bottom"`
		Top    *h5pNumber `json:"_top"`
	} `json:"_correctRange"`
}

// adaptItem is an item of a component: which fields it has depends on
// the kind (an accordion's title and body, a flip card's back, a
// question's answer).
type adaptItem struct {
	Title        string          `json:"title"`
	TabTitle     string          `json:"tabTitle"`
	Body         string          `json:"body"`
	Text         string          `json:"text"`
	Front        json.RawMessage `json:"front"` // a reveal's words, or a card's front
	Back         adaptSide       `json:"back"`
	FrontText    string          `json:"frontText"`
	BackTitle    string          `json:"backTitle"`
	BackBody     string          `json:"backBody"`
	BackText     string          `json:"backText"`
	Graphic      adaptGraphic    `json:"_graphic"`
	FrontImage   adaptGraphic    `json:"frontImage"`
	FrontGraphic adaptGraphic    `json:"_frontGraphic"`
	Image        string          `json:"image"`           // a background scroll's
	Src          string          `json:"src"`             // a blind's
	Background   string          `json:"backgroundImage"` // another blind's
	ImageSrc     string          `json:"_imageSrc"`       // a list's
	Alt          string          `json:"alt"`
	Captions     []adaptCaption  `json:"_captions"`
	OwnCaptions  []adaptCaption  `json:"captions"`
	Index        *h5pNumber      `json:"itemIndex"` // the order of older authoring tools' exports
	// a question's answer
	Right    h5pBool         `json:"_shouldBeSelected"`
	Feedback string          `json:"feedback"`
	Options  []adaptOption   `json:"_options"`
	Zones    []adaptZone     `json:"_dropZones"`        // a card drop's: where the card may go
	InZones  []string        `json:"_correctDropZones"` // an older drag and drop's: the zones it goes in
	Answers  []string        `json:"_answers"`
	Accepted json.RawMessage `json:"_accepted"` // a drag and drop's: one answer or several
	Prefix   string          `json:"prefix"`
	Suffix   string          `json:"suffix"`
}

// adaptCaption is a caption over a blind's picture.
type adaptCaption struct {
	Text string `json:"text"`
}

// UnmarshalJSON reads an item, or a list's item given as its words alone
// (a stack list's).
func (it *adaptItem) UnmarshalJSON(data []byte) error {
	var words string
	if json.Unmarshal(data, &words) == nil {
		*it = adaptItem{Body: words}
		return nil
	}
	type fields adaptItem // without this method
	var f fields
	if !decodeParams(data, &f) {
		return nil // an item of no kind: nothing of it shows
	}
	*it = adaptItem(f)
	return nil
}

// adaptSide is the back of a reveal's or an expose's item.
type adaptSide struct {
	Title   string       `json:"title"`
	Body    string       `json:"body"`
	Graphic adaptGraphic `json:"_graphic"`
}

// adaptOption is an option of a matching question's item.
type adaptOption struct {
	Text  string  `json:"text"`
	Right h5pBool `json:"_isCorrect"`
}

// adaptGraphic is a picture: its file in several sizes (a path, or in
// older authoring tools' exports an asset of the course by its id), its
// description and credit.
type adaptGraphic struct {
	Large       json.RawMessage `json:"large"`
	Src         json.RawMessage `json:"src"`
	Small       json.RawMessage `json:"small"`
	Alt         string          `json:"alt"`
	Attribution string          `json:"attribution"`
	URL         string          `json:"_url"` // where the picture leads
	LinkURL     string          `json:"url"`
}

// adaptMedia is a video's or sound's files, or its address elsewhere.
type adaptMedia struct {
	MP4    json.RawMessage `json:"mp4"` // a path, or (older authoring tools) an asset by id
	WebM   json.RawMessage `json:"webm"`
	OGV    json.RawMessage `json:"ogv"`
	MP3    json.RawMessage `json:"mp3"`
	OGG    json.RawMessage `json:"ogg"`
	Source string          `json:"source"`
	Other  string          `json:"_source"` // YouTube and video stream components'
	Poster json.RawMessage `json:"poster"`
	CC     []struct {
		Src string `json:"src"`
	} `json:"cc"`
}

// adaptZone is a place an older drag and drop's items go: its words, and
// whether a card of a card drop goes there.
type adaptZone struct {
	ID    string  `json:"_id"`
	Text  string  `json:"text"`
	Right h5pBool `json:"isCorrectZone"`
}

// Kinds of component by how a page shows their items: what a learner
// opens, turns over or selects as disclosures, what a learner steps
// through one after another under its title, lists.
var (
	adaptOpened = map[string]bool{"accordion": true, "tabs": true, "hotgraphic": true, "hotgrid": true, "reveal": true, "expose": true,
		"flipcard": true, "flipCard": true, "textReveal": true, "hotspot": true, "hotspotMenu": true}
	adaptListed = map[string]bool{"list": true, "checklist": true, "stacklist": true}
	// adaptKnown are the other kinds read here: one that shows nothing
	// holds nothing (an author's placeholder).
	adaptKnown = map[string]bool{"text": true, "graphic": true, "media": true, "youtube": true, "videoStream": true, "iframe": true,
		"narrative": true, "textNarrative": true, "flipper": true, "backgroundScroll": true, "blinds": true, "flowChart": true,
		"beforeafter": true, "graphicwithlink": true, "dialog": true}
	// adaptNothing are kinds that show learners nothing of the course's
	// text (a gap, a score, buttons to other pages).
	adaptNothing = map[string]bool{"blank": true, "assessmentResults": true, "pageNav": true, "trickle-button": true, "results": true, "languagePicker": true}
)

// component adds a component under a heading of level (its title, when it
// shows one).
func (r *adaptReader) component(pg *h5pPage, o *adaptObject, level int) {
	var p adaptParts
	_ = decodeParams(o.raw, &p)
	if i := slices.IndexFunc(p.Items, func(it adaptItem) bool { return it.Index == nil }); i < 0 {
		slices.SortStableFunc(p.Items, func(x, y adaptItem) int { return cmp.Compare(*x.Index, *y.Index) })
	}
	kind := o.Component
	title := adaptTitle(o)
	switch kind {
	case "mcq", "gmcq":
		r.choices(pg, o, p)
		return
	case "matching":
		r.matching(pg, o, p)
		return
	case "dragAndDrop", "cardDrop":
		if r.zones(pg, o, p) {
			return
		}
	case "textinput", "draganddrop":
		r.gaps(pg, o, p, level)
		return
	case "slider":
		r.slider(pg, o, p, level)
		return
	case "sortable":
		r.sortable(pg, o, p, level)
		return
	}
	inner := &h5pPage{title: pg.title, section: pg.section} // what it shows, under its title if anything
	r.textAt(inner, r.links(adaptHTML(o.Body)), level+1)
	r.text(inner, r.graphic(p.Graphic, false))
	r.text(inner, r.beforeAfter(p))
	r.text(inner, r.media(o, p))
	r.items(inner, kind, p.Items, level+1)
	r.textAt(inner, r.links(adaptHTML(p.BottomText)), level+1)
	if strings.TrimSpace(inner.b.String()) == "" {
		if !adaptNothing[kind] && !adaptKnown[kind] { // a kind read here that shows nothing holds nothing
			r.c.leftNamed(errAdaptOther, pg.title+" ("+kind+")")
		}
		return
	}
	r.heading(pg, level, title)
	r.flush(pg)
	pg.b.WriteString(inner.b.String())
}

// items adds a component's items as its kind shows them.
func (r *adaptReader) items(pg *h5pPage, kind string, items []adaptItem, level int) {
	var list strings.Builder
	for _, it := range items {
		title, body, pic := r.item(it)
		switch {
		case adaptListed[kind] || adaptOpened[kind] && plainText(body) == "" && pic == "":
			if words := strings.TrimSpace(firstNonEmpty(inlineHTML(title), inlineHTML(body))); words != "" {
				if title != "" && plainText(body) != "" {
					words = "<strong>" + words + "</strong> " + inlineHTML(body)
				}
				list.WriteString("<li>" + words + "</li>")
			}
			continue
		case adaptOpened[kind]:
			r.text(pg, details(plainText(title), adaptHTML(body)+pic))
		default:
			r.heading(pg, level, plainText(title))
			r.text(pg, pic)
			r.textAt(pg, adaptHTML(body), level+1)
		}
	}
	if list.Len() > 0 {
		r.text(pg, "<ul>"+list.String()+"</ul>")
	}
}

// item is an item's title (HTML), body (HTML) and picture, whichever
// fields its kind gives them in.
func (r *adaptReader) item(it adaptItem) (title, body, pic string) {
	var front string
	if json.Unmarshal(it.Front, &front) != nil || strings.TrimSpace(front) == "?" {
		front = "" // a reveal's cover without words of its own
	}
	title = strings.TrimSpace(firstNonEmpty(it.Title, it.TabTitle, front, it.FrontText, it.BackTitle, it.Back.Title))
	body = firstNonEmpty(it.Body, it.Text, it.BackBody, it.BackText, it.Back.Body)
	if t := it.Back.Title; t != "" && plainText(t) != plainText(title) && plainText(it.Back.Body) != "" {
		body = "<p><strong>" + inlineHTML(t) + "</strong></p>" + body
	}
	pic = firstNonEmpty(r.graphic(it.Graphic, false), r.graphic(it.FrontImage, false), r.graphic(it.FrontGraphic, false), r.graphic(it.Back.Graphic, false))
	var caption []string
	for _, c := range append(it.Captions, it.OwnCaptions...) {
		if t := strings.TrimSpace(plainText(c.Text)); t != "" {
			caption = append(caption, t)
		}
	}
	if pic == "" {
		for _, src := range []string{it.Image, it.Src, it.Background, it.ImageSrc} {
			if pic = r.picturePath(src, it.Alt, false); pic != "" {
				break
			}
		}
	}
	if len(caption) > 0 && pic != "" { // words shown over the picture: under it
		pic += "<p>" + html.EscapeString(strings.Join(caption, " ")) + "</p>"
	}
	return title, r.links(body), pic
}

// graphic is a picture (HTML) with its credit line; in a question
// (asFile), addressed as a file of the package for placeFiles; "" for
// none.
func (r *adaptReader) graphic(g adaptGraphic, asFile bool) string {
	for _, raw := range []json.RawMessage{g.Large, g.Src, g.Small} {
		src, credit := r.graphicFile(raw)
		if pic := r.picturePath(src, g.Alt, asFile); pic != "" {
			if u := strings.TrimSpace(firstNonEmpty(g.URL, g.LinkURL)); !asFile && strings.Contains(u, "://") && safeAddress(u) && u != src {
				pic = strings.Replace(pic, "<img ", `<a href="`+html.EscapeString(u)+`"><img `, 1)
				pic = strings.Replace(pic, "></p>", "></a></p>", 1)
			}
			if c := strings.TrimSpace(firstNonEmpty(plainText(g.Attribution), credit)); c != "" {
				pic += "<p><em>" + html.EscapeString(c) + "</em></p>"
			}
			return pic
		}
	}
	return ""
}

// graphicFile is the path of a picture a graphic names: its path, or
// (older authoring tools) the file of the course's asset it names by id,
// with what the asset says of itself (often its credit).
func (r *adaptReader) graphicFile(raw json.RawMessage) (string, string) {
	var src string
	if json.Unmarshal(raw, &src) == nil {
		return strings.TrimSpace(src), ""
	}
	var asset struct {
		ID        string `json:"_id"`
		Extension string `json:"_extension"`
	}
	if json.Unmarshal(raw, &asset) != nil || asset.ID == "" || strings.ContainsAny(asset.ID+asset.Extension, "/\\") {
		return "", ""
	}
	dir := "course/" + r.a.lang + "/assets/" + asset.ID + "/"
	var meta struct {
		Title       string `json:"title"`
		Description string `json:"description"`
	}
	if data, err := r.c.read(r.a.root + dir + "asset.json"); err == nil && data != nil {
		_ = decodeParams(data, &meta)
	}
	own := strings.TrimSpace(strings.NewReplacer("/", " ", "\\", " ").Replace(meta.Title))
	for _, size := range []string{"large", "original", "uploaded", "small", "extraLarge"} {
		if p := dir + size + "." + asset.Extension; r.c.has(r.a.root + p) {
			if own != "" {
				r.c.fileNames[r.a.root+p] = own + "." + asset.Extension
			}
			return p, meta.Description
		}
	}
	// a file the package lacks: linked all the same, by its own name, so
	// that the report names it
	return dir + firstNonEmpty(own, "large") + "." + asset.Extension, ""
}

// picturePath is the picture at src (a path from the course's page, or
// an address elsewhere) as HTML; "" for none.
func (r *adaptReader) picturePath(src, alt string, asFile bool) string {
	src = strings.TrimSpace(src)
	if strings.HasPrefix(src, "//") {
		src = "https:" + src
	}
	if !strings.Contains(src, ":") {
		src = path.Clean("/" + src)[1:] // never out of the course's folder
	}
	if src == "" {
		return ""
	}
	if strings.Contains(src, ":") && !safeAddress(src) {
		return ""
	}
	return r.picture(h5pFile{Path: src}, plainText(alt), asFile)
}

// adaptHTML is a text of the course (HTML, which Adapt often gives
// without a paragraph around it: "Drag the items<br><br>Then…") as a
// block; "" for none.
func adaptHTML(s string) string {
	if plainText(s) == "" {
		return ""
	}
	if strings.HasPrefix(strings.TrimSpace(s), "<") {
		return s
	}
	return "<p>" + s + "</p>"
}

// beforeAfter is a before-and-after comparison's two pictures, one
// under the other, and their credit; "" for none.
func (r *adaptReader) beforeAfter(p adaptParts) string {
	ba := p.BeforeAfter
	before, after := r.picturePath(ba.Before, ba.BeforeAlt, false), r.picturePath(ba.After, ba.AfterAlt, false)
	if before == "" && after == "" {
		return ""
	}
	if c := strings.TrimSpace(plainText(ba.Attribution)); c != "" {
		after += "<p><em>" + html.EscapeString(c) + "</em></p>"
	}
	return before + after
}

// iframeSrc finds the page an embedding snippet shows (a video stream's
// source given as its iframe).
var iframeSrc = regexp.MustCompile(`(?i)\biframe[^>]*\ssrc\s*=\s*["']([^"']+)["']`)

// hostLike matches an address written without its scheme
// ("www.youtube.com/watch?v=…").
var hostLike = regexp.MustCompile(`^(?i:www\.|[a-z0-9-]+\.(?:com|org|net|be|tv)/)`)

// mediaAddress is a video's or sound's file or address as a component
// gives it: an address without its scheme (or the iframe that embeds it)
// made whole.
func mediaAddress(f string) string {
	f = strings.TrimSpace(f)
	if m := iframeSrc.FindStringSubmatch(f); m != nil {
		f = strings.TrimSpace(html.UnescapeString(m[1]))
	}
	switch {
	case strings.HasPrefix(f, "//"):
		f = "https:" + f
	case hostLike.MatchString(f):
		f = "https://" + f
	}
	if strings.ContainsAny(f, "<>\"\n") {
		return "" // markup of another kind, no address
	}
	return f
}

// media is a component's video or sound (a file of the course, played
// where it is, or a link to it elsewhere), its transcript, or an iframe's
// page as a link; "" for none.
func (r *adaptReader) media(o *adaptObject, p adaptParts) string {
	m := p.Media
	var files []h5pFile
	for _, raw := range []json.RawMessage{m.MP4, m.WebM, m.OGV, m.MP3, m.OGG} {
		if f, _ := r.graphicFile(raw); f != "" {
			files = append(files, h5pFile{Path: f})
		}
	}
	for _, f := range []string{m.Source, m.Other, p.Src} {
		if f = mediaAddress(f); f != "" {
			files = append(files, h5pFile{Path: f})
		}
	}
	var tracks []h5pTrack
	for _, t := range m.CC {
		tracks = append(tracks, h5pTrack{Kind: "captions", Track: h5pFile{Path: t.Src}})
	}
	words := adaptTitle(o)
	if words == "" && len(files) > 0 && strings.Contains(files[0].Path, "://") {
		words = files[0].Path // an address says more than its last part ("watch?v=…")
	}
	poster, _ := r.graphicFile(m.Poster)
	out := r.h5pReader.media(files, words, h5pFile{Path: poster}, tracks)
	tr := p.Transcript
	if body := firstNonEmpty(tr.Body, tr.OwnBody); plainText(body) != "" {
		out += details(plainText(firstNonEmpty(tr.Button, tr.OwnButton)), body)
	}
	if l := strings.TrimSpace(tr.Link); l != "" {
		out += r.h5pReader.media([]h5pFile{{Path: l}}, plainText(tr.LinkButton), h5pFile{}, nil)
	}
	return out
}

// questionText is what a question asks: its body (or, with no body, its
// instruction, unless that is the player's own template); in a knowledge
// check (titled), its title in bold over it.
func (r *adaptReader) questionText(o *adaptObject, titled bool) string {
	text := o.Body
	if plainText(text) == "" && !strings.Contains(o.Instruction, "{{") {
		text = o.Instruction
	}
	text = r.links(adaptHTML(text))
	if t := adaptTitle(o); t != "" && titled {
		text = "<p><strong>" + html.EscapeString(t) + "</strong></p>" + text
	}
	return text
}

// task adds a task's title as a heading of level and what it asks.
func (r *adaptReader) task(pg *h5pPage, o *adaptObject, level int) {
	r.heading(pg, level, adaptTitle(o))
	r.textAt(pg, r.questionText(o, false), level+1)
}

// choices adds a multiple-choice question (its answers words, or pictures
// for a graphical one) to the page's knowledge check; the question's
// feedback goes with each right answer that has none of its own.
func (r *adaptReader) choices(pg *h5pPage, o *adaptObject, p adaptParts) {
	var choices []choice
	for _, it := range p.Items {
		ch := choice{text: it.Text + r.graphic(it.Graphic, true), feedback: it.Feedback, right: bool(it.Right)}
		if ch.right && plainText(ch.feedback) == "" {
			ch.feedback = p.Feedback.Correct
		}
		choices = append(choices, ch)
	}
	text := r.questionText(o, true) + r.graphic(p.Graphic, true)
	pg.question(r.c.choiceMarkdown(text, pg.title, choices))
}

// matching adds a matching question: its text, then a question per item
// whose answers are its options.
func (r *adaptReader) matching(pg *h5pPage, o *adaptObject, p adaptParts) {
	r.text(pg, r.questionText(o, true))
	for _, it := range p.Items {
		var choices []choice
		for _, op := range it.Options {
			choices = append(choices, choice{text: html.EscapeString(plainText(op.Text)), right: bool(op.Right)})
		}
		pg.question(r.c.choiceMarkdown(firstNonEmpty(it.Text, it.Title), pg.title, choices))
	}
}

// zones adds an older drag and drop or a card drop as a knowledge check:
// a question per item whose answers are the places it may go; false when
// it has no item with a right place.
func (r *adaptReader) zones(pg *h5pPage, o *adaptObject, p adaptParts) bool {
	var questions []string
	for _, it := range p.Items {
		zones := it.Zones
		if len(zones) == 0 {
			zones = p.DropZones
		}
		var choices []choice
		right := false
		for _, z := range zones {
			ch := choice{text: inlineHTML(z.Text), right: bool(z.Right) || z.ID != "" && slices.Contains(it.InZones, z.ID)}
			right = right || ch.right
			choices = append(choices, ch)
		}
		if !right || len(choices) < 2 {
			continue
		}
		questions = append(questions, r.c.choiceMarkdown(firstNonEmpty(it.Text, it.Title), pg.title, choices))
	}
	if len(questions) == 0 {
		return false
	}
	r.text(pg, r.questionText(o, true))
	for _, q := range questions {
		pg.question(q)
	}
	return true
}

// gaps adds a text input or a drag and drop: each item's words with a gap
// where the answer goes, then the answers to open.
func (r *adaptReader) gaps(pg *h5pPage, o *adaptObject, p adaptParts, level int) {
	var older [][]string // a text input's answers given beside its items
	_ = json.Unmarshal(p.Answers, &older)
	var task, solution strings.Builder
	for i, it := range p.Items {
		answers := it.Answers
		if len(answers) == 0 && i < len(older) {
			answers = older[i]
		}
		var one string
		if json.Unmarshal(it.Accepted, &one) == nil {
			answers = append(answers, one)
		} else {
			var many []string
			_ = json.Unmarshal(it.Accepted, &many)
			answers = append(answers, many...)
		}
		answers = slices.DeleteFunc(slices.Clone(answers), func(s string) bool { return strings.TrimSpace(s) == "" })
		if len(answers) == 0 {
			continue
		}
		words := strings.TrimSpace(inlineHTML(firstNonEmpty(it.Text, it.Prefix)) + " " + gapToken)
		if suffix := strings.TrimSpace(inlineHTML(it.Suffix)); suffix != "" {
			if r, _ := utf8.DecodeRuneInString(suffix); !unicode.IsPunct(r) {
				words += " "
			}
			words += suffix
		}
		task.WriteString("<li>" + words + "</li>")
		for k := range answers {
			answers[k] = html.EscapeString(strings.TrimSpace(answers[k]))
		}
		solution.WriteString("<li>" + strings.Join(answers, " / ") + "</li>")
	}
	if task.Len() == 0 {
		r.c.left(errQuestions)
		return
	}
	r.task(pg, o, level)
	r.text(pg, "<ol>"+task.String()+"</ol>"+solutionToOpen("<ol>"+solution.String()+"</ol>"))
}

// slider adds a slider question: its text and scale, the right value (or
// range) to open; a slider without one (a survey's) its text alone.
func (r *adaptReader) slider(pg *h5pPage, o *adaptObject, p adaptParts, level int) {
	r.task(pg, o, level)
	var right string
	if n, err := strconv.ParseFloat(strings.Trim(string(p.Correct), `" `), 64); err == nil {
		right = strconv.FormatFloat(n, 'f', -1, 64)
	} else if b, t := p.CorrectRange.Bottom, p.CorrectRange.Top; b != nil && t != nil {
		right = strconv.FormatFloat(float64(*b), 'f', -1, 64) + "–" + strconv.FormatFloat(float64(*t), 'f', -1, 64)
	}
	if right != "" {
		r.text(pg, solutionToOpen("<p>"+right+"</p>"))
	}
}

// sortable adds a question of putting items in order (their order in the
// data is the right one): see sequence.
func (r *adaptReader) sortable(pg *h5pPage, o *adaptObject, p adaptParts, level int) {
	var items []sequenceItem
	for _, it := range p.Items {
		if words := inlineHTML(firstNonEmpty(it.Text, it.Title, it.Body)); words != "" {
			items = append(items, sequenceItem{shown: words, solution: words, key: words})
		}
	}
	r.heading(pg, level, adaptTitle(o))
	if !r.sequence(pg, level+1, h5pTask{Task: r.questionText(o, false)}, items) {
		r.c.left(errQuestions)
	}
}

// adaptFileNames names the course's pictures by their own names, which
// the authoring tool's assets.json keeps beside the names it gave them
// (its hash and extension).
func (r *adaptReader) adaptFileNames() {
	dir := "course/" + r.a.lang + "/"
	data, err := r.c.read(r.a.root + dir + "assets.json")
	if err != nil || data == nil {
		return
	}
	var assets map[string]struct {
		Title string `json:"title"`
	}
	if !decodeParams(data, &assets) {
		return
	}
	for stored, a := range assets {
		own := path.Base(strings.TrimSpace(a.Title))
		if strings.Contains(stored, "/") || own == "." || own == "/" || !strings.EqualFold(path.Ext(own), path.Ext(stored)) {
			continue
		}
		for _, p := range []string{dir + "assets/" + stored, dir + stored} {
			if r.c.has(r.a.root + p) {
				r.c.fileNames[r.a.root+p] = own
			}
		}
	}
}
