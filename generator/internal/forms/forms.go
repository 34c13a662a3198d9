// Package forms validates submissions of a site's static forms against the
// configuration in config.toml ([forms.<name>]) and receives them locally:
// the receiver behind `oersite serve --forms FILE` appends each accepted
// submission as one JSON line, synced to disk before it answers.
package forms

import (
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/oersite/oersite/generator/internal/config"
)

// Spec is a form with its choices resolved (modules and languages of the site).
type Spec struct {
	Name   string
	Form   config.Form
	Allows map[string]map[string]bool // field -> allowed option values
}

// Resolve prepares a form for validation. choices gives the values of a
// field whose options come from the site (optionsFrom "modules" or
// "languages"): every value a page of the site offers, in any language.
func Resolve(name string, f config.Form, choices func(from string) []string) Spec {
	s := Spec{Name: name, Form: f, Allows: map[string]map[string]bool{}}
	for _, fd := range f.Fields {
		opts := fd.Options
		if fd.OptionsFrom != "" && choices != nil {
			opts = choices(fd.OptionsFrom)
		}
		if len(opts) > 0 {
			m := map[string]bool{}
			for _, o := range opts {
				m[o] = true
			}
			s.Allows[fd.Name] = m
		}
	}
	return s
}

// FieldError is one problem with a submission, for the person who sent it.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Submission is an accepted request.
type Submission struct {
	Intent string              `json:"intent,omitempty"`
	Lang   string              `json:"lang,omitempty"`
	Fields map[string][]string `json:"fields"`
}

var telRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9+()./ -]{5,40}$`) })

// Validate checks a submission. It returns the cleaned submission, or the
// problems found. Spam checks (honeypot, time trap) come first and reject
// the whole submission with an error.
func (s Spec) Validate(v url.Values, now time.Time) (Submission, []FieldError, error) {
	if err := s.spam(v, now); err != nil {
		return Submission{}, nil, err
	}
	intent, bad := s.intent(v)
	if bad != nil {
		return Submission{}, bad, nil
	}
	sub := Submission{Intent: intent, Lang: cleanLang(v.Get("_lang")), Fields: map[string][]string{}}
	var errs []FieldError
	for _, fd := range s.Form.Fields {
		if !inIntent(fd, intent) {
			continue
		}
		vals, fieldErrs := s.field(fd, v[fd.Name])
		errs = append(errs, fieldErrs...)
		if len(vals) > 0 {
			sub.Fields[fd.Name] = vals
		}
	}
	return sub, errs, nil
}

// spam applies the honeypot and the time trap: a form sent with the hidden
// field filled in, without the start time the form's script records, or
// sooner than MinSeconds after it opened, was sent by a robot.
func (s Spec) spam(v url.Values, now time.Time) error {
	f := s.Form
	if f.Honeypot != "" && strings.TrimSpace(v.Get(f.Honeypot)) != "" {
		return errSpam("the hidden field is filled in")
	}
	if f.MinSeconds <= 0 {
		return nil
	}
	started := v.Get("_started")
	if started == "" {
		return errSpam("no start time: a robot, or a browser without JavaScript")
	}
	ms, err := strconv.ParseInt(started, 10, 64)
	if err != nil {
		return errSpam("the start time is not a number")
	}
	if took := now.Sub(time.UnixMilli(ms)); took < time.Duration(f.MinSeconds)*time.Second {
		return errSpam(fmt.Sprintf("sent %v after the form opened, sooner than %d seconds", took.Round(time.Millisecond), f.MinSeconds))
	}
	return nil
}

// intent returns the submission's intent, or the problem when the form
// has intents and none of them was chosen.
func (s Spec) intent(v url.Values) (string, []FieldError) {
	intent := v.Get("intent")
	if len(s.Form.Intents) == 0 {
		return intent, nil
	}
	for _, in := range s.Form.Intents {
		if in.ID == intent {
			return intent, nil
		}
	}
	return "", []FieldError{{"intent", "choose what you would like to do"}}
}

// field checks the values sent for one field and returns them cleaned.
func (s Spec) field(fd config.Field, sent []string) ([]string, []FieldError) {
	vals := nonEmpty(sent)
	switch {
	case len(vals) == 0 && fd.Required:
		return nil, []FieldError{{fd.Name, "this field is required"}}
	case len(vals) > 1 && fd.Type != "multiselect":
		return nil, []FieldError{{fd.Name, "only one value is allowed"}}
	}
	var errs []FieldError
	for _, val := range vals {
		if msg := s.value(fd, val); msg != "" {
			errs = append(errs, FieldError{fd.Name, msg})
		}
	}
	return vals, errs
}

// maxLength is the most characters a field takes.
func maxLength(fd config.Field) int {
	switch {
	case fd.MaxLength > 0:
		return fd.MaxLength
	case fd.Type == "textarea":
		return 2000
	}
	return 200
}

// value checks one value of a field; it returns what is wrong, or "".
func (s Spec) value(fd config.Field, val string) string {
	switch {
	case !utf8.ValidString(val):
		return "the text is not valid"
	case utf8.RuneCountInString(val) > maxLength(fd):
		return fmt.Sprintf("at most %d characters", maxLength(fd))
	case fd.Type == "email" && !validEmail(val):
		return "enter an e-mail address such as name@example.org"
	case fd.Type == "tel" && !telRE().MatchString(val):
		return "enter a phone number with digits, spaces and + only"
	case fd.Type == "number":
		return numberProblem(fd, val)
	case fd.Type == "checkbox" && fd.Name == "consent" && val != "yes" && val != "on" && val != "true":
		return "tick the box to give your consent"
	case s.Allows[fd.Name] != nil && !s.Allows[fd.Name][val]:
		return "choose one of the options offered"
	}
	return ""
}

// numberProblem checks a number field's value; it returns what is wrong, or "".
func numberProblem(fd config.Field, val string) string {
	n, err := strconv.Atoi(val)
	if err != nil || (fd.Min != nil && n < *fd.Min) || (fd.Max != nil && n > *fd.Max) {
		return fmt.Sprintf("enter a whole number%s", rangeText(fd))
	}
	return ""
}

func inIntent(fd config.Field, intent string) bool {
	if len(fd.Intents) == 0 {
		return true
	}
	for _, i := range fd.Intents {
		if i == intent {
			return true
		}
	}
	return false
}

func nonEmpty(vs []string) []string {
	var out []string
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s[strings.LastIndexByte(s, '@'):], ".")
}

func rangeText(fd config.Field) string {
	switch {
	case fd.Min != nil && fd.Max != nil:
		return fmt.Sprintf(" between %d and %d", *fd.Min, *fd.Max)
	case fd.Min != nil:
		return fmt.Sprintf(" of at least %d", *fd.Min)
	case fd.Max != nil:
		return fmt.Sprintf(" of at most %d", *fd.Max)
	}
	return ""
}

var langRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$`) })

func cleanLang(l string) string {
	if langRE().MatchString(l) {
		return l
	}
	return ""
}

// errSpam rejects a whole submission as automated.
type errSpam string

func (e errSpam) Error() string { return string(e) }
