package build_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/lms"
	"github.com/oersite/oersite/generator/internal/publish"
	"github.com/oersite/oersite/generator/internal/sitetest"
)

const exportSite = baseConfig + `[export]
cartridge = true
scorm = true
-- content/en/_index.md --
---
title: Home
---
Hi.
-- content/en/modules/reviews/index.md --
---
title: "Replying to reviews"
summary: "Answer reviews kindly."
lastmod: 2026-10-01
---
Intro.
-- content/en/modules/reviews/shop.png --
not really a PNG
-- content/en/modules/reviews/01-why.md --
---
title: "Why reviews matter"
weight: 1
---
![Shop](shop.png)

:::quiz
Answer soon?

- [x] Yes
- [ ] No
:::
-- content/en/modules/empty/index.md --
---
title: "No lessons yet"
---
Soon.
-- content/it/_index.md --
---
title: Inizio
---
Ciao.
`

// TestExportsInBuild: a build with [export] writes both packages beside
// each module with lessons, valid, the same bytes in two builds, offered
// in the module page's box with their sizes, in mirror.json and in
// catalog.json; the offline copy and the Italian fallback get none.
func TestExportsInBuild(t *testing.T) {
	dir := writeSite(t, exportSite)
	buildSite(t, dir)
	first := map[string][]byte{}
	for _, p := range []string{"en/modules/reviews/reviews.imscc", "en/modules/reviews/reviews-scorm12.zip"} {
		data := []byte(read(t, dir, p))
		if err := lms.Check(data); err != nil {
			t.Errorf("%s breaks the packaging rules: %v", p, err)
		}
		first[p] = data
		assertContains(t, dir, "mirror.json", `"`+p+`"`)
		assertContains(t, dir, "catalog.json", `"contentUrl": "https://example.org/oer/`+p+`"`,
			`"contentSize": "`+strconv.Itoa(len(data))+`"`) // AMB's encoding wants the size too
	}
	assertContains(t, dir, "en/modules/reviews/index.html", `class="export-box"`, `Use this module in your learning platform`,
		`href="../../../en/modules/reviews/reviews.imscc" download>Common Cartridge package (.imscc)</a> <span class="meta">(`,
		`href="../../../en/modules/reviews/reviews-scorm12.zip" download>SCORM 1.2 package (.zip)</a>`)
	assertNotContains(t, dir, "en/modules/empty/index.html", `export-box`)
	if exists(dir, "en/modules/empty/empty.imscc") || exists(dir, "it/modules/reviews/reviews.imscc") {
		t.Error("a module without lessons, or a fallback, got a package")
	}
	if err := os.RemoveAll(filepath.Join(dir, "public")); err != nil {
		t.Fatal(err)
	}
	buildSite(t, dir)
	for p, data := range first {
		if !bytes.Equal(data, []byte(read(t, dir, p))) {
			t.Errorf("%s differs between two builds of the same site", p)
		}
	}
}

// A build stopped while it packages modules for learning platforms begins
// no other package: before, every module was packaged whatever the stop.
func TestStoppedBuildWritesNoMorePackages(t *testing.T) {
	dir := writeSite(t, exportSite)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	mem := publish.NewMemory()
	opt := build.Options{Source: dir, Now: sitetest.Now, Output: mem, SearchInMemory: true,
		Progress: func(p build.Progress) {
			if p.Stage == "exports" {
				cancel()
			}
		}}
	if _, err := build.Build(ctx, opt); !errors.Is(err, context.Canceled) {
		t.Fatalf("stopped build: %v", err)
	}
	for p := range mem.Files {
		if strings.HasSuffix(p, ".imscc") || strings.HasSuffix(p, ".zip") {
			t.Errorf("a stopped build wrote %s", p)
		}
	}
}

