package markdown

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/markdown/container"
	"github.com/oersite/oersite/generator/internal/markdown/quiz"
)

var update = flag.Bool("update", false, "rewrite the expected output of the _test/*.txt cases")

// goldenOptions are a case's options (a line "OPTIONS: {...}" after its number).
type goldenOptions struct {
	Typographer      bool              `json:"typographer"`
	Unsafe           bool              `json:"unsafe"`
	TitleFromHeading bool              `json:"titleFromHeading"`
	Rel              string            `json:"rel"`
	Labels           map[string]string `json:"labels"`
}

// goldenCase is one case of a _test/*.txt file, in goldmark's format:
//
//	N: description
//	OPTIONS: {"typographer": true}            (optional)
//	//- - - - - - - - -//
//	Markdown
//	//- - - - - - - - -//
//	HTML
//	//- - - - - - - - -//                      (optional: the warnings)
//	line: message
//	//= = = = = = = = = = = = = = = = = = = = = = = =//
type goldenCase struct {
	No          int
	Description string
	OptionsLine string
	Options     goldenOptions
	Markdown    string
	HTML        string
	Warnings    string
}

const (
	sectionSep = "//- - - - - - - - -//"
	caseSep    = "//= = = = = = = = = = = = = = = = = = = = = = = =//"
)

var caseHeader = regexp.MustCompile(`^(\d+)(?::\s*(.*))?$`)

func readCases(t *testing.T, file string) []goldenCase {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []goldenCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" {
			continue
		}
		m := caseHeader.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("%s: want a case number, got %q", file, line)
		}
		c := goldenCase{Description: m[2]}
		c.No, _ = strconv.Atoi(m[1])
		sc.Scan()
		if opt, ok := strings.CutPrefix(sc.Text(), "OPTIONS:"); ok {
			c.OptionsLine = sc.Text()
			if err := json.Unmarshal([]byte(opt), &c.Options); err != nil {
				t.Fatalf("%s case %d: options: %v", file, c.No, err)
			}
			sc.Scan()
		}
		if sc.Text() != sectionSep {
			t.Fatalf("%s case %d: want %s, got %q", file, c.No, sectionSep, sc.Text())
		}
		var sections []string
		var cur []string
		for sc.Scan() && sc.Text() != caseSep {
			if sc.Text() == sectionSep {
				sections = append(sections, strings.Join(cur, "\n"))
				cur = nil
				continue
			}
			cur = append(cur, sc.Text())
		}
		sections = append(sections, strings.Join(cur, "\n"))
		c.Markdown = sections[0]
		if len(sections) > 1 {
			c.HTML = sections[1]
		}
		if len(sections) > 2 {
			c.Warnings = sections[2]
		}
		cases = append(cases, c)
	}
	return cases
}

// goldenFiles are the pages and files that exist for the cases' links.
var goldenFiles = map[string]bool{"other.md": true, "docs/intro.md": true, "../top.md": true, "../docs/intro.md": true, "pic.png": true, "../other.md": true, "price-list.md": true, "intro.md": true}

func renderCase(c goldenCase) (html, warnings string) {
	r := New(Options{Typographer: c.Options.Typographer, UnsafeHTML: c.Options.Unsafe, Kinds: []container.Kind{quiz.Kind()}})
	doc := Doc{
		File: "case.md", BodyLine: 1, Source: []byte(c.Markdown + "\n"), Rel: c.Options.Rel,
		TitleFromHeading: c.Options.TitleFromHeading,
		Resolve: func(dest string, _ bool) (string, bool) {
			path, frag, _ := strings.Cut(dest, "#")
			if !goldenFiles[path] {
				return dest, false
			}
			if p, ok := strings.CutSuffix(path, ".md"); ok {
				path = "../" + p + "/"
			}
			if frag != "" {
				path += "#" + frag
			}
			return path, true
		},
		Param: func(name string) (string, bool) {
			v, ok := map[string]string{"product": "oersite", "support.email": "help@example.org"}[name]
			return v, ok
		},
	}
	if c.Options.Labels != nil {
		doc.Labels = func(k string) string {
			if v, ok := c.Options.Labels[k]; ok {
				return v
			}
			return k
		}
	}
	res := r.Render(doc)
	res.Diags.Sort()
	var w []string
	if res.Title != "" {
		w = append(w, "title: "+res.Title)
	}
	if res.SummaryDivider {
		w = append(w, "summary: "+res.Summary)
	}
	for _, d := range res.Diags {
		w = append(w, fmt.Sprintf("%d: %s", d.Line, d.Message))
	}
	return strings.TrimRight(string(res.HTML), "\n"), strings.Join(w, "\n")
}

// TestDialectCases renders the cases of _test/*.txt: Markdown written for
// GitHub, MkDocs, Docusaurus, Hugo and Jekyll, and oersite's containers.
// go test -run TestDialectCases -update rewrites their expected output.
func TestDialectCases(t *testing.T) {
	files, _ := filepath.Glob("_test/*.txt")
	if len(files) == 0 {
		t.Fatal("no _test/*.txt cases")
	}
	for _, file := range files {
		cases := readCases(t, file)
		for i, c := range cases {
			html, warnings := renderCase(c)
			name := fmt.Sprintf("%s/%d", strings.TrimSuffix(filepath.Base(file), ".txt"), c.No)
			if *update {
				cases[i].HTML, cases[i].Warnings = html, warnings
				continue
			}
			t.Run(name, func(t *testing.T) {
				if html != c.HTML {
					t.Errorf("%s\nMarkdown:\n%s\nwant:\n%s\ngot:\n%s", c.Description, c.Markdown, c.HTML, html)
				}
				if warnings != c.Warnings {
					t.Errorf("%s: warnings\nwant:\n%s\ngot:\n%s", c.Description, c.Warnings, warnings)
				}
			})
		}
		if *update {
			writeCases(t, file, cases)
		}
	}
}

func writeCases(t *testing.T, file string, cases []goldenCase) {
	var b strings.Builder
	for i, c := range cases {
		if i > 0 {
			b.WriteString("\n\n\n")
		}
		fmt.Fprintf(&b, "%d", c.No)
		if c.Description != "" {
			b.WriteString(": " + c.Description)
		}
		b.WriteString("\n")
		if c.OptionsLine != "" {
			b.WriteString(c.OptionsLine + "\n")
		}
		b.WriteString(sectionSep + "\n" + c.Markdown + "\n" + sectionSep + "\n" + c.HTML + "\n")
		if c.Warnings != "" {
			b.WriteString(sectionSep + "\n" + c.Warnings + "\n")
		}
		b.WriteString(caseSep + "\n")
	}
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
