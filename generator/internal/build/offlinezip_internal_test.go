package build

import (
	"testing"

	"github.com/oersite/oersite/generator/internal/publish"
	"github.com/oersite/oersite/generator/internal/site"
)

// The offline copy of a patch build keeps from the last zip what the
// build keeps from the last output: all but the search index of the
// languages it indexes again, whose new export may cut other files.
func TestOfflineCopyKeepsWhatTheBuildKeeps(t *testing.T) {
	o := &offlinePatch{plan: &patchPlan{langs: map[string]bool{"en": true}}}
	for _, p := range []string{"en/index.html", "_search/en/t-0.js", "_search/fr/t-0.js", "_search/search.js", "sitemap.xml"} {
		o.files = append(o.files, publish.Entry{Path: p})
	}
	mem := publish.NewMemory()
	if o.onto(&site.Site{}, mem) == nil {
		t.Fatal("no plan for the copy")
	}
	for p, kept := range map[string]bool{"en/index.html": true, "_search/en/t-0.js": false, "_search/fr/t-0.js": true,
		"_search/search.js": true, "sitemap.xml": true} {
		if mem.Inherited(p) != kept {
			t.Errorf("%s: kept %v, want %v", p, !kept, kept)
		}
	}
	// a page of the build's plan that the copy lacks: the copy is built in full
	o.plan.pages = []*site.Page{{URL: "en/gone/"}}
	if o.onto(&site.Site{}, publish.NewMemory()) != nil {
		t.Error("a copy lacking a page of the plan was patched")
	}
}
