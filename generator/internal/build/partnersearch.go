package build

import (
	"slices"
	"strings"

	"github.com/oersite/oersite/generator/internal/search"
	"github.com/oersite/oersite/generator/internal/site"
)

// partnerDocs are the partners' items that search finds in one language:
// those in that language (or in none given), unless the partner asked to
// stay out of search. Their address is the partner's own (results link
// out); the line under the title names the partner and the licence.
func partnerDocs(s *site.Site, lang string) []search.Doc {
	var docs []search.Doc
	for _, it := range s.PartnerItems {
		if it.Partner.NoSearch {
			continue
		}
		langs := it.Languages
		if len(langs) == 0 {
			langs = it.Partner.Languages
		}
		if len(langs) > 0 && !slices.Contains(langs, lang) {
			continue
		}
		origin := it.Partner.Name
		if it.Licence.Short != "" {
			origin += " · " + it.Licence.Short
		}
		docs = append(docs, search.Doc{URL: it.URL, Lang: lang, Kind: "partner", Title: it.Title, Summary: it.Description,
			Body: it.Description, Keywords: append(append([]string{}, it.Keywords...), strings.Join(it.Authors, " ")), Module: origin})
	}
	return docs
}
