package diag

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// A diagnostic is written in English when a stage finds it, and shown in an
// author's language later (the editor and the dev server pick it from the
// browser, the command line from the locale). So that a translation can be
// filled in then, Errorf and Warnf keep each argument formatted by its verb
// (Args); a translation of the format (Kind) uses the same verbs, and may
// reorder them with explicit indexes, as fmt allows: "%[2]s … %[1]q".

// directive matches a verb with its optional argument index: %q, %5.2f,
// %[2]s, %%.
var directive = regexp.MustCompile(`%(\[[0-9]+\])?[-+# 0-9.*]*[a-zA-Z%]`)

// verbsOf lists the verbs of format, each with the argument it takes
// (0-based) and its spec without the index ("%q"), following fmt's rule that
// a verb without an index takes the argument after the previous one. It
// reports false when an index is not a number from 1 up.
func verbsOf(format string) (args []int, specs []string, ok bool) {
	next := 0
	for _, m := range directive.FindAllStringSubmatch(format, -1) {
		if m[0] == "%%" {
			continue
		}
		spec := m[0]
		if m[1] != "" {
			n, err := strconv.Atoi(m[1][1 : len(m[1])-1])
			if err != nil || n < 1 {
				return nil, nil, false
			}
			next = n - 1
			spec = "%" + spec[len(m[1])+1:]
		}
		args = append(args, next)
		specs = append(specs, spec)
		next++
	}
	return args, specs, true
}

// formatArgs formats each argument of format by the verb that takes it, or
// returns nil when the verbs and the arguments do not pair one to one (the
// message is then shown as written, untranslated).
func formatArgs(format string, args []any) []string {
	at, specs, ok := verbsOf(format)
	if !ok || len(at) != len(args) {
		return nil
	}
	out := make([]string, len(args))
	for i, n := range at {
		if n != i {
			return nil
		}
		out[i] = formatArg(specs[i], args[i])
	}
	return out
}

// phrasedMark opens an argument that is itself a Phrased error ("folder
// name %q cannot be part of an address: %v", the %v saying why): its format
// and arguments follow, each quoted after a NUL byte, so that it is
// translated with the message that holds it.
const phrasedMark = "\x00phrased"

// formatArg is one argument formatted by its verb; a Phrased error given to
// %v or %s is kept as its format and arguments (see phrasedMark).
func formatArg(spec string, a any) string {
	if ph, ok := a.(*Phrased); ok && (spec == "%v" || spec == "%s") {
		if parts := formatArgs(ph.Format, ph.Args); parts != nil {
			var b strings.Builder
			b.WriteString(phrasedMark)
			for _, p := range append([]string{ph.Format}, parts...) {
				b.WriteByte(0)
				b.WriteString(strconv.Quote(p))
			}
			return b.String()
		}
	}
	return fmt.Sprintf(spec, a)
}

// phrasedArg is an argument kept by formatArg, said with words (nil:
// English); any other argument is returned as it is.
func phrasedArg(arg string, words func(string) (string, bool)) string {
	rest, ok := strings.CutPrefix(arg, phrasedMark+"\x00")
	if !ok {
		return arg
	}
	var parts []string
	for _, q := range strings.Split(rest, "\x00") {
		s, err := strconv.Unquote(q)
		if err != nil {
			return arg
		}
		parts = append(parts, s)
	}
	format := parts[0]
	if words != nil {
		if t, found := words(format); found {
			if _, specs, ok := verbsOf(t); ok && len(specs) == len(parts)-1 {
				format = t
			}
		}
	}
	return fill(format, parts[1:], words)
}

// Verbs describes which arguments format uses and how, one "n:spec" per
// verb, sorted ("1:%q", "2:%d"): a translation must have the same as its
// English format. It reports false for a malformed index.
func Verbs(format string) ([]string, bool) {
	at, specs, ok := verbsOf(format)
	if !ok {
		return nil, false
	}
	out := make([]string, len(at))
	for i := range at {
		out[i] = strconv.Itoa(at[i]+1) + ":" + specs[i]
	}
	sort.Strings(out)
	return out, true
}

// fill writes format with each verb replaced by its argument, already
// formatted (args as formatArgs made them; a Phrased one said with words,
// nil for English), and %% by %.
func fill(format string, args []string, words func(string) (string, bool)) string {
	next := 0
	return directive.ReplaceAllStringFunc(format, func(v string) string {
		if v == "%%" {
			return "%"
		}
		if strings.HasPrefix(v, "%[") {
			n, _ := strconv.Atoi(v[2:strings.IndexByte(v, ']')])
			next = n - 1
		}
		i := next
		next++
		if i < 0 || i >= len(args) {
			return v
		}
		return phrasedArg(args[i], words)
	})
}

// Translated returns d with its message and hint in another language:
// words maps an English format or hint to its translation, reporting false
// when it has none (that part stays English). A message whose arguments
// were not kept (it was not made by Errorf or Warnf, or from a cache of an
// older oersite) stays English too.
func (d Diagnostic) Translated(words func(english string) (string, bool)) Diagnostic {
	if d.Kind != "" {
		_, specs, ok := verbsOf(d.Kind)
		if t, found := words(d.Kind); found && ok && len(specs) == len(d.Args) {
			d.Message = fill(t, d.Args, words)
			d.Kind = t // still one kind per English format, for grouping
		}
	}
	switch {
	case d.HintKind != "":
		_, specs, ok := verbsOf(d.HintKind)
		if t, found := words(d.HintKind); found && ok && len(specs) == len(d.HintArgs) {
			d.Hint = fill(t, d.HintArgs, words)
		}
	case d.Hint != "":
		if t, found := words(d.Hint); found {
			d.Hint = t
		}
	}
	return d
}

// Translated returns the list with each diagnostic translated (see
// Diagnostic.Translated).
func (l List) Translated(words func(english string) (string, bool)) List {
	if l == nil {
		return nil
	}
	out := make(List, len(l))
	for i, d := range l {
		out[i] = d.Translated(words)
	}
	return out
}
