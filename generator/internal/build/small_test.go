package build_test

import (
	"context"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/build"
)

func TestOverlongSlugsAndKeywordsNameTheirFile(t *testing.T) {
	long := strings.Repeat("a", 256)
	for _, dry := range []bool{true, false} { // check, then build
		dir := writeSite(t, baseConfig+`
-- content/en/_index.md --
---
title: Home
---
Hi.
-- content/en/slug.md --
---
title: Slug
slug: `+long+`
---
Text.
-- content/en/modules/m/index.md --
---
title: Module
keywords: [fine, `+long+`]
---
Text.
-- content/en/ok.md --
---
title: OK
slug: `+strings.Repeat("b", 255)+`
---
Text.
`)
		res, err := build.Build(context.Background(), build.Options{Source: dir, Now: now, DryRun: dry, SearchInMemory: true})
		if err == nil {
			t.Fatalf("dry run %v: the build succeeded", dry)
		}
		errs := res.Diags.Errors()
		if !hasError(errs, "content/en/slug.md", 3, "256 bytes", "255") {
			t.Errorf("dry run %v: no error for the slug in %v", dry, errs)
		}
		if !hasError(errs, "content/en/modules/m/index.md", 3, "256 bytes", "255") {
			t.Errorf("dry run %v: no error for the keyword in %v", dry, errs)
		}
		for _, d := range errs {
			if d.File == "" || d.File == "content/en/ok.md" || strings.Contains(d.Message, "file name too long") {
				t.Errorf("dry run %v: %v", dry, d)
			}
		}
	}
}

func TestLevelIDUsesTheLevelsAddress(t *testing.T) {
	cfg := strings.Replace(baseConfig, "[vocabulary.audiences]", "[vocabulary]\nlevels = [\"Further training\"]\n[vocabulary.audiences]", 1)
	dir := writeSite(t, cfg+`
-- content/en/modules/m/index.md --
---
title: Module
level: Further training
---
Text.
`)
	buildSite(t, dir)
	if !exists(dir, "en/level/further-training/index.html") {
		t.Fatal("no level page at en/level/further-training/")
	}
	assertContains(t, dir, "en/modules/m/index.html", `"https://example.org/oer/en/level/further-training/"`)
	assertNotContains(t, dir, "en/modules/m/index.html", "level/Further")
}

func TestUnknownLayoutWarnsWithTheLayoutsThatExist(t *testing.T) {
	dir := writeSite(t, baseConfig+`
-- content/en/about.md --
---
title: About
layout: wide
---
Text.
-- layouts/landing.html --
{{define "main"}}landing{{end}}
`)
	res := buildSite(t, dir)
	found := false
	for _, d := range res.Diags.Warnings() {
		if d.File == "content/en/about.md" && d.Line == 3 && strings.Contains(d.Message, `"wide"`) && strings.Contains(d.Hint, "landing") && strings.Contains(d.Hint, "page") {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning naming the file, line and the layouts that exist: %v", res.Diags)
	}
}

// Hidden files and folders are not input: they neither fail the build nor
// reach the output.
func TestHiddenFoldersAreNotInput(t *testing.T) {
	dir := writeSite(t, baseConfig+`
-- content/en/_index.md --
---
title: Home
---
Hi.
-- layouts/.backup/page.html --
{{define "main"}}old backup{{end}}
-- static/.well-known/secret.txt --
secret
-- static/.env --
TOKEN=x
-- content/en/.drafts/notes.md --
---
title: Notes
---
Private.
`)
	buildSite(t, dir)
	for _, p := range []string{".well-known/secret.txt", ".env", "en/.drafts/notes/index.html", "en/notes/index.html"} {
		if exists(dir, p) {
			t.Errorf("%s was published", p)
		}
	}
}
