package build_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/sitetest"
)

// unchangedSite has what a build compares with its date (an upcoming
// webinar, one scheduled page) and a warning to tell again.
const unchangedSite = baseConfig + `
-- content/en/_index.md --
---
title: Home
---
Welcome.
-- content/en/about.md --
---
title: About us
---
We teach digital skills.
-- content/it/about.md --
---
title: Chi siamo
---
Insegniamo competenze digitali.
-- content/en/later.md --
---
title: Later
date: 2026-11-25T09:00:00Z
---
Not yet.
-- content/en/webinars/evening.md --
---
title: Evening session
start: 2026-11-23T18:00:00Z
duration: 1h
---
Soon.
-- static/extra.txt --
extra
`

// buildInto builds the site in dir at now into dest, keeping its record in cache.
func buildInto(t *testing.T, dir, dest, cache string, now time.Time, opts ...func(*build.Options)) *build.Result {
	t.Helper()
	into := func(o *build.Options) { o.Dest, o.CacheDir, o.Now = dest, cache, now }
	return sitetest.Build(t, dir, append([]func(*build.Options){into}, opts...)...)
}

// freshOutput is what a build with no record writes for dir at now.
func freshOutput(t *testing.T, dir string, now time.Time, opts ...func(*build.Options)) map[string][]byte {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "out")
	buildInto(t, dir, dest, t.TempDir(), now, opts...)
	return snapshot(t, dest)
}

// A second build with nothing changed leaves the output as it is, says
// so, tells the first build's warnings again, and what it leaves is what
// a fresh build writes, byte for byte.
func TestUnchangedBuildIsUpToDate(t *testing.T) {
	dir := writeSite(t, unchangedSite)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	first := buildInto(t, dir, dest, cache, sitetest.Now)
	if first.UpToDate {
		t.Fatal("the first build says it is up to date")
	}
	if len(first.Diags.Warnings()) == 0 {
		t.Fatal("the site should warn about its page scheduled for later")
	}
	before := stamps(t, dest)
	later := sitetest.Now.Add(time.Hour) // the webinar (18:00) has not started
	second := buildInto(t, dir, dest, cache, later)
	if !second.UpToDate {
		t.Fatalf("nothing changed, yet the build ran in full: %v", second.Timings)
	}
	if !reflect.DeepEqual(second.Diags, first.Diags) {
		t.Errorf("warnings told again:\n%v\nwant:\n%v", second.Diags, first.Diags)
	}
	if second.Pages != first.Pages || len(second.Files) != len(first.Files) {
		t.Errorf("up to date: %d pages, %d files; the build said %d, %d", second.Pages, len(second.Files), first.Pages, len(first.Files))
	}
	if after := stamps(t, dest); !reflect.DeepEqual(after, before) {
		t.Error("an up-to-date build rewrote the output")
	}
	if why, ok := sameTree(snapshot(t, dest), freshOutput(t, dir, later)); !ok {
		t.Errorf("the output left as it was is not what a fresh build writes: %s", why)
	}
}

