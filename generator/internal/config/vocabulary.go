package config

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/oersite/oersite/generator/internal/diag"
)

var (
	kimLevelID = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^level_[0-9A-Z]+$`) })
	hcrtID     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z_]+$`) })
	currency   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Z]{3}$`) })
)

// EducationalLevel returns the KIM educational level concept a site level
// maps to, as a full address, or "" when [vocabulary.educationalLevels]
// does not map it.
func (v Vocabulary) EducationalLevel(level string) string {
	id := strings.TrimSpace(v.EducationalLevels[level])
	if id == "" || strings.HasPrefix(id, KIMEducationalLevel) {
		return id
	}
	return KIMEducationalLevel + id
}

// LearningResourceType returns the HCRT concept name ("worksheet") a
// resource type maps to in [vocabulary.learningResourceTypes], or "".
func (v Vocabulary) LearningResourceType(resourceType string) string {
	return strings.TrimPrefix(strings.TrimSpace(v.LearningResourceTypes[resourceType]), HCRT)
}

// validate checks the vocabulary mappings the metadata uses. bad reports an
// error at a key's line.
func (v Vocabulary) validate(bad func(key, hint, format string, args ...any)) {
	for level := range v.EducationalLevels {
		if id := strings.TrimPrefix(v.EducationalLevel(level), KIMEducationalLevel); !kimLevelID().MatchString(id) {
			bad("educationalLevels", diag.Hintf("use a concept of %s such as level_C (advanced training) or level_4", KIMEducationalLevel), "educational level %q maps to %q, not a KIM educational level", level, v.EducationalLevels[level])
		}
	}
	for t := range v.LearningResourceTypes {
		if !hcrtID().MatchString(v.LearningResourceType(t)) {
			bad("learningResourceTypes", diag.Hintf("use a concept of %s such as worksheet, text, video or slide", HCRT), "resource type %q maps to %q, not an HCRT concept", t, v.LearningResourceTypes[t])
		}
	}
	for id, uri := range v.Subjects {
		if u, err := url.Parse(uri); err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
			bad("subjects", "write the concept's full address, e.g. https://w3id.org/kim/hochschulfaechersystematik/n021", "subject %q: %q is not a web address", id, uri)
		}
	}
	for _, id := range v.DefaultSubjects {
		if _, ok := v.Subjects[id]; !ok {
			bad("defaultSubjects", "name subjects defined under [vocabulary.subjects]", "default subject %q is not defined under [vocabulary.subjects]", id)
		}
	}
}

// InAMBSubjectVocabulary reports whether a subject concept belongs to one
// of the vocabularies AMB accepts for `about`.
func InAMBSubjectVocabulary(uri string) bool {
	return slices.ContainsFunc(AMBSubjectVocabularies(), func(base string) bool { return strings.HasPrefix(uri, base) })
}

// validate checks the publisher's settings.
func (o OER) validate(file string, lines keyLines) diag.List {
	var l diag.List
	if o.OAIGateway != "" {
		if u, err := url.Parse(o.OAIGateway); err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
			l.Add(diag.Errorf(file, lines.of("oaiGateway"), "write the gateway's base address, e.g. https://gateway.example.org/oai/", "oaiGateway %q is not a web address", o.OAIGateway))
		}
	}
	if o.Currency != "" && !currency().MatchString(o.Currency) {
		l.Add(diag.Errorf(file, lines.of("currency"), "write an ISO 4217 code such as EUR, GBP or ISK", "currency %q is not a currency code", o.Currency))
	}
	return l
}
