package cartridge

import (
	"encoding/base64"
	"encoding/json"
	"html"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/oersite/oersite/generator/internal/diag"
)

// An Articulate Rise 360 course (its SCORM package, or its export as a web
// site) is drawn in the browser by Rise's player from the course's data,
// which the package's page holds as base64-encoded JSON (window.courseData):
// the course's title, description and authors, and its lessons, each a
// list of blocks (text, pictures, lists, quotes, accordions and tabs,
// flashcards, processes, timelines, labelled graphics, sorting activities,
// sounds, videos, attachments, knowledge checks) or a quiz. The reader
// makes each lesson a page of those blocks in their order, as the player
// shows them unfolded; each "section" of the course starts a module of the
// lessons after it. Blocks a page cannot hold (scenarios, embedded
// Storyline, charts) are named.

// riseCourseData finds the course data in the package's page (the SCORM
// package's scormcontent/index.html, or a web export's index.html): a
// string of base64 given to courseData, or in newer exports to the
// player's deserialize (the newest keep it in a script per language, see
// riseLocale).
var riseCourseData = regexp.MustCompile(`(?:courseData\s*=\s*|deserialize\()"([A-Za-z0-9+/=]{16,})"`)

// riseData is the course data of a Rise package and the folder of its
// page ("scormcontent/"), or false.
func (c *reader) riseData() (riseData, string, bool) {
	for _, page := range []string{"scormcontent/index.html", "index.html"} {
		if !c.has(page) {
			continue
		}
		data, err := c.read(page)
		if err != nil || data == nil {
			continue
		}
		dir := path.Dir(page) + "/"
		m := riseCourseData.FindSubmatch(data)
		if m == nil {
			m = c.riseLocale(data, dir)
		}
		if m == nil {
			continue
		}
		raw, err := base64.StdEncoding.DecodeString(string(m[1]))
		if err != nil {
			continue
		}
		var d riseData
		if json.Unmarshal(raw, &d) != nil && len(d.Course.Lessons) == 0 {
			continue
		}
		return d, dir, true
	}
	return riseData{}, "", false
}

// riseI18n and riseJsonp find the course data of the newest exports: the
// page names its languages (window.i18n), each language's data is a
// script of its own (locales/<language>.js), given to __resolveJsonp.
var (
	riseI18n  = regexp.MustCompile(`window\.i18n\s*=\s*(\{[^<>\n]*?\})\s*;`)
	riseJsonp = regexp.MustCompile(`__resolveJsonp\(\s*"course:[^"]*"\s*,\s*"([A-Za-z0-9+/=]{16,})"`)
)

// riseLocale is the match of riseJsonp in the course data of the page's
// default language (its first, or und, when it names none); nil for none.
func (c *reader) riseLocale(page []byte, dir string) [][]byte {
	var i18n struct {
		Available []string `json:"available"`
		Default   string   `json:"default"`
	}
	if m := riseI18n.FindSubmatch(page); m != nil {
		_ = json.Unmarshal(m[1], &i18n)
	}
	for _, name := range append([]string{i18n.Default}, append(i18n.Available, "und")...) {
		if name == "" || strings.ContainsAny(name, "/\\.") {
			continue
		}
		data, err := c.read(dir + "locales/" + name + ".js")
		if err != nil || data == nil {
			continue
		}
		if m := riseJsonp.FindSubmatch(data); m != nil {
			return m
		}
	}
	return nil
}

type riseData struct {
	Labels struct {
		Language string `json:"iso639Code"`
	} `json:"labelSet"`
	Course struct {
		Title       string       `json:"title"`
		Description string       `json:"description"`
		Lessons     []riseLesson `json:"lessons"`
		Authors     []struct {
			Name string `json:"authorName"`
		} `json:"authors"`
	} `json:"course"`
}

type riseLesson struct {
	Title       string            `json:"title"`
	Description string            `json:"description"`
	Type        string            `json:"type"`
	Items       []json.RawMessage `json:"items"`
}

// riseBlock is a block of a lesson: its kind, variant and items.
type riseBlock struct {
	Type    string            `json:"type"`
	Variant string            `json:"variant"`
	Items   []json.RawMessage `json:"items"`
	Piles   []struct {
		Title string `json:"title"`
	} `json:"piles"`
	Media riseMedia `json:"media"`
}

