package editor

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/site"
)

// fieldKind says how a field is edited and written.
type fieldKind int

const (
	kindText     fieldKind = iota // one line of text
	kindLong                      // a few sentences
	kindChoice                    // one of a list
	kindChoices                   // any of a list (a YAML list)
	kindLines                     // a list, one item per line
	kindKeywords                  // a list, comma-separated
	kindDuration                  // 45m, 1h30m
	kindNumber                    // a whole number
	kindDateTime                  // a webinar's start, with its UTC offset
	kindURL                       // a web address
	kindBool                      // a tick box
)

func (k fieldKind) list() bool { return k == kindChoices || k == kindLines || k == kindKeywords }

// tag is the YAML tag a value of the kind is written with.
func (k fieldKind) tag() string {
	switch k {
	case kindNumber:
		return "!!int"
	case kindBool:
		return "!!bool"
	case kindDateTime:
		return "!!timestamp"
	}
	return "!!str"
}

// style is how list items of the kind are quoted.
func (k fieldKind) style() yaml.Style {
	if k == kindChoices {
		return 0
	}
	return yaml.DoubleQuotedStyle
}

// field is one front-matter key the editor offers for a kind of page.
type field struct {
	Key     string
	Label   string
	Help    string
	Kind    fieldKind
	Options []option // for choices
	// Required fields are marked in the form; check reports them missing.
	Required bool
}

// option is one choice of a field: its value in the file and its label.
type option struct{ Value, Label string }

// pageKind tells from a page's path inside its language tree which kind of
// page it is, as the site model does (modules/x/index.md is a module,
// modules/x/01-y.md a lesson, webinars/, resources/, paths/, else a page).
func pageKind(rel string) string {
	parts := strings.Split(rel, "/")
	switch {
	case len(parts) == 3 && parts[0] == "modules" && parts[2] == "index.md":
		return "module"
	case len(parts) == 3 && parts[0] == "modules":
		return "lesson"
	case parts[0] == "webinars" && len(parts) > 1 && path.Base(rel) != "_index.md":
		return "webinar"
	case parts[0] == "resources" && len(parts) > 1 && path.Base(rel) != "_index.md":
		return "resource"
	case parts[0] == "paths" && len(parts) > 1:
		return "path"
	}
	return "page"
}

// fields are the keys the editor offers for a kind, with the choices the
// site's configuration allows (the vocabularies check validates against).
func fields(cfg config.Config, kind string, digcomp func(code string) string) []field {
	audiences := make([]option, 0, len(cfg.Vocabulary.Audiences))
	for _, a := range slices.Sorted(maps.Keys(cfg.Vocabulary.Audiences)) {
		audiences = append(audiences, option{a, a})
	}
	levels := options(cfg.Vocabulary.Levels)
	competences := make([]option, 0, 21)
	for _, area := range []struct{ area, n int }{{1, 3}, {2, 6}, {3, 4}, {4, 4}, {5, 4}} {
		for i := 1; i <= area.n; i++ {
			code := fmt.Sprintf("%d.%d", area.area, i)
			competences = append(competences, option{code, digcomp(code)})
		}
	}
	title := field{Key: "title", Label: "Title", Help: "As learners will see it.", Kind: kindText, Required: true}
	summary := field{Key: "summary", Label: "Summary", Help: "One or two sentences: what the learner will be able to do.", Kind: kindLong}
	duration := field{Key: "duration", Label: "Duration", Help: "How long it takes, e.g. 20m, 1h, 1h30m.", Kind: kindDuration}
	audience := field{Key: "audience", Label: "Who it is for", Kind: kindChoices, Options: audiences}
	level := field{Key: "level", Label: "Level", Kind: kindChoice, Options: levels}
	dc := field{Key: "digcomp", Label: "DigComp competences", Help: "The competences of the EU's Digital Competence Framework it builds.", Kind: kindChoices, Options: competences}
	licence := field{Key: "licence", Label: "Licence", Help: "An SPDX id such as CC-BY-SA-4.0 (default: " + cfg.OER.DefaultLicence + ").", Kind: kindText}
	keywords := field{Key: "keywords", Label: "Keywords", Help: "Words learners may search for, separated by commas.", Kind: kindKeywords}
	draft := field{Key: "draft", Label: "Draft: keep it off the site for now", Kind: kindBool}
	subjects := field{Key: "subjects", Label: "Subjects", Help: "For harvesters of open educational resources; without one, the site's default subjects.",
		Kind: kindChoices, Options: options(slices.Sorted(maps.Keys(cfg.Vocabulary.Subjects)))}
	image := field{Key: "image", Label: "Picture for search engines", Help: "A picture beside this page, e.g. cover.jpg, shown in link previews.", Kind: kindText}
	switch kind {
	case "module":
		return append([]field{title, summary, audience, level, duration,
			{Key: "objectives", Label: "Learning objectives", Help: "One per line; start each with a verb.", Kind: kindLines},
			dc, licence, keywords}, withSubjects(subjects, image, draft)...)
	case "lesson":
		return []field{title, summary, {Key: "weight", Label: "Position in the module", Help: "1, 2, 3…", Kind: kindNumber}, duration, draft}
	case "webinar":
		return []field{title, summary,
			{Key: "start", Label: "Starts", Help: "Date and time with the UTC offset, e.g. 2026-12-09T18:00:00+01:00.", Kind: kindDateTime, Required: true},
			{Key: "timezone", Label: "Time zone", Help: "Where the event's time is given, e.g. Europe/Rome.", Kind: kindText},
			duration,
			{Key: "join", Label: "Link to join", Kind: kindURL},
			{Key: "recording", Label: "Link to the recording", Kind: kindURL},
			{Key: "presenter", Label: "Presenter", Kind: kindText},
			{Key: "language", Label: "Spoken language", Help: "A language code, e.g. it.", Kind: kindText},
			{Key: "status", Label: "Change of plan", Help: "Shown on the page and sent to calendars and search engines.", Kind: kindChoice,
				Options: options([]string{site.StatusCancelled, site.StatusPostponed, site.StatusRescheduled, site.StatusMovedOnline})},
			{Key: "revision", Label: "Revision", Help: "Raise it by one with each change calendars should pick up (time, link).", Kind: kindNumber},
			audience, draft}
	case "resource":
		return append([]field{title, summary,
			{Key: "type", Label: "Kind of resource", Kind: kindChoice, Options: options(cfg.Vocabulary.ResourceTypes)},
			{Key: "link", Label: "Link (when it lives elsewhere)", Kind: kindURL},
			licence, audience, level, dc, keywords}, withSubjects(subjects, image, draft)...)
	case "path":
		return []field{title, {Key: "goal", Label: "Goal", Kind: kindLong}, audience,
			{Key: "button", Label: "Button on the home page", Kind: kindText},
			{Key: "modules", Label: "Modules, in order", Help: "Folder names, one per line.", Kind: kindLines}, draft}
	}
	return []field{title, summary, draft}
}

// withSubjects returns the subjects field, when the site names subjects
// in [vocabulary.subjects] (a form with no choice would empty the list),
// followed by the rest.
func withSubjects(subjects field, rest ...field) []field {
	if len(subjects.Options) == 0 {
		return rest
	}
	return append([]field{subjects}, rest...)
}

func options(values []string) []option {
	out := make([]option, len(values))
	for i, v := range values {
		out[i] = option{v, v}
	}
	return out
}
