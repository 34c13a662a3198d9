// Package scaffold writes the starting text of new content files: a module,
// a lesson, a webinar, a resource, or the translation of an existing page.
// Every field is present and commented, and every file builds as written. It
// returns bytes; the caller decides where they go and never overwrites.
package scaffold

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"text/template"
	"time"
	"unicode"

	"github.com/oersite/oersite/generator/internal/config"
)

// Data fills a template.
type Data struct {
	Slug      string
	Title     string
	Date      string // YYYY-MM-DD
	Licence   string
	Authors   string // a YAML list: ["A", "B"]
	Audience  string // the first audience of the vocabulary
	Audiences string // every audience, for the comment
	Level     string
	Levels    string
	Types     string
	Weight    int
	Start     string // webinars: a start a month from now
	Module    string
}

// NewData prepares the values a template uses from the site's configuration.
func NewData(cfg config.Config, slug string, now time.Time) Data {
	auds := make([]string, 0, len(cfg.Vocabulary.Audiences))
	for a := range cfg.Vocabulary.Audiences {
		auds = append(auds, a)
	}
	sort.Strings(auds)
	d := Data{
		Slug: slug, Title: TitleFromSlug(slug, cfg.ProperNames...), Date: now.Format("2006-01-02"),
		Licence: cfg.OER.DefaultLicence, Audiences: strings.Join(auds, ", "),
		Levels: strings.Join(cfg.Vocabulary.Levels, ", "), Types: strings.Join(cfg.Vocabulary.ResourceTypes, ", "),
		Start: now.AddDate(0, 1, 0).Format("2006-01-02") + "T18:00:00Z",
	}
	if len(auds) > 0 {
		d.Audience = auds[0]
	}
	if len(cfg.Vocabulary.Levels) > 0 {
		d.Level = cfg.Vocabulary.Levels[0]
	}
	if d.Licence == "" {
		d.Licence = "CC-BY-SA-4.0"
	}
	authors := cfg.OER.DefaultAuthors
	if len(authors) == 0 && cfg.OER.Publisher != "" {
		authors = []string{cfg.OER.Publisher}
	}
	q := make([]string, len(authors))
	for i, a := range authors {
		q[i] = fmt.Sprintf("%q", a)
	}
	d.Authors = "[" + strings.Join(q, ", ") + "]"
	return d
}

