package cartridge

import (
	"encoding/xml"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/oersite/oersite/generator/internal/markdown/mdtext"
)

// A test (QTI 1.2, Common Cartridge's profile) becomes a knowledge check:
// each multiple-choice or multiple-response question its prompt, then its
// answers as a task list, the right ones checked, each with the feedback
// the test shows when it is chosen:
//
//	:::quiz Check your understanding
//	How soon should you answer a review?
//
//	- [ ] Within a month
//	  > Too late: the customer has moved on.
//	- [x] Within a few days
//	:::
//
// Other kinds of question (an essay, a number, matching) are named in
// Left; a test without a question left is no check.

type qti struct {
	Assessments []struct {
		Title    string       `xml:"title,attr"`
		Loose    []qtiItem    `xml:"item"`
		Sections []qtiSection `xml:"section"`
	} `xml:"assessment"`
}

// qtiSection holds items and sections.
type qtiSection struct {
	Items    []qtiItem    `xml:"item"`
	Sections []qtiSection `xml:"section"`
}

// sectionItems lists a section's items, those of its sections in their
// place.
func sectionItems(s qtiSection, depth int, out *[]qtiItem) {
	if depth > 8 {
		return
	}
	*out = append(*out, s.Items...)
	for _, x := range s.Sections {
		sectionItems(x, depth+1, out)
	}
}

type qtiItem struct {
	Title    string       `xml:"title,attr"`
	Prompt   []string     `xml:"presentation>material>mattext"`
	Flow     []string     `xml:"presentation>flow>material>mattext"`
	Response []qtiLid     `xml:"presentation>response_lid"`
	FlowLid  []qtiLid     `xml:"presentation>flow>response_lid"`
	Conds    []qtiCond    `xml:"resprocessing>respcondition"`
	Feedback []qtiFeedbk  `xml:"itemfeedback"`
	Other    []qtiAnyResp `xml:"presentation>response_str"`
}

type qtiLid struct {
	Cardinality string `xml:"rcardinality,attr"`
	Labels      []struct {
		Ident string `xml:"ident,attr"`
		qtiText
	} `xml:"render_choice>response_label"`
}

// qtiText is an answer's or a feedback's text, in its material or in a
// flow of material (tools write either).
type qtiText struct {
	Text []string `xml:"material>mattext"`
	Flow []string `xml:"flow_mat>material>mattext"`
}

// text is the first text written.
func (t qtiText) text() string { return firstNonEmpty(append(t.Text, t.Flow...)...) }

type qtiCond struct {
	Var qtiVar `xml:"conditionvar"`
	Set []struct {
		Action string `xml:"action,attr"`
		Value  string `xml:",chardata"`
	} `xml:"setvar"`
	Feedback []struct {
		Ref string `xml:"linkrefid,attr"`
	} `xml:"displayfeedback"`
}

// qtiVar is a condition: the answers it names, those under "not" apart.
type qtiVar struct {
	Equal []string `xml:"varequal"`
	And   []qtiVar `xml:"and"`
	Not   []qtiVar `xml:"not"`
	Or    []qtiVar `xml:"or"`
}

type qtiFeedbk struct {
	Ident string `xml:"ident,attr"`
	qtiText
}

type qtiAnyResp struct {
	Ident string `xml:"ident,attr"`
}

// assessment reads the test at p as a knowledge check, titled by its
// item's title without the lesson's name in brackets.
func (c *reader) assessment(p, title string) (string, error) {
	data, err := c.read(p)
	if err != nil || data == nil {
		return "", err
	}
	var q qti
	if xml.Unmarshal(data, &q) != nil || len(q.Assessments) == 0 {
		c.left(errQuestions)
		return "", nil
	}
	a := q.Assessments[0]
	items := append([]qtiItem{}, a.Loose...)
	for _, s := range a.Sections {
		sectionItems(s, 0, &items)
	}
	var b strings.Builder
	for _, it := range items {
		if md := c.question(it, p); md != "" {
			b.WriteString("\n" + md)
		}
	}
	if b.Len() == 0 {
		return "", nil
	}
	title = strings.TrimSpace(firstNonEmpty(title, a.Title))
	if i := strings.LastIndex(title, " ("); i > 0 && strings.HasSuffix(title, ")") {
		title = title[:i] // "Check your understanding (Lesson name)"
	}
	return ":::quiz " + oneLine(title) + "\n" + strings.TrimPrefix(b.String(), "\n") + ":::", nil
}

