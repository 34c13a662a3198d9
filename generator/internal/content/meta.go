package content

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/oersite/oersite/generator/internal/diag"
)

// Meta is a page's front matter decoded into typed fields. Keys that Hugo
// users know keep Hugo's meaning. Every key, known or not, stays in Params.
type Meta struct {
	Title          string
	Summary        string
	Description    string
	Slug           string
	TranslationKey string
	Type           string // selects the kind when it names one (module, lesson, webinar, resource, story, page, path)
	Layout         string
	Date           time.Time
	Lastmod        time.Time
	Draft          bool
	Weight         int
	Aliases        []string
	Tags           []string
	Keywords       []string

	// Training modules and resources.
	Audience      []string
	Level         string
	Duration      time.Duration
	DurationText  string
	Objectives    []string
	DigComp       []string
	Prerequisites []string
	Licence       string
	Authors       []Author
	Attachments   []Attachment
	// Subjects are subject ids from [vocabulary.subjects] (AMB `about`).
	Subjects []string
	// Image is a picture for the page (a path beside the file, or a URL), for
	// search engines and link previews.
	Image string

	// Webinars.
	Start     time.Time
	Timezone  string
	Join      string
	Recording Recording
	Presenter string
	// Status is "", or a change to a planned webinar: cancelled, postponed,
	// rescheduled or moved-online.
	Status string
	// Revision counts significant changes to a webinar, for calendars (SEQUENCE).
	Revision int
	Language string
	Modules  []string

	// Resources.
	ResourceType string
	File         string
	Link         string
	Source       *SourceWork

	// Learning paths (Modules lists their modules, in order).
	Goal   string // what the learner can do at the end
	Button string // the words of the home page's button leading to the path ("I run a small business")

	// Stories.
	Tutor    string
	Business string
	Country  string

	// Stories, news and opportunities (see opportunity.go).
	Sector string    // sector: the trade a story or opportunity is about ("food", "retail")
	Region string    // region: a place within the country ("Apulia", "Sofia")
	Offer  string    // kind: what an opportunity is (offer, need, traineeship, funding)
	Closes time.Time // closes: after this date an opportunity is no longer shown

	// Keys other generators use (see foreign.go).
	URL         string      // Hugo's url: the page's address inside its language
	PublishDate time.Time   // publishDate: not published before it (unless --future)
	ExpiryDate  time.Time   // expiryDate: not published after it (unless --expired)
	Categories  []string    // a taxonomy, as in Hugo and Jekyll
	Menus       []MenuEntry // menu: the menus the page adds itself to

	// Translations: set by `oersite new translation`.
	NeedsTranslation bool
	TranslatedFrom   time.Time // the source's lastmod (or date) when it was translated

	// Params holds every front matter key, for templates (.Params).
	Params map[string]any
	// Lines maps each top-level key to its line in the file.
	Lines map[string]int
}

// Attachment is a file beside a module or resource, offered for download.
type Attachment struct {
	File  string
	Title string
}

// SourceWork is the work a resource was adapted from (TASL).
type SourceWork struct {
	Title string
	// Author names the source's authors, for the attribution line; Creators
	// are the same authors, typed where the front matter says (as in
	// `authors`).
	Author   string
	Creators []Author
	URL      string
	Licence  string
}

// Kinds lists the kinds of content page, the values a `type` key may
// select, in the order lists and search rank them: modules first, then
// learning paths, resources, webinars, lessons, stories, plain pages,
// opportunities and news. It is the one list of kinds every package uses.
func Kinds() []string {
	return []string{"module", "path", "resource", "webinar", "lesson", "story", "page", "opportunity", "news"}
}

// SearchKinds lists the kinds of content page that search finds, in the
// order of Kinds: opportunities (which close) and news (which age) are
// reached through their own lists and feeds instead.
func SearchKinds() []string {
	return slices.DeleteFunc(Kinds(), func(k string) bool { return k == "opportunity" || k == "news" })
}

// IsKindName reports whether s names a kind of page.
func IsKindName(s string) bool { return slices.Contains(Kinds(), s) }

// Recording is a past webinar's recording.
type Recording struct {
	URL       string
	Thumbnail string    // a picture for the video, a path or URL
	Uploaded  time.Time // when the recording was published
}

// fieldReader decodes typed values from front matter, collecting diagnostics.
type fieldReader struct {
	file  string
	d     decoded
	diags *diag.List
	lower map[string]string // lower-cased key -> key as written
	asked map[string]string // lower-cased field oersite looked for -> its name
}

func (r *fieldReader) line(key string) int { return r.d.lines[key] }

func (r *fieldReader) errorf(key, hint, format string, args ...any) {
	r.diags.Add(diag.Errorf(r.file, r.line(key), hint, format, args...))
}

func (r *fieldReader) warnf(key, hint, format string, args ...any) {
	r.diags.Add(diag.Warnf(r.file, r.line(key), hint, format, args...))
}

