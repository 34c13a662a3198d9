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

// Resolve prepares a form for validation; modules and languages fill the
// fields whose options come from the site.
func Resolve(name string, f config.Form, modules, languages []string) Spec {
	s := Spec{Name: name, Form: f, Allows: map[string]map[string]bool{}}
	for _, fd := range f.Fields {
		opts := fd.Options
		switch fd.OptionsFrom {
		case "modules":
			opts = modules
		case "languages":
			opts = languages
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

var telRE = regexp.MustCompile(`^[0-9+()./ -]{5,40}$`)

// Validate checks a submission. It returns the cleaned submission, or the
// problems found. Spam checks (honeypot, time trap) come first and reject
// the whole submission.
func (s Spec) Validate(v url.Values, now time.Time) (Submission, []FieldError, error) {
	f := s.Form
	if f.Honeypot != "" && strings.TrimSpace(v.Get(f.Honeypot)) != "" {
		return Submission{}, nil, errSpam("the form was filled in by a robot (the hidden field is not empty)")
	}
	if started := v.Get("_started"); started != "" && f.MinSeconds > 0 {
		ms, err := strconv.ParseInt(started, 10, 64)
		if err != nil {
			return Submission{}, nil, errSpam("the form's start time is not valid")
		}
		if now.Sub(time.UnixMilli(ms)) < time.Duration(f.MinSeconds)*time.Second {
			return Submission{}, nil, errSpam(fmt.Sprintf("the form was sent less than %d seconds after it opened; please wait a moment and send it again", f.MinSeconds))
		}
	}
	intent := v.Get("intent")
	if len(f.Intents) > 0 {
		ok := false
		for _, in := range f.Intents {
			ok = ok || in.ID == intent
		}
		if !ok {
			return Submission{}, []FieldError{{"intent", "choose what you would like to do"}}, nil
		}
	}
	sub := Submission{Intent: intent, Lang: cleanLang(v.Get("_lang")), Fields: map[string][]string{}}
	var errs []FieldError
	bad := func(field, msg string) { errs = append(errs, FieldError{field, msg}) }
	for _, fd := range f.Fields {
		if !inIntent(fd, intent) {
			continue
		}
		vals := nonEmpty(v[fd.Name])
		if len(vals) == 0 {
			if fd.Required {
				bad(fd.Name, "this field is required")
			}
			continue
		}
		if len(vals) > 1 && fd.Type != "multiselect" {
			bad(fd.Name, "only one value is allowed")
			continue
		}
		max := fd.MaxLength
		if max == 0 {
			max = 200
			if fd.Type == "textarea" {
				max = 2000
			}
		}
		for _, val := range vals {
			switch {
			case !utf8.ValidString(val):
				bad(fd.Name, "the text is not valid")
			case utf8.RuneCountInString(val) > max:
				bad(fd.Name, fmt.Sprintf("at most %d characters", max))
			case fd.Type == "email" && !validEmail(val):
				bad(fd.Name, "enter an e-mail address such as name@example.org")
			case fd.Type == "tel" && !telRE.MatchString(val):
				bad(fd.Name, "enter a phone number with digits, spaces and + only")
			case fd.Type == "number":
				n, err := strconv.Atoi(val)
				if err != nil || (fd.Min != nil && n < *fd.Min) || (fd.Max != nil && n > *fd.Max) {
					bad(fd.Name, fmt.Sprintf("enter a whole number%s", rangeText(fd)))
				}
			case fd.Type == "checkbox" && fd.Name == "consent" && val != "yes" && val != "on" && val != "true":
				bad(fd.Name, "tick the box to give your consent")
			case s.Allows[fd.Name] != nil && !s.Allows[fd.Name][val]:
				bad(fd.Name, "choose one of the options offered")
			}
		}
		sub.Fields[fd.Name] = vals
	}
	return sub, errs, nil
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

var langRE = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$`)

func cleanLang(l string) string {
	if langRE.MatchString(l) {
		return l
	}
	return ""
}

// errSpam rejects a whole submission as automated.
type errSpam string

func (e errSpam) Error() string { return string(e) }
