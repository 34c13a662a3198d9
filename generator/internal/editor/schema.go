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
	Key     string // also names its label and help in the editor's strings (ed.field.<key>)
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
// site's configuration allows (the vocabularies check validates against),
// each named by label(vocabulary, id): the site's words for it, else its id.
func fields(cfg config.Config, kind string, label func(vocabulary, id string) string) []field {
	options := func(vocabulary string, ids []string) []option {
		out := make([]option, len(ids))
		for i, id := range ids {
			out[i] = option{id, label(vocabulary, id)}
		}
		return out
	}
	audiences := options("audience", slices.Sorted(maps.Keys(cfg.Vocabulary.Audiences)))
	levels := options("level", cfg.Vocabulary.Levels)
	competences := make([]option, 0, 21)
	for _, area := range []struct{ area, n int }{{1, 3}, {2, 6}, {3, 4}, {4, 4}, {5, 4}} {
		for i := 1; i <= area.n; i++ {
			code := fmt.Sprintf("%d.%d", area.area, i)
			competences = append(competences, option{code, label("digcomp", code)})
		}
	}
	title := field{Key: "title", Kind: kindText, Required: true}
	summary := field{Key: "summary", Kind: kindLong}
	duration := field{Key: "duration", Kind: kindDuration}
	audience := field{Key: "audience", Kind: kindChoices, Options: audiences}
	level := field{Key: "level", Kind: kindChoice, Options: levels}
	dc := field{Key: "digcomp", Kind: kindChoices, Options: competences}
	licence := field{Key: "licence", Kind: kindText}
	keywords := field{Key: "keywords", Kind: kindKeywords}
	draft := field{Key: "draft", Kind: kindBool}
	subjects := field{Key: "subjects", Kind: kindChoices, Options: options("subject", slices.Sorted(maps.Keys(cfg.Vocabulary.Subjects)))}
	image := field{Key: "image", Kind: kindText}
	switch kind {
	case "module":
		return append([]field{title, summary, audience, level, duration,
			{Key: "objectives", Kind: kindLines},
			dc, licence, keywords}, withSubjects(subjects, image, draft)...)
	case "lesson":
		return []field{title, summary, {Key: "weight", Kind: kindNumber}, duration, draft}
	case "webinar":
		return []field{title, summary,
			{Key: "start", Kind: kindDateTime, Required: true},
			{Key: "timezone", Kind: kindText},
			duration,
			{Key: "join", Kind: kindURL},
			{Key: "recording", Kind: kindURL},
			{Key: "presenter", Kind: kindText},
			{Key: "language", Kind: kindText},
			{Key: "status", Kind: kindChoice,
				Options: options("status", []string{site.StatusCancelled, site.StatusPostponed, site.StatusRescheduled, site.StatusMovedOnline})},
			{Key: "revision", Kind: kindNumber},
			audience, draft}
	case "resource":
		return append([]field{title, summary,
			{Key: "type", Kind: kindChoice, Options: options("resourcetype", cfg.Vocabulary.ResourceTypes)},
			{Key: "link", Kind: kindURL},
			licence, audience, level, dc, keywords}, withSubjects(subjects, image, draft)...)
	case "path":
		return []field{title, {Key: "goal", Kind: kindLong}, audience,
			{Key: "button", Kind: kindText},
			{Key: "modules", Kind: kindLines}, draft}
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