// riseItem is an item of a block: which fields it has depends on the block.
type riseItem struct {
	Heading     string    `json:"heading"`
	Paragraph   string    `json:"paragraph"`
	Caption     string    `json:"caption"`
	Title       string    `json:"title"`
	Description string    `json:"description"`
	Name        string    `json:"name"`
	Date        string    `json:"date"`
	Label       string    `json:"label"`
	Destination string    `json:"destination"`
	Type        string    `json:"type"`
	PileID      int       `json:"pileId"`
	Media       riseMedia `json:"media"`
	Front       riseSide  `json:"front"`
	Back        riseSide  `json:"back"`
}

// riseSide is a flashcard's side.
type riseSide struct {
	Description string    `json:"description"`
	Media       riseMedia `json:"media"`
}

// riseMedia is what a block or item shows: a picture, a video, a sound,
// a file, or another site's content.
type riseMedia struct {
	Image      *riseFile `json:"image"`
	Video      *riseFile `json:"video"`
	Audio      *riseFile `json:"audio"`
	Attachment *riseFile `json:"attachment"`
	Embed      *struct {
		URL         string `json:"url"`
		OriginalURL string `json:"originalUrl"` // the page embedded (Rise's src is a proxy's)
		Title       string `json:"title"`
		Description string `json:"description"`
	} `json:"embed"`
}

// riseFile is a file of the course, by the names Rise gives it.
type riseFile struct {
	Key           string `json:"key"`
	Src           string `json:"src"`
	URL           string `json:"url"`
	CrushedKey    string `json:"crushedKey"`
	UseCrushedKey bool   `json:"useCrushedKey"`
	Filename      string `json:"filename"`
	OriginalURL   string `json:"originalUrl"`
	AltText       string `json:"altText"`
	Poster        string `json:"poster"`
}

// riseQuestion is a question of a knowledge check or a quiz.
type riseQuestion struct {
	Type     string          `json:"type"`
	Title    string          `json:"title"`
	Feedback string          `json:"feedback"`
	Correct  json.RawMessage `json:"correct"` // a quiz's: the right answer's id
	Corrects []string        `json:"corrects"`
	Media    riseMedia       `json:"media"`
	Answers  []struct {
		ID         string  `json:"id"`
		Title      string  `json:"title"`
		MatchTitle string  `json:"matchTitle"`
		Feedback   string  `json:"feedback"`
		Correct    h5pBool `json:"correct"`
	} `json:"answers"`
}

var errRiseOther = diag.Phrasef("Rise blocks a page cannot hold (scenarios, embedded Storyline, charts): %s", "")

// readRise reads a Rise course (see above) whose page is in dir.
func (c *reader) readRise(d riseData, dir string) (*Course, error) {
	co := d.Course
	c.course.Title = strings.TrimSpace(firstNonEmpty(plainText(co.Title), "Rise"))
	c.course.Language = languageCode(d.Labels.Language)
	for _, a := range co.Authors {
		if n := strings.TrimSpace(a.Name); n != "" {
			c.course.Authors = append(c.course.Authors, n)
		}
	}
	r := &riseReader{h5pReader{c: c, dir: dir}}
	folder := item{Title: c.course.Title}
	intro := false
	if desc := strings.TrimSpace(co.Description); plainText(desc) != "" {
		intro = true
		r.pages++
		p := dir + h5pPageName + strconv.Itoa(r.pages) + ".label" // the first module's introduction
		folder.Items = append(folder.Items, c.moodleText(p, moodleLabel, "", wellFormed(desc, "")))
	}
	var folders []item
	for _, l := range co.Lessons {
		title := strings.TrimSpace(plainText(l.Title))
		if l.Type == "section" {
			folders = append(folders, folder)
			folder = item{Title: firstNonEmpty(title, c.course.Title)}
			continue
		}
		pg := &h5pPage{title: firstNonEmpty(title, c.course.Title)}
		r.text(pg, l.Description)
		if l.Type == "quiz" {
			r.quiz(pg, l.Items)
			pg.checkTitle = pg.title
		} else {
			for _, raw := range l.Items {
				r.block(pg, raw)
			}
		}
		if it, ok := r.page(pg, pg.title); ok {
			folder.Items = append(folder.Items, it)
		}
	}
	folders = append(folders, folder)
	if len(folders) > 1 && len(folders[0].Items) == 1 && intro {
		// the course's description alone before the first section: the
		// first section's introduction, not a module without lessons
		folders[1].Items = append(folders[0].Items, folders[1].Items...)
		folders[0].Items = nil
	}
	var kept []item
	for _, f := range folders {
		if len(f.Items) > 0 {
			kept = append(kept, f)
		}
	}
	if len(kept) == 0 {
		return c.course, nil
	}
	return c.course, c.modules([]item{{Items: kept}}, nil)
}

