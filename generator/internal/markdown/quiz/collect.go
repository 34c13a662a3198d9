package quiz

import (
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/oersite/oersite/generator/internal/markdown/container"
)

// collect returns a knowledge check as data: a *Quiz.
func collect(n *container.Node, src []byte, render func(ast.Node) []byte) any {
	q := &Quiz{ID: formID(n)}
	text := func(x ast.Node) Text {
		if x == nil || !x.HasChildren() {
			return Text{}
		}
		return Text{HTML: strings.TrimSpace(string(render(x))), Plain: plainText(x, src)}
	}
	if t := n.Title(); t != nil {
		q.Title = text(t)
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		qn, ok := c.(*QuestionNode)
		if !ok {
			continue
		}
		question := Question{ID: qn.ID, Multiple: qn.Multiple}
		feedback := map[*OptionNode]ast.Node{}
		for x := qn.FirstChild(); x != nil; x = x.NextSibling() {
			switch y := x.(type) {
			case *PromptNode:
				question.Prompt = text(y)
			case *ast.Paragraph: // the question's picture (see builder.question)
				question.Picture = text(y)
			case *AnswersNode:
				for a := y.FirstChild(); a != nil; a = a.NextSibling() {
					if an, ok := a.(*AnswerNode); ok {
						feedback[an.Option] = an
					}
				}
			}
		}
		for x := qn.FirstChild(); x != nil; x = x.NextSibling() {
			if o, ok := x.(*OptionNode); ok {
				question.Options = append(question.Options, Option{ID: o.ID, Label: text(o.FirstChild()), Correct: o.Correct, Feedback: text(feedback[o])})
			}
		}
		q.Questions = append(q.Questions, question)
	}
	return q
}
