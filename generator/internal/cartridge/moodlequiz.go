package cartridge

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/oersite/oersite/generator/internal/markdown/mdtext"
)

// A Moodle quiz becomes a knowledge check at its place, as a cartridge's
// test does: its multiple-choice and true/false questions (from the
// backup's questions.xml, Moodle 2–3's <question> and 4's question bank
// entries alike) with each answer's feedback, right answers those of a
// positive fraction; other kinds of question are named. A random question
// (Moodle draws one of a category's questions for each attempt) shows one
// of them: the check is as long as an attempt, and the course's quizzes
// share out their categories' questions rather than repeat them. A question's pictures
// (and its answers' and feedback's) come with it, beside the lesson.

// moodleQuestion is one question of questions.xml.
type moodleQuestion struct {
	ID      string `xml:"id,attr"`
	Name    string `xml:"name"`
	Text    string `xml:"questiontext"`
	Type    string `xml:"qtype"`
	Plugins []struct {
		XMLName xml.Name
		Single  string `xml:"multichoice>single"` // "1": one answer is chosen
		Answers []struct {
			ID       string `xml:"id,attr"`
			Text     string `xml:"answertext"`
			Fraction string `xml:"fraction"`
			Feedback string `xml:"feedback"`
		} `xml:"answers>answer"`
	} `xml:",any"`
}

// moodleBank is the backup's question bank: its questions by id, a
// question bank entry's id -> its last version's question id, and its
// categories (their questions, last versions only, in the file's order,
// and their parents).
type moodleBank struct {
	questions  map[string]moodleQuestion
	entries    map[string]string
	categoryOf map[string]string   // a question's id -> its category
	categories map[string][]string // a category -> its questions' ids
	parents    map[string]string   // a category -> its parent
	taken      map[string]bool     // the questions quizzes read so far show
}

// readBank reads questions.xml (nil or broken: an empty bank).
func readBank(data []byte) *moodleBank {
	b := &moodleBank{questions: map[string]moodleQuestion{}, entries: map[string]string{}, categoryOf: map[string]string{},
		categories: map[string][]string{}, parents: map[string]string{}, taken: map[string]bool{}}
	d := xml.NewDecoder(bytes.NewReader(data))
	category := ""
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) || err != nil {
			return b
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch start.Name.Local {
		case "question_category":
			category = attrValue(start, "id")
		case "parent": // a category's own (questions and entries are read whole)
			var parent string
			if d.DecodeElement(&parent, &start) == nil && category != "" {
				b.parents[category] = strings.TrimSpace(parent)
			}
		case "question":
			var q moodleQuestion
			if d.DecodeElement(&q, &start) == nil {
				b.add(category, q)
			}
		case "question_bank_entry":
			b.readEntry(d, start, category)
		}
	}
}

// readEntry reads a question bank entry (Moodle 4): its versions'
// questions, the last of which is the entry's.
func (b *moodleBank) readEntry(d *xml.Decoder, start xml.StartElement, category string) {
	var e struct {
		ID       string `xml:"id,attr"`
		Versions []struct {
			Version   int              `xml:"version"`
			Questions []moodleQuestion `xml:"questions>question"`
		} `xml:"question_version>question_versions"`
	}
	if d.DecodeElement(&e, &start) != nil {
		return
	}
	last, lastQ := -1, moodleQuestion{}
	for _, v := range e.Versions {
		for _, q := range v.Questions {
			b.questions[q.ID] = q
			if v.Version > last {
				last, lastQ = v.Version, q
			}
		}
	}
	if last >= 0 {
		b.entries[e.ID] = lastQ.ID
		b.add(category, lastQ)
	}
}

// add puts a question in the bank, in its category.
func (b *moodleBank) add(category string, q moodleQuestion) {
	b.questions[q.ID] = q
	if category != "" {
		b.categoryOf[q.ID] = category
		b.categories[category] = append(b.categories[category], q.ID)
	}
}

// drawn is the questions a random question draws from: its category's,
// and with sub its subcategories' too.
func (b *moodleBank) drawn(category string, sub bool) []string {
	ids := slices.Clone(b.categories[category])
	if !sub {
		return ids
	}
	seen := map[string]bool{category: true}
	for next := []string{category}; len(next) > 0; {
		var children []string
		for c, parent := range b.parents {
			if slices.Contains(next, parent) && !seen[c] {
				seen[c] = true
				children = append(children, c)
			}
		}
		slices.SortFunc(children, compareNumbers)
		for _, c := range children {
			ids = append(ids, b.categories[c]...)
		}
		next = children
	}
	return ids
}