// riseReader makes the pages of a Rise course with the H5P reader's
// pages, pictures and knowledge checks.
type riseReader struct{ h5pReader }

// block adds a lesson's block to its page.
func (r *riseReader) block(pg *h5pPage, raw json.RawMessage) {
	var b riseBlock
	if !decodeParams(raw, &b) {
		return
	}
	items := make([]riseItem, 0, len(b.Items))
	for _, raw := range b.Items {
		var it riseItem
		if decodeParams(raw, &it) {
			items = append(items, it)
		}
	}
	switch b.Type {
	case "text":
		for _, it := range items {
			r.textBlock(pg, b.Variant, it)
		}
	case "image":
		for _, it := range items {
			r.text(pg, r.picture(it.Media)+para(it.Caption)+para(it.Paragraph))
		}
	case "gallery":
		for _, it := range items {
			r.text(pg, r.picture(it.Media)+para(it.Caption))
		}
	case "list":
		r.text(pg, riseList(b.Variant, items))
	case "quote":
		for _, it := range items {
			r.text(pg, "<blockquote>"+para(it.Paragraph)+para(dash(it.Name))+"</blockquote>")
		}
	case "statement":
		for _, it := range items {
			r.text(pg, "<blockquote>"+para(it.Paragraph)+"</blockquote>")
		}
	case "multimedia":
		for _, it := range items {
			r.text(pg, r.mediaFile(it.Media)+para(it.Caption))
		}
	case "interactive":
		r.interactive(pg, b, items)
	case "knowledgeCheck":
		r.quiz(pg, b.Items)
		r.flush(pg)
	case "divider":
	default:
		r.c.leftNamed(errRiseOther, pg.title)
	}
}

// textBlock adds a text block's item: its heading (when the variant shows
// one: a heading an h2, a subheading an h3) and its paragraph; a note in a
// note block.
func (r *riseReader) textBlock(pg *h5pPage, variant string, it riseItem) {
	switch {
	case variant == "note":
		r.text(pg, `<div class="callout callout-note">`+it.Paragraph+"</div>")
		return
	case strings.HasPrefix(variant, "subheading"):
		r.heading(pg, 3, plainText(it.Heading))
	case strings.HasPrefix(variant, "heading"):
		r.heading(pg, 2, plainText(it.Heading))
	}
	r.text(pg, it.Paragraph)
}

// interactive adds an interactive block as a page shows it unfolded.
func (r *riseReader) interactive(pg *h5pPage, b riseBlock, items []riseItem) {
	switch b.Variant {
	case "accordion", "tabs":
		for _, it := range items {
			r.text(pg, details(plainText(it.Title), it.Description+r.picture(it.Media)))
		}
	case "flashcard", "stack":
		for _, it := range items {
			r.text(pg, r.picture(it.Front.Media)+details(plainText(it.Front.Description), it.Back.Description+r.picture(it.Back.Media)))
		}
	case "process", "timeline":
		for _, it := range items {
			if head := strings.TrimSpace(strings.Join(strings.Fields(plainText(it.Date)+" "+plainText(it.Title)), " ")); head != "" && it.Type != "intro" {
				r.heading(pg, 3, head)
			}
			r.text(pg, it.Description+r.picture(it.Media))
		}
	case "labeledgraphic":
		r.text(pg, r.picture(b.Media))
		for _, it := range items {
			r.text(pg, details(plainText(it.Title), it.Description+r.picture(it.Media)))
		}
	case "sorting":
		r.text(pg, r.sorting(b, items))
	case "button":
		for _, it := range items {
			r.text(pg, it.Description)
			if u := strings.TrimSpace(it.Destination); safeAddress(u) && strings.Contains(u, "://") {
				r.text(pg, `<p><a href="`+html.EscapeString(u)+`">`+html.EscapeString(firstNonEmpty(plainText(it.Label), u))+"</a></p>")
			}
		}
	default:
		r.c.leftNamed(errRiseOther, pg.title)
	}
}

