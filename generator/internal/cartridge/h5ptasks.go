package cartridge

import (
	"encoding/json"
	"html"
	"strconv"
	"strings"
)

// H5P contents that ask the learner to write, speak, guess or compare: a
// Documentation Tool's pages, a Dictation, Speak the Words (alone or as a
// set), Guess the Answer and an Image Juxtaposition, each as the page a
// tutor and a learner can work through on paper or aloud (see h5p.go).

// inBold is a paragraph of words (HTML) in bold: a question to think
// about, a picture's label.
func inBold(words string) string { return "<p><strong>" + words + "</strong></p>" }

// documentationTool adds a Documentation Tool (a workbook whose pages the
// learner fills in): each page a section under its title with its
// description, texts and pictures, each field to fill in a question to
// think about, and its help text to open. Its last page, a button that
// exports the answers, has nothing to show. False, and nothing added, when
// no page says anything.
func (h *h5pReader) documentationTool(raw json.RawMessage, pg *h5pPage, depth, level int) bool {
	var p struct {
		Pages []h5pContent `json:"pagesList"`
	}
	if !decodeParams(raw, &p) {
		return false
	}
	read := false
	for _, page := range p.Pages {
		switch h5pKind(page.Library) {
		case "H5P.StandardPage", "H5P.GoalsPage", "H5P.GoalsAssessmentPage":
			read = h.workbookPage(page.Params, pg, depth+1, level) || read
		}
	}
	return read
}

// workbookPage adds one page of a Documentation Tool (see
// documentationTool); false when it says nothing.
func (h *h5pReader) workbookPage(raw json.RawMessage, pg *h5pPage, depth, level int) bool {
	var p struct {
		Title       string       `json:"title"`
		Description string       `json:"description"`
		Elements    []h5pContent `json:"elementList"`
		HelpLabel   string       `json:"helpTextLabel"`
		Help        string       `json:"helpText"`
	}
	if depth > maxH5PDepth || !decodeParams(raw, &p) {
		return false
	}
	h.flush(pg) // the questions before it are not the page's
	before := pg.b.Len()
	h.heading(pg, level, plainText(p.Title))
	headed := pg.b.Len()
	h.textAt(pg, p.Description, level+1)
	for _, e := range p.Elements {
		switch h5pKind(e.Library) {
		case "H5P.Text", "H5P.AdvancedText", "H5P.Image": // what a page holds, no question
			h.content(e, pg, depth+1, level+1)
		case "H5P.TextInputField":
			var field struct {
				Task string `json:"taskDescription"`
			}
			if decodeParams(e.Params, &field) && inlineHTML(field.Task) != "" {
				h.text(pg, inBold(inlineHTML(field.Task)))
			}
		}
	}
	if plainText(p.Help) != "" {
		label := ""
		if l := strings.TrimSpace(p.HelpLabel); l != "" {
			label = "<summary>" + html.EscapeString(l) + "</summary>"
		}
		h.text(pg, "<details>"+label+wellFormed(p.Help, "")+"</details>") // "Details" in the page's language without a label
	}
	if pg.b.Len() == headed { // a title alone: no section
		pg.truncate(before)
		return false
	}
	return true
}

// truncate takes back what was written to the page after its first n
// bytes.
func (pg *h5pPage) truncate(n int) {
	kept := pg.b.String()[:n]
	pg.b.Reset()
	pg.b.WriteString(kept)
}

// dictation adds a Dictation: its task, then each sentence's sound under
// its number (each in a paragraph of its own, where the page shows a
// player), then the sentences to open, labelled as the content labels its
// own button: written down on paper and checked. A sentence without a
// sound cannot be taken down and is left out. False, and nothing added,
// without a sentence that has one.
func (h *h5pReader) dictation(raw json.RawMessage, pg *h5pPage, level int) bool {
	var p struct {
		Task      string `json:"taskDescription"`
		Sentences []struct {
			Sample []h5pFile `json:"sample"`
			Text   string    `json:"text"`
		} `json:"sentences"`
		ShowSolution string `json:"showSolution"`
	}
	if !decodeParams(raw, &p) {
		return false
	}
	var sounds, solution strings.Builder
	n := 0 // sentences taken
	for _, s := range p.Sentences {
		words, sound := html.EscapeString(plainText(s.Text)), h.media(s.Sample, "", h5pFile{}, nil)
		if words == "" || sound == "" {
			continue
		}
		n++
		sounds.WriteString(inBold(strconv.Itoa(n)+".") + sound)
		solution.WriteString("<li>" + words + "</li>")
	}
	if n == 0 {
		return false
	}
	h.textAt(pg, p.Task, level)
	h.text(pg, sounds.String()+solutionToOpen("<ol>"+solution.String()+"</ol>", p.ShowSolution))
	return true
}

// speakTheWords adds a Speak the Words (a question answered aloud) as a
// question to think about, then its accepted answers to open, labelled as
// the content labels its own button; false, and nothing added, when it
// asks nothing or accepts no answer.
func (h *h5pReader) speakTheWords(raw json.RawMessage, pg *h5pPage) bool {
	s := spokenQuestion(raw)
	h.text(pg, s)
	return s != ""
}

