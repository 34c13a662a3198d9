// Package realtext writes benchmark sites made of real prose instead of a
// small synthetic vocabulary, so that search figures show what real sites
// cost: a corpus of documentation (gettext .po translations and reStructured
// text, as large translated documentation projects publish them) is read per
// language, cut into pages of a few hundred words at its own headings, and
// written as a site of any size. The corpus stays outside the repository; its
// folder names the languages:
//
//	CORPUS/en/**.po   English: the source text (msgid) of the .po files
//	CORPUS/fr/**.po   other languages: the translations (msgstr)
//	CORPUS/it/**.rst  reStructuredText, titles from its underlined headings
package realtext

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Section is a heading and the paragraphs under it; the first section of an
// article may have no heading.
type Section struct {
	Heading    string
	Paragraphs []string
}

// Article is one source file of the corpus.
type Article struct {
	Title    string
	Sections []Section
}

// ReadCorpus reads every .po and .rst file under dir in path order. English
// (lang "en") takes the source text of .po files, other languages their
// translations; untranslated and fuzzy entries are left out.
func ReadCorpus(dir, lang string) ([]Article, error) {
	var paths []string
	dir, err := filepath.EvalSymlinks(dir) // a language's folder may link to another's (en -> fr: source and translation)
	if err != nil {
		return nil, err
	}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ext := filepath.Ext(p); !d.IsDir() && (ext == ".po" || ext == ".rst") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(paths)
	var out []Article
	for _, p := range paths {
		var a Article
		var err error
		if filepath.Ext(p) == ".po" {
			a, err = readPO(p, lang == "en")
		} else {
			a, err = readRST(p)
		}
		if err != nil {
			return nil, err
		}
		if words(a) > 0 {
			out = append(out, a)
		}
	}
	return out, nil
}

// words counts an article's words.
func words(a Article) int {
	n := 0
	for _, s := range a.Sections {
		for _, p := range s.Paragraphs {
			n += len(strings.Fields(p))
		}
	}
	return n
}

// poEntry is one message of a .po file.
type poEntry struct {
	id, str string
	fuzzy   bool
}

// readPO reads the messages of a .po file as an article: short messages
// without a final stop are headings, the rest paragraphs.
func readPO(path string, source bool) (Article, error) {
	entries, err := readEntries(path)
	if err != nil {
		return Article{}, err
	}
	var a Article
	sec := Section{}
	for _, e := range entries {
		text := e.str
		if source {
			text = e.id
		}
		if (!source && (e.fuzzy || e.str == "")) || strings.HasPrefix(e.id, "Project-Id") {
			continue
		}
		text = clean(text)
		switch {
		case text == "":
		case isHeading(text):
			if a.Title == "" {
				a.Title = text
			}
			if len(sec.Paragraphs) > 0 || sec.Heading != "" {
				a.Sections = append(a.Sections, sec)
			}
			sec = Section{Heading: text}
		default:
			sec.Paragraphs = append(sec.Paragraphs, text)
		}
	}
	a.Sections = append(a.Sections, sec)
	return a, nil
}

// readEntries reads the messages of a .po file.
func readEntries(path string) ([]poEntry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var entries []poEntry
	var cur poEntry
	var field *string
	flush := func() {
		if cur.id != "" {
			entries = append(entries, cur)
		}
		cur, field = poEntry{}, nil
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "#,") && strings.Contains(line, "fuzzy"):
			flush()
			cur.fuzzy = true
		case strings.HasPrefix(line, "msgid "):
			fuzzy := cur.fuzzy
			flush()
			cur.fuzzy = fuzzy
			field = &cur.id
			*field += unquote(strings.TrimPrefix(line, "msgid "))
		case strings.HasPrefix(line, "msgstr "):
			field = &cur.str
			*field += unquote(strings.TrimPrefix(line, "msgstr "))
		case strings.HasPrefix(line, `"`) && field != nil:
			*field += unquote(line)
		case line == "":
			flush()
		}
	}
	flush()
	return entries, sc.Err()
}

