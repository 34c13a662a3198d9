package site

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/diag"
)

var digcompCode = regexp.MustCompile(`^[1-5]\.[1-6]$`)

// DigCompValid reports whether code is a DigComp 2.2 competence (1.1 to 5.4).
func DigCompValid(code string) bool {
	if !digcompCode.MatchString(code) {
		return false
	}
	max := map[byte]byte{'1': '3', '2': '6', '3': '4', '4': '4', '5': '4'}
	return code[2] <= max[code[0]]
}

// validatePage reports metadata that does not fit the page's kind. Problems
// that would publish something wrong are errors; the rest are warnings.
func validatePage(cfg config.Config, p *Page) diag.List {
	var l diag.List
	m := p.Meta
	file := p.Source.Path
	line := func(k string) int { return m.Lines[k] }
	errf := func(key, hint, format string, args ...any) {
		l.Add(diag.Errorf(file, line(key), hint, format, args...))
	}
	warnf := func(key, hint, format string, args ...any) { l.Add(diag.Warnf(file, line(key), hint, format, args...)) }
	checkURL := func(key, v string) {
		if v == "" {
			return
		}
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			errf(key, "write a full web address starting with https://", "%s %q is not a web address", key, v)
		}
	}
	switch p.Kind {
	case KindModule, KindResource:
		if m.Licence == "" && cfg.OER.DefaultLicence == "" {
			errf("licence", "add licence: CC-BY-SA-4.0 (or set defaultLicence under [oer] in config.toml)", "the %s has no licence", p.Kind)
		} else if lic := firstNonEmpty(m.Licence, cfg.OER.DefaultLicence); !KnownLicence(lic) {
			warnf("licence", "use an SPDX id such as CC-BY-4.0, CC-BY-SA-4.0 or CC0-1.0", "licence %q is not one oersite knows; it is shown as written", lic)
		}
		checkAudience(cfg, m.Audience, errf)
		if m.Level != "" && !cfg.HasLevel(m.Level) {
			errf("level", "use one of: "+strings.Join(cfg.Vocabulary.Levels, ", "), "unknown level %q", m.Level)
		}
		for _, c := range m.DigComp {
			if !DigCompValid(c) {
				errf("digcomp", "use DigComp 2.2 codes from 1.1 to 5.4, such as 2.2 or 3.1, in quotes", "unknown DigComp competence %q", c)
			}
		}
		if p.Kind == KindResource {
			if m.ResourceType != "" && !cfg.HasResourceType(m.ResourceType) {
				errf("type", "use one of: "+strings.Join(cfg.Vocabulary.ResourceTypes, ", "), "unknown resource type %q", m.ResourceType)
			}
			checkURL("link", m.Link)
			if m.Source != nil {
				checkURL("source", m.Source.URL)
			}
		}
	case KindPath:
		if len(m.Modules) == 0 {
			errf("modules", "list the path's modules in order, by their folder names: modules: [first-module, second-module]", "the learning path lists no modules")
		}
		checkAudience(cfg, m.Audience, errf)
	case KindWebinar:
		if m.Start.IsZero() {
			errf("start", "add start: 2027-01-21T18:00:00+01:00 (date, time and UTC offset)", "the webinar has no start time")
		} else if _, ok := m.Params["start"].(string); ok && !hasZone(m.Params["start"].(string)) && m.Timezone == "" {
			errf("start", "add the UTC offset to start (e.g. +01:00) or a timezone: Europe/Rome line", "the webinar's start time has no time zone")
		}
		checkURL("join", m.Join)
		checkURL("recording", m.Recording)
	}
	return l
}

// checkAudience reports audiences the vocabulary does not list.
func checkAudience(cfg config.Config, audience []string, errf func(key, hint, format string, args ...any)) {
	for _, a := range audience {
		if _, ok := cfg.Vocabulary.Audiences[a]; !ok && len(cfg.Vocabulary.Audiences) > 0 {
			errf("audience", "use one of: "+strings.Join(sortedKeys(cfg.Vocabulary.Audiences), ", ")+" (or add it under [vocabulary.audiences] in config.toml)", "unknown audience %q", a)
		}
	}
}

var zoneSuffix = regexp.MustCompile(`(Z|[+-]\d\d:?\d\d)$`)

func hasZone(s string) bool { return zoneSuffix.MatchString(strings.TrimSpace(s)) }

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