// compareNumbers orders Moodle ids as numbers.
func compareNumbers(a, b string) int {
	x, errX := strconv.Atoi(a)
	y, errY := strconv.Atoi(b)
	if errX != nil || errY != nil {
		return strings.Compare(a, b)
	}
	return x - y
}

// attrValue is a start element's attribute.
func attrValue(start xml.StartElement, name string) string {
	for _, a := range start.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// moodleQuiz is a quiz's questions, in its order: a question (by its id,
// Moodle 2–3, or its bank entry, 4) or a random draw (a random question of
// Moodle 2–3, whose category is the draw's, or 3.9's and 4's category and
// filter).
type moodleQuiz struct {
	Instances []struct {
		QuestionID string `xml:"questionid"`
		Question   string `xml:"question"`
		EntryID    string `xml:"question_reference>questionbankentryid"`
		CategoryID string `xml:"questioncategoryid"`
		Sub        string `xml:"includingsubcategories"`
		Filter     string `xml:"question_set_reference>filtercondition"`
	} `xml:"quiz>question_instances>question_instance"`
}

// randomDraw is the category a filter condition draws from (Moodle 4.0–4.2
// name it, 4.3 on filter by it, and the question bank's "cat", its number
// and context, says it too), and whether subcategories are in.
func randomDraw(filter string) (category string, sub bool) {
	var f struct {
		CategoryID any    `json:"questioncategoryid"`
		Sub        any    `json:"includingsubcategories"`
		Cat        string `json:"cat"` // "2,10": the category, then its context
		Filter     struct {
			Category struct {
				Values  []any `json:"values"`
				Options struct {
					Sub any `json:"includesubcategories"`
				} `json:"filteroptions"`
			} `json:"category"`
		} `json:"filter"`
	}
	if json.Unmarshal([]byte(filter), &f) != nil {
		return "", false
	}
	if len(f.Filter.Category.Values) > 0 {
		return jsonWord(f.Filter.Category.Values[0]), truthy(f.Filter.Category.Options.Sub)
	}
	if c := jsonWord(f.CategoryID); c != "" || f.Cat == "" {
		return c, truthy(f.Sub)
	}
	c, _, _ := strings.Cut(f.Cat, ",")
	return strings.TrimSpace(c), truthy(f.Sub)
}

// jsonWord is a JSON string or number as text.
func jsonWord(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return ""
}

// truthy reads Moodle's yes in JSON: true, 1 or "1".
func truthy(v any) bool {
	switch v := v.(type) {
	case bool:
		return v
	case float64:
		return v != 0
	case string:
		return v == "1" || v == "true"
	}
	return false
}

// quizQuestions is the questions a quiz shows, in its order, each once: a
// random question takes one question of its draw, as an attempt shows one
// (not one the quiz asks itself, and one no quiz before it took while
// there is one).
func (c *reader) quizQuestions(quiz moodleQuiz) []moodleQuestion {
	b := c.bank
	type slot struct {
		id     string   // a question
		drawn  []string // or a random question's draw
		random bool
	}
	var slots []slot
	inQuiz := map[string]bool{}
	for _, in := range quiz.Instances {
		id := firstNonEmpty(in.QuestionID, in.Question, b.entries[in.EntryID])
		q, ok := b.questions[id]
		switch {
		case in.Filter != "":
			cat, sub := randomDraw(in.Filter)
			slots = append(slots, slot{drawn: b.drawn(cat, sub), random: true})
		case ok && q.Type == "random":
			cat := firstNonEmpty(in.CategoryID, b.categoryOf[id])
			slots = append(slots, slot{drawn: b.drawn(cat, in.Sub == "1" || value(q.Text) == "1"), random: true})
		case ok:
			slots = append(slots, slot{id: id})
			inQuiz[id] = true
		}
	}
	var out []moodleQuestion
	shown := map[string]bool{}
	for _, s := range slots {
		id := s.id
		if s.random {
			if id = b.draw(s.drawn, inQuiz); id == "" {
				continue // the draw's questions are all in the quiz already
			}
			inQuiz[id] = true
		}
		if q, ok := b.questions[id]; ok && q.Type != "random" && !shown[id] {
			shown[id], b.taken[id] = true, true
			out = append(out, q)
		}
	}
	return out
}

// draw is the question a random question shows: the first of its draw
// not in the quiz, preferring one no quiz before took.
func (b *moodleBank) draw(drawn []string, inQuiz map[string]bool) string {
	first := ""
	for _, id := range drawn {
		if q, ok := b.questions[id]; !ok || q.Type == "random" || inQuiz[id] {
			continue
		}
		if !b.taken[id] {
			return id
		}
		first = firstNonEmpty(first, id)
	}
	return first
}

// quizMarkdown writes a quiz's questions as a knowledge check ("" when
// none is multiple choice or true/false).
func (c *reader) quizMarkdown(title string, quiz moodleQuiz) string {
	var qs []string
	for _, q := range c.quizQuestions(quiz) {
		if q.Type != "multichoice" && q.Type != "truefalse" {
			c.left(errQuestions)
			continue
		}
		text := withFiles(q.Text, "moodle/question/questiontext/"+q.ID)
		if md := c.choiceMarkdown(text, q.Name, questionChoices(q)); md != "" {
			qs = append(qs, md)
		}
	}
	return checkBlock(title, qs)
}

// questionChoices is a question's answers: right those of a positive
// fraction, or, when one answer is chosen, those of the highest (an answer
// of half the marks is the feedback's "partly right", not the one to
// choose).
func questionChoices(q moodleQuestion) []choice {
	var choices []choice
	var fractions []float64
	single, best := false, 0.0
	for _, p := range q.Plugins {
		single = single || strings.TrimSpace(p.Single) == "1" || q.Type == "truefalse"
		for _, a := range p.Answers {
			f, err := strconv.ParseFloat(strings.TrimSpace(a.Fraction), 64)
			if err != nil {
				f = 0
			}
			best = max(best, f)
			fractions = append(fractions, f)
			choices = append(choices, choice{text: withFiles(a.Text, "moodle/question/answer/"+a.ID), feedback: withFiles(a.Feedback, "moodle/question/answerfeedback/"+a.ID)})
		}
	}
	for i, f := range fractions {
		choices[i].right = f > 0 && (!single || f == best)
	}
	return choices
}

// checkBlock is a knowledge check of questions ("" for none).
func checkBlock(title string, questions []string) string {
	if len(questions) == 0 {
		return ""
	}
	return ":::quiz " + oneLine(title) + "\n" + strings.Join(questions, "\n") + ":::"
}

// choice is an answer of a question, in HTML.
type choice struct {
	text, feedback string
	right          bool
}

// fileScheme marks, in a knowledge check's Markdown, the address of a
// file of the backup (a question's picture) until the check is placed in
// a module, which takes the file (see placeFiles).
const fileScheme = "oersite-moodle-file:"

// withFiles points a text's links to its own files (@@PLUGINFILE@@, of
// the files' area at base) at the files of the backup.
func withFiles(html, base string) string {
	return strings.ReplaceAll(html, "@@PLUGINFILE@@/", fileScheme+base+"/")
}

// fileLink is a picture or link to a file of the backup in a check's
// Markdown.
var fileLink = regexp.MustCompile(`(!?)\[((?:[^\]\\]|\\.)*)\]\(<?` + fileScheme + `([^)>\s]+)>?\)`)

// placeFiles takes the files a knowledge check shows into the module being
// read and points its pictures and links at them; one the backup lacks
// leaves its words.
func (c *reader) placeFiles(md string) string {
	md = fileLink.ReplaceAllStringFunc(md, func(m string) string {
		parts := fileLink.FindStringSubmatch(m)
		p, err := url.PathUnescape(parts[3])
		if err != nil {
			return parts[2]
		}
		name, err := c.file(path.Clean(p))
		if err != nil || name == "" {
			return parts[2] // a picture without its file: its description, if any
		}
		return parts[1] + "[" + parts[2] + "](" + mdtext.LinkDest(name) + ")"
	})
	for strings.Contains(md, "\n\n\n") { // a picture's line left empty
		md = strings.ReplaceAll(md, "\n\n\n", "\n\n")
	}
	return md
}

// choiceMarkdown writes one question of choices (HTML): its text (name
// when it has none), then its answers, the right ones checked, each with
// its feedback; "" (and the question named) when it has fewer than two
// answers or none right.
func (c *reader) choiceMarkdown(text, name string, choices []choice) string {
	var b strings.Builder
	b.WriteString(c.htmlBlock(value(text), name) + "\n\n")
	right := 0
	for _, a := range choices {
		box := "[ ]"
		if a.right {
			box = "[x]"
			right++
		}
		b.WriteString("- " + box + " " + oneLine(c.htmlBlock(value(a.text), "")) + "\n")
		if f := oneLine(c.htmlBlock(value(a.feedback), "")); f != "" {
			b.WriteString("  > " + f + "\n")
		}
	}
	if len(choices) < 2 || right == 0 {
		c.left(errQuestions)
		return ""
	}
	return b.String()
}