func unquote(s string) string {
	u, err := strconv.Unquote(strings.TrimSpace(s))
	if err != nil {
		return strings.Trim(s, `"`)
	}
	return u
}

// isHeading guesses whether a message is a heading: a few words, starting
// with a capital letter, without a final stop or colon.
func isHeading(s string) bool {
	n := len(strings.Fields(s))
	r, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	return n >= 1 && n <= 8 && unicode.IsUpper(r) && !strings.ContainsRune(".:;,!?)", last) && utf8.RuneCountInString(s) < 70
}

// readRST reads a reStructuredText file: underlined headings, paragraphs
// between blank lines; directives, literal blocks and tables are left out.
func readRST(path string) (Article, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Article{}, err
	}
	lines := strings.Split(strings.ReplaceAll(strings.TrimPrefix(string(data), "\ufeff"), "\r", ""), "\n")
	var a Article
	sec := Section{}
	var para []string
	literal := false
	endPara := func() {
		if t := clean(strings.Join(para, " ")); t != "" {
			sec.Paragraphs = append(sec.Paragraphs, t)
		}
		para = nil
	}
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		indented := strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")
		switch {
		case strings.TrimSpace(line) == "":
			endPara()
			continue
		case literal && indented:
			continue
		case i+1 < len(lines) && isUnderline(lines[i+1], line):
			endPara()
			h := clean(line)
			if a.Title == "" {
				a.Title = h
			}
			if len(sec.Paragraphs) > 0 || sec.Heading != "" {
				a.Sections = append(a.Sections, sec)
			}
			sec = Section{Heading: h}
			i++
			literal = false
			continue
		case isUnderline(line, "x") || strings.HasPrefix(line, "..") || strings.HasPrefix(strings.TrimSpace(line), "+--") || strings.HasPrefix(strings.TrimSpace(line), "|"):
			endPara()
			literal = strings.HasPrefix(line, "..")
			continue
		}
		literal = false
		t := strings.TrimSpace(line)
		t = strings.TrimLeft(t, "*#-0123456789.) ")
		if strings.HasSuffix(t, "::") {
			t = strings.TrimSuffix(t, ":")
			literal = true
		}
		para = append(para, t)
		if literal {
			endPara()
		}
	}
	endPara()
	a.Sections = append(a.Sections, sec)
	return a, nil
}

// isUnderline reports whether line underlines a heading: one punctuation
// character repeated, at least as long as the heading (or 3 characters).
func isUnderline(line, heading string) bool {
	t := strings.TrimRight(line, " ")
	if len(t) < 3 || strings.TrimSpace(heading) == "" {
		return false
	}
	c := t[0]
	if !strings.ContainsRune("=-~^\"'`#*+_", rune(c)) {
		return false
	}
	return strings.Count(t, string(c)) == len(t) && len(t) >= min(utf8.RuneCountInString(strings.TrimSpace(heading)), 3)
}

var (
	roleRE  = regexp.MustCompile(`:[a-z:]+:` + "`" + `(?:[^<` + "`" + `]*<)?~?!?([^>` + "`" + `]+)>?` + "`")
	linkRE  = regexp.MustCompile("`([^`<]+?)\\s*<[^>`]*>`__?")
	codeRE  = regexp.MustCompile("``([^`]+)``")
	refRE   = regexp.MustCompile("`([^`]+)`_*")
	emphRE  = regexp.MustCompile(`\*\*?([^*]+)\*\*?`)
	spaceRE = regexp.MustCompile(`\s+`)
)

// clean turns reStructuredText inline markup into plain text.
func clean(s string) string {
	s = roleRE.ReplaceAllString(s, "$1")
	s = linkRE.ReplaceAllString(s, "$1")
	s = codeRE.ReplaceAllString(s, "$1")
	s = refRE.ReplaceAllString(s, "$1")
	s = emphRE.ReplaceAllString(s, "$1")
	s = strings.ReplaceAll(s, "|", "")
	return strings.TrimSpace(spaceRE.ReplaceAllString(s, " "))
}
