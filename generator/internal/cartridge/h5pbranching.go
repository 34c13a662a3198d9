package cartridge

import (
	"encoding/json"
	"html"
	"strconv"
	"strings"
)

// A Branching Scenario (a story whose reader chooses what happens next:
// a customer's complaint, a sales talk) becomes its steps one after
// another, each under a heading, as a book whose reader turns to the page
// a choice names: a branching question's answers are links to the steps
// they lead to, a step that goes on elsewhere than the next one ends with
// a link there (in the content's words, "Proceed"), and each ending (the
// scenario's end screen, or a step's or answer's own feedback) is a
// section of its own at the end, with a link back to the start.

// h5pEnding is what a scenario says where a path ends: a title and text.
type h5pEnding struct {
	Title    string `json:"title"`
	Subtitle string `json:"subtitle"`
}

// h5pStep is a step of a Branching Scenario: its content, the step it
// leads to (-1: the end), the words of the link there and its ending.
type h5pStep struct {
	Type     h5pContent `json:"type"`
	Next     *h5pNumber `json:"nextContentId"`
	Proceed  string     `json:"proceedButtonText"`
	Feedback h5pEnding  `json:"feedback"`
}

// h5pBranchingScenario is the part of a Branching Scenario read.
type h5pBranchingScenario struct {
	Start struct {
		Title    string  `json:"startScreenTitle"`
		Subtitle string  `json:"startScreenSubtitle"`
		Image    h5pFile `json:"startScreenImage"`
		Alt      string  `json:"startScreenAltText"`
	} `json:"startScreen"`
	Ends []struct {
		Title    string `json:"endScreenTitle"`
		Subtitle string `json:"endScreenSubtitle"`
	} `json:"endScreens"`
	Steps []h5pStep `json:"content"`
	L10n  struct {
		Restart string `json:"endScreenButtonText"`
	} `json:"l10n"`
}

// branching adds a Branching Scenario (see above).
func (h *h5pReader) branching(raw json.RawMessage, pg *h5pPage, depth, level int) {
	var p struct {
		BS h5pBranchingScenario `json:"branchingScenario"`
	}
	if !decodeParams(raw, &p) || len(p.BS.Steps) == 0 {
		return
	}
	bs := p.BS
	b := branchWriter{h: h, pg: pg, level: level, steps: len(bs.Steps)}
	if !sameWords(bs.Start.Title, pg.title) { // the lesson's title says it
		h.textAt(pg, bs.Start.Title, level)
	}
	h.textAt(pg, bs.Start.Subtitle, level)
	h.text(pg, h.creditedPicture(bs.Start.Image, bs.Start.Alt, false, h5pRights{}))
	for i, st := range bs.Steps {
		b.step(i, st, depth)
	}
	end := h5pEnding{}
	if len(bs.Ends) > 0 {
		end = h5pEnding{Title: bs.Ends[0].Title, Subtitle: bs.Ends[0].Subtitle}
	}
	restart := firstNonEmpty(strings.TrimSpace(bs.L10n.Restart), "Restart")
	b.ending("bs-end", end, restart)
	for _, e := range b.endings {
		b.ending(e.id, e.ending, restart)
	}
}

// branchWriter writes a scenario's steps and remembers the endings they
// link to, written after them.
type branchWriter struct {
	h       *h5pReader
	pg      *h5pPage
	level   int
	steps   int
	endings []branchEnding
}

// branchEnding is an ending a path leads to, under its heading's id.
type branchEnding struct {
	id     string
	ending h5pEnding
}

// stepID is the id of step i's heading; "bs-end" for -1 or a step that
// is not there.
func (b *branchWriter) stepID(i int) string {
	if i < 0 || i >= b.steps {
		return "bs-end"
	}
	return "bs-" + strconv.Itoa(i)
}

// target is the id a path to next reaches: a step, or the end (an ending
// of its own when the path says one).
func (b *branchWriter) target(next int, own h5pEnding, key string) string {
	if next >= 0 && next < b.steps {
		return b.stepID(next)
	}
	if strings.TrimSpace(own.Title+own.Subtitle) == "" {
		return "bs-end"
	}
	id := "bs-end-" + key
	b.endings = append(b.endings, branchEnding{id, own})
	return id
}

// step writes step i under its heading: its title, else a branching
// question's words (then not written again), else its number.
func (b *branchWriter) step(i int, st h5pStep, depth int) {
	h, pg := b.h, b.pg
	title := ownTitle(st.Type.Metadata.Title)
	if h5pKind(st.Type.Library) == "H5P.BranchingQuestion" {
		q := branchingQuestion(st.Type.Params)
		if words := plainText(q.Question); title == "" && words != "" && len(words) <= 200 {
			title, q.Question = words, ""
		}
		h.headingWithID(pg, b.level, firstNonEmpty(title, strconv.Itoa(i+1)), b.stepID(i))
		b.question(i, q)
		return
	}
	title = firstNonEmpty(title, strconv.Itoa(i+1))
	h.headingWithID(pg, b.level, title, b.stepID(i))
	pg.section = title
	h.content(st.Type, pg, depth+1, b.level+1)
	next := i + 1
	if st.Next != nil {
		next = int(*st.Next)
	}
	if next == i+1 && next < b.steps {
		return // the next step follows
	}
	words := firstNonEmpty(strings.TrimSpace(st.Proceed), "Proceed")
	h.text(pg, `<p><a href="#`+b.target(next, st.Feedback, strconv.Itoa(i))+`">`+html.EscapeString(words)+"</a></p>")
}

// h5pBranchingQuestion is a branching question: its text, and its
// answers with where each leads (-1: the end) and its ending.
type h5pBranchingQuestion struct {
	Question     string `json:"question"`
	Alternatives []struct {
		Text     string    `json:"text"`
		Next     h5pNumber `json:"nextContentId"`
		Feedback h5pEnding `json:"feedback"`
	} `json:"alternatives"`
}

// branchingQuestion reads a branching question's parameters.
func branchingQuestion(raw json.RawMessage) h5pBranchingQuestion {
	var p struct {
		Q h5pBranchingQuestion `json:"branchingQuestion"`
	}
	decodeParams(raw, &p)
	return p.Q
}

// question writes a branching question of step i: its text, then each
// answer as a link to where it leads.
func (b *branchWriter) question(i int, q h5pBranchingQuestion) {
	b.h.textAt(b.pg, q.Question, b.level+1)
	var list strings.Builder
	for a, alt := range q.Alternatives {
		if words := inlineHTML(alt.Text); words != "" {
			id := b.target(int(alt.Next), alt.Feedback, strconv.Itoa(i)+"-"+strconv.Itoa(a))
			list.WriteString(`<li><a href="#` + id + `">` + words + "</a></li>")
		}
	}
	if list.Len() > 0 {
		b.h.text(b.pg, "<ul>"+list.String()+"</ul>")
	}
}

// ending writes an ending under its id, with a link back to the start.
func (b *branchWriter) ending(id string, e h5pEnding, restart string) {
	title := firstNonEmpty(strings.TrimSpace(e.Title), "…")
	b.h.headingWithID(b.pg, b.level, title, id)
	b.h.textAt(b.pg, e.Subtitle, b.level+1)
	b.h.text(b.pg, `<p><a href="#`+b.stepID(0)+`">`+html.EscapeString(restart)+"</a></p>")
}
