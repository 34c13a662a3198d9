package search

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/bg"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/de" // analysers register with bleve's registry
	_ "github.com/blevesearch/bleve/v2/analysis/lang/en"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/es"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/fr"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/it"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/nl"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
)

// stemmed are the languages whose bleve analyser stems and removes stop words.
var stemmed = map[string]bool{"en": true, "it": true, "de": true, "es": true, "fr": true, "nl": true}

// analyzerFor adds the analyser of lang to m and returns its name: bleve's
// own where it has one; Bulgarian with its stop list; for any other language
// (Icelandic, ...) a Unicode tokenizer with lower-casing, which keeps þ, ð, æ.
func analyzerFor(m *mapping.IndexMappingImpl, lang string) (string, error) {
	if stemmed[lang] {
		return lang, nil
	}
	filters := []string{lowercase.Name}
	if lang == "bg" {
		filters = append(filters, bg.StopName)
	}
	name := "oersite_" + lang
	err := m.AddCustomAnalyzer(name, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": filters,
	})
	return name, err
}

// fieldWeight is a searched field and its weight in the score.
type fieldWeight struct {
	name   string
	weight float64
}

// Fields that are searched, with their weight in the score, in the order
// fieldText gives their texts.
var fieldWeights = [5]fieldWeight{
	{"title", 4}, {"keywords", 2.5}, {"headings", 1.8}, {"summary", 1.5}, {"body", 1},
}

// bodyField is the body's place in fieldWeights.
const bodyField = 4

// newMapping builds the index mapping of one language.
func newMapping(lang string) (*mapping.IndexMappingImpl, string, error) {
	m := bleve.NewIndexMapping()
	an, err := analyzerFor(m, lang)
	if err != nil {
		return nil, "", err
	}
	m.DefaultAnalyzer = an
	m.ScoringModel = "bm25"
	dm := mapping.NewDocumentMapping()
	for _, f := range fieldWeights {
		tf := mapping.NewTextFieldMapping()
		tf.Analyzer = an
		tf.Store = f.name == "title" || f.name == "summary"
		tf.IncludeInAll = false
		tf.IncludeTermVectors = false
		dm.AddFieldMappingsAt(f.name, tf)
	}
	for _, name := range []string{"url", "kind", "module", "level", "audience", "competences", "hash"} {
		sf := mapping.NewKeywordFieldMapping()
		sf.Store = true
		sf.Index = name == "kind" || name == "level" || name == "audience" || name == "competences"
		sf.IncludeInAll = false
		sf.DocValues = false
		dm.AddFieldMappingsAt(name, sf)
	}
	m.DefaultMapping = dm
	return m, an, nil
}
