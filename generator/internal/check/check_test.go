package check_test

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/check"
	"github.com/oersite/oersite/generator/internal/history"
)

const site = `-- config.toml --
baseURL = "https://x.example/"
title = "Check"
[languages.en]
name = "English"
-- content/en/about.md --
---
title: About
---
Intro.

### Straight to three

Text.

## Two

### Three

## Two again

#### Skips one
-- content/en/fine.md --
---
title: Fine
---
## Two

### Three

## Two
`

// TestHeadingsThatSkipALevel: check names the file and line of every
// heading that skips a level, counting the page title as level 1, as the
// layouts do.
func TestHeadingsThatSkipALevel(t *testing.T) {
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(site)).Files {
		p := filepath.Join(dir, f.Name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, f.Data, 0o644)
	}
	res, err := build.Build(context.Background(), build.Options{Source: dir, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	r := check.Run(res.Site, res.Diags)
	var found []string
	for _, d := range r.Errors {
		if strings.Contains(d.Message, "skips from level") {
			found = append(found, d.String())
		}
	}
	if len(found) != 2 || !strings.Contains(found[0], "about.md:6") || !strings.Contains(found[0], "from level 1 to 3") ||
		!strings.Contains(found[1], "about.md:16") || !strings.Contains(found[1], "from level 2 to 4") {
		t.Errorf("heading errors %q", found)
	}
}

// TestLongSourceChangesNameTheirBase: past the lines shown, the terminal
// says how to see the rest; for a source that did not exist at the
// translation's date, against the empty tree (before, "git diff  -- f",
// which shows only uncommitted edits).
func TestLongSourceChangesNameTheirBase(t *testing.T) {
	diff := strings.Repeat("+a line\n", 40)
	for base, want := range map[string]string{"abc123": "git diff abc123 -- content/en/a.md", "": "git diff " + history.EmptyTree + " -- content/en/a.md"} {
		r := check.Report{Coverage: []check.Coverage{{Lang: "it", Stale: []check.Stale{{Translation: "content/it/a.md", Source: "content/en/a.md", Since: "2026-01-01",
			Changes: &history.Change{File: "content/en/a.md", Base: base, Diff: diff}}}}}}
		if got := r.Text(nil, true, false); !strings.Contains(got, "… 10 more lines: "+want+" shows them all") {
			t.Errorf("base %q:\n%s", base, got)
		}
	}
}

// noisyJPEG is a photo-like JPEG of that size: noise, which compresses badly.
func noisyJPEG(t *testing.T, w, h int) []byte {
	t.Helper()
	m := image.NewGray(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(1, 2))
	for i := range m.Pix {
		m.Pix[i] = byte(r.IntN(256))
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestHeavyPictures: a picture file over 500 KB is named with its size
// and line, and how to make it smaller; a small one, one used as a link,
// or a large photo the build makes smaller copies of (a phone loads one),
// is not.
func TestHeavyPictures(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"config.toml":                    []byte("baseURL = \"https://x.example/\"\ntitle = \"Check\"\n[languages.en]\nname = \"English\"\n"),
		"content/en/shop/index.md":       []byte("---\ntitle: Shop\n---\n![The till](till%20photo.jpg)\n\n![The logo](logo.png)\n\n[The till, to download](till%20photo.jpg)\n\n![The street](street.jpg)\n"),
		"content/en/shop/till photo.jpg": make([]byte, 600<<10),
		"content/en/shop/logo.png":       make([]byte, 20<<10),
		"content/en/shop/street.jpg":     noisyJPEG(t, 1600, 1200),
	}
	if len(files["content/en/shop/street.jpg"]) <= 500<<10 {
		t.Fatalf("the test photo is only %d bytes", len(files["content/en/shop/street.jpg"]))
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, data, 0o644)
	}
	res, err := build.Build(context.Background(), build.Options{Source: dir, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, d := range check.Run(res.Site, res.Diags).Warnings {
		if d.Code == "heavy-picture" {
			found = append(found, d.String())
		}
	}
	if len(found) != 1 || !strings.Contains(found[0], "index.md:4") || !strings.Contains(found[0], `"till%20photo.jpg" is 600 KB`) {
		t.Errorf("heavy pictures %q", found)
	}
}
