package quiz

import (
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/oersite/oersite/generator/internal/markdown/container"
)

// transform turns the paragraphs and task lists of a :::quiz block into
// questions, and reports what does not follow the convention, with what
// to do. Nothing the author wrote is dropped: what is not a question stays
// in the form as ordinary content.
func transform(n *container.Node, src []byte, warn container.WarnFunc) {
	checks := pageChecks(n)
	id := "quiz-" + strconv.Itoa(slices.Index(checks, n)+1)
	n.SetAttributeString("id", []byte(id))
	b := builder{quiz: n, id: id, src: src, warn: warn}
	var questions []*QuestionNode
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		switch x := c.(type) {
		case *ast.List:
			if q := b.question(x); q != nil {
				questions = append(questions, q)
				next = q.NextSibling()
			}
		case *ast.Blockquote:
			if q, ok := x.PreviousSibling().(*QuestionNode); ok {
				b.strayFeedback(q, x)
				next = q.NextSibling()
			}
		}
		c = next
	}
	if len(questions) == 0 {
		warn(n.Pos(), "write each question as a paragraph, then its answers as - [ ] (wrong) and - [x] (right) items", "knowledge check has no questions")
	}
	for i, q := range questions {
		b.number(q, i+1, len(questions))
	}
}

// pageChecks returns the knowledge checks of n's document, in order: a
// check's place among them is its form's id, the same on every build
// while the page's checks keep their order.
func pageChecks(n *container.Node) []*container.Node {
	var root ast.Node = n
	for root.Parent() != nil {
		root = root.Parent()
	}
	var checks []*container.Node
	_ = ast.Walk(root, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if x, ok := c.(*container.Node); ok && entering && x.KindName == Name {
			checks = append(checks, x)
		}
		return ast.WalkContinue, nil
	})
	return checks
}

// sameTitle returns n's place among the checks of the page that have its
// title (the default one when it has none), and how many they are: a page
// of eight checks titled "Exercise 1" (an imported course's) numbers them,
// so that a reader, and a screen reader's list of the page's forms, can
// tell them apart.
func sameTitle(checks []*container.Node, n *container.Node, src []byte) (part, parts int) {
	title := func(c *container.Node) string {
		if t := c.Title(); t != nil {
			return plainText(t, src)
		}
		return ""
	}
	mine := title(n)
	for _, c := range checks {
		if title(c) == mine {
			parts++
			if c == n {
				part = parts
			}
		}
	}
	return part, parts
}

// builder reshapes one knowledge check.
type builder struct {
	quiz *container.Node
	id   string
	src  []byte
	warn container.WarnFunc
}

// question makes a question of a task list and the paragraph above it;
// it returns nil, leaving the list as it is, when the list is not one.
func (b *builder) question(l *ast.List) *QuestionNode {
	p, _ := l.PreviousSibling().(*ast.Paragraph)
	var picture *ast.Paragraph // the question's picture, shown under its words
	if p != nil && pictureOnly(p, b.src) {
		if words, ok := p.PreviousSibling().(*ast.Paragraph); ok && !pictureOnly(words, b.src) {
			picture, p = p, words
		}
	} else if p != nil {
		if pic, ok := p.PreviousSibling().(*ast.Paragraph); ok && pictureOnly(pic, b.src) {
			picture = pic
		}
	}
	if !hasTaskItem(l) {
		if p != nil {
			b.warn(pos(l), "start each answer with [ ] (wrong) or [x] (right): - [x] Within a few days", "list without [ ] or [x] after a question: shown as a plain list, not as answers")
		}
		return nil
	}
	if p == nil {
		b.warn(pos(l), "write the question as a paragraph just above its answers", "answers without a question: shown as a plain list")
		return nil
	}
	q := &QuestionNode{quiz: b.quiz}
	q.SetPos(pos(p))
	prompt := &PromptNode{}
	prompt.SetLines(p.Lines())
	moveChildren(prompt, p)
	q.AppendChild(q, prompt)
	parent := p.Parent()
	if picture != nil {
		parent.RemoveChild(parent, picture)
		q.AppendChild(q, picture)
	}
	q.AppendChild(q, &AnswersNode{})
	b.addItems(q, l)
	parent.ReplaceChild(parent, p, q)
	parent.RemoveChild(parent, l)
	return q
}

// pictureOnly says whether a paragraph holds only pictures (each maybe a
// link), which belong to the question next to them.
func pictureOnly(p *ast.Paragraph, src []byte) bool {
	pictures := 0
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		if l, ok := c.(*ast.Link); ok && l.ChildCount() == 1 {
			c = l.FirstChild()
		}
		switch x := c.(type) {
		case *ast.Image:
			pictures++
		case *ast.Text:
			if strings.TrimSpace(string(x.Segment.Value(src))) != "" {
				return false
			}
		default:
			return false
		}
	}
	return pictures > 0
}

