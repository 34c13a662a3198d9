package importer

import (
	"bytes"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/oersite/oersite/generator/internal/diag"
)

// mdBook's links put other files' text into a page before it is read as
// Markdown: {{#include file}} (all of it, a line, a range of lines or the
// lines between two anchors), {{#rustdoc_include file}} (read as an
// include: its hidden lines are for Rust's test runner), {{#playground
// file}} (a code block of the file) and {{#title words}} (the page's
// title). A legacy GitBook's {% include "file" %} is the first kind.
// They are expanded as mdBook does, in code blocks too (a code sample is
// most often included inside a fence), in the files included as well.

// includeLink matches one: an escaped one (\{{#include …}}) stays as
// written without its backslash.
var includeLink = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\\?\{\{#(include|rustdoc_include|playground|playpen|title)[ \t]+([^}\n]*?)[ \t]*\}\}|\{%-?[ \t]*include[ \t]+["']([^"'\n]+)["'][ \t]*-?%\}`)
})

// anchorLine matches a line that opens or closes an anchor (in any kind
// of comment), and its name.
var anchorLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`ANCHOR(_END)?:\s*([\w-]+)`) })

// maxIncludeDepth is how deep includes in included files are followed
// (mdBook's limit): a file that includes itself stops there. A page takes
// at most maxIncludes files' text and maxIncludedBytes in all: a book
// whose files include each other many times over would otherwise grow
// without end.
const (
	maxIncludeDepth  = 10
	maxIncludes      = 10_000
	maxIncludedBytes = 32 << 20
)

// includer expands the includes of a book's pages; used are the files it
// took text from, by their paths in the source.
type includer struct {
	src  fs.FS
	rep  *Report
	used map[string]bool
	// taken and size count the page's includes and their bytes.
	taken, size int
}

// expand returns the text of the page at name, data, with its links
// expanded (see includeLink), and the title a {{#title}} gives. It works
// on the whole file, before its front matter is read: a page that starts
// with a link has none. A file that cannot be read leaves its link as
// written, reported with the page's line.
func (in *includer) expand(name string, data []byte) ([]byte, string) {
	in.taken, in.size = 0, 0
	said := map[string]bool{} // a problem is said once per line of the page
	return in.expandIn(name, data, 0, func(at int, what error) {
		line := 1 + bytes.Count(data[:min(at, len(data))], []byte("\n"))
		if key := strconv.Itoa(line) + what.Error(); !said[key] {
			said[key] = true
			in.rep.Skipped = append(in.rep.Skipped, Problem{File: name, Line: line, What: what})
		}
	})
}

