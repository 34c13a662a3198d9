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

func TestLinksInsideTheCacheAreRemovedNotFollowed(t *testing.T) {
	dir := writeSite(t, smallSite)
	buildSite(t, dir)
	index := filepath.Join(dir, ".oersite", "search", "en.bleve")
	// the index folder itself a link
	outside := outsideDir(t)
	os.RemoveAll(index)
	os.Symlink(outside, index)
	buildSite(t, dir)
	untouched(t, outside)
	if info, err := os.Lstat(index); err != nil || !info.IsDir() {
		t.Errorf("the index is not a real folder again: %v", err)
	}
	// a link inside the index
	outside2 := outsideDir(t)
	entries, _ := os.ReadDir(index)
	for _, e := range entries {
		if e.IsDir() {
			os.RemoveAll(filepath.Join(index, e.Name()))
			os.Symlink(outside2, filepath.Join(index, e.Name()))
			break
		}
	}
	buildSite(t, dir)
	untouched(t, outside2)
	assertContains(t, dir, "_search/en/d-0.js", "About the bakery")
}

func TestCacheFolderCanBeChosenOrTurnedOff(t *testing.T) {
	dir := writeSite(t, smallSite)
	cache := t.TempDir()
	if _, err := build.Build(context.Background(), build.Options{Source: dir, CacheDir: cache, Now: now}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(build.SearchIndexDir(cache, "en")); err != nil {
		t.Errorf("no index in the chosen cache: %v", err)
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
