package realtext

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Page is one page of a benchmark site: a title and its sections.
type Page struct {
	Title    string
	Sections []Section
}

// Words counts a page's words (headings and paragraphs).
func (p Page) Words() int {
	n := len(strings.Fields(p.Title))
	for _, s := range p.Sections {
		n += len(strings.Fields(s.Heading))
		for _, para := range s.Paragraphs {
			n += len(strings.Fields(para))
		}
	}
	return n
}

// Page sizes in words: a page closes at the first heading after minWords,
// and long sections are cut at maxWords.
const (
	minWords = 250
	maxWords = 700
)

// Pages cuts articles into pages at their headings: each page starts at a
// section, is titled by that section's heading (or the article's title), and
// holds the following sections until it has enough words.
func Pages(articles []Article) []Page {
	var out []Page
	for _, a := range articles {
		var cur *Page
		n, part := 0, 1
		base := ""
		for _, s := range a.Sections {
			if cur != nil && n >= minWords {
				out = append(out, *cur)
				cur = nil
			}
			if cur == nil {
				title := s.Heading
				if title == "" {
					title = a.Title
				}
				if title == "" {
					title = firstWords(s.Paragraphs, 6)
				}
				cur = &Page{Title: title}
				n, part, base = 0, 1, title
				if s.Heading == title {
					s.Heading = ""
				}
			}
			for _, p := range s.Paragraphs {
				if n >= maxWords {
					out = append(out, *cur)
					part++
					cur = &Page{Title: fmt.Sprintf("%s (%d)", base, part)}
					n = 0
				}
				if len(cur.Sections) == 0 || (s.Heading != "" && cur.Sections[len(cur.Sections)-1].Heading != s.Heading) {
					cur.Sections = append(cur.Sections, Section{Heading: s.Heading})
				}
				last := &cur.Sections[len(cur.Sections)-1]
				last.Paragraphs = append(last.Paragraphs, p)
				n += len(strings.Fields(p))
			}
		}
		if cur != nil && n > 0 {
			out = append(out, *cur)
		}
	}
	return out
}

func firstWords(ps []string, n int) string {
	if len(ps) == 0 {
		return "Untitled"
	}
	f := strings.Fields(ps[0])
	return strings.Join(f[:min(n, len(f))], " ")
}

// Pick returns n pages from the corpus pages: spread evenly over the corpus
// when it has enough, else every page once and then pages mixed from two
// others (the first's title and opening, the second's later sections), so
// that larger sites keep the corpus's vocabulary without repeating pages.
func Pick(pages []Page, n int) []Page {
	if len(pages) == 0 {
		return nil
	}
	out := make([]Page, 0, n)
	if n <= len(pages) {
		for i := 0; i < n; i++ {
			out = append(out, pages[i*len(pages)/n])
		}
		return out
	}
	out = append(out, pages...)
	for i := len(pages); i < n; i++ {
		a := pages[i%len(pages)]
		b := pages[(i*7919+i/len(pages))%len(pages)]
		mixed := Page{Title: fmt.Sprintf("%s (%d)", a.Title, i/len(pages))}
		mixed.Sections = append(mixed.Sections, a.Sections[:max(1, len(a.Sections)/2)]...)
		mixed.Sections = append(mixed.Sections, b.Sections[len(b.Sections)/2:]...)
		out = append(out, mixed)
	}
	return out
}

// Spec sizes a benchmark site.
type Spec struct {
	Corpus    string   // folder with one sub-folder per language
	Languages []string // the first is the default language
	Pages     int      // pages per language
}

// Write writes config.toml and content/ of a site into dir: Spec.Pages
// pages per language, modules at content/<lang>/modules/page-NNNNN.md, the
// same paths in every language (so no page is a fallback).
func Write(dir string, spec Spec) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(config(spec.Languages)), 0o644); err != nil {
		return err
	}
	for _, lang := range spec.Languages {
		arts, err := ReadCorpus(filepath.Join(spec.Corpus, lang), lang)
		if err != nil {
			return err
		}
		if len(arts) == 0 {
			return fmt.Errorf("no .po or .rst text under %s", filepath.Join(spec.Corpus, lang))
		}
		mdir := filepath.Join(dir, "content", lang, "modules")
		if err := os.MkdirAll(mdir, 0o755); err != nil {
			return err
		}
		for i, p := range Pick(Pages(arts), spec.Pages) {
			if err := os.WriteFile(filepath.Join(mdir, fmt.Sprintf("page-%05d.md", i)), Markdown(p, i), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

func config(langs []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "baseURL = \"https://bench.example.org/\"\ntitle = \"Real-text benchmark\"\ndefaultLanguage = %q\n", langs[0])
	b.WriteString("# Like the peers' Hugo configuration (disableKinds taxonomy, term): no taxonomy pages.\ntaxonomies = []\n\n[offline]\nzip = false\n\n")
	for i, l := range langs {
		fmt.Fprintf(&b, "[languages.%s]\nname = %q\nweight = %d\n\n", l, strings.ToUpper(l), i+1)
	}
	return b.String()
}

// Markdown renders a page as a module with YAML front matter.
func Markdown(p Page, i int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %q\nlevel: %s\nweight: %d\n---\n\n", p.Title, []string{"beginner", "intermediate", "advanced"}[i%3], i+1)
	for _, s := range p.Sections {
		if s.Heading != "" {
			fmt.Fprintf(&b, "## %s\n\n", escape(s.Heading))
		}
		for _, para := range s.Paragraphs {
			b.WriteString(escape(para))
			b.WriteString("\n\n")
		}
	}
	return []byte(b.String())
}

// escape backslash-escapes the characters Markdown would read as markup,
// and the addresses GFM would turn into links (the corpus quotes some that
// are not valid URLs, which Hugo's link hook refuses).
func escape(s string) string {
	var b strings.Builder
	for i, r := range s {
		if strings.ContainsRune("\\`*_[]<>#|!{}~$&", r) || (r == ':' && strings.HasPrefix(s[i:], "://")) || (r == '.' && strings.HasSuffix(s[:i], "www")) || r == '@' {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
