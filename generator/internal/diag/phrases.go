package diag

import (
	"errors"
	"fmt"
	"strings"
)

// Phrases translates the words a report says around its diagnostics
// (counts, totals, headings, what to do next) into the reader's language.
// It is given the English format and the count the sentence is about (-1
// when it counts nothing), and answers the format in the reader's language,
// with the plural form that count takes there, or false. Nil is English.
// Formats are keys as diagnostics' are: a translation keeps the same verbs
// (reordered with %[n] if need be).
type Phrases func(english string, n int) (string, bool)

// Sayf formats an English format in p's language.
func (p Phrases) Sayf(format string, args ...any) string {
	return fmt.Sprintf(p.format(format, -1), args...)
}

// Countf formats a sentence about n things: in English one (its singular,
// with the same verbs) when n is 1, else other; in another language the
// form of other's translation that n takes there.
func (p Phrases) Countf(n int, one, other string, args ...any) string {
	if t, ok := p.lookup(other, n); ok {
		return fmt.Sprintf(t, args...)
	}
	if n == 1 {
		return fmt.Sprintf(one, args...)
	}
	return fmt.Sprintf(other, args...)
}

// Format is an English format in p's language, for fmt.Errorf (to wrap
// an error with %w).
func (p Phrases) Format(english string) string { return p.format(english, -1) }

func (p Phrases) format(english string, n int) string {
	if t, ok := p.lookup(english, n); ok {
		return t
	}
	return english
}

func (p Phrases) lookup(english string, n int) (string, bool) {
	if p == nil {
		return "", false
	}
	return p(english, n)
}

// Phrased is an error said by an English format and its arguments, so that
// whoever shows it can say it in the reader's language (Phrases.Error).
type Phrased struct {
	Format string
	Args   []any
	Err    error // what it wraps, for errors.Is, or nil
}

// Phrasef returns a Phrased error.
func Phrasef(format string, args ...any) error { return &Phrased{Format: format, Args: args} }

func (e *Phrased) Error() string { return fmt.Sprintf(e.Format, e.Args...) }

func (e *Phrased) Unwrap() error { return e.Err }

// Error is err's text in p's language: the Phrased error it holds, if any,
// said in p's words, within the text of the errors that wrap it.
func (p Phrases) Error(err error) string {
	text := err.Error()
	var ph *Phrased
	if p == nil || !errors.As(err, &ph) {
		return text
	}
	return strings.Replace(text, ph.Error(), p.said(ph), 1)
}

// said is a Phrased error in p's words, the Phrased errors among its
// arguments too.
func (p Phrases) said(ph *Phrased) string {
	args := make([]any, len(ph.Args))
	for i, a := range ph.Args {
		if inner, ok := a.(*Phrased); ok {
			a = p.said(inner)
		}
		args[i] = a
	}
	return p.Sayf(ph.Format, args...)
}