// sorting is a sorting activity: its cards in their order, then, to open,
// each pile under its title with the cards that go in it.
func (r *riseReader) sorting(b riseBlock, items []riseItem) string {
	var cards, piles strings.Builder
	for _, it := range items {
		cards.WriteString("<li>" + html.EscapeString(plainText(it.Title)) + "</li>")
	}
	for i, p := range b.Piles {
		piles.WriteString("<p><strong>" + html.EscapeString(plainText(p.Title)) + "</strong></p><ul>")
		for _, it := range items {
			if it.PileID == i+1 {
				piles.WriteString("<li>" + html.EscapeString(plainText(it.Title)) + "</li>")
			}
		}
		piles.WriteString("</ul>")
	}
	if cards.Len() == 0 {
		return ""
	}
	return "<ul>" + cards.String() + "</ul>" + solutionToOpen(piles.String())
}

// quiz adds the questions of a knowledge check or a quiz lesson: choices
// as a knowledge check's questions (the question's feedback with each right
// answer), a fill-in-the-blank its text and the accepted answers to open,
// a matching one question per item, its options every match.
func (r *riseReader) quiz(pg *h5pPage, raws []json.RawMessage) {
	for _, raw := range raws {
		var q riseQuestion
		if !decodeParams(raw, &q) {
			continue
		}
		text := q.Title + r.picture(q.Media)
		switch q.Type {
		case "MULTIPLE_CHOICE", "MULTIPLE_RESPONSE":
			right := map[string]bool{}
			var one string
			if json.Unmarshal(q.Correct, &one) == nil && one != "" {
				right[one] = true
			}
			if q.Type == "MULTIPLE_RESPONSE" || one == "" {
				for _, id := range q.Corrects {
					right[id] = true
				}
			}
			var choices []choice
			for _, a := range q.Answers {
				ch := choice{text: a.Title, feedback: a.Feedback, right: bool(a.Correct) || (a.ID != "" && right[a.ID])}
				if ch.right && plainText(ch.feedback) == "" {
					ch.feedback = q.Feedback
				}
				choices = append(choices, ch)
			}
			if md := r.c.choiceMarkdown(text, pg.title, choices); md != "" {
				pg.questions = append(pg.questions, md)
			}
		case "FILL_IN_THE_BLANK":
			var answers strings.Builder
			for _, a := range q.Answers {
				if t := plainText(a.Title); t != "" {
					answers.WriteString("<li>" + html.EscapeString(t) + "</li>")
				}
			}
			r.text(pg, riseBlank.ReplaceAllString(text, gapToken)+solutionToOpen("<ul>"+answers.String()+"</ul>"+q.Feedback))
		case "MATCHING":
			r.matching(pg, q, text)
		default:
			r.c.left(errQuestions)
		}
	}
}

// riseBlank is the blank of a fill-in-the-blank question ("________").
var riseBlank = regexp.MustCompile(`_{3,}`)

// matching adds a matching question: its text, then a question per item
// whose options are every match, its own the right one.
func (r *riseReader) matching(pg *h5pPage, q riseQuestion, text string) {
	r.text(pg, text)
	for _, a := range q.Answers {
		var choices []choice
		for _, b := range q.Answers {
			choices = append(choices, choice{text: html.EscapeString(plainText(b.MatchTitle)), right: b.MatchTitle == a.MatchTitle})
		}
		if md := r.c.choiceMarkdown(html.EscapeString(plainText(a.Title)), pg.title, choices); md != "" {
			pg.questions = append(pg.questions, md)
		}
	}
}

