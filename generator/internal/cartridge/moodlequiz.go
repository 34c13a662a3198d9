package cartridge

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// A Moodle quiz becomes a knowledge check at its place, as a cartridge's
// test does: its multiple-choice and true/false questions (from the
// backup's questions.xml, Moodle 2–3's <question> and 4's question bank
// entries alike) with each answer's feedback, right answers those of a
// positive fraction; other kinds of question are named.

// moodleQuestion is one question of questions.xml.
type moodleQuestion struct {
	ID      string `xml:"id,attr"`
	Name    string `xml:"name"`
	Text    string `xml:"questiontext"`
	Type    string `xml:"qtype"`
	Plugins []struct {
		XMLName xml.Name
		Answers []struct {
			Text     string `xml:"answertext"`
			Fraction string `xml:"fraction"`
			Feedback string `xml:"feedback"`
		} `xml:"answers>answer"`
	} `xml:",any"`
}

// moodleQuestions reads questions.xml: the questions by id, and a question
// bank entry's id -> its last version's question id.
func moodleQuestions(data []byte) (map[string]moodleQuestion, map[string]string) {
	questions, entries := map[string]moodleQuestion{}, map[string]string{}
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) || err != nil {
			return questions, entries
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch start.Name.Local {
		case "question":
			var q moodleQuestion
			if d.DecodeElement(&q, &start) == nil {
				questions[q.ID] = q
			}
		case "question_bank_entry":
			var e struct {
				ID       string `xml:"id,attr"`
				Versions []struct {
					Version   int              `xml:"version"`
					Questions []moodleQuestion `xml:"questions>question"`
				} `xml:"question_version>question_versions"`
			}
			if d.DecodeElement(&e, &start) != nil {
				continue
			}
			last := -1
			for _, v := range e.Versions {
				for _, q := range v.Questions {
					questions[q.ID] = q
					if v.Version > last {
						last, entries[e.ID] = v.Version, q.ID
					}
				}
			}
		}
	}
}

// moodleQuiz is a quiz's questions, in its order.
type moodleQuiz struct {
	Instances []struct {
		QuestionID string `xml:"questionid"`
		Question   string `xml:"question"`
		EntryID    string `xml:"question_reference>questionbankentryid"`
	} `xml:"quiz>question_instances>question_instance"`
}

// pluginPicture is a picture of the question bank's own files, which the
// knowledge check cannot carry.
var pluginPicture = regexp.MustCompile(`(?i)<img[^>]*@@PLUGINFILE@@[^>]*>`)

// quizMarkdown writes a quiz's questions as a knowledge check ("" when
// none is multiple choice or true/false).
func (c *reader) quizMarkdown(title string, quiz moodleQuiz) string {
	var b strings.Builder
	for _, in := range quiz.Instances {
		id := firstNonEmpty(in.QuestionID, in.Question, c.entries[in.EntryID])
		q, ok := c.questions[id]
		if !ok {
			continue
		}
		if q.Type != "multichoice" && q.Type != "truefalse" {
			c.left(errQuestions)
			continue
		}
		if md := c.moodleQuestionMarkdown(q); md != "" {
			b.WriteString("\n" + md)
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return ":::quiz " + oneLine(title) + "\n" + strings.TrimPrefix(b.String(), "\n") + ":::"
}

// moodleQuestionMarkdown writes one question: its text, then its answers,
// the right ones checked, each with its feedback.
func (c *reader) moodleQuestionMarkdown(q moodleQuestion) string {
	var b strings.Builder
	text := q.Text
	if pluginPicture.MatchString(text) {
		text = pluginPicture.ReplaceAllString(text, "")
		c.left(errQuizPictures)
	}
	b.WriteString(c.htmlBlock(value(text), q.Name) + "\n\n")
	answers, right := 0, 0
	for _, p := range q.Plugins {
		for _, a := range p.Answers {
			box := "[ ]"
			if f, err := strconv.ParseFloat(strings.TrimSpace(a.Fraction), 64); err == nil && f > 0 {
				box = "[x]"
				right++
			}
			answers++
			b.WriteString("- " + box + " " + oneLine(c.htmlBlock(value(a.Text), "")) + "\n")
			if f := oneLine(c.htmlBlock(value(a.Feedback), "")); f != "" {
				b.WriteString("  > " + f + "\n")
			}
		}
	}
	if answers < 2 || right == 0 {
		c.left(errQuestions)
		return ""
	}
	return b.String()
}
