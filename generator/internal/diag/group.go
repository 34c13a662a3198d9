package diag

import (
	"fmt"
	"strings"
)

// Group is every diagnostic of one kind and severity: what a terminal shows
// as one line when a build reports the same thing in many places.
type Group struct {
	Severity Severity
	// Message says what the diagnostics say: their message when they all
	// say the same, else their kind with the varying parts left out.
	Message string
	// Items are the diagnostics, in the list's order.
	Items List
	// Files counts the different files they name.
	Files int
}

// Places is how many examples a group's line names.
const Places = 3

// Group gathers the list's diagnostics by severity and kind (Kind, else
// Code, else Message), in the order each kind first appears. Sort the list
// first for a stable order.
func (l List) Group() []Group {
	index := map[groupKey]int{}
	var out []Group
	for _, d := range l {
		k := groupKey{d.Severity, d.groupKind()}
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, Group{Severity: d.Severity, Message: d.Message})
		}
		out[i].Items = append(out[i].Items, d)
	}
	for i := range out {
		g := &out[i]
		files := map[string]bool{}
		for _, d := range g.Items {
			files[d.File] = true
			if d.Message != g.Message {
				g.Message = g.Items[0].generalised()
			}
		}
		g.Files = len(files)
	}
	return out
}

type groupKey struct {
	sev  Severity
	kind string
}

func (d Diagnostic) groupKind() string {
	switch {
	case d.Kind != "" && d.Subject != "":
		return d.Kind + "\x00" + d.Subject
	case d.Kind != "":
		return d.Kind
	case d.Code != "":
		return "code:" + d.Code
	}
	return d.Message
}

// generalised is what the diagnostics of d's group say: its kind with the
// varying parts left out, and its subject, when it has one, in its place.
func (d Diagnostic) generalised() string {
	at, specs, ok := verbsOf(d.Kind)
	if d.Subject == "" || d.Kind == "" || !ok || len(specs) != len(d.Args) {
		return generalise(d.groupKind())
	}
	shown := make([]string, len(d.Args))
	for i := range shown {
		shown[i] = "…"
	}
	for i, n := range at {
		if strings.HasSuffix(specs[i], "q") && n != 0 {
			shown[n] = `"…"`
		}
	}
	shown[0] = d.Args[0]
	return fill(d.Kind, shown, nil)
}

// generalise turns a format string into a sentence, its verbs replaced by
// an ellipsis ("alias /%s is taken" -> "alias /… is taken").
func generalise(kind string) string {
	if k, ok := strings.CutPrefix(kind, "code:"); ok {
		return k
	}
	return directive.ReplaceAllStringFunc(kind, func(v string) string {
		switch {
		case v == "%%":
			return "%"
		case strings.HasSuffix(v, "q"):
			return `"…"`
		}
		return "…"
	})
}

// String renders the group in English (see Said).
func (g Group) String() string { return g.Said(nil) }

// Said renders the group with p's words: a single diagnostic in full, with
// its hint; several as one line with the count and the first places, e.g.
//
//	warning: shortcode "x" shown as text: 212 times in 48 files, e.g. a.md:7, b.md:12, c.md:3
func (g Group) Said(p Phrases) string {
	if len(g.Items) == 1 {
		return g.Items[0].Said(p)
	}
	var places []string
	for _, d := range g.Items[:min(Places, len(g.Items))] {
		places = append(places, d.place())
	}
	files := p.Countf(g.Files, "%d file", "%d files", g.Files)
	return fmt.Sprintf("%s: %s: %s", g.Severity.Said(p), g.Message, p.Countf(len(g.Items), "%d time in %s, e.g. %s", "%d times in %s, e.g. %s", len(g.Items), files, strings.Join(places, ", ")))
}

func (d Diagnostic) place() string {
	switch {
	case d.File == "":
		return "(no file)"
	case d.Line > 0:
		return fmt.Sprintf("%s:%d", d.File, d.Line)
	}
	return d.File
}

// Report renders diagnostics for a terminal in English (see ReportIn).
func (l List) Report(verbose bool, maxErrors int) string { return l.ReportIn(nil, verbose, maxErrors) }

// ReportIn renders diagnostics for a terminal, its own words in p's
// language: every error in full, up to maxErrors (0: no limit); warnings
// one line per kind, or each in full when verbose. It ends with a line
// saying how many were folded, if any were.
func (l List) ReportIn(p Phrases, verbose bool, maxErrors int) string {
	var b strings.Builder
	errs, warns := l.Errors(), l.Warnings()
	for i, d := range errs {
		if maxErrors > 0 && i == maxErrors {
			b.WriteString(p.Countf(len(errs)-maxErrors, "... and %d more error", "... and %d more errors", len(errs)-maxErrors) + "\n")
			break
		}
		b.WriteString(d.Said(p) + "\n")
	}
	if verbose {
		for _, d := range warns {
			b.WriteString(d.Said(p) + "\n")
		}
		return b.String()
	}
	groups := warns.Group()
	for _, g := range groups {
		b.WriteString(g.Said(p) + "\n")
	}
	if len(groups) < len(warns) {
		kinds := p.Countf(len(groups), "%d kind", "%d kinds", len(groups))
		b.WriteString(p.Countf(len(warns), "%d warning of %s; --verbose lists each one with what to do", "%d warnings of %s; --verbose lists each one with what to do", len(warns), kinds) + "\n")
	}
	return b.String()
}