// lookup finds key or one of its aliases (licence/license, ...).
func (r *fieldReader) lookup(keys ...string) (string, any, bool) {
	for _, k := range keys {
		if lk := strings.ToLower(k); r.asked[lk] == "" {
			r.asked[lk] = k // for misspelt
		}
	}
	for _, k := range keys {
		if v, ok := r.d.values[k]; ok {
			return k, v, true
		}
		if kk, ok := r.lower[strings.ToLower(k)]; ok {
			return kk, r.d.values[kk], true
		}
	}
	return "", nil, false
}

func (r *fieldReader) str(keys ...string) string {
	k, v, ok := r.lookup(keys...)
	if !ok || v == nil {
		return ""
	}
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case int64, float64, bool:
		return scalarString(x)
	case time.Time:
		return x.Format(time.RFC3339)
	}
	r.errorf(k, diag.Hintf(`write it as text, e.g. %s: "..."`, k), "%s should be text, not a list or table", k)
	return ""
}

func scalarString(v any) string {
	switch x := v.(type) {
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		return strconv.FormatBool(x)
	case string:
		return x
	}
	return fmt.Sprint(v)
}

// list reads a list of strings; a single string or a comma-separated string is accepted too.
func (r *fieldReader) list(keys ...string) []string {
	k, v, ok := r.lookup(keys...)
	if !ok || v == nil {
		return nil
	}
	var out []string
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			switch e.(type) {
			case string, int64, float64, bool:
				if s := strings.TrimSpace(scalarString(e)); s != "" {
					out = append(out, s)
				}
			default:
				r.errorf(k, "write each item as plain text", "%s: every item should be text", k)
			}
		}
	case string:
		for _, s := range strings.Split(x, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	case int64, float64:
		out = append(out, scalarString(x))
	default:
		r.errorf(k, diag.Hintf(`write it as a list: %s: [a, b]`, k), "%s should be a list", k)
	}
	return out
}

func (r *fieldReader) boolean(key string) bool {
	k, v, ok := r.lookup(key)
	if !ok || v == nil {
		return false
	}
	switch x := v.(type) {
	case bool:
		return x
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "true", "yes", "on":
			r.warnf(k, "write true or false without quotes", "%s is the text %q; read as true", k, x)
			return true
		case "false", "no", "off", "":
			return false
		}
	}
	r.errorf(k, "write true or false", "%s should be true or false, not %v", k, v)
	return false
}

func (r *fieldReader) integer(key string) int {
	k, v, ok := r.lookup(key)
	if !ok || v == nil {
		return 0
	}
	switch x := v.(type) {
	case int64:
		return int(x)
	case float64:
		if x == float64(int(x)) {
			return int(x)
		}
	case string:
		if n, err := strconv.Atoi(strings.TrimSpace(x)); err == nil {
			return n
		}
	}
	r.errorf(k, diag.Hintf("write a whole number, e.g. %s: 10", k), "%s should be a whole number, not %v", k, v)
	return 0
}

func (r *fieldReader) date(keys ...string) time.Time {
	k, v, ok := r.lookup(keys...)
	if !ok || v == nil {
		return time.Time{}
	}
	switch x := v.(type) {
	case time.Time:
		return x
	case string:
		t, lenient, err := ParseDate(x)
		if err != nil {
			r.errorf(k, "write dates as YYYY-MM-DD, or with a time as 2026-01-21T18:00:00+01:00", "%s: %v", k, err)
			return time.Time{}
		}
		if lenient {
			r.warnf(k, diag.Hintf("write it as %s to silence this warning", t.Format("2006-01-02")), "%s %q read as %s", k, x, t.Format("2 January 2006"))
		}
		return t
	}
	r.errorf(k, "write dates as YYYY-MM-DD", "%s should be a date, not %v", k, v)
	return time.Time{}
}

func (r *fieldReader) attachments() []Attachment {
	k, v, ok := r.lookup("attachments")
	if !ok || v == nil {
		return nil
	}
	items, isList := v.([]any)
	if !isList {
		r.errorf(k, "list them as: attachments: [{file: handout.pdf, title: \"Handout\"}]", "attachments should be a list")
		return nil
	}
	var out []Attachment
	for _, it := range items {
		switch x := it.(type) {
		case string:
			out = append(out, Attachment{File: x})
		case map[string]any:
			a := Attachment{File: strings.TrimSpace(scalarString(x["file"])), Title: strings.TrimSpace(scalarString(x["title"]))}
			if x["file"] == nil || a.File == "" {
				r.errorf(k, "give each attachment a file: name", "an attachment has no file")
				continue
			}
			if x["title"] == nil {
				a.Title = ""
			}
			out = append(out, a)
		default:
			r.errorf(k, "give each attachment a file and a title", "attachments: unexpected item %v", it)
		}
	}
	return out
}

