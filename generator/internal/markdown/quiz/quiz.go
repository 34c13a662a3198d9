// Package quiz is the knowledge check: a container kind (:::quiz) that
// turns the Markdown convention every oersite site shares into an
// accessible form, and into data other stages read (the page model, an
// export to a learning platform):
//
//	:::quiz Check your understanding
//	How soon should you answer a review?
//
//	- [ ] Within a month
//	  > Too late: the customer has moved on.
//	- [x] Within a few days
//	  > Right: a quick reply shows that someone reads the reviews.
//	:::
//
// Each paragraph followed by a task list is one question (a paragraph of
// only pictures just above it, or between it and the list, is the
// question's picture, shown under its words); items marked [x] are right; a quote inside an item is the feedback for that answer. One
// right answer makes a single choice (radio buttons), several a multiple
// choice (check boxes, "choose all that apply"); true or false is a single
// choice with two answers.
//
// Without scripts every question keeps its right answers and feedback in a
// <details> disclosure; the theme's script checks answers in the page. The
// package owns the nodes, their HTML and the data; it registers nothing
// itself: a site adds Kind() to its Markdown renderer.
package quiz

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"

	"github.com/oersite/oersite/generator/internal/markdown/container"
)

// Name is the container name of a knowledge check.
const Name = "quiz"

// Quiz is one knowledge check as data: what an export to a learning
// platform, or a page listing a module's checks, needs.
type Quiz struct {
	// ID is the form's id on its page ("quiz-1"), stable while the
	// page's quizzes keep their order.
	ID string `json:"id"`
	// Title is the author's title, or empty.
	Title     Text       `json:"title"`
	Questions []Question `json:"questions"`
}

// Question is one question of a knowledge check.
type Question struct {
	ID     string `json:"id"` // "quiz-1-q2"
	Prompt Text   `json:"prompt"`
	// Picture is the question's picture (its <img> elements), shown under
	// its words; empty when it has none.
	Picture Text `json:"picture,omitzero"`
	// Multiple is set when more than one answer is right: the learner
	// chooses all that apply.
	Multiple bool     `json:"multiple"`
	Options  []Option `json:"options"`
}

// Option is one answer of a question.
type Option struct {
	ID       string `json:"id"` // "quiz-1-q2-a1"
	Label    Text   `json:"label"`
	Correct  bool   `json:"correct"`
	Feedback Text   `json:"feedback"` // empty when the author wrote none
}

// Text is a piece of the author's Markdown, as HTML (links rewritten, raw
// HTML escaped as on the page) and as plain text.
type Text struct {
	HTML  string `json:"html,omitempty"`
	Plain string `json:"text,omitempty"`
}

// Right returns the options marked right.
func (q Question) Right() []Option {
	var out []Option
	for _, o := range q.Options {
		if o.Correct {
			out = append(out, o)
		}
	}
	return out
}

// Kind returns the container kind to register with the Markdown renderer
// (markdown.Options.Kinds). Its aliases are the names other tools use
// for the same block.
func Kind() container.Kind {
	return container.Kind{
		Name:        Name,
		Aliases:     []string{"knowledge-check", "check"},
		Transform:   transform,
		Render:      renderForm,
		RenderTitle: renderTitle,
		Nodes: map[ast.NodeKind]renderer.NodeRendererFunc{
			KindQuestion: renderQuestion,
			KindPrompt:   renderPrompt,
			KindOption:   renderOption,
			KindLabel:    renderLabel,
			KindAnswers:  renderAnswers,
			KindAnswer:   renderAnswer,
		},
		Collect: collect,
	}
}

// defaults are the English interface strings; a site's strings files
// translate them (keys quiz.*).
var defaults = map[string]string{
	"quiz.title":    "Check your understanding",
	"quiz.number":   "Question {n} of {count}",
	"quiz.single":   "Choose one answer.",
	"quiz.multiple": "Choose all that apply.",
	"quiz.check":    "Check my answer",
	"quiz.show":     "Show the answer",
	"quiz.right":    "Right answer",
	"quiz.wrong":    "Not right",
	"punct.colon":   ": ", // between the verdict and the answer
	// an answer without words (a picture without a description): its
	// name for screen readers and in the answers shown
	"quiz.option": "Answer {n}",
	// after the title of a check that others on the page share
	"quiz.part": "({n} of {count})",
	// for the script, written on the form
	"quiz.choose":  "Choose an answer first.",
	"quiz.correct": "Right!",
	"quiz.partly":  "Partly right. Look again: choose every right answer, and only those.",
	"quiz.again":   "Not quite. Read the explanation and try again.",
	"quiz.score":   "You answered {n} of {count} questions right.",
	"quiz.passed":  "Well done: every answer is right. This lesson now counts as done.",
}

// scriptLabels are the strings the theme's script shows, in the order
// they are written as data-l-* attributes.
var scriptLabels = []string{"choose", "correct", "partly", "again", "score", "passed"}

// label returns the translated string for key.
func label(n *container.Node, key string) string { return n.Label(key, defaults[key]) }
