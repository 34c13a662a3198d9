package cli

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestReadmeWalkthrough runs README.md's "Your first module in ten minutes"
// as a script: every `oersite` command of its sh blocks in order (serve
// aside, which does not end), and every block introduced by "File `path`:"
// written to that path when the walkthrough reaches it. A change to the
// commands that breaks the walkthrough fails here, so README cannot drift.
func TestReadmeWalkthrough(t *testing.T) {
	script, files, err := walkthroughScript(filepath.Join("..", "..", "..", "README.md"), "## Your first module in ten minutes")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(script, "exec oersite") < 6 || len(files) < 4 {
		t.Fatalf("the walkthrough has %d commands and %d files: README's section was not found or changed shape", strings.Count(script, "exec oersite"), len(files))
	}
	dir := t.TempDir()
	var ar strings.Builder
	ar.WriteString(script)
	ar.WriteString("exists public/en/modules/answering-reviews/01-why-answer/index.html\n")
	ar.WriteString("exists public/it/modules/answering-reviews/index.html\n")
	ar.WriteString("grep 'class=\"quiz-question\"' public/en/modules/answering-reviews/01-why-answer/index.html\n")
	ar.WriteString("! grep needsTranslation content/it/modules/answering-reviews/index.md\n")
	for i, f := range files {
		fmt.Fprintf(&ar, "-- walkthrough/%d --\n%s", i, f)
	}
	ar.WriteString("-- config.toml --\nbaseURL = \"https://example.org/\"\ntitle = \"Walkthrough\"\n[languages.en]\nname = \"English\"\n[languages.it]\nname = \"Italiano\"\n[vocabulary.audiences]\nsme-workers = \"professional\"\n")
	if err := os.WriteFile(filepath.Join(dir, "walkthrough.txtar"), []byte(ar.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 dir,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("SOURCE_DATE_EPOCH", "1795392000") // 2026-11-23
			return nil
		},
	})
}

// walkthroughScript turns a README section into testscript lines and the
// files it asks the reader to write (in the order the script copies them).
func walkthroughScript(readme, heading string) (string, []string, error) {
	f, err := os.Open(readme)
	if err != nil {
		return "", nil, err
	}
	defer f.Close()
	var script strings.Builder
	var files []string
	in, fence, target := false, "", ""
	var block strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == heading:
			in = true
		case in && fence == "" && strings.HasPrefix(line, "## "):
			return script.String(), files, nil
		case !in:
		case fence == "" && strings.HasPrefix(line, "File `") && strings.HasSuffix(line, "`:"):
			target = strings.TrimSuffix(strings.TrimPrefix(line, "File `"), "`:")
		case fence == "" && strings.HasPrefix(line, "```"):
			fence = strings.TrimPrefix(line, "```")
			block.Reset()
		case fence != "" && line == "```":
			if fence == "sh" {
				script.WriteString(execLines(block.String()))
			} else if target != "" {
				fmt.Fprintf(&script, "cp walkthrough/%d %s\n", len(files), target)
				files = append(files, block.String())
				target = ""
			}
			fence = ""
		case fence != "":
			block.WriteString(line + "\n")
		}
	}
	return script.String(), files, sc.Err()
}

// execLines turns an sh block's oersite commands into exec lines.
func execLines(block string) string {
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimSpace(block), "\n") {
		l = strings.TrimSpace(l)
		if !strings.HasPrefix(l, "oersite ") || strings.HasPrefix(l, "oersite serve") {
			continue
		}
		fmt.Fprintf(&b, "exec %s\n", l)
	}
	return b.String()
}
