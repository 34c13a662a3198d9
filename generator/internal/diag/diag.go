// Package diag holds the diagnostics every build stage reports: an error or a
// warning tied to a file and line, with a hint saying what to do. It owns no
// I/O and knows nothing about the stages that use it.
package diag

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/oersite/oersite/generator/internal/bincode"
)

// Severity says whether a diagnostic stops the build.
type Severity int

const (
	// Error fails the build.
	Error Severity = iota
	// Warning is reported, and the build goes on.
	Warning
)

func (s Severity) String() string { return s.Said(nil) }

// Said is the severity's word in p's language ("warning", "Warnung").
func (s Severity) Said(p Phrases) string {
	if s == Warning {
		return p.Sayf("warning")
	}
	return p.Sayf("error")
}

// MarshalText makes severities read as words in JSON output.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Diagnostic is one finding about the user's input.
type Diagnostic struct {
	File     string   `json:"file,omitempty"` // path relative to the site source, slash-separated
	Line     int      `json:"line,omitempty"` // 1-based; 0 when the whole file is meant
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Hint     string   `json:"hint,omitempty"` // what to do about it
	Code     string   `json:"code,omitempty"` // stable identifier for tools, e.g. "frontmatter"
	// Fix is line Line as it should be written, when the mistake has one
	// sure correction (a value put in quotes): an editor can offer it.
	Fix string `json:"fix,omitempty"`
	// Kind groups diagnostics that say the same thing about different
	// places: Errorf and Warnf set it to their format string.
	Kind string `json:"-"`
	// Args are the arguments of Kind, each formatted by its verb, so that
	// a translation of Kind can be filled in (see Translated).
	Args []string `json:"-"`
	// HintKind and HintArgs are the format and arguments of a hint made
	// with Hintf, kept for its translation as Kind and Args are.
	HintKind string   `json:"-"`
	HintArgs []string `json:"-"`
	// Subject, when set, is what the diagnostic is about, its first
	// argument (a shortcode's name): diagnostics of one kind are grouped
	// by it, so that each subject gets a line of its own.
	Subject string `json:"-"`
}

// hintMark opens a hint made by Hintf: its format and arguments follow,
// each quoted, separated by NUL bytes (which quoting leaves out of them).
const hintMark = "\x00hint"

// Hintf returns a hint that names something of the input (a file, the
// values allowed): format filled with args, for Errorf and Warnf (and the
// stages' wrappers, which pass their hint on to them). They keep its format
// and arguments apart, so that it can be shown translated, and its text as
// Hint; the string Hintf returns is not meant to be read by anything else.
func Hintf(format string, args ...any) string {
	parts := formatArgs(format, args)
	if parts == nil {
		return fmt.Sprintf(format, args...)
	}
	var b strings.Builder
	b.WriteString(hintMark)
	for _, s := range append([]string{format}, parts...) {
		b.WriteByte(0)
		b.WriteString(strconv.Quote(s))
	}
	return b.String()
}

// readHint reads a hint as Errorf and Warnf are given it: its text, and
// for one made by Hintf its format and arguments.
func readHint(hint string) (text, format string, args []string) {
	rest, ok := strings.CutPrefix(hint, hintMark+"\x00")
	if !ok {
		return hint, "", nil
	}
	var parts []string
	for _, q := range strings.Split(rest, "\x00") {
		s, err := strconv.Unquote(q)
		if err != nil {
			return hint, "", nil
		}
		parts = append(parts, s)
	}
	return fill(parts[0], parts[1:], nil), parts[0], parts[1:]
}

// String renders the diagnostic in English (see Said).
func (d Diagnostic) String() string { return d.Said(nil) }

// Said renders the diagnostic the way compilers do: file:line: severity:
// message, and the hint on the next line, the severity in p's language
// (the message and hint are translated apart, see Translated). Control
// characters (in a file name, say) are shown escaped, so that no input can
// drive the terminal.
func (d Diagnostic) Said(p Phrases) string {
	var b strings.Builder
	if d.File != "" {
		b.WriteString(escape(d.File, false))
		if d.Line > 0 {
			fmt.Fprintf(&b, ":%d", d.Line)
		}
		b.WriteString(": ")
	}
	b.WriteString(d.Severity.Said(p))
	b.WriteString(": ")
	b.WriteString(Escape(d.Message))
	if d.Hint != "" {
		b.WriteString("\n    ")
		b.WriteString(Escape(d.Hint))
	}
	return b.String()
}

