package cartridge

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A SCORM package has no tests beside its pages: the knowledge checks of
// one oersite made are in its pages, as the site shows them (a form of
// class "quiz": each question a fieldset, its answers' verdicts and
// explanations in a disclosure). htmlCheck reads one back as a :::quiz.

// htmlCheck replaces the form f, in parent, by its knowledge check (and
// leaves it out when it holds no question with a right answer).
func (c *reader) htmlCheck(parent, f *html.Node, p string, depth int, blocks map[string]string) {
	title := ""
	if t := findClass(f, "quiz-title"); t != nil {
		dropClass(t, "quiz-part") // "(2 of 8)": the site numbers checks of one title
		title = oneLine(text(t))
	}
	var questions []string
	walk(f, 0, func(n *html.Node) {
		if n.DataAtom == atom.Fieldset && hasClass(n, "quiz-question") {
			if q := c.htmlQuestion(n, p, depth); q != "" {
				questions = append(questions, q)
			}
		}
	})
	md := checkBlock(title, questions)
	if md == "" {
		parent.RemoveChild(f)
		return
	}
	replaceByBlock(parent, f, blocks, md)
}

// htmlQuestion writes one question of a check (see htmlCheck): its
// prompt, then its answers, the right ones checked, each with its
// explanation; "" (and the kind named) for one with fewer than two
// answers or none right.
func (c *reader) htmlQuestion(q *html.Node, p string, depth int) string {
	prompt := findClass(q, "quiz-prompt")
	if prompt == nil {
		c.left(errQuestions)
		return ""
	}
	right, explain := map[string]bool{}, map[string]string{}
	if answers := findClass(q, "quiz-answers"); answers != nil {
		walk(answers, 0, func(n *html.Node) {
			if n.DataAtom != atom.Li || !hasClass(n, "quiz-answer") {
				return
			}
			option := attr(n, "data-option")
			right[option] = hasClass(n, "quiz-right")
			if e := findClass(n, "quiz-explain"); e != nil {
				explain[option] = oneLine(c.fragment(e, p, depth))
			}
		})
	}
	var b strings.Builder
	b.WriteString(c.fragment(prompt, p, depth) + "\n\n")
	var under []*html.Node // what the question shows under its words (a picture)
	for k := q.FirstChild; k != nil; k = k.NextSibling {
		if k.Type == html.ElementNode && k.DataAtom != atom.Legend && !hasClass(k, "quiz-hint") && !hasClass(k, "quiz-options") &&
			!hasClass(k, "quiz-actions") && !hasClass(k, "quiz-feedback") && !hasClass(k, "quiz-answers") {
			under = append(under, k)
		}
	}
	for _, k := range under {
		q.RemoveChild(k)
		body := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
		body.AppendChild(k)
		if md := c.markdown(body, p, "", depth+1); md != "" {
			b.WriteString(md + "\n\n")
		}
	}
	options, rights := 0, 0
	if list := findClass(q, "quiz-options"); list != nil {
		for li := list.FirstChild; li != nil; li = li.NextSibling {
			if li.DataAtom != atom.Li {
				continue
			}
			label := find(li, atom.Label)
			if label == nil {
				continue
			}
			dropClass(label, "quiz-option-name") // "Answer 2": the site names an answer of no words by its number
			options++
			option := strconv.Itoa(options)
			if in := find(li, atom.Input); in != nil && attr(in, "value") != "" {
				option = attr(in, "value")
			}
			box := "[ ]"
			if right[option] {
				box = "[x]"
				rights++
			}
			b.WriteString("- " + box + " " + oneLine(c.fragment(label, p, depth)) + "\n")
			if e := explain[option]; e != "" {
				b.WriteString("  > " + e + "\n")
			}
		}
	}
	if options < 2 || rights == 0 {
		c.left(errQuestions)
		return ""
	}
	return b.String()
}

// fragment is an element's content as Markdown, read as a page's is
// (its pictures taken into the module, its links mapped).
func (c *reader) fragment(n *html.Node, p string, depth int) string {
	body := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for k := n.FirstChild; k != nil; {
		next := k.NextSibling
		n.RemoveChild(k)
		body.AppendChild(k)
		k = next
	}
	return c.markdown(body, p, "", depth+1)
}

// hasClass says whether an element has the class.
func hasClass(n *html.Node, class string) bool {
	return strings.Contains(" "+attr(n, "class")+" ", " "+class+" ")
}

// dropClass removes from n its first element of that class, if any.
func dropClass(n *html.Node, class string) {
	if k := findClass(n, class); k != nil && k.Parent != nil {
		k.Parent.RemoveChild(k)
	}
}