// Anything that changes what a build writes, or the output itself, makes
// the next build a full one, whose output is a fresh build's; what builds
// do not read changes nothing.
func TestChangedInputsBuildInFull(t *testing.T) {
	later := sitetest.Now.Add(time.Hour)
	cases := []struct {
		name   string
		change func(t *testing.T, dir, dest, cache string)
		now    time.Time
		opts   []func(*build.Options)
		full   bool
	}{
		{name: "nothing", full: false},
		{name: "a page edited, same size", full: true, change: func(t *testing.T, dir, _, _ string) {
			edit(t, filepath.Join(dir, "content/en/about.md"), "We teach digital skills.", "We teach digital skulls.")
		}},
		{name: "a page edited, same size and time", full: true, change: func(t *testing.T, dir, _, _ string) {
			name := filepath.Join(dir, "content/en/about.md")
			info, err := os.Stat(name)
			if err != nil {
				t.Fatal(err)
			}
			edit(t, name, "We teach digital skills.", "We teach digital skulls.")
			if err := os.Chtimes(name, info.ModTime(), info.ModTime()); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "a page added", full: true, change: func(t *testing.T, dir, _, _ string) {
			write(t, filepath.Join(dir, "content/en/new.md"), "---\ntitle: New\n---\nNew.\n")
		}},
		{name: "a translation removed", full: true, change: func(t *testing.T, dir, _, _ string) {
			remove(t, filepath.Join(dir, "content/it/about.md"))
		}},
		{name: "config edited", full: true, change: func(t *testing.T, dir, _, _ string) {
			edit(t, filepath.Join(dir, "config.toml"), `title = "Test OER"`, `title = "Test OEX"`)
		}},
		{name: "a static file edited", full: true, change: func(t *testing.T, dir, _, _ string) {
			edit(t, filepath.Join(dir, "static/extra.txt"), "extra", "extrb")
		}},
		{name: "an interface string changed", full: true, change: func(t *testing.T, dir, _, _ string) {
			write(t, filepath.Join(dir, "i18n/en.toml"), "\"nav.skip\" = \"Skip to the content\"\n")
		}},
		{name: "a hidden file added", full: false, change: func(t *testing.T, dir, _, _ string) {
			write(t, filepath.Join(dir, "content/en/.notes.md"), "not published")
			write(t, filepath.Join(dir, "README.md"), "not read by builds")
		}},
		{name: "the webinar has ended since", full: true, now: sitetest.Now.Add(8 * time.Hour)},
		{name: "the scheduled page is due", full: true, now: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)},
		{name: "an hour earlier, every date comparing the same", full: false, now: sitetest.Now.Add(-time.Hour)},
		{name: "another option", full: true, opts: []func(*build.Options){func(o *build.Options) { o.Drafts = true }}},
		{name: "an output file edited, same size", full: true, change: func(t *testing.T, _, dest, _ string) {
			edit(t, filepath.Join(dest, "en/about/index.html"), "<html", "<HTML")
		}},
		{name: "an output file added", full: true, change: func(t *testing.T, _, dest, _ string) {
			write(t, filepath.Join(dest, "en/stray.html"), "stray")
		}},
		{name: "an output file removed", full: true, change: func(t *testing.T, _, dest, _ string) {
			remove(t, filepath.Join(dest, "sitemap.xml"))
		}},
		{name: "the search documents removed", full: true, change: func(t *testing.T, _, _, cache string) {
			remove(t, build.SearchDocsFile(cache, "en"))
		}},
		{name: "the record damaged", full: true, change: func(t *testing.T, _, _, cache string) {
			matches, _ := filepath.Glob(filepath.Join(cache, "builds", "*.gob"))
			if len(matches) != 1 {
				t.Fatalf("records: %v", matches)
			}
			write(t, matches[0], "not a record")
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeSite(t, unchangedSite)
			dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
			buildInto(t, dir, dest, cache, sitetest.Now)
			if c.change != nil {
				time.Sleep(10 * time.Millisecond) // a later modification time, where the system's clock is coarse
				c.change(t, dir, dest, cache)
			}
			now := later
			if !c.now.IsZero() {
				now = c.now
			}
			res := buildInto(t, dir, dest, cache, now, c.opts...)
			if res.UpToDate == c.full {
				t.Fatalf("up to date: %t, want %t", res.UpToDate, !c.full)
			}
			if why, ok := sameTree(snapshot(t, dest), freshOutput(t, dir, now, c.opts...)); !ok {
				t.Errorf("the output is not what a fresh build writes: %s", why)
			}
			if again := buildInto(t, dir, dest, cache, now, c.opts...); !again.UpToDate {
				t.Error("a third build with nothing changed ran in full")
			}
		})
	}
}