// TestLicenceLineInTheLanguagesOrder: the licence line is one sentence per
// language with slots for the title, the authors and the licence, on the
// page and in the packages: before, the parts were joined in English order
// ("“Titolo” di Ana Ruiz è distribuito…"), which German, Icelandic and
// Bulgarian cannot follow.
func TestLicenceLineInTheLanguagesOrder(t *testing.T) {
	dir := writeSite(t, exportSite+`-- content/it/modules/recensioni/index.md --
---
title: "Rispondere alle recensioni"
authors: [Ana Ruiz]
---
Intro.
-- content/it/modules/recensioni/01-perche.md --
---
title: "Perché contano"
weight: 1
---
Testo.
`)
	buildSite(t, dir)
	assertContains(t, dir, "it/modules/recensioni/index.html",
		`Rispondere alle recensioni</a>” (Ana Ruiz) è distribuito con licenza <a rel="license"`)
	assertContains(t, dir, "en/modules/reviews/index.html", `Replying to reviews</a>” is licensed under <a rel="license"`)
	pkg := read(t, dir, "it/modules/recensioni/recensioni-scorm12.zip")
	zr, err := zip.NewReader(strings.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatal(err)
	}
	var lessons int
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "lessons/") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if want := `<p class="licence">“Rispondere alle recensioni” (Ana Ruiz) è distribuito con licenza <a rel="license"`; strings.Contains(string(b), `class="licence"`) {
			lessons++
			if !strings.Contains(string(b), want) {
				i := strings.Index(string(b), `class="licence"`)
				t.Errorf("%s: licence line %.200s, want %s", f.Name, string(b)[i:], want)
			}
		}
	}
	if lessons == 0 {
		t.Error("no page of the package has a licence line")
	}
}

// TestAdaptedFromNamesTheSourceInParentheses: the line naming the work a
// page adapts puts the source's author and licence in parentheses, which
// every language reads without a word for "by" (Icelandic read "Aðlagað
// eftir „…“ eftir …", twice the same preposition).
func TestAdaptedFromNamesTheSourceInParentheses(t *testing.T) {
	dir := writeSite(t, baseConfig+`
-- content/it/_index.md --
---
title: Inizio
---
-- content/it/resources/scheda/index.md --
---
title: Scheda
source:
  title: "Guida alle licenze"
  author: "Maria Rossi"
  url: "https://example.net/guida"
  licence: CC-BY-4.0
---
Testo.
-- content/it/resources/nota/index.md --
---
title: Nota
source:
  title: "Appunti"
---
Testo.
`)
	buildSite(t, dir)
	assertContains(t, dir, "it/resources/scheda/index.html",
		`<p class="adapted">Adattato da “<a href="https://example.net/guida">Guida alle licenze</a>” (<span class="adapted-author">Maria Rossi</span>, CC BY 4.0).</p>`)
	assertContains(t, dir, "it/resources/nota/index.html", `<p class="adapted">Adattato da “Appunti”.</p>`)
}

// TestLessonWithItsOwnRightsShowsThem: a lesson that says more of its
// rights than its module (its own licence, authors or original, as an H5P
// file's imported into a module) shows its licence box; the module's other
// lessons, which its box speaks for, show none.
func TestLessonWithItsOwnRightsShowsThem(t *testing.T) {
	dir := writeSite(t, baseConfig+`
-- content/it/_index.md --
---
title: Inizio
---
-- content/it/modules/foto/index.md --
---
title: Foto
licence: CC-BY-SA-4.0
---
-- content/it/modules/foto/01-luce.md --
---
title: Luce
weight: 1
---
Testo.
-- content/it/modules/foto/02-recensioni.md --
---
title: Recensioni
weight: 2
licence: CC-BY-4.0
authors: ["Maria Rossi"]
source:
  title: "Rispondere alle recensioni"
  url: "https://example.net/h5p/42"
---
Testo.
`)
	buildSite(t, dir)
	assertContains(t, dir, "it/modules/foto/02-recensioni/index.html", `<section class="licence-box"`, `Maria Rossi`, `https://creativecommons.org/licenses/by/4.0/`,
		`<p class="adapted">Adattato da “<a href="https://example.net/h5p/42">Rispondere alle recensioni</a>”.</p>`)
	assertNotContains(t, dir, "it/modules/foto/01-luce/index.html", "licence-box")
}
