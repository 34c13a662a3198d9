package site

import (
	"errors"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/diag"
)

var digcompCode = regexp.MustCompile(`^[1-5]\.[1-6]$`)

// digcompAreaSize is how many competences a DigComp 2.2 area ('1' to '5') has.
func digcompAreaSize(area byte) int {
	switch area {
	case '1':
		return 3
	case '2':
		return 6
	case '3', '4', '5':
		return 4
	}
	return 0
}

// DigCompValid reports whether code is a DigComp 2.2 competence (1.1 to 5.4).
func DigCompValid(code string) bool {
	return digcompCode.MatchString(code) && int(code[2]-'0') <= digcompAreaSize(code[0])
}

// DigCompConcept returns the address of a DigComp 2.2 competence in KIM's
// publication of the framework (https://w3id.org/kim/digcomp/g_7 for 2.2),
// or "" for a code that is not one. KIM numbers the areas and their
// competences in one sequence: 1 is area 1, 2 to 4 its competences, 5 area 2...
func DigCompConcept(code string) string {
	if !DigCompValid(code) {
		return ""
	}
	n := 0
	for a := byte('1'); a < code[0]; a++ {
		n += 1 + digcompAreaSize(a)
	}
	n += 1 + int(code[2]-'0')
	return config.KIMDigComp + "g_" + strconv.Itoa(n)
}

// pageCheck collects the problems of one page's metadata.
type pageCheck struct {
	cfg config.Config
	p   *Page
	l   diag.List
}

func (c *pageCheck) errf(key, hint, format string, args ...any) {
	c.l.Add(diag.Errorf(c.p.Source.Path, c.p.Meta.Lines[key], hint, format, args...))
}

func (c *pageCheck) warnf(key, hint, format string, args ...any) {
	c.l.Add(diag.Warnf(c.p.Source.Path, c.p.Meta.Lines[key], hint, format, args...))
}

// url reports a value of key that is not an http(s) address.
func (c *pageCheck) url(key, v string) {
	if v == "" {
		return
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		c.errf(key, "write a full web address starting with https://", "%s %q is not a web address", key, v)
	}
}

// termLengths reports keywords and tags too long to name the page that
// lists what they tag.
func termLengths(p *Page) diag.List {
	var l diag.List
	for key, words := range map[string][]string{"keywords": p.Meta.Keywords, "tags": p.Meta.Tags} {
		for _, w := range words {
			if _, err := Slugify(w); errors.Is(err, errTooLong) {
				l.Add(diag.Errorf(p.Source.Path, p.Meta.Lines[key], "shorten it: a keyword names a page listing what it tags", "keyword %q: %v", brief(w), err))
			}
		}
	}
	return l
}

// validatePage reports metadata that does not fit the page's kind. Problems
// that would publish something wrong are errors; the rest are warnings.
func validatePage(cfg config.Config, p *Page) diag.List {
	c := &pageCheck{cfg: cfg, p: p}
	c.subjects()
	c.l = append(c.l, termLengths(p)...)
	switch p.Kind {
	case KindModule, KindResource:
		c.learningResource()
	case KindPath:
		if len(c.p.Meta.Modules) == 0 {
			c.errf("modules", "list the path's modules in order, by their folder names: modules: [first-module, second-module]", "the learning path lists no modules")
		}
		c.audience()
	case KindWebinar:
		c.webinar()
	}
	return c.l
}

// subjects checks subject ids against [vocabulary.subjects].
func (c *pageCheck) subjects() {
	known := c.cfg.Vocabulary.Subjects
	for _, id := range c.p.Meta.Subjects {
		if _, ok := known[id]; !ok {
			hint := "define it under [vocabulary.subjects] in config.toml with its concept address"
			if len(known) > 0 {
				hint = "use one of: " + strings.Join(sortedKeys(known), ", ") + " (or add it under [vocabulary.subjects] in config.toml)"
			}
			c.errf("subjects", hint, "unknown subject %q", id)
		}
	}
}

// learningResource checks a module's or resource's licence and vocabularies.
func (c *pageCheck) learningResource() {
	m, cfg := c.p.Meta, c.cfg
	if lic := licenceID(cfg, m.Licence); lic == "" {
		// One sentence per kind, so that each language can say it whole.
		const hint = "add licence: CC-BY-SA-4.0 (or set defaultLicence under [oer] in config.toml)"
		if c.p.Kind == KindModule {
			c.errf("licence", hint, "the module has no licence")
		} else {
			c.errf("licence", hint, "the resource has no licence")
		}
	} else if !KnownLicence(lic) {
		c.warnf("licence", "use an SPDX id such as CC-BY-4.0, CC-BY-SA-4.0 or CC0-1.0", "licence %q is not one oersite knows; it is shown as written", lic)
	}
	c.audience()
	if m.Level != "" && !cfg.HasLevel(m.Level) {
		c.errf("level", diag.Hintf("use one of: %s", strings.Join(cfg.Vocabulary.Levels, ", ")), "unknown level %q", m.Level)
	}
	for _, code := range m.DigComp {
		if !DigCompValid(code) {
			c.errf("digcomp", "use DigComp 2.2 codes from 1.1 to 5.4, such as 2.2 or 3.1, in quotes", "unknown DigComp competence %q", code)
		}
	}
	if c.p.Kind == KindResource {
		if m.ResourceType != "" && !cfg.HasResourceType(m.ResourceType) {
			c.errf("type", diag.Hintf("use one of: %s", strings.Join(cfg.Vocabulary.ResourceTypes, ", ")), "unknown resource type %q", m.ResourceType)
		}
		c.url("link", m.Link)
		if m.Source != nil {
			c.url("source", m.Source.URL)
		}
	}
}

// webinar checks a webinar's time, links and status.
func (c *pageCheck) webinar() {
	m := c.p.Meta
	if m.Start.IsZero() {
		c.errf("start", "add start: 2027-01-21T18:00:00+01:00 (date, time and UTC offset)", "the webinar has no start time")
	} else if raw, ok := m.Params["start"].(string); ok && !hasZone(raw) && m.Timezone == "" {
		c.errf("start", "add the UTC offset to start (e.g. +01:00) or a timezone: Europe/Rome line", "the webinar's start time has no time zone")
	}
	c.url("join", m.Join)
	c.url("recording", m.Recording.URL)
	if eventStatus(m.Status) == "?" {
		c.errf("status", "use cancelled, postponed, rescheduled or moved-online, or leave status out", "unknown webinar status %q", m.Status)
	}
}

// audience reports audiences the vocabulary does not list.
func (c *pageCheck) audience() {
	audiences := c.cfg.Vocabulary.Audiences
	for _, a := range c.p.Meta.Audience {
		if _, ok := audiences[a]; !ok && len(audiences) > 0 {
			c.errf("audience", diag.Hintf("use one of: %s (or add it under [vocabulary.audiences] in config.toml)", strings.Join(sortedKeys(audiences), ", ")), "unknown audience %q", a)
		}
	}
}

var zoneSuffix = regexp.MustCompile(`(Z|[+-]\d\d:?\d\d)$`)

func hasZone(s string) bool { return zoneSuffix.MatchString(strings.TrimSpace(s)) }
