package container

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Callout kinds: the one accessible callout every dialect's admonitions
// become (GitHub alerts, MkDocs admonitions, Docusaurus :::tip, Hugo
// notices). Their labels are the strings callout.<name>.
var calloutLabels = map[string]string{
	"note":    "Note",
	"tip":     "Tip",
	"info":    "Information",
	"warning": "Warning",
	"danger":  "Danger",
}

// CalloutNames are the callout kinds, in order of urgency.
var CalloutNames = []string{"note", "tip", "info", "warning", "danger"}

// Standard returns a registry with the kinds every site has: the five
// callouts, tutor notes and details. Register more on it before use.
func Standard() *Registry {
	aliases := map[string][]string{
		"note":    {"secondary", "abstract", "summary"},
		"tip":     {"hint", "success"},
		"info":    {"important", "information"},
		"warning": {"caution", "attention"},
		"danger":  {"error", "critical"},
	}
	r := NewRegistry()
	for _, name := range CalloutNames {
		_ = r.Register(Kind{Name: name, Aliases: aliases[name], Render: renderCallout, RenderTitle: renderCalloutTitle})
	}
	tutor := notesTitle("tutor.summary", "For tutors")
	_ = r.Register(Kind{Name: "tutor", Aliases: []string{"tutors"}, Render: renderNotes(tutor), RenderTitle: tutor})
	// notes for the trainers of tutors, in the modules that train tutors
	trainer := notesTitle("trainer.summary", "For trainers")
	_ = r.Register(Kind{Name: "trainer", Aliases: []string{"trainers"}, Render: renderNotes(trainer), RenderTitle: trainer})
	_ = r.Register(Kind{Name: "details", Aliases: []string{"expand", "collapse"}, Render: disclosure("details", "details.summary", "Details"), RenderTitle: renderDetailsTitle})
	// a task's solution or answers, folded until the learner asks: its
	// summary in the page's language when the author gives none
	_ = r.Register(Kind{Name: "solution", Aliases: []string{"solutions", "answer", "answers"}, Render: disclosure("details solution", "solution.summary", "Show the solution"), RenderTitle: renderDetailsTitle})
	return r
}

// calloutLabel is the translated name of a callout's kind ("Warning").
func calloutLabel(n *Node) string {
	return n.Label("callout."+n.KindName, calloutLabels[n.KindName])
}

// renderCallout writes a callout: a note the page's flow can do without,
// announced by its kind in words (not by colour alone). Callouts that fold
// are <details>, so that they work without scripts.
//
//	<div class="callout callout-warning" role="note">
//	<p class="callout-title"><span class="callout-label">Warning</span> Title</p>
//	...
//	</div>
func renderCallout(w util.BufWriter, _ []byte, n *Node, entering bool) (ast.WalkStatus, error) {
	class := "callout callout-" + n.KindName
	if !entering {
		if n.Collapse == Fixed {
			_, _ = w.WriteString("</div>\n")
		} else {
			_, _ = w.WriteString("</details>\n")
		}
		return ast.WalkContinue, nil
	}
	switch n.Collapse {
	case Fixed:
		_, _ = w.WriteString(`<div class="` + class + "\" role=\"note\">\n")
	case Closed:
		_, _ = w.WriteString(`<details class="` + class + "\">\n")
	case Open:
		_, _ = w.WriteString(`<details class="` + class + "\" open>\n")
	}
	if n.Title() == nil {
		_, _ = renderCalloutTitle(w, nil, n, true)
		_, _ = renderCalloutTitle(w, nil, n, false)
	}
	return ast.WalkContinue, nil
}

func renderCalloutTitle(w util.BufWriter, _ []byte, n *Node, entering bool) (ast.WalkStatus, error) {
	tag := "p"
	if n.Collapse != Fixed {
		tag = "summary"
	}
	if entering {
		_, _ = w.WriteString("<" + tag + ` class="callout-title"><span class="callout-label">` + esc(calloutLabel(n)) + "</span>")
		if n.Title() != nil {
			_ = w.WriteByte(' ')
		}
	} else {
		_, _ = w.WriteString("</" + tag + ">\n")
	}
	return ast.WalkContinue, nil
}

// renderNotes writes notes for tutors (or for trainers): folded by default
// so that learners reading along are not distracted, unfolded on paper (the
// theme's print styles open it); title writes their summary.
//
//	<details class="tutor-notes">
//	<summary><span class="tutor-label">For tutors</span> Title</summary>
//	...
//	</details>
func renderNotes(title RenderFunc) RenderFunc {
	return func(w util.BufWriter, _ []byte, n *Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			_, _ = w.WriteString("</details>\n")
			return ast.WalkContinue, nil
		}
		_, _ = w.WriteString("<details class=\"tutor-notes\">\n")
		if n.Title() == nil {
			_, _ = title(w, nil, n, true)
			_, _ = title(w, nil, n, false)
		}
		return ast.WalkContinue, nil
	}
}

// notesTitle writes the summary of notes: whom they are for (the strings'
// key, else fallback), then the block's own title.
func notesTitle(key, fallback string) RenderFunc {
	return func(w util.BufWriter, _ []byte, n *Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<summary><span class="tutor-label">` + esc(n.Label(key, fallback)) + "</span>")
			if n.Title() != nil {
				_ = w.WriteByte(' ')
			}
		} else {
			_, _ = w.WriteString("</summary>\n")
		}
		return ast.WalkContinue, nil
	}
}

// disclosure renders a disclosure of class: its title is the summary,
// the label key's words in the page's language (fallback without them)
// when it has none. It is folded unless the author asked for it open.
func disclosure(class, labelKey, fallback string) RenderFunc {
	return func(w util.BufWriter, _ []byte, n *Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			_, _ = w.WriteString("</details>\n")
			return ast.WalkContinue, nil
		}
		if n.Collapse == Open {
			_, _ = w.WriteString(`<details class="` + class + `" open>` + "\n")
		} else {
			_, _ = w.WriteString(`<details class="` + class + `">` + "\n")
		}
		if n.Title() == nil {
			_, _ = w.WriteString("<summary>" + esc(n.Label(labelKey, fallback)) + "</summary>\n")
		}
		return ast.WalkContinue, nil
	}
}

func renderDetailsTitle(w util.BufWriter, _ []byte, _ *Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<summary>")
	} else {
		_, _ = w.WriteString("</summary>\n")
	}
	return ast.WalkContinue, nil
}
