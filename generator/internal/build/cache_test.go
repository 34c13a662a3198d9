package build_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/build"
)

const smallSite = baseConfig + `
-- content/en/_index.md --
---
title: Home
---
Welcome to the bakery course.
-- content/en/about.md --
---
title: About
---
About the bakery.
`

// untouched fails unless dir holds exactly the one file put there.
func untouched(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "keep.txt" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("the folder a link points to was written: %v", names)
	}
}

func outsideDir(t *testing.T) string {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("mine"), 0o644)
	return dir
}

func TestLinkedSiteCacheIsRefused(t *testing.T) {
	dir := writeSite(t, smallSite)
	outside := outsideDir(t)
	os.Symlink(outside, filepath.Join(dir, ".oersite"))
	_, err := build.Build(context.Background(), build.Options{Source: dir, Now: now})
	if err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("want the linked cache refused, got %v", err)
	}
	untouched(t, outside)
}

// The build keeps its search documents in the cache, and `oersite search`
// keeps its bleve index there (build.OpenSearch): links found in either
// place are replaced or removed, never followed.
func TestLinksInsideTheCacheAreRemovedNotFollowed(t *testing.T) {
	dir := writeSite(t, smallSite)
	buildSite(t, dir)
	cache := filepath.Join(dir, ".oersite")
	openSearch := func() {
		t.Helper()
		ix, err := build.OpenSearch(context.Background(), cache, "en")
		if err != nil {
			t.Fatal(err)
		}
		if hits, err := ix.Search("bakery", 5); err != nil || len(hits) == 0 {
			t.Errorf("search after the links: %v, %v", hits, err)
		}
		ix.Close()
	}
	openSearch()
	// the documents file a link
	docs := build.SearchDocsFile(cache, "en")
	outside := outsideDir(t)
	os.Remove(docs)
	os.Symlink(filepath.Join(outside, "keep.txt"), docs)
	buildSite(t, dir)
	if b, _ := os.ReadFile(filepath.Join(outside, "keep.txt")); string(b) != "mine" {
		t.Errorf("the file a link points to was written: %q", b)
	}
	if info, err := os.Lstat(docs); err != nil || !info.Mode().IsRegular() {
		t.Errorf("the documents file is not a real file again: %v", err)
	}
	// the index folder itself a link
	index := build.SearchIndexDir(cache, "en")
	outside2 := outsideDir(t)
	os.RemoveAll(index)
	os.Symlink(outside2, index)
	openSearch()
	untouched(t, outside2)
	if info, err := os.Lstat(index); err != nil || !info.IsDir() {
		t.Errorf("the index is not a real folder again: %v", err)
	}
	// a link inside the index
	outside3 := outsideDir(t)
	entries, _ := os.ReadDir(index)
	for _, e := range entries {
		if e.IsDir() {
			os.RemoveAll(filepath.Join(index, e.Name()))
			os.Symlink(outside3, filepath.Join(index, e.Name()))
			break
		}
	}
	openSearch()
	untouched(t, outside3)
	assertContains(t, dir, "_search/en/d-0.js", "About the bakery")
}

func TestCacheFolderCanBeChosenOrTurnedOff(t *testing.T) {
	dir := writeSite(t, smallSite)
	cache := t.TempDir()
	if _, err := build.Build(context.Background(), build.Options{Source: dir, CacheDir: cache, Now: now}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(build.SearchDocsFile(cache, "en")); err != nil {
		t.Errorf("no search documents in the chosen cache: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".oersite")); err == nil {
		t.Error(".oersite written although another cache was chosen")
	}
	dir2 := writeSite(t, smallSite)
	if _, err := build.Build(context.Background(), build.Options{Source: dir2, SearchInMemory: true, Now: now}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir2, ".oersite")); err == nil {
		t.Error(".oersite written with the cache off")
	}
	assertContains(t, dir2, "_search/en/d-0.js", "About the bakery")
	for _, bad := range []string{filepath.Join(dir2, "content", "cache"), filepath.Join(dir2, "public", "cache")} {
		if _, err := build.Build(context.Background(), build.Options{Source: dir2, CacheDir: bad, Now: now}); err == nil {
			t.Errorf("cache %s accepted", bad)
		}
	}
}