// TitleFromSlug turns "writing-posts" into "Writing posts", and
// "using-whatsapp-business" into "Using WhatsApp Business" when the site's
// properNames list "WhatsApp Business": a name keeps its own casing. A
// leading lesson number ("01-") is left out.
func TitleFromSlug(slug string, properNames ...string) string {
	s := strings.TrimLeftFunc(strings.ReplaceAll(slug, "-", " "), func(r rune) bool { return unicode.IsDigit(r) || r == ' ' })
	if s == "" {
		return slug
	}
	for _, name := range properNames {
		s = replaceWords(s, name)
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// replaceWords replaces whole-word, case-insensitive occurrences of name in
// s by name as written.
func replaceWords(s, name string) string {
	lower, target := strings.ToLower(s), strings.ToLower(name)
	if target == "" || len(lower) != len(s) || len(target) != len(name) { // a case change that alters byte lengths: leave it
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		j := strings.Index(lower[i:], target)
		if j < 0 {
			b.WriteString(s[i:])
			break
		}
		j += i
		end := j + len(target)
		if (j == 0 || s[j-1] == ' ') && (end == len(s) || s[end] == ' ') {
			b.WriteString(s[i:j])
			b.WriteString(name)
		} else {
			b.WriteString(s[i:end])
		}
		i = end
	}
	return b.String()
}

// templateFor returns the text of the template for a kind that `oersite new` creates.
func templateFor(kind string) (string, bool) {
	switch kind {
	case "module":
		return moduleTemplate, true
	case "lesson":
		return lessonTemplate, true
	case "webinar":
		return webinarTemplate, true
	case "resource":
		return resourceTemplate, true
	}
	return "", false
}

const moduleTemplate = `---
# The module's name, as learners will see it.
title: "{{.Title}}"
# One or two sentences: what will the learner be able to do afterwards?
summary: "Replace this with what the learner will be able to do after this module."
# Who it is for: {{.Audiences}}
audience: [{{.Audience}}]
# How hard it is: {{.Levels}}
level: {{.Level}}
# Total time for all lessons, e.g. 90m, 2h, 1h30m.
duration: 1h
# What learners will be able to do; start each with a verb.
objectives:
  - "Replace this with the first learning objective"
# DigComp 2.2 competences from 1.1 to 5.4, in quotes, e.g. ["2.2", "3.1"].
digcomp: ["2.2"]
# Folder names of modules to take first, e.g. [social-media-for-your-business].
prerequisites: []
# The licence as an SPDX id, e.g. CC-BY-SA-4.0 or CC-BY-4.0.
licence: {{.Licence}}
# Authors by name, or with a type and an identifier for harvesters:
#   - {name: "Ana Pérez", type: Person, id: "https://orcid.org/0000-0002-1825-0097"}
authors: {{.Authors}}
# Words learners may search for, in this page's language.
keywords: []
# Subjects from [vocabulary.subjects] in config.toml; without it, defaultSubjects.
# subjects: []
# A picture beside this file for search engines and link previews.
# image: cover.jpg
# First published, and last changed (YYYY-MM-DD).
date: {{.Date}}
lastmod: {{.Date}}
# Order in the module list: smaller comes first.
weight: 100
# Set to true to keep it out of the site until it is ready.
draft: false
# Files beside this one offered for download:
# attachments:
#   - file: handout.pdf
#     title: "Handout (printable)"
---

Replace this with who this module is for, what they need, and how to use it with a tutor.
Lessons are the other .md files in this folder, e.g. 01-first-lesson.md
(create one with: oersite new lesson {{.Slug}} first-lesson).
`

const lessonTemplate = `---
# The lesson's name.
title: "{{.Title}}"
# One sentence: what this lesson covers.
summary: "Replace this with one sentence about the lesson."
# Position within the module: 1, 2, 3...
weight: {{.Weight}}
# How long it takes, e.g. 20m, 45m.
duration: 30m
---

## What you will do

Replace this with the lesson. Use ## for sections and ### below them; start with an example
from a real small business, give numbered steps, and end with a short exercise
and a knowledge check (the one below is an example: replace its questions).

## Try it

Replace this with a short exercise for the learner.

:::quiz Check your understanding
How do you mark the right answer in a knowledge check?

- [ ] With a star after the answer
  > Not so: write [x] at the start of each right answer, [ ] before the others.
- [x] With [x] at the start of the answer
  > Yes. The quote under an answer, indented by two spaces, is what the learner reads after choosing it.

Which of these can a knowledge check have? (Several answers are right: the learner chooses all that apply.)

- [x] Questions with one right answer
- [x] Questions with several right answers
- [ ] Questions without a right answer
  > oersite check reports a question with no answer marked [x].
:::
`

const webinarTemplate = `---
title: "{{.Title}}"
summary: "Replace this with what the session covers and who it is for."
# Date and time with the UTC offset (Z for UTC, +01:00 for Rome in winter...).
start: {{.Start}}
# The event's own time zone, shown to visitors beside their local time.
timezone: UTC
duration: 1h
# The link to join (upcoming webinars) and the recording (past webinars).
join: "https://meet.example.org/{{.Slug}}"
# recording: "https://video.example.org/w/..."
# ... or with a picture and the day it was published, for video search:
# recording: {url: "https://video.example.org/w/...", thumbnail: picture.jpg, date: 2027-01-22}
# When plans change: cancelled, postponed, rescheduled or moved-online.
# status: cancelled
# Raise it by one with each change calendars should pick up (time, link).
# revision: 1
presenter: "Replace this with the presenter's name and role"
# The language the webinar is spoken in.
language: en
# Folder names of related modules.
modules: []
date: {{.Date}}
draft: false
---

Replace this with what the session covers, who it is for, and what to prepare.
`

const resourceTemplate = `---
title: "{{.Title}}"
summary: "Replace this with what it is and how to use it in a session."
# The kind of resource: {{.Types}}
type: worksheet
licence: {{.Licence}}
authors: {{.Authors}}
# Either a file beside this index.md ...
# file: {{.Slug}}.pdf
# ... or a link to where it lives.
link: "https://example.org/{{.Slug}}"
# When it is adapted from another open work:
# source:
#   title: "Original title"
#   author: "Original author"
#   url: "https://..."
#   licence: CC-BY-4.0
modules: []
keywords: []
audience: [{{.Audience}}]
level: {{.Level}}
digcomp: []
date: {{.Date}}
draft: false
---

Replace this with what the resource is and how to use it with learners.
`

// File returns the text of a new file of kind.
func File(kind string, d Data) ([]byte, error) {
	src, ok := templateFor(kind)
	if !ok {
		return nil, fmt.Errorf("unknown kind %q: use module, lesson, webinar or resource", kind)
	}
	t, err := template.New(kind).Parse(src)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
