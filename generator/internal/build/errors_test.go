package build_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/build"
)

// TestErrorsNameFileAndLineAndLeavePublicUntouched builds a good site, then
// breaks it in each way and checks the message and that public/ is unchanged.
func TestErrorsNameFileAndLineAndLeavePublicUntouched(t *testing.T) {
	cases := []struct {
		name  string
		file  string // file to write (relative to the site)
		data  string
		wants []string // all must appear in the error text
	}{
		{"broken YAML", "content/en/broken.md", "---\ntitle: Broken\nsummary: [unclosed\nlevel: beginner\n---\nbody\n",
			[]string{"content/en/broken.md:3:", "a list opened with [ (or a group opened with {) on this line is not closed"}},
		{"unclosed front matter", "content/en/open.md", "---\ntitle: Open\n\nbody without closing\n",
			[]string{"content/en/open.md:1:", "never closed"}},
		{"broken TOML", "content/en/t.md", "+++\ntitle = \"T\"\nweight = = 3\n+++\n",
			[]string{"content/en/t.md:3:", "TOML front matter does not parse"}},
		{"unknown language folder", "content/xx/page.md", "---\ntitle: X\n---\n",
			[]string{"content/xx", `"xx" is not a configured language`, "[languages.xx]"}},
		{"ambiguous date", "content/en/d.md", "---\ntitle: D\ndate: 03/04/2026\n---\n",
			[]string{"content/en/d.md:3:", "could be day/month or month/day"}},
		{"unknown audience", "content/en/modules/m/index.md", "---\ntitle: M\naudience: [teachers]\nlicence: CC-BY-4.0\n---\n",
			[]string{"content/en/modules/m/index.md:3:", `unknown audience "teachers"`, "sme-workers"}},
		{"bad DigComp code", "content/en/modules/m/index.md", "---\ntitle: M\ndigcomp: [\"7.1\"]\n---\n",
			[]string{"content/en/modules/m/index.md:3:", `unknown DigComp competence "7.1"`}},
		{"missing attachment", "content/en/modules/m/index.md", "---\ntitle: M\nattachments: [{file: nope.pdf, title: Nope}]\n---\n",
			[]string{"content/en/modules/m/index.md:3:", `attachment "nope.pdf" not found`}},
		{"lesson outside a module", "content/en/stories/l.md", "---\ntitle: L\ntype: lesson\n---\n",
			[]string{"content/en/stories/l.md", "a lesson must be inside a module"}},
		{"lesson of a missing module", "content/en/modules/ghost/01-a.md", "---\ntitle: A\n---\n",
			[]string{"content/en/modules/ghost/01-a.md", "lesson has no module"}},
		{"webinar without zone", "content/en/webinars/w.md", "---\ntitle: W\nstart: 2027-01-01T10:00:00\n---\n",
			[]string{"content/en/webinars/w.md:3:", "no time zone"}},
		{"unknown time zone", "content/en/webinars/w.md", "---\ntitle: W\nstart: 2027-01-01T10:00:00\ntimezone: Mars/Olympus\n---\n",
			[]string{"content/en/webinars/w.md:4:", `unknown time zone "Mars/Olympus"`}},
		{"not UTF-8", "content/en/latin1.md", "---\ntitle: Caf\xe9\n---\n",
			[]string{"content/en/latin1.md:2:", "not valid UTF-8"}},
		{"duplicate address", "content/en/about/index.md", "---\ntitle: Also about\n---\n",
			[]string{"address /en/about/ is also used by"}},
		{"broken template", "layouts/page.html", "{{ define \"main\" }}{{ .Nope }{{ end }}",
			[]string{"layouts/page.html:1:", "template"}},
		{"broken config", "config.toml", "baseURL = \"https://example.org/\"\ntitle = \n",
			[]string{"config.toml:2:", "does not parse"}},
		{"unknown default language", "config.toml", "baseURL = \"https://example.org/\"\ndefaultLanguage = \"fr\"\n[languages.en]\nname = \"English\"\n",
			[]string{"config.toml:2:", `defaultLanguage "fr"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeSite(t, multilingual)
			buildSite(t, dir)
			before := snapshot(t, filepath.Join(dir, "public"))
			p := filepath.Join(dir, filepath.FromSlash(tc.file))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(tc.data), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := build.Build(context.Background(), build.Options{Source: dir, Now: now})
			if err == nil {
				t.Fatal("build succeeded; want an error")
			}
			for _, w := range tc.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not mention %q:\n%v", w, err)
				}
			}
			after := snapshot(t, filepath.Join(dir, "public"))
			if f, ok := sameTree(before, after); !ok {
				t.Errorf("public/ changed after a failed build (%s)", f)
			}
			leftovers, _ := filepath.Glob(filepath.Join(dir, ".public.tmp-*"))
			if len(leftovers) > 0 {
				t.Errorf("staging folders left behind: %v", leftovers)
			}
		})
	}
}

func TestAllErrorsReportedTogether(t *testing.T) {
	dir := writeSite(t, multilingual+`
-- content/en/a.md --
---
title: [broken
---
-- content/en/b.md --
---
title: B
weight: heavy
---
`)
	_, err := build.Build(context.Background(), build.Options{Source: dir, Now: now})
	if err == nil {
		t.Fatal("want errors")
	}
	for _, w := range []string{"content/en/a.md", "content/en/b.md", "2 errors"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error does not mention %q:\n%v", w, err)
		}
	}
}

func TestNothingWrittenOutsideTheDestination(t *testing.T) {
	dir := writeSite(t, multilingual+`
-- content/en/escape.md --
---
title: Escape
slug: ../../../../etc/owned
---
Body
-- content/en/alias.md --
---
title: Alias
aliases: ["/../../outside/", "../../../outside2/"]
---
Body
`)
	_, err := build.Build(context.Background(), build.Options{Source: dir, Now: now})
	for _, w := range []string{"content/en/escape.md:3:", `slug "../../../../etc/owned"`, "content/en/alias.md:3:", "climbs out of the site"} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("want %q in the error, got %v", w, err)
		}
	}
	for _, p := range []string{"outside", "outside2", "etc", "../etc"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err == nil {
			t.Errorf("something was written at %s", p)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("public/ was written by a failed build")
	}
}

func TestSymlinkOutOfTheSiteRefused(t *testing.T) {
	dir := writeSite(t, multilingual)
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.md"), []byte("---\ntitle: Secret\n---\nsecret text\n"), 0o644)
	if err := os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(dir, "content/en/secret.md")); err != nil {
		t.Skip("symlinks not supported here")
	}
	_, err := build.Build(context.Background(), build.Options{Source: dir, Now: now})
	if err == nil || !strings.Contains(err.Error(), "content/en/secret.md") || !strings.Contains(err.Error(), "outside the site") {
		t.Fatalf("want the symlink refused with its name, got %v", err)
	}
}

func TestDestinationWithOtherFilesIsNotReplaced(t *testing.T) {
	dir := writeSite(t, multilingual)
	dest := filepath.Join(dir, "mywork")
	os.MkdirAll(dest, 0o755)
	os.WriteFile(filepath.Join(dest, "thesis.docx"), []byte("precious"), 0o644)
	_, err := build.Build(context.Background(), build.Options{Source: dir, Dest: dest, Now: now})
	if err == nil || !strings.Contains(err.Error(), "did not write") {
		t.Fatalf("want a refusal, got %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "thesis.docx")); string(b) != "precious" {
		t.Fatal("the user's file was touched")
	}
	if _, err := build.Build(context.Background(), build.Options{Source: dir, Dest: dir, Now: now}); err == nil {
		t.Fatal("building into the source folder must be refused")
	}
}
