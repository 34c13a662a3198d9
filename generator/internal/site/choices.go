package site

import "slices"

// Choice is one option of a form field whose options come from the site.
type Choice struct {
	Value string // what the form sends: a module's slug, a language code
	Label string // what the reader sees
	// Lang is the language of Label when it is not the one asked for: a
	// language's own name, an untranslated module's title.
	Lang string
}

// Choices returns the options of a form field with `optionsFrom`: "modules"
// (each module of lang, by its slug) or "languages" (the site's languages).
// With lang "" it returns every language's modules once each: the values a
// receiver must accept whatever page the form was on. The form a page
// shows and the receiver that checks it both ask here.
func (s *Site) Choices(from, lang string) []Choice {
	var out []Choice
	switch from {
	case "modules":
		for _, l := range s.Languages {
			if lang != "" && l.Code != lang {
				continue
			}
			for _, m := range s.Langs[l.Code].Modules {
				c := Choice{Value: m.Slug(), Label: m.Title}
				if m.FallbackOf != nil {
					c.Lang = m.FallbackOf.Lang
				}
				if lang != "" || !slices.ContainsFunc(out, func(o Choice) bool { return o.Value == c.Value }) {
					out = append(out, c)
				}
			}
		}
	case "languages":
		for _, l := range s.Languages {
			c := Choice{Value: l.Code, Label: l.Name}
			if l.Code != lang {
				c.Lang = l.Code
			}
			out = append(out, c)
		}
	}
	return out
}

// ChoiceValues returns every value a page of any language offers for a
// field with `optionsFrom`: what a form receiver accepts.
func (s *Site) ChoiceValues(from string) []string {
	var out []string
	for _, c := range s.Choices(from, "") {
		out = append(out, c.Value)
	}
	return out
}
