package cartridge

import (
	"cmp"
	"encoding/json"
	"hash/fnv"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// An H5P content's questions and tasks: multiple choice, true/false,
// single-choice sets, summaries and question sets as knowledge checks;
// fill in the blanks, drag the words and mark the words as a text with
// its solution to open (see h5p.go).

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
			return gapToken // a gap, as printed exercises mark it
		})) + "</p>")
		solution.WriteString("<p>" + inlineHTML(gapWord.ReplaceAllStringFunc(t, func(m string) string {
			answer, _, _ := strings.Cut(strings.Trim(m, "*"), ":") // the tip after the colon is not the answer
			answer, _, _ = strings.Cut(answer, "/")                // the first of the right answers
			return "<strong>" + strings.TrimSpace(answer) + "</strong>"
		})) + "</p>")
	}
	if task.Len() == 0 {
		h.unread(kind, "") // a task without a word to find
		return
	}
	h.textAt(pg, firstNonEmpty(p.Task, p.Text), level)
	h.text(pg, task.String())
	h.text(pg, solutionToOpen(solution.String(), p.Solutions, p.Solution, p.SolutionBtn))
}

// h5pTask is what a task to solve says beside its items: its description,
// and the words of its own "Show solution" button.
type h5pTask struct {
	Task string `json:"taskDescription"`
	L10n struct {
		ShowSolution string `json:"showSolution"`
	} `json:"l10n"`
}

// solutionToOpen is a task's solution (HTML) in a solution block (see
// blockKind) labelled by the first of labels the content gives (its own
// button's words), else by the site's words in the page's language ("Show
// the solution", "Lösung anzeigen").
func solutionToOpen(body string, labels ...string) string {
	for _, l := range labels {
		if l = strings.TrimSpace(l); l != "" {
			return `<details class="solution"><summary>` + html.EscapeString(l) + "</summary>" + body + "</details>"
		}
	}
	return `<details class="solution">` + body + "</details>"
}

// details is a disclosure titled title (plain text) holding body (HTML),
// as the page reader writes it as a :::details block; the body alone when
// it has no title.
func details(title, body string) string {
	if strings.TrimSpace(title) == "" {
		return body
	}
	return "<details><summary>" + html.EscapeString(title) + "</summary>" + body + "</details>"
}

// questionText is a question's text with its picture (media: an
// H5P.Image) under it.
func (h *h5pReader) questionText(text string, media h5pMedia) string {
	if h5pKind(media.Library) == "H5P.Image" {
		text += h.imageParams(media.Params, true, media.Metadata)
	}
	return text
}

