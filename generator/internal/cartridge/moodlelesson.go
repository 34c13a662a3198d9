package cartridge

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A Moodle lesson (mod_lesson) is a path of pages: content pages, which
// teach, and question pages, which check. It becomes one lesson in the
// order the pages follow one another: each content page a section under
// its title (its files beside it, as a page's), each run of
// multiple-choice or true/false question pages a knowledge check at its
// place, each answer with its response; the jumps between pages (a content
// page's buttons, a wrong answer's "try again") have no place on a page
// read from top to bottom. Other kinds of question are named.

// The kinds of page of a Moodle lesson (its qtype).
const (
	lessonShortAnswer = 1
	lessonTrueFalse   = 2
	lessonChoice      = 3
	lessonMatching    = 5
	lessonNumerical   = 8
	lessonEssay       = 10
	lessonContent     = 20 // a content page ("branch table")
)

// checkElement is the element that stands in for a knowledge check in a
// page made of a Moodle lesson, until the page is converted (see clean).
const checkElement = "oersite-check"

// moodleLesson is the part of a lesson's file read.
type moodleLesson struct {
	Custom string `xml:"lesson>custom"` // "1": an answer's score says whether it is right
	Pages  []struct {
		ID       string `xml:"id,attr"`
		Prev     string `xml:"prevpageid"`
		Next     string `xml:"nextpageid"`
		Type     int    `xml:"qtype"`
		Title    string `xml:"title"`
		Contents string `xml:"contents"`
		Answers  []struct {
			ID       string `xml:"id,attr"`
			JumpTo   string `xml:"jumpto"`
			Score    string `xml:"score"`
			Text     string `xml:"answer_text"`
			Response string `xml:"response"`
		} `xml:"answers>answer"`
	} `xml:"lesson>pages>page"`
}

// lessonPage makes the page of a lesson (its file raw) at ctx's
// page_contents, titled title; false when it has no page.
func (c *reader) lessonPage(ctx, title string, raw []byte) (item, bool) {
	var l moodleLesson
	if xml.Unmarshal(raw, &l) != nil || len(l.Pages) == 0 {
		return item{}, false
	}
	var b strings.Builder
	var questions []string
	checkTitle := ""
	checks := 0
	flush := func() {
		if md := checkBlock(checkTitle, questions); md != "" {
			checks++
			key := ctx + "#" + strconv.Itoa(checks) // the lesson's, unique in the course
			c.checks[key] = md
			b.WriteString("<" + checkElement + ` data-n="` + key + `"></` + checkElement + ">\n")
		}
		questions, checkTitle = nil, ""
	}
	for _, i := range lessonOrder(l) {
		pg := l.Pages[i]
		switch pg.Type {
		case lessonContent:
			flush()
			if t := value(pg.Title); t != "" {
				b.WriteString("<h2>" + html.EscapeString(t) + "</h2>\n")
			}
			b.WriteString(wellFormed(strings.ReplaceAll(value(pg.Contents), "@@PLUGINFILE@@/", "@@PLUGINFILE@@/"+pg.ID+"/"), value(pg.Title)) + "\n")
		case lessonChoice, lessonTrueFalse:
			var choices []choice
			for _, a := range pg.Answers {
				choices = append(choices, choice{text: withFiles(a.Text, ctx+"/page_answers/"+a.ID), feedback: withFiles(a.Response, ctx+"/page_responses/"+a.ID),
					right: lessonRight(l.Custom, a.Score, a.JumpTo)})
			}
			if md := c.choiceMarkdown(withFiles(pg.Contents, ctx+"/page_contents/"+pg.ID), pg.Title, choices); md != "" {
				checkTitle = firstNonEmpty(checkTitle, value(pg.Title))
				questions = append(questions, md)
			}
		case lessonShortAnswer, lessonMatching, lessonNumerical, lessonEssay:
			c.left(errQuestions)
		}
	}
	flush()
	if strings.TrimSpace(b.String()) == "" {
		return item{}, false
	}
	return c.moodleText(ctx+"/page_contents/lesson.html", "webcontent", title, b.String()), true
}

// wellFormed is a page's HTML parsed and written again, all its elements
// and attributes closed, so that one page's slip cannot swallow the next
// (or a check's stand-in); a first heading that only repeats title (which
// the section's own heading shows) is left out.
func wellFormed(s, title string) string {
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return ""
	}
	var b bytes.Buffer
	first := true
	for _, n := range nodes {
		if first && n.Type == html.TextNode && strings.TrimSpace(n.Data) == "" {
			continue
		}
		if first && headingLevel(n) > 0 && sameWords(text(n), title) {
			first = false
			continue
		}
		first = false
		if html.Render(&b, n) != nil {
			return ""
		}
	}
	return b.String()
}

// lessonOrder is the order of a lesson's pages (indexes into l.Pages):
// from the first, each page's next, then any page not reached, in the
// file's order.
func lessonOrder(l moodleLesson) []int {
	byID := map[string]int{}
	first := -1
	for i, pg := range l.Pages {
		byID[pg.ID] = i
		if first < 0 && (pg.Prev == "0" || pg.Prev == "") {
			first = i
		}
	}
	var order []int
	seen := map[int]bool{}
	for i, ok := first, first >= 0; ok && !seen[i]; i, ok = byID[l.Pages[i].Next] {
		seen[i] = true
		order = append(order, i)
	}
	for i := range l.Pages {
		if !seen[i] {
			order = append(order, i)
		}
	}
	return order
}

// lessonRight says whether a lesson's answer is right: of a positive
// score when the lesson scores its answers itself, else one that does not
// send the learner back to the same page.
func lessonRight(custom, score, jumpTo string) bool {
	if strings.TrimSpace(custom) == "1" {
		s, err := strconv.ParseFloat(strings.TrimSpace(score), 64)
		return err == nil && s > 0
	}
	return strings.TrimSpace(jumpTo) != "0"
}