// Files older than the record keep their recorded digest without being
// read again; an edit gives a file a new time, and is read.
func TestOldFilesTrustTheirStamps(t *testing.T) {
	dir := writeSite(t, unchangedSite)
	old := time.Now().Add(-time.Hour)
	err := filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		if err == nil {
			err = os.Chtimes(p, old, old)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	buildInto(t, dir, dest, cache, sitetest.Now)
	if res := buildInto(t, dir, dest, cache, sitetest.Now); !res.UpToDate {
		t.Fatal("nothing changed, yet the build ran in full")
	}
	edit(t, filepath.Join(dir, "content/it/about.md"), "Insegniamo", "Insegnamo")
	if res := buildInto(t, dir, dest, cache, sitetest.Now); res.UpToDate {
		t.Error("an edited page was not read again")
	}
	if why, ok := sameTree(snapshot(t, dest), freshOutput(t, dir, sitetest.Now)); !ok {
		t.Errorf("the output is not what a fresh build writes: %s", why)
	}
}

// The offline zip is stamped with the build's day: the day after, the
// build runs in full; later the same day, it does not.
func TestNextDayBuildsInFull(t *testing.T) {
	dir := writeSite(t, baseConfig+"[offline]\nzip = true\nzipName = \"copy.zip\"\n"+strings.TrimPrefix(strings.Split(unchangedSite, "-- content/en/later.md --")[0], baseConfig))
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	buildInto(t, dir, dest, cache, sitetest.Now)
	if res := buildInto(t, dir, dest, cache, sitetest.Now.Add(11*time.Hour)); !res.UpToDate {
		t.Error("a build later the same day ran in full")
	}
	next := time.Date(2026, 11, 24, 0, 30, 0, 0, time.UTC)
	if res := buildInto(t, dir, dest, cache, next); res.UpToDate {
		t.Error("a build the next day left the zip stamped with the day before")
	}
	if why, ok := sameTree(snapshot(t, dest), freshOutput(t, dir, next)); !ok {
		t.Errorf("the output is not what a fresh build writes: %s", why)
	}
}

// --full builds in full, and records: the build after it is up to date.
func TestFullBuildsInFullAndRecords(t *testing.T) {
	dir := writeSite(t, unchangedSite)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	buildInto(t, dir, dest, cache, sitetest.Now)
	if res := buildInto(t, dir, dest, cache, sitetest.Now, func(o *build.Options) { o.Full = true }); res.UpToDate || res.Site == nil {
		t.Error("--full did not build in full")
	}
	if res := buildInto(t, dir, dest, cache, sitetest.Now); !res.UpToDate {
		t.Error("the build after --full ran in full")
	}
}

// --cache off keeps no record: every build is a full one.
func TestNoCacheAlwaysBuildsInFull(t *testing.T) {
	dir := writeSite(t, unchangedSite)
	dest := filepath.Join(t.TempDir(), "public")
	off := func(o *build.Options) { o.CacheDir, o.SearchInMemory = "", true }
	buildInto(t, dir, dest, "", sitetest.Now, off)
	if res := buildInto(t, dir, dest, "", sitetest.Now, off); res.UpToDate {
		t.Error("a build without a cache folder says it is up to date")
	}
}

// A failed build leaves the output, and the next successful build of the
// same inputs writes them again.
func TestFailedBuildForgetsTheRecord(t *testing.T) {
	dir := writeSite(t, unchangedSite)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	buildInto(t, dir, dest, cache, sitetest.Now)
	page := filepath.Join(dir, "content/en/about.md")
	good, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	write(t, page, "---\ntitle: [unclosed\n---\nBroken.\n")
	if _, err := build.Build(context.Background(), build.Options{Source: dir, Dest: dest, CacheDir: cache, Now: sitetest.Now}); err == nil {
		t.Fatal("a page with broken front matter built")
	}
	write(t, page, string(good))
	if res := buildInto(t, dir, dest, cache, sitetest.Now); res.UpToDate {
		t.Error("the build after a failed one trusted an older record")
	}
}

// A build stopped while it checks stops there, and keeps the record: the
// next build finds the output up to date.
func TestStoppedCheckKeepsTheRecord(t *testing.T) {
	dir := writeSite(t, unchangedSite)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	buildInto(t, dir, dest, cache, sitetest.Now)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := build.Build(ctx, build.Options{Source: dir, Dest: dest, CacheDir: cache, Now: sitetest.Now}); !errors.Is(err, context.Canceled) {
		t.Fatalf("a stopped build returned %v", err)
	}
	if res := buildInto(t, dir, dest, cache, sitetest.Now); !res.UpToDate {
		t.Error("a stopped check lost the record")
	}
}

// stamps are the modification times of every file under dir.
func stamps(t *testing.T, dir string) map[string]time.Time {
	t.Helper()
	out := map[string]time.Time{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil {
			out[p] = info.ModTime()
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func edit(t *testing.T, name, old, new string) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q", name, old)
	}
	write(t, name, strings.Replace(string(b), old, new, 1))
}

func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, name string) {
	t.Helper()
	if err := os.Remove(name); err != nil {
		t.Fatal(err)
	}
}

// A build writes each language's search documents as soon as it is
// indexed (so that the pages' text can go), but puts them in place for
// `oersite search` only when it succeeds: a build stopped after the search
// stage leaves the last build's documents, and nothing of its own.
func TestStoppedBuildKeepsTheLastSearchDocuments(t *testing.T) {
	dir := writeSite(t, unchangedSite)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	buildInto(t, dir, dest, cache, sitetest.Now)
	docs := build.SearchDocsFile(cache, "en")
	before, err := os.ReadFile(docs)
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "content/en/about.md"), "---\ntitle: About\n---\nA page about zebras.\n")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opt := build.Options{Source: dir, Dest: dest, CacheDir: cache, Now: sitetest.Now,
		Progress: func(p build.Progress) {
			if p.Stage == "manifest" {
				cancel()
			}
		}}
	if _, err := build.Build(ctx, opt); !errors.Is(err, context.Canceled) {
		t.Fatalf("stopped build: %v", err)
	}
	if after, err := os.ReadFile(docs); err != nil || !bytes.Equal(after, before) {
		t.Errorf("the stopped build changed the kept search documents (%v)", err)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(docs), ".docs-*"))
	if len(left) > 0 {
		t.Errorf("the stopped build left %v in the cache", left)
	}
	res := buildInto(t, dir, dest, cache, sitetest.Now)
	if after, _ := os.ReadFile(docs); bytes.Equal(after, before) || !bytes.Contains(after, []byte("zebras")) || res.UpToDate {
		t.Error("the next build did not keep the new documents")
	}
}