// Escape makes text safe to print on a terminal: control characters other
// than line breaks and tabs, and bytes that are not UTF-8, become escapes
// such as \x1b, so that a file name or a value cannot move the cursor,
// clear the screen or retitle the window.
func Escape(s string) string { return escape(s, true) }

// escape escapes control characters, keeping \n and \t when lines is set.
func escape(s string, lines bool) string {
	clean := true
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unsafeRune(r, n, lines) {
			clean = false
			break
		}
		i += n
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unsafeRune(r, n, lines) && r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r, n, lines):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func unsafeRune(r rune, n int, lines bool) bool {
	if r == utf8.RuneError && n <= 1 {
		return true
	}
	if lines && (r == '\n' || r == '\t') {
		return false
	}
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029'
}

// Errorf returns an error diagnostic for file:line: the message is format
// filled with args; hint says what to do (a literal, or made by Hintf).
func Errorf(file string, line int, hint, format string, args ...any) Diagnostic {
	return newDiagnostic(file, line, Error, hint, format, args)
}

// Warnf returns a warning diagnostic for file:line, as Errorf does.
func Warnf(file string, line int, hint, format string, args ...any) Diagnostic {
	return newDiagnostic(file, line, Warning, hint, format, args)
}

func newDiagnostic(file string, line int, sev Severity, hint, format string, args []any) Diagnostic {
	if ph, ok := phrasedAlone(format, args); ok {
		format, args = ph.Format, ph.Args // its own format, which has a translation
	}
	d := Diagnostic{File: file, Line: line, Severity: sev, Message: fmt.Sprintf(format, args...), Kind: format, Args: formatArgs(format, args)}
	d.Hint, d.HintKind, d.HintArgs = readHint(hint)
	return d
}

// phrasedAlone is the Phrased error that a diagnostic made with "%v" says
// and nothing else, if it is one.
func phrasedAlone(format string, args []any) (*Phrased, bool) {
	if format != "%v" || len(args) != 1 {
		return nil, false
	}
	ph, ok := args[0].(*Phrased)
	return ph, ok
}

// List collects diagnostics. The zero value is ready to use; it is not safe
// for concurrent use (stages collect per goroutine and Merge).
type List []Diagnostic

// Add appends diagnostics.
func (l *List) Add(d ...Diagnostic) { *l = append(*l, d...) }

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Errors returns only the errors.
func (l List) Errors() List { return l.filter(Error) }

// Warnings returns only the warnings.
func (l List) Warnings() List { return l.filter(Warning) }

func (l List) filter(s Severity) List {
	var out List
	for _, d := range l {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// Sort orders diagnostics by file, line, then message, so reports are stable.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Message < b.Message
	})
}

// Err returns the errors of the list as an error value, or nil when there are none.
func (l List) Err() error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	return &BuildError{Diagnostics: errs}
}

// BuildError is the error a failed stage returns: every error found, not just the first.
type BuildError struct {
	Diagnostics List
}

func (e *BuildError) Error() string {
	var b strings.Builder
	n := len(e.Diagnostics)
	if n == 1 {
		b.WriteString("1 error:\n")
	} else {
		fmt.Fprintf(&b, "%d errors:\n", n)
	}
	for _, d := range e.Diagnostics {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	return strings.TrimRight(b.String(), "\n")
}

// Bincode codes d in package bincode's form (for what a build keeps for
// the next).
func Bincode(c *bincode.Coder, d *Diagnostic) {
	c.Str(&d.File)
	c.Int(&d.Line)
	bincode.Signed(c, &d.Severity)
	c.Str(&d.Message)
	c.Str(&d.Hint)
	c.Str(&d.Fix)
	c.Str(&d.Code)
	c.Str(&d.Kind)
	c.Strs(&d.Args)
	c.Str(&d.HintKind)
	c.Strs(&d.HintArgs)
	c.Str(&d.Subject)
}
