package build_test

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/oersite/oersite/generator/internal/sitetest"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden/")

// goldenPages are whole pages compared byte for byte: one per layout.
var goldenPages = []string{
	"en/index.html",                             // home
	"en/about/index.html",                       // page
	"en/modules/index.html",                     // section
	"en/modules/reviews/index.html",             // module
	"en/modules/reviews/01-why/index.html",      // lesson: callout, tutor note, knowledge check
	"en/paths/business/index.html",              // path
	"en/modules/reviews/print/index.html",       // the module on one page, for printing
	"en/modules/reviews/certificate/index.html", // certificate of completion
	"en/webinars/index.html",                    // webinars list
	"en/webinars/live-reviews/index.html",       // webinar
	"en/resources/reply-checklist/index.html",
	"en/stories/bakery/index.html",
	"en/audience/sme-workers/index.html", // term
	"en/request/index.html",
	"en/privacy/index.html",
	"en/search/index.html",
	"it/modules/reviews/index.html", // a translation
	"404.html",
}

// TestGoldenSite builds testdata/golden/site.txtar and compares one page per
// layout with its golden copy, and every file the build writes with a
// SHA-256 manifest: a change anywhere in the output shows, as a diff to
// review after `go test ./generator/internal/build/ -run TestGoldenSite -update`.
func TestGoldenSite(t *testing.T) {
	dir := sitetest.WriteFile(t, filepath.Join("testdata", "golden", "site.txtar"))
	sitetest.Build(t, dir)
	files := sitetest.Snapshot(t, filepath.Join(dir, "public"))
	for _, p := range goldenPages {
		got, ok := files[p]
		if !ok {
			t.Errorf("the build wrote no %s", p)
			continue
		}
		sitetest.Golden(t, filepath.Join("testdata", "golden", "pages", filepath.FromSlash(p)), got, *update)
	}
	sitetest.Golden(t, filepath.Join("testdata", "golden", "manifest.txt"), sitetest.Manifest(files), *update)
}

// TestFallbackLessonsUnderAModuleWithItsOwnKey: an Italian module whose
// translationKey links it to nothing still gets the English lessons shown in
// Italian, with their navigation (the build failed with a nil module before).
func TestFallbackLessonsUnderAModuleWithItsOwnKey(t *testing.T) {
	dir := sitetest.Write(t, baseConfig+`
-- content/en/modules/reviews/index.md --
---
title: Answering reviews
---
-- content/en/modules/reviews/01-why.md --
---
title: Why answer
---
Because people read the answers.
-- content/it/modules/reviews/index.md --
---
title: Rispondere alle recensioni
translationKey: reviews-it
---
`)
	sitetest.Build(t, dir)
	sitetest.Contains(t, dir, "it/modules/reviews/01-why/index.html", `lang="en"`, "Rispondere alle recensioni", "Because people read the answers.")
}