// question writes one multiple-choice question of the test at p ("" for
// another kind, named in Left).
func (c *reader) question(it qtiItem, p string) string {
	lids := append(append([]qtiLid{}, it.Response...), it.FlowLid...)
	if len(lids) != 1 || len(lids[0].Labels) < 2 || len(it.Other) > 0 {
		c.left(errQuestions)
		return ""
	}
	right := map[string]bool{}
	feedback := map[string]string{} // an answer -> the feedback shown when it is chosen
	fb := map[string]string{}
	for _, f := range it.Feedback {
		fb[f.Ident] = f.text()
	}
	for _, cond := range it.Conds {
		positive := positives(cond.Var, 0)
		for _, s := range cond.Set {
			if s.Action != "Subtract" && strings.TrimSpace(s.Value) != "" && strings.TrimSpace(s.Value) != "0" {
				for _, id := range positive {
					right[id] = true
				}
			}
		}
		if len(positive) == 1 && len(cond.Var.And) == 0 {
			for _, d := range cond.Feedback {
				if t := fb[d.Ref]; t != "" {
					feedback[positive[0]] = t
				}
			}
		}
	}
	if len(right) == 0 {
		c.left(errQuestions)
		return ""
	}
	var b strings.Builder
	b.WriteString(c.testText(firstNonEmpty(append(it.Prompt, it.Flow...)...), p, it.Title) + "\n\n")
	for _, l := range lids[0].Labels {
		box := "[ ]"
		if right[l.Ident] {
			box = "[x]"
		}
		b.WriteString("- " + box + " " + oneLine(c.testText(l.text(), p, "")) + "\n")
		if f := feedback[l.Ident]; f != "" {
			b.WriteString("  > " + oneLine(c.testText(f, p, "")) + "\n")
		}
	}
	return b.String()
}

// positives lists the answers a condition requires chosen (not those it
// requires left out).
func positives(v qtiVar, depth int) []string {
	if depth > 8 {
		return nil
	}
	out := append([]string{}, v.Equal...)
	for _, x := range append(v.And, v.Or...) {
		out = append(out, positives(x, depth+1)...)
	}
	return out
}

// testText is a text of the test at p (HTML, or plain text) as Markdown,
// read as a page's text is (see markdown): its pictures and files taken
// into the module ("$IMS-CC-FILEBASE$" and a path from the test's folder,
// or from the cartridge's web_resources/ or root), a picture on another
// host a link, scripts and forms left out; fallback when it is empty.
func (c *reader) testText(s, p, fallback string) string {
	if !strings.Contains(s, "<") {
		return c.htmlBlock(s, fallback)
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), body)
	if err != nil {
		return c.htmlBlock(s, fallback)
	}
	for _, n := range nodes {
		body.AppendChild(n)
	}
	if md := c.markdown(body, p, "", 0); md != "" {
		return md
	}
	return strings.TrimSpace(fallback)
}

// htmlBlock is a test's text (HTML, or plain text) as Markdown; fallback
// when it is empty.
func (c *reader) htmlBlock(s, fallback string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return strings.TrimSpace(fallback)
	}
	md, err := c.converter().ConvertString(s)
	if err != nil {
		return mdtext.Escape(s)
	}
	return strings.TrimSpace(md)
}

// oneLine joins a text's lines (a list item or title holds one).
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