// A build keeps its interface strings as it parsed them, and the next takes
// those of unchanged files: an edited strings file shows, the output is a
// fresh build's, and damaged kept strings are parsed again, not read.
func TestKeptStringsFollowEdits(t *testing.T) {
	dir := writeSite(t, unchangedSite+"-- i18n/en.toml --\n\"nav.skip\" = \"Skip to A\"\n")
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	buildInto(t, dir, dest, cache, sitetest.Now)
	kept := filepath.Join(cache, "builds", "strings")
	first, err := os.Stat(kept)
	if err != nil {
		t.Fatalf("no strings kept: %v", err)
	}
	// A page edited, no strings file: the kept strings are taken, all of
	// them, so the file is not written again.
	time.Sleep(10 * time.Millisecond)
	edit(t, filepath.Join(dir, "content/en/about.md"), "We teach digital skills.", "We teach digital skulls.")
	buildInto(t, dir, dest, cache, sitetest.Now)
	if again, err := os.Stat(kept); err != nil || !os.SameFile(first, again) || !again.ModTime().Equal(first.ModTime()) {
		t.Errorf("the kept strings were written again (%v): the build did not take them", err)
	}
	for _, step := range []struct {
		text   string
		damage bool
	}{{"Skip to B", false}, {"Skip to C", true}} {
		time.Sleep(10 * time.Millisecond) // a later modification time, where the system's clock is coarse
		write(t, filepath.Join(dir, "i18n/en.toml"), "\"nav.skip\" = \""+step.text+"\"\n")
		if step.damage {
			b, err := os.ReadFile(kept)
			if err != nil {
				t.Fatal(err)
			}
			write(t, kept, string(b[:len(b)-7]))
		}
		buildInto(t, dir, dest, cache, sitetest.Now)
		assertContains(t, filepath.Dir(dest), "en/about/index.html", step.text)
		if why, ok := sameTree(snapshot(t, dest), freshOutput(t, dir, sitetest.Now)); !ok {
			t.Errorf("%s: the output is not what a fresh build writes: %s", step.text, why)
		}
	}
}