func (r *fieldReader) source() *SourceWork {
	k, v, ok := r.lookup("source", "adaptedFrom", "adapted_from")
	if !ok || v == nil {
		return nil
	}
	switch x := v.(type) {
	case string:
		return &SourceWork{URL: x}
	case map[string]any:
		w := &SourceWork{Title: tableString(x, "title"), URL: tableString(x, "url", "link"), Licence: tableString(x, "licence", "license")}
		for _, ak := range []string{"author", "authors"} {
			av, ok := x[ak]
			if !ok || av == nil {
				continue
			}
			if name, one := av.(string); one { // one author, commas and all
				w.Creators = []Author{{Name: strings.TrimSpace(name)}}
			} else {
				w.Creators = r.authorList(k+"."+ak, av)
			}
			break
		}
		var names []string
		for _, a := range w.Creators {
			names = append(names, a.Name)
		}
		w.Author = strings.Join(names, ", ")
		return w
	}
	r.errorf(k, "write source: {title: ..., author: ..., url: ..., licence: ...}", "%s should be a table with title, author, url and licence", k)
	return nil
}

// translationKey reads the key that joins a page's translations. It goes
// into addresses' lookups and calendar UIDs: letters, digits, "-", "_" and
// "." only, like a slug.
func (r *fieldReader) translationKey() string {
	key := r.str("translationKey")
	if key != "" && !validKey(key) {
		r.errorf("translationKey", "write it like a slug, with letters, digits, - _ and . only: translationKey: social-media-basics",
			"translationKey %q holds characters a key may not have", key)
		return ""
	}
	return key
}

// validKey reports whether s holds only letters, digits, "-", "_" and ".".
func validKey(s string) bool {
	for _, c := range s {
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) && c != '-' && c != '_' && c != '.' {
			return false
		}
	}
	return true
}

// decodeMeta reads the known keys of front matter into a Meta.
func decodeMeta(file string, d decoded, diags *diag.List) Meta {
	r := &fieldReader{file: file, d: d, diags: diags, lower: make(map[string]string, len(d.values)), asked: map[string]string{}}
	for k := range d.values {
		if lk := strings.ToLower(k); r.lower[lk] == "" || k < r.lower[lk] {
			r.lower[lk] = k
		}
	}
	m := Meta{
		Title:          r.str("title"),
		Summary:        r.str("summary"),
		Description:    r.str("description"),
		Slug:           r.str("slug"),
		TranslationKey: r.translationKey(),
		Type:           r.str("type"),
		Layout:         r.str("layout"),
		Date:           r.date("date", "publishDate"),
		Lastmod:        r.date("lastmod", "lastMod", "modified"),
		Draft:          r.boolean("draft"),
		Weight:         r.integer("weight"),
		Aliases:        r.list("aliases"),
		Tags:           r.list("tags"),
		Keywords:       r.list("keywords"),
		Audience:       r.list("audience", "audiences"),
		Level:          r.str("level"),
		Objectives:     r.list("objectives", "learningObjectives"),
		DigComp:        r.list("digcomp", "competences", "competencies"),
		Prerequisites:  r.list("prerequisites"),
		Licence:        r.str("licence", "license"),
		Authors:        r.authors(),
		Subjects:       r.list("subjects", "subject"),
		Image:          r.str("image"),
		Attachments:    r.attachments(),
		Start:          r.date("start"),
		Timezone:       r.str("timezone", "timeZone"),
		Join:           r.str("join", "joinURL", "joinLink"),
		Recording:      r.recording(),
		Status:         strings.ToLower(r.str("status")),
		Revision:       r.integer("revision"),
		Presenter:      r.str("presenter", "presenters"),
		Language:       r.str("language"),
		Modules:        r.list("modules", "relatedModules"),
		ResourceType:   r.str("resourceType"),
		File:           r.str("file"),
		Link:           r.str("link", "externalLink"),
		Source:         r.source(),
		Goal:           r.str("goal"),
		Button:         r.str("button"),
		Tutor:          r.str("tutor"),
		Business:       r.str("business"),
		Country:        r.str("country"),

		NeedsTranslation: r.boolean("needsTranslation"),
		TranslatedFrom:   r.date("translatedFrom"),
		Params:           d.values,
		Lines:            d.lines,
	}
	r.foreign(&m)
	r.listing(&m)
	if m.Summary == "" {
		m.Summary = m.Description
	}
	if m.Type != "" && !IsKindName(m.Type) && m.ResourceType == "" {
		// In the resources section `type: worksheet` names the resource type.
		m.ResourceType, m.Type = m.Type, ""
	}
	if s := r.str("duration"); s != "" {
		dur, lenient, err := ParseDuration(s)
		var unit UnknownUnitError
		switch {
		case errors.As(err, &unit):
			r.errorf("duration", `write a duration such as 45m, 2h or 1h30m`, "duration %q: oersite does not know the unit %q", s, unit.Unit)
		case err != nil:
			r.errorf("duration", `write a duration such as 45m, 2h or 1h30m`, "duration %q is not a length of time oersite can read", s)
		case lenient:
			r.warnf("duration", diag.Hintf("write it as %s to silence this warning", FormatDuration(dur)), "duration %q read as %s", s, FormatDuration(dur))
		}
		m.Duration, m.DurationText = dur, s
	}
	r.misspelt()
	return m
}