// picture is a block's picture (HTML), "" for none or one of Rise's
// placeholders.
func (r *riseReader) picture(m riseMedia) string {
	if m.Image == nil {
		return ""
	}
	src := r.asset(m.Image)
	if src == "" {
		return ""
	}
	return `<p><img src="` + html.EscapeString(src) + `" alt="` + html.EscapeString(strings.TrimSpace(m.Image.AltText)) + `"></p>`
}

// mediaFile is a sound, video, file or another site's content: a link the
// page shows as the browser's player, or as a link.
func (r *riseReader) mediaFile(m riseMedia) string {
	for _, f := range []*riseFile{m.Audio, m.Video, m.Attachment} {
		if f == nil {
			continue
		}
		src := r.asset(f)
		if src == "" {
			continue
		}
		words := html.EscapeString(firstNonEmpty(plainText(f.OriginalURL), path.Base(src)))
		if f == m.Video {
			video := `<video src="` + html.EscapeString(src) + `" title="` + words + `"`
			if poster := r.asset(&riseFile{Key: f.Poster}); poster != "" {
				video += ` poster="` + html.EscapeString(poster) + `"`
			}
			return video + "></video>"
		}
		return `<p><a href="` + html.EscapeString(src) + `">` + words + "</a></p>"
	}
	if m.Embed == nil {
		return ""
	}
	if u := strings.TrimSpace(firstNonEmpty(m.Embed.OriginalURL, m.Embed.URL)); safeAddress(u) && strings.Contains(u, "://") {
		return `<p><a href="` + html.EscapeString(u) + `">` + html.EscapeString(firstNonEmpty(plainText(m.Embed.Title), u)) + "</a></p>" + para(html.EscapeString(plainText(m.Embed.Description)))
	}
	return ""
}

// asset is the path, from the course's page, of the file of the package
// that f names (its crushed copy, its key, its source or file name, as
// Rise names it in the package's assets/; the first of them when the
// package lacks the file); "" for none, or for one of Rise's placeholder
// pictures (block-defaults).
func (r *riseReader) asset(f *riseFile) string {
	if strings.Contains(f.Key, "block-defaults/") {
		return ""
	}
	var names []string
	if f.UseCrushedKey {
		names = append(names, f.CrushedKey)
	}
	names = append(names, f.Key, f.Src, f.URL, f.Filename, f.CrushedKey)
	missing := ""
	for _, n := range names {
		if n = path.Base(strings.TrimSpace(n)); n == "." || n == "/" || n == "" || strings.Contains(n, ":") {
			continue
		}
		for _, v := range []string{n, unescaped(n)} {
			if p, ok := r.file("assets/" + v); ok && r.c.has(p) {
				if own := path.Base(strings.TrimSpace(f.OriginalURL)); own != "." && own != "/" && own != "" {
					r.c.fileNames[p] = own
				}
				return "assets/" + v
			}
		}
		if missing == "" {
			missing = "assets/" + unescaped(n)
		}
	}
	return missing // a file the package lacks: linked all the same, so that the report names it
}

// unescaped is a name with its %-escapes undone (a name itself when it
// has none that read).
func unescaped(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}

// riseList is a list block as HTML: numbered, or bulleted (a checklist's
// boxes are only its look).
func riseList(variant string, items []riseItem) string {
	tag := "ul"
	if variant == "numbered" {
		tag = "ol"
	}
	var b strings.Builder
	for _, it := range items {
		if plainText(it.Paragraph) != "" {
			b.WriteString("<li>" + it.Paragraph + "</li>")
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return "<" + tag + ">" + b.String() + "</" + tag + ">"
}

// para is a text (HTML, or plain) as a paragraph of its own; "" for none.
func para(s string) string {
	if plainText(s) == "" {
		return ""
	}
	if strings.HasPrefix(strings.TrimSpace(s), "<") {
		return s
	}
	return "<p>" + html.EscapeString(s) + "</p>"
}

// dash is a quote's author after a dash; "" for none.
func dash(name string) string {
	if n := plainText(name); n != "" {
		return "— " + n
	}
	return ""
}
