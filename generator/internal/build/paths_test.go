package build_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/build"
)

// journeySite has two modules for small businesses (the second a
// prerequisite-free beginner module placed after the first by its path),
// a resource, a tutors' module without a path, and a learning path.
const journeySite = baseConfig + `
-- content/en/modules/b-second/index.md --
---
title: Posts people read
audience: [sme-workers]
level: intermediate
duration: 1h30m
weight: 1
---
-- content/en/modules/b-second/01-one.md --
---
title: One
duration: 20m
---
:::quiz
Right?

- [x] Yes
- [ ] No
:::
-- content/en/modules/a-first/index.md --
---
title: Your business page
audience: [sme-workers]
level: beginner
weight: 2
---
-- content/en/modules/a-first/01-start.md --
---
title: Start here
duration: 25m
---
-- content/en/modules/a-first/02-next.md --
---
title: Then this
duration: 35m
---
-- content/en/modules/tutoring/index.md --
---
title: Tutoring an adult
audience: [young-tutors]
---
-- content/en/resources/checklist.md --
---
title: A checklist
audience: [sme-workers]
level: beginner
weight: 0
---
-- content/en/paths/business.md --
---
title: Your business online
goal: Look after your business online yourself.
audience: [sme-workers]
button: I run a small business
modules: [a-first, b-second]
---
Start here.
-- content/it/paths/business.md --
---
title: La tua attività online
audience: [sme-workers]
button: Ho una piccola attività
modules: [a-first, b-second]
---
`

// TestLearningPathAsStepByStep builds a learning path: a step-by-step page
// with its modules in order and their lessons, the time it takes added up
// (a module without a duration counts its lessons'), a home page door
// leading to it in one tap, and an audience page listing the path first,
// then modules in path order, apart from resources.
func TestLearningPathAsStepByStep(t *testing.T) {
	dir := writeSite(t, journeySite)
	buildSite(t, dir)
	page := read(t, dir, "en/paths/business/index.html")
	first, second := strings.Index(page, "Your business page"), strings.Index(page, "Posts people read")
	if first < 0 || second < first {
		t.Errorf("the path's steps are not in its order (%d, %d)", first, second)
	}
	assertContains(t, dir, "en/paths/business/index.html",
		`<ol class="steps">`, `<span class="visually-hidden">Step </span>1</span>`, "Look after your business online yourself.",
		"2 hours 30 minutes", // 25m + 35m for the first module, 1h30m for the second
		"2 modules, 3 lessons", `href="../../../en/modules/a-first/01-start/" data-continue data-text="`, `">Start with step 1</a>`,
		`data-key="modules/a-first" data-lessons="[&#34;modules/a-first/01-start&#34;,&#34;modules/a-first/02-next&#34;]"`)
	assertContains(t, dir, "en/index.html", `href="../en/paths/business/"><span class="door-icon">`, `<span class="door-label">I run a small business</span><span class="door-sub">2 modules · 2 hours 30 minutes</span>`,
		`href="../en/audience/young-tutors/"`)
	assertContains(t, dir, "it/index.html", `<span class="door-label">Ho una piccola attività</span>`)

	term := read(t, dir, "en/audience/sme-workers/index.html")
	order := []string{`id="h-path"`, "Your business online", `id="h-module"`, "Your business page", "Posts people read", `id="h-resource"`, "A checklist"}
	at := -1
	for _, s := range order {
		i := strings.Index(term, s)
		if i < at {
			t.Errorf("audience page: %q is not after %q", s, order[max(0, indexOf(order, s)-1)])
		}
		at = i
	}
	// in a level's list, modules in a path still come in path order, before the rest
	assertContains(t, dir, "en/level/intermediate/index.html", "Posts people read")
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// TestLearningPathMistakes: a path naming a module that does not exist, or
// no module at all, fails the build naming the file and line.
func TestLearningPathMistakes(t *testing.T) {
	dir := writeSite(t, journeySite)
	os.WriteFile(filepath.Join(dir, "content/en/paths/broken.md"), []byte("---\ntitle: Broken\nmodules: [a-first, no-such-module]\n---\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "content/en/paths/empty.md"), []byte("---\ntitle: Empty\naudience: [aliens]\n---\n"), 0o644)
	_, err := build.Build(context.Background(), build.Options{Source: dir, Now: now})
	got := build.Diagnostics(err).Report(true, 0)
	for _, want := range []string{
		`content/en/paths/broken.md:3: error: modules names module "no-such-module", which does not exist`,
		"content/en/paths/empty.md: error: the learning path lists no modules",
		`content/en/paths/empty.md:3: error: unknown audience "aliens"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("want %q in:\n%s", want, got)
		}
	}
}
