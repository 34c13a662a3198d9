package quiz

import (
	"strconv"

	"github.com/yuin/goldmark/ast"

	"github.com/oersite/oersite/generator/internal/markdown/container"
)

// Node kinds of a knowledge check's parts.
var (
	KindQuestion = ast.NewNodeKind("QuizQuestion")
	KindPrompt   = ast.NewNodeKind("QuizPrompt")
	KindOption   = ast.NewNodeKind("QuizOption")
	KindLabel    = ast.NewNodeKind("QuizLabel")
	KindAnswers  = ast.NewNodeKind("QuizAnswers")
	KindAnswer   = ast.NewNodeKind("QuizAnswer")
)

// QuestionNode is one question: a PromptNode, its OptionNodes, then
// AnswersNode (the right answers and the feedback, for the disclosure).
type QuestionNode struct {
	ast.BaseBlock
	ID       string // "quiz-1-q2"
	Number   int    // 1-based, within its quiz
	Of       int    // questions in its quiz
	Multiple bool
	quiz     *container.Node
}

// Kind implements ast.Node.
func (*QuestionNode) Kind() ast.NodeKind { return KindQuestion }

// Dump implements ast.Node.
func (n *QuestionNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"ID": n.ID, "Multiple": strconv.FormatBool(n.Multiple)}, nil)
}

// PromptNode holds the question's words (the paragraph's inline content).
type PromptNode struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (*PromptNode) Kind() ast.NodeKind { return KindPrompt }

// Dump implements ast.Node.
func (n *PromptNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// OptionNode is one answer to choose: a LabelNode, then any further
// blocks the item held (other than its feedback).
type OptionNode struct {
	ast.BaseBlock
	ID      string // "quiz-1-q2-a1"
	Index   int    // 1-based
	Correct bool
	// Wordless: the answer has no words (a picture without a description),
	// so it is named by its number (quiz.option)
	Wordless bool
}

// Kind implements ast.Node.
func (*OptionNode) Kind() ast.NodeKind { return KindOption }

// Dump implements ast.Node.
func (n *OptionNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"ID": n.ID, "Correct": strconv.FormatBool(n.Correct)}, nil)
}

// LabelNode holds an answer's words (the item's first line, without its
// [ ] or [x]).
type LabelNode struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (*LabelNode) Kind() ast.NodeKind { return KindLabel }

// Dump implements ast.Node.
func (n *LabelNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// AnswersNode is the disclosure holding every answer with its verdict
// and feedback: what readers without scripts open.
type AnswersNode struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (*AnswersNode) Kind() ast.NodeKind { return KindAnswers }

// Dump implements ast.Node.
func (n *AnswersNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// AnswerNode is one answer in the disclosure: its words as plain text,
// whether it is right, and the feedback blocks as children.
type AnswerNode struct {
	ast.BaseBlock
	Option  *OptionNode
	Label   string // the answer's words, plain
	Correct bool
}

// Kind implements ast.Node.
func (*AnswerNode) Kind() ast.NodeKind { return KindAnswer }

// Dump implements ast.Node.
func (n *AnswerNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Label": n.Label, "Correct": strconv.FormatBool(n.Correct)}, nil)
}
