package build_test

import (
	"context"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/diag"
)

// buildErrors builds a site and returns its errors, failing if it succeeds.
func buildErrors(t *testing.T, archive string) diag.List {
	t.Helper()
	dir := writeSite(t, archive)
	res, err := build.Build(context.Background(), build.Options{Source: dir, Now: now, SearchInMemory: true})
	if err == nil {
		t.Fatal("the build succeeded")
	}
	if exists(dir, "index.html") {
		t.Error("a failed build published something")
	}
	return res.Diags.Errors()
}

func hasError(l diag.List, file string, line int, parts ...string) bool {
	for _, d := range l {
		if d.File != file || d.Line != line {
			continue
		}
		all := true
		for _, p := range parts {
			all = all && strings.Contains(d.Message+" "+d.Hint, p)
		}
		if all {
			return true
		}
	}
	return false
}

func TestLimitsFromConfigAreEnforcedWithFileLineAndName(t *testing.T) {
	limited := strings.Replace(baseConfig, "[vocabulary.audiences]", "[limits]\nfileBytes = 300\nlineBytes = 60\ntableCells = 4\nnestingDepth = 2\npageBytes = 20000\n[vocabulary.audiences]", 1)
	errs := buildErrors(t, limited+`
-- content/en/_index.md --
---
title: Home
---
Hi.
-- content/en/big.md --
---
title: Big
---
`+strings.Repeat("A short line of text.\n", 20)+`
-- content/en/long.md --
---
title: Long
---
Fine.
`+strings.Repeat("word ", 20)+`
-- content/en/table.md --
---
title: Table
---
| a | b | c |
|---|---|---|
| 1 | 2 | 3 |
-- content/en/deep.md --
---
title: Deep
---
- one
  - two
    - three
-- content/en/ok.md --
---
title: Within every limit
---
| a | b |
|---|---|
| 1 | 2 |

- one
  - two
`)
	for _, c := range []struct {
		file  string
		line  int
		parts []string
	}{
		{"content/en/big.md", 0, []string{"limits.fileBytes", "raise fileBytes under [limits] in config.toml"}},
		{"content/en/long.md", 5, []string{"100 bytes long", "limits.lineBytes", "raise lineBytes"}},
		{"content/en/table.md", 4, []string{"3 columns and 2 rows", "limits.tableCells", "raise tableCells"}},
		{"content/en/deep.md", 6, []string{"nest 3 deep", "limits.nestingDepth", "raise nestingDepth"}},
	} {
		if !hasError(errs, c.file, c.line, c.parts...) {
			t.Errorf("no error at %s:%d saying %q in:\n%v", c.file, c.line, c.parts, errs)
		}
	}
	for _, d := range errs {
		if d.File == "content/en/ok.md" {
			t.Errorf("a page within every limit was refused: %v", d)
		}
	}
}

func TestPageBytesLimit(t *testing.T) {
	limited := strings.Replace(baseConfig, "[vocabulary.audiences]", "[limits]\npageBytes = 12000\n[vocabulary.audiences]", 1)
	errs := buildErrors(t, limited+`
-- content/en/_index.md --
---
title: Home
---
`+strings.Repeat("A paragraph of the home page.\n\n", 400))
	if !hasError(errs, "content/en/_index.md", 0, "limits.pageBytes", "raise pageBytes") {
		t.Errorf("no page size error in %v", errs)
	}
}

func TestLimitsMustBePositive(t *testing.T) {
	dir := writeSite(t, strings.Replace(baseConfig, "[vocabulary.audiences]", "[limits]\ntableCells = 0\n[vocabulary.audiences]", 1)+"-- content/en/_index.md --\nHi.\n")
	_, err := build.Build(context.Background(), build.Options{Source: dir, Now: now, SearchInMemory: true})
	if err == nil || !strings.Contains(err.Error(), "limits.tableCells must be a positive number") {
		t.Errorf("got %v", err)
	}
}