// addItems makes an option and an answer of every item of l.
func (b *builder) addItems(q *QuestionNode, l *ast.List) {
	answers := q.LastChild()
	for item := l.FirstChild(); item != nil; {
		next := item.NextSibling()
		if li, ok := item.(*ast.ListItem); ok {
			opt, ans := b.option(li)
			q.InsertBefore(q, answers, opt)
			answers.AppendChild(answers, ans)
		}
		item = next
	}
}

// option makes one answer of a list item: its first line is the label,
// its quotes the feedback, anything else stays with the option.
func (b *builder) option(item *ast.ListItem) (*OptionNode, *AnswerNode) {
	opt := &OptionNode{}
	opt.SetPos(pos(item))
	label := &LabelNode{}
	first := item.FirstChild()
	var box *east.TaskCheckBox
	switch first.(type) {
	case *ast.TextBlock, *ast.Paragraph:
		box, _ = first.FirstChild().(*east.TaskCheckBox)
		if box != nil {
			first.RemoveChild(first, box)
		}
		label.SetLines(first.Lines())
		moveChildren(label, first)
		item.RemoveChild(item, first)
	}
	if box == nil {
		b.warn(pos(item), "start each answer with [ ] (wrong) or [x] (right)", "answer without [ ] or [x]: counted as a wrong answer")
	} else {
		opt.Correct = box.IsChecked
	}
	opt.AppendChild(opt, label)
	ans := &AnswerNode{Option: opt, Correct: opt.Correct, Label: strings.TrimSpace(plainText(label, b.src))}
	if ans.Label == "" {
		b.warn(pos(item), "write the answer after [ ] or [x]", "answer has no words")
		opt.Wordless = true
	}
	for c := item.FirstChild(); c != nil; {
		next := c.NextSibling()
		if bq, ok := c.(*ast.Blockquote); ok {
			moveChildren(ans, bq)
		} else {
			opt.AppendChild(opt, c)
		}
		c = next
	}
	return opt, ans
}

// strayFeedback mends the commonest slip: a > line not indented under its
// answer ends the list, so the quote follows the question and the answers
// after it make a new list. The quote goes to the answer above it, the
// answers after it join the question, and the author is told.
func (b *builder) strayFeedback(q *QuestionNode, bq *ast.Blockquote) {
	b.warn(pos(bq), "indent the > line by two spaces so that it sits under its answer", "feedback outside an answer: given to the answer above it")
	answers := q.LastChild()
	if last, ok := answers.LastChild().(*AnswerNode); ok {
		moveChildren(last, bq)
	}
	parent := bq.Parent()
	parent.RemoveChild(parent, bq)
	if l, ok := q.NextSibling().(*ast.List); ok && hasTaskItem(l) {
		b.addItems(q, l)
		parent.RemoveChild(parent, l)
	}
}

// number gives a question and its options their ids and checks that it
// can be answered.
func (b *builder) number(q *QuestionNode, n, of int) {
	q.Number, q.Of = n, of
	q.ID = b.id + "-q" + strconv.Itoa(n)
	options, right := 0, 0
	for c := q.FirstChild(); c != nil; c = c.NextSibling() {
		if o, ok := c.(*OptionNode); ok {
			options++
			o.Index = options
			o.ID = q.ID + "-a" + strconv.Itoa(options)
			if o.Correct {
				right++
			}
		}
	}
	q.Multiple = right > 1
	words := shorten(plainText(q.FirstChild(), b.src), 50)
	if right == 0 {
		b.warn(q.Pos(), "mark the right answer with [x]: - [x] Within a few days", "question %q has no right answer", words)
	}
	if options < 2 {
		b.warn(q.Pos(), "give at least two answers to choose from (true or false: - [x] True and - [ ] False)", "question %q has only one answer", words)
	}
}

// hasTaskItem reports whether a list has an item starting with [ ] or [x].
func hasTaskItem(l *ast.List) bool {
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		if first := item.FirstChild(); first != nil {
			if _, ok := first.FirstChild().(*east.TaskCheckBox); ok {
				return true
			}
		}
	}
	return false
}

// moveChildren moves every child of from to the end of to.
func moveChildren(to, from ast.Node) {
	for c := from.FirstChild(); c != nil; {
		next := c.NextSibling()
		to.AppendChild(to, c)
		c = next
	}
}

// pos is where a block starts in the source, for messages.
func pos(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	if l := n.Lines(); l != nil && l.Len() > 0 {
		return l.At(0).Start
	}
	return 0
}

// plainText is a node's plain text on one line, as labels and titles show it.
func plainText(n ast.Node, src []byte) string {
	return strings.Join(strings.Fields(container.Plain(n, src)), " ")
}

// shorten cuts s to about n runes, for messages.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n])) + "…"
}