// multiChoice is an H5P.MultiChoice as a question (see choiceMarkdown).
func (h *h5pReader) multiChoice(raw json.RawMessage) string {
	var p struct {
		Question string   `json:"question"`
		Media    h5pMedia `json:"media"`
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

// h5pBool is true or false as H5P writes it: a JSON boolean, or in some
// editors' files a string.
type h5pBool bool

// UnmarshalJSON reads true, "true" or "1" as true.
func (b *h5pBool) UnmarshalJSON(data []byte) error {
	s := strings.Trim(strings.TrimSpace(string(data)), `"`)
	*b = h5pBool(s == "true" || s == "1")
	return nil
}

// trueFalse is an H5P.TrueFalse as a question of two answers, in the
// content's words ("True", "False" when it has none), each with the
// feedback for it.
func (h *h5pReader) trueFalse(raw json.RawMessage) string {
	var p struct {
		Question string   `json:"question"`
		Media    h5pMedia `json:"media"`
		Correct  string   `json:"correct"`
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
	ownOrder(out, func(c choice) string { return c.text })
	return out
}

// ownOrder puts items in an order of their own, by a hash of each one's
// key: the same at every import, and not the order the author wrote.
func ownOrder[T any](items []T, key func(T) string) {
	hash := func(s string) uint32 {
		h := fnv.New32a()
		h.Write([]byte(s))
		return h.Sum32()
	}
	slices.SortStableFunc(items, func(a, b T) int { return cmp.Compare(hash(key(a)), hash(key(b))) })
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

// h5pDropZone is a zone of a Drag and Drop: its label and the elements
// (by their place in the task's list) that belong in it.
type h5pDropZone struct {
	Label   string   `json:"label"`
	Correct []string `json:"correctElements"`
}

// dragQuestion adds a Drag and Drop as its background picture, then a
// question per labelled drop zone: which of the elements to drag (texts,
// pictures by their descriptions) belong in it, the zone's own ones right,
// the task done by choosing where a page cannot drag. False, and nothing
// added, when no zone has a label and right elements with words.
func (h *h5pReader) dragQuestion(raw json.RawMessage, pg *h5pPage) bool {
	var p struct {
		Question struct {
			Settings struct {
				Background h5pFile `json:"background"`
			} `json:"settings"`
			Task struct {
				Elements []struct {
					Type h5pContent `json:"type"`
				} `json:"elements"`
				Zones []h5pDropZone `json:"dropZones"`
			} `json:"task"`
		} `json:"question"`
	}
	if !decodeParams(raw, &p) {
		return false
	}
	words := make([]string, len(p.Question.Task.Elements))
	for i, e := range p.Question.Task.Elements {
		words[i] = elementWords(e.Type)
	}
	var questions []string
	for _, z := range p.Question.Task.Zones {
		label, choices, right := inlineHTML(z.Label), []choice(nil), 0
		for i, w := range words {
			if w != "" {
				in := slices.Contains(z.Correct, strconv.Itoa(i))
				choices = append(choices, choice{text: w, right: in})
				if in {
					right++
				}
			}
		}
		if label != "" && right > 0 && len(choices) > 1 {
			questions = append(questions, h.c.choiceMarkdown(label, h.c.course.Title, choices))
		}
	}
	if len(questions) == 0 {
		return false
	}
	h.text(pg, h.creditedPicture(p.Question.Settings.Background, "", false, h5pRights{}))
	for _, q := range questions {
		pg.question(q)
	}
	return true
}

// elementWords are the words of an element to drag: a text's, or a
// picture's description (else its title), as HTML; "" for none.
func elementWords(ct h5pContent) string {
	var p struct {
		Text  string `json:"text"`
		Alt   string `json:"alt"`
		Title string `json:"title"`
	}
	if !decodeParams(ct.Params, &p) {
		return ""
	}
	switch h5pKind(ct.Library) {
	case "H5P.AdvancedText", "H5P.Text":
		return inlineHTML(p.Text)
	case "H5P.Image":
		return html.EscapeString(strings.TrimSpace(firstNonEmpty(p.Alt, p.Title)))
	}
	return ""
}

// crossword adds a Crossword as its task and its clues, numbered, each
// with the length of its answer ("(5)"), then the answers in a disclosure
// labelled as the content labels its own button: the grid a page cannot
// hold, the puzzle done on paper or in the head.
func (h *h5pReader) crossword(raw json.RawMessage, pg *h5pPage, level int) bool {
	var p struct {
		h5pTask
		Words []struct {
			Clue   string `json:"clue"`
			Answer string `json:"answer"`
		} `json:"words"`
	}
	if !decodeParams(raw, &p) {
		return false
	}
	var clues, answers strings.Builder
	for _, w := range p.Words {
		clue, answer := inlineHTML(w.Clue), strings.TrimSpace(w.Answer)
		if clue == "" || answer == "" {
			continue
		}
		clues.WriteString("<li>" + clue + " (" + strconv.Itoa(utf8.RuneCountInString(strings.ReplaceAll(answer, " ", ""))) + ")</li>")
		answers.WriteString("<li>" + html.EscapeString(answer) + "</li>")
	}
	if clues.Len() == 0 {
		return false
	}
	h.textAt(pg, p.Task, level)
	h.text(pg, "<ol>"+clues.String()+"</ol>"+solutionToOpen("<ol>"+answers.String()+"</ol>", p.L10n.ShowSolution))
	return true
}

// sequenceItem is an item of a task of putting things in order: its
// HTML in the list to order and in the solution, and what orders it.
type sequenceItem struct {
	shown, solution, key string
}

// sequence adds a task of putting items (in their right order) in order:
// the task, the items in an order of their own (never the right one), then
// the right order to open (solutionToOpen): the task done in the head
// where a page cannot drag. False, and nothing added, for fewer than two items.
func (h *h5pReader) sequence(pg *h5pPage, level int, task h5pTask, items []sequenceItem) bool {
	if len(items) < 2 {
		return false
	}
	var right strings.Builder
	for _, it := range items {
		right.WriteString("<li>" + it.solution + "</li>")
	}
	shown := slices.Clone(items)
	ownOrder(shown, func(it sequenceItem) string { return it.key })
	if slices.Equal(shown, items) { // the order of their own is the right one
		shown = append(shown[1:], shown[0])
	}
	var list strings.Builder
	for _, it := range shown {
		list.WriteString("<li>" + it.shown + "</li>")
	}
	h.textAt(pg, task.Task, level)
	h.text(pg, "<ul>"+list.String()+"</ul>"+solutionToOpen("<ol>"+right.String()+"</ol>", task.L10n.ShowSolution))
	return true
}

// imageSequencing adds an Image Sequencing (see sequence): its pictures,
// each under its description.
func (h *h5pReader) imageSequencing(raw json.RawMessage, pg *h5pPage, level int) bool {
	var p struct {
		h5pTask
		Images []struct {
			Image       h5pFile `json:"image"`
			Description string  `json:"imageDescription"`
		} `json:"sequenceImages"`
	}
	if !decodeParams(raw, &p) {
		return false
	}
	var items []sequenceItem
	for _, s := range p.Images {
		words := html.EscapeString(strings.TrimSpace(s.Description))
		pic := h.creditedPicture(s.Image, s.Description, false, h5pRights{})
		if words != "" && pic != "" {
			items = append(items, sequenceItem{shown: "<p>" + words + "</p>" + pic, solution: words, key: s.Description + s.Image.Path})
		}
	}
	return h.sequence(pg, level, p.h5pTask, items)
}

// sortParagraphs adds a Sort the Paragraphs (see sequence): its picture,
// then its paragraphs.
func (h *h5pReader) sortParagraphs(raw json.RawMessage, pg *h5pPage, depth, level int) bool {
	var p struct {
		Media h5pMedia `json:"media"`
		h5pTask
		Paragraphs []string `json:"paragraphs"`
	}
	if !decodeParams(raw, &p) {
		return false
	}
	var items []sequenceItem
	for _, para := range p.Paragraphs {
		if words := inlineHTML(para); words != "" {
			items = append(items, sequenceItem{shown: words, solution: words, key: words})
		}
	}
	if len(items) < 2 {
		return false
	}
	h.content(p.Media.h5pContent, pg, depth+1, level)
	return h.sequence(pg, level, p.h5pTask, items)
}

// questionnaire adds a Questionnaire (a survey: questions with no right
// answer) as its questions to think about, each in bold, a choice's
// alternatives listed under it; false, and nothing added, when it asks
// nothing.
func (h *h5pReader) questionnaire(raw json.RawMessage, pg *h5pPage) bool {
	var p struct {
		Elements []struct {
			Library h5pContent `json:"library"`
		} `json:"questionnaireElements"`
	}
	if !decodeParams(raw, &p) {
		return false
	}
	asked := false
	for _, e := range p.Elements {
		asked = h.surveyQuestion(e.Library, pg) || asked
	}
	return asked
}

// surveyQuestion adds an open question or a choice of a survey (see
// questionnaire); false when it asks nothing.
func (h *h5pReader) surveyQuestion(ct h5pContent, pg *h5pPage) bool {
	var p struct {
		Question     string `json:"question"`
		Alternatives []struct {
			Text string `json:"text"`
		} `json:"alternatives"`
	}
	question := ""
	if decodeParams(ct.Params, &p) {
		question = inlineHTML(p.Question)
	}
	if question == "" {
		return false
	}
	var list strings.Builder
	if h5pKind(ct.Library) == "H5P.SimpleMultiChoice" {
		for _, a := range p.Alternatives {
			if words := inlineHTML(a.Text); words != "" {
				list.WriteString("<li>" + words + "</li>")
			}
		}
	}
	out := inBold(question)
	if list.Len() > 0 {
		out += "<ul>" + list.String() + "</ul>"
	}
	h.text(pg, out)
	return true
}

// imageChoice is an H5P.MultiMediaChoice (Image Choice: a question whose
// answers are pictures) as a question whose answers are those pictures,
// each with its description and its feedback (see choiceMarkdown); "" for
// one without pictures.
func (h *h5pReader) imageChoice(raw json.RawMessage) string {
	var p struct {
		Question string `json:"question"`
		Options  []struct {
			Media    h5pContent `json:"media"`
			Correct  h5pBool    `json:"correct"`
			Feedback struct {
				Chosen string `json:"chosenFeedback"`
			} `json:"tipsAndFeedback"`
		} `json:"options"`
	}
	if !decodeParams(raw, &p) {
		return ""
	}
	var choices []choice
	for _, o := range p.Options {
		if h5pKind(o.Media.Library) != "H5P.Image" {
			continue
		}
		if pic := h.imageParams(o.Media.Params, true, o.Media.Metadata); pic != "" {
			choices = append(choices, choice{text: pic, feedback: o.Feedback.Chosen, right: bool(o.Correct)})
		}
	}
	if len(choices) == 0 {
		return ""
	}
	return h.c.choiceMarkdown(p.Question, h.c.course.Title, choices)
}