// spokenQuestion is a Speak the Words as HTML (see speakTheWords); "" when
// it asks nothing or accepts no answer.
func spokenQuestion(raw json.RawMessage) string {
	var p struct {
		Question string   `json:"question"`
		Answers  []string `json:"acceptedAnswers"`
		L10n     struct {
			ShowSolution string `json:"showSolutionLabel"`
		} `json:"l10n"`
	}
	if !decodeParams(raw, &p) {
		return ""
	}
	var answers strings.Builder
	for _, a := range p.Answers {
		if words := html.EscapeString(plainText(a)); words != "" {
			answers.WriteString("<li>" + words + "</li>")
		}
	}
	question := inlineHTML(p.Question)
	if question == "" || answers.Len() == 0 {
		return ""
	}
	return inBold(question) + solutionToOpen("<ul>"+answers.String()+"</ul>", p.L10n.ShowSolution)
}

// speakTheWordsSet adds a Speak the Words Set: its introduction (title,
// picture, text), then each of its questions (see speakTheWords); false,
// and nothing added, when no question asks anything.
func (h *h5pReader) speakTheWordsSet(raw json.RawMessage, pg *h5pPage, level int) bool {
	var p struct {
		Intro struct {
			Title string  `json:"introductionTitle"`
			Image h5pFile `json:"introductionImage"`
			Alt   string  `json:"introductionImageAltText"`
			Text  string  `json:"introductionText"`
		} `json:"introduction"`
		Questions []h5pContent `json:"questions"`
	}
	if !decodeParams(raw, &p) {
		return false
	}
	var questions []string
	for _, q := range p.Questions {
		if h5pKind(q.Library) == "H5P.SpeakTheWords" {
			if s := spokenQuestion(q.Params); s != "" {
				questions = append(questions, s)
			}
		}
	}
	if len(questions) == 0 {
		return false
	}
	if !sameWords(p.Intro.Title, pg.title) {
		h.heading(pg, level, plainText(p.Intro.Title))
	}
	h.text(pg, h.creditedPicture(p.Intro.Image, p.Intro.Alt, false, h5pRights{}))
	h.textAt(pg, p.Intro.Text, level+1)
	for _, q := range questions {
		h.text(pg, q)
	}
	return true
}

// imageJuxtaposition adds an Image Juxtaposition (two pictures compared
// with a slider): its title, then each picture under its label, with its
// credit line. A picture is an H5P.Image with its description (version
// 1.4 on), or a file its label describes (before). False, and nothing
// added, without both pictures.
func (h *h5pReader) imageJuxtaposition(raw json.RawMessage, pg *h5pPage, level int) bool {
	var p struct {
		Title  string `json:"title"`
		Before struct {
			Image json.RawMessage `json:"imageBefore"`
			Label string          `json:"labelBefore"`
		} `json:"imageBefore"`
		After struct {
			Image json.RawMessage `json:"imageAfter"`
			Label string          `json:"labelAfter"`
		} `json:"imageAfter"`
	}
	if !decodeParams(raw, &p) {
		return false
	}
	before := h.imageOrFile(p.Before.Image, plainText(p.Before.Label))
	after := h.imageOrFile(p.After.Image, plainText(p.After.Label))
	if before == "" || after == "" {
		return false
	}
	if !sameWords(p.Title, pg.title) {
		h.heading(pg, level, plainText(p.Title))
	}
	for _, side := range []struct{ label, picture string }{{p.Before.Label, before}, {p.After.Label, after}} {
		if label := html.EscapeString(plainText(side.label)); label != "" {
			h.text(pg, inBold(label))
		}
		h.text(pg, side.picture)
	}
	return true
}

// imageOrFile is the picture (see creditedPicture) of raw, an H5P.Image
// (described as its parameters say) or a picture's file (described by
// alt); "" for neither.
func (h *h5pReader) imageOrFile(raw json.RawMessage, alt string) string {
	var v struct {
		h5pContent
		h5pFile
	}
	if !decodeParams(raw, &v) {
		return ""
	}
	if h5pKind(v.Library) == "H5P.Image" {
		return h.imageParams(v.Params, false, v.Metadata)
	}
	return h.creditedPicture(v.h5pFile, alt, false, h5pRights{})
}

// guessTheAnswer adds a Guess the Answer: its picture or video, its task,
// then its answer to open, labelled as the content labels it ("Click to
// see the answer"); false, and nothing added, without an answer.
func (h *h5pReader) guessTheAnswer(raw json.RawMessage, pg *h5pPage, depth, level int) bool {
	var p struct {
		Task     string   `json:"taskDescription"`
		Media    h5pMedia `json:"media"`
		Label    string   `json:"solutionLabel"`
		Solution string   `json:"solutionText"`
	}
	if !decodeParams(raw, &p) || plainText(p.Solution) == "" {
		return false
	}
	h.content(p.Media.h5pContent, pg, depth+1, level)
	h.textAt(pg, p.Task, level)
	h.text(pg, solutionToOpen(wellFormed(p.Solution, ""), plainText(p.Label)))
	return true
}