// expandIn expands the links of body, the text of the file at from;
// problem reports one at a byte of body (of the page's own text: an
// included file's problems are reported where it is included).
func (in *includer) expandIn(from string, body []byte, depth int, problem func(at int, what error)) (out []byte, title string) {
	matches := includeLink().FindAllSubmatchIndex(body, -1)
	if len(matches) == 0 {
		return body, ""
	}
	var b bytes.Buffer
	last := 0
	for _, m := range matches {
		b.Write(body[last:m[0]])
		last = m[1]
		link := string(body[m[0]:m[1]])
		if strings.HasPrefix(link, `\`) {
			b.WriteString(link[1:])
			continue
		}
		kind, arg := "include", ""
		if m[2] >= 0 {
			kind, arg = string(body[m[2]:m[3]]), string(body[m[4]:m[5]])
		} else {
			arg = string(body[m[6]:m[7]])
		}
		if kind == "title" {
			title = strings.TrimSpace(arg)
			continue
		}
		text, ok := in.included(from, kind, arg, depth, func(what error) { problem(m[0], what) })
		if !ok {
			b.WriteString(link)
			continue
		}
		b.WriteString(text)
	}
	b.Write(body[last:])
	return b.Bytes(), title
}

// included is the text a link of that kind and argument ("file.rs:2:10",
// "file.rs:anchor", "file.rs editable") puts in the file at from.
func (in *includer) included(from, kind, arg string, depth int, problem func(error)) (string, bool) {
	fields := strings.Fields(arg)
	if len(fields) == 0 {
		return "", false
	}
	name, part, _ := strings.Cut(fields[0], ":")
	target := path.Join(path.Dir(from), name)
	if !fs.ValidPath(target) || strings.HasPrefix(name, "/") {
		problem(diag.Phrasef("mdBook's %s of %s: the file is outside the folder imported, and the link is kept as written", kind, name))
		return "", false
	}
	if in.taken++; in.taken > maxIncludes || in.size > maxIncludedBytes {
		problem(diag.Phrasef("the page takes more than %d files or %d MB from mdBook's includes: the links after are kept as written", maxIncludes, maxIncludedBytes>>20))
		return "", false
	}
	if depth >= maxIncludeDepth {
		problem(diag.Phrasef("mdBook's %s of %s: includes nested more than %d deep (a file that includes itself), and the link is kept as written", kind, name, maxIncludeDepth))
		return "", false
	}
	data, err := fs.ReadFile(in.src, target)
	if err != nil {
		problem(diag.Phrasef("mdBook's %s of %s: no such file in the folder imported, and the link is kept as written", kind, name))
		return "", false
	}
	in.used[target] = true
	in.size += len(data)
	text, ok := linesOf(string(data), part)
	if !ok {
		problem(diag.Phrasef("mdBook's %s of %s: the file has no lines %q, and the link is kept as written", kind, name, part))
		return "", false
	}
	expanded, _ := in.expandIn(target, []byte(text), depth+1, func(_ int, what error) { problem(what) })
	text = string(expanded)
	if kind == "playground" || kind == "playpen" {
		text = "```" + sampleLanguage(name) + "\n" + strings.TrimSuffix(text, "\n") + "\n```"
	}
	return text, true
}

// sampleLanguage is the language of a runnable sample's code block, by
// its file's extension: mdBook's are Rust.
func sampleLanguage(name string) string {
	ext := strings.ToLower(strings.TrimPrefix(path.Ext(name), "."))
	if lang, ok := map[string]string{"rs": "rust", "py": "python", "js": "javascript", "ts": "typescript", "sh": "bash", "rb": "ruby"}[ext]; ok {
		return lang
	}
	return ext
}

// linesOf returns the part of text a link names: "" all of it, "2" the
// second line, "2:10", "2:" and ":10" a range of lines (from 1), a name
// the lines between "ANCHOR: name" and "ANCHOR_END: name", without the
// lines of anchors. A file's last newline is not part of it, as in
// mdBook, so that an include inside a fence ends where the fence does.
func linesOf(text, part string) (string, bool) {
	text = strings.TrimSuffix(text, "\n")
	if part == "" {
		return text, true
	}
	lines := strings.Split(text, "\n")
	from, to, isRange := strings.Cut(part, ":")
	first, err1 := lineNumber(from, 1)
	last, err2 := lineNumber(to, len(lines))
	if err1 == nil && err2 == nil {
		if !isRange {
			last = first
		}
		if first < 1 || first > len(lines) || last < first {
			return "", false
		}
		return strings.Join(lines[first-1:min(last, len(lines))], "\n"), true
	}
	var kept []string
	inside, found := false, false
	for _, l := range lines {
		m := anchorLine().FindStringSubmatch(l)
		switch {
		case m != nil && m[2] == part && m[1] == "":
			inside, found = true, true
		case m != nil && m[2] == part:
			inside = false
		case m != nil: // another anchor's line
		case inside:
			kept = append(kept, l)
		}
	}
	return strings.Join(kept, "\n"), found
}

// lineNumber reads a line number of a range, def when it is left out.
func lineNumber(s string, def int) (int, error) {
	if s == "" {
		return def, nil
	}
	return strconv.Atoi(s)
}

// dropIncluded leaves out the Markdown files that only exist to be
// included (used by a page, and not in the book's table of contents):
// mdBook does not make them pages either.
// Their problems are said where they are included.
func dropIncluded(files []*file, used map[string]bool, rep *Report) []*file {
	kept, dropped := files[:0], map[string]bool{}
	for _, f := range files {
		if f.page && used[f.src] && f.navWeight == 0 {
			rep.note("Markdown files that pages include (mdBook's {{#include}}) and the table of contents does not list left out: their text is in those pages")
			dropped[f.src] = true
			continue
		}
		kept = append(kept, f)
	}
	rep.Skipped = slices.DeleteFunc(rep.Skipped, func(p Problem) bool { return dropped[p.File] })
	return kept
}
