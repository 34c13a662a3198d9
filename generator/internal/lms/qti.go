package lms

import (
	"slices"
	"strconv"
	"strings"

	"github.com/oersite/oersite/generator/internal/markdown/quiz"
)

// fileBase starts an address, in a QTI file, of a file of the cartridge:
// Common Cartridge's token for the folder of the file holding it, then
// the path from there ("$IMS-CC-FILEBASE$../files/a.png"), as Moodle
// writes and reads it.
const fileBase = "$IMS-CC-FILEBASE$"

// qtiQuiz returns c's knowledge check with the addresses in its HTML made
// to work from the assessment's file (checks/…, see fileBase), and the
// package files its questions show.
func (b *bundle) qtiQuiz(c check) (*quiz.Quiz, []string, error) {
	page := b.lessons[c.lesson].page
	local := func(v string) string {
		if !strings.HasPrefix(v, "../") {
			v = "../lessons/" + v // a lesson's page, by its file name
		}
		return fileBase + v
	}
	var files []string
	var err error
	fix := func(t *quiz.Text) {
		if err != nil || !strings.Contains(t.HTML, "=") {
			return
		}
		var uses []string
		t.HTML, uses, err = b.rewriteHTML(page, t.HTML, local)
		for _, u := range uses {
			if !slices.Contains(files, u) {
				files = append(files, u)
			}
		}
	}
	q := *c.quiz
	fix(&q.Title)
	q.Questions = slices.Clone(q.Questions)
	for i := range q.Questions {
		qu := &q.Questions[i]
		fix(&qu.Prompt)
		fix(&qu.Picture)
		qu.Options = slices.Clone(qu.Options)
		for j := range qu.Options {
			fix(&qu.Options[j].Label)
			fix(&qu.Options[j].Feedback)
		}
	}
	slices.Sort(files)
	return &q, files, err
}

// qtiAssessment writes a knowledge check as a QTI 1.2 assessment in
// Common Cartridge 1.1's profile: one item per question, a single choice
// (true or false included: two answers, one right) as cc.multiple_choice,
// a "choose all that apply" question as cc.multiple_response; each
// answer's feedback as item feedback shown when it is chosen; 100 for a
// right response, else 0. A question's picture shows under its words.
// c.quiz's addresses must already work from the file (see qtiQuiz).
func qtiAssessment(c check) []byte {
	d := newXML()
	d.open("questestinterop", "xmlns", "http://www.imsglobal.org/xsd/ims_qtiasiv1p2",
		"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance",
		"xsi:schemaLocation", "http://www.imsglobal.org/xsd/ims_qtiasiv1p2 http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_qtiasiv1p2p1_v1p0.xsd")
	d.open("assessment", "ident", c.id, "title", c.title)
	d.open("qtimetadata")
	d.field("cc_profile", "cc.exam.v0p1")
	d.field("qmd_assessmenttype", "Examination")
	d.field("qmd_scoretype", "Percentage")
	d.field("cc_maxattempts", "unlimited")
	d.close("qtimetadata")
	d.open("section", "ident", c.id+"-S")
	for i, q := range c.quiz.Questions {
		d.qtiItem(c.id+"-"+strconv.Itoa(i+1), q)
	}
	d.close("section")
	d.close("assessment")
	d.close("questestinterop")
	return d.bytes()
}

// field writes one qtimetadatafield.
func (d *xmlDoc) field(label, entry string) {
	d.open("qtimetadatafield")
	d.leaf("fieldlabel", label)
	d.leaf("fieldentry", entry)
	d.close("qtimetadatafield")
}

// material writes HTML text as QTI material.
func (d *xmlDoc) material(t quiz.Text) {
	d.open("material")
	text := t.HTML
	if text == "" {
		text = t.Plain
	}
	d.leaf("mattext", text, "texttype", "text/html")
	d.close("material")
}

// qtiItem writes one question.
func (d *xmlDoc) qtiItem(id string, q quiz.Question) {
	profile, card := "cc.multiple_choice.v0p1", "Single"
	if q.Multiple {
		profile, card = "cc.multiple_response.v0p1", "Multiple"
	}
	d.open("item", "ident", id, "title", q.Prompt.Plain)
	d.open("itemmetadata")
	d.open("qtimetadata")
	d.field("cc_profile", profile)
	d.field("cc_weighting", "1")
	d.close("qtimetadata")
	d.close("itemmetadata")
	d.open("presentation")
	prompt := q.Prompt
	if q.Picture.HTML != "" {
		prompt.HTML = "<p>" + prompt.HTML + "</p><p>" + q.Picture.HTML + "</p>"
	}
	d.material(prompt)
	d.open("response_lid", "ident", "response1", "rcardinality", card)
	d.open("render_choice")
	for i, o := range q.Options {
		d.open("response_label", "ident", answerID(id, i))
		d.material(o.Label)
		d.close("response_label")
	}
	d.close("render_choice")
	d.close("response_lid")
	d.close("presentation")
	d.open("resprocessing")
	d.open("outcomes")
	d.leaf("decvar", "", "varname", "SCORE", "vartype", "Decimal", "minvalue", "0", "maxvalue", "100")
	d.close("outcomes")
	for i, o := range q.Options {
		if o.Feedback.HTML == "" && o.Feedback.Plain == "" {
			continue
		}
		d.open("respcondition", "continue", "Yes")
		d.open("conditionvar")
		d.leaf("varequal", answerID(id, i), "respident", "response1")
		d.close("conditionvar")
		d.leaf("displayfeedback", "", "feedbacktype", "Response", "linkrefid", answerID(id, i)+"-fb")
		d.close("respcondition")
	}
	d.open("respcondition", "continue", "No")
	d.open("conditionvar")
	if q.Multiple {
		d.open("and")
	}
	for i, o := range q.Options {
		switch {
		case o.Correct:
			d.leaf("varequal", answerID(id, i), "respident", "response1")
		case q.Multiple:
			d.open("not")
			d.leaf("varequal", answerID(id, i), "respident", "response1")
			d.close("not")
		}
	}
	if q.Multiple {
		d.close("and")
	}
	d.close("conditionvar")
	d.leaf("setvar", "100", "varname", "SCORE", "action", "Set")
	d.close("respcondition")
	d.close("resprocessing")
	for i, o := range q.Options {
		if o.Feedback.HTML == "" && o.Feedback.Plain == "" {
			continue
		}
		d.open("itemfeedback", "ident", answerID(id, i)+"-fb")
		d.open("flow_mat")
		d.material(o.Feedback)
		d.close("flow_mat")
		d.close("itemfeedback")
	}
	d.close("item")
}

// answerID is the QTI ident of a question's answer.
func answerID(item string, i int) string { return item + "-A" + strconv.Itoa(i+1) }
