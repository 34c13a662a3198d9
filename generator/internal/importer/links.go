package importer

import (
	"bytes"
	"net/url"
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/oersite/oersite/generator/internal/diag"
)

// linkIndex finds the file a link in the source meant.
type linkIndex struct {
	bySrc    map[string]*file // path in the source
	byRel    map[string]*file // "lang/path" inside content/
	byURL    map[string]*file // "lang/address" the source published a page at, lower-cased, no slashes at the ends
	basePath string
	langs    []string
}

func newLinkIndex(pr *project) *linkIndex {
	ix := &linkIndex{bySrc: map[string]*file{}, byRel: map[string]*file{}, byURL: map[string]*file{}, basePath: strings.Trim(pr.basePath, "/"), langs: pr.langs}
	for _, f := range pr.files {
		ix.bySrc[f.src] = f
		ix.byRel[f.lang+"/"+f.rel] = f
		if !f.page {
			continue
		}
		for _, u := range f.urls {
			k := f.lang + "/" + normAddr(u)
			if _, taken := ix.byURL[k]; !taken {
				ix.byURL[k] = f
			}
		}
	}
	return ix
}

// normAddr is the form addresses are compared in.
func normAddr(u string) string {
	u = strings.ToLower(strings.Trim(u, "/"))
	u = strings.TrimSuffix(u, "/index.html")
	if u == "index.html" {
		return ""
	}
	return strings.TrimSuffix(u, ".html")
}

// rewriteAllLinks makes the links between pages relative links to their
// .md files, and reports the ones that point at nothing.
func rewriteAllLinks(pr *project, rep *Report) {
	ix := newLinkIndex(pr)
	for _, f := range pr.files {
		if !f.page {
			continue
		}
		f.body = rewriteLinks(f.body, func(dest string, line int) (string, bool) {
			out, ok, known := ix.resolve(f, dest)
			if !known {
				rep.Links = append(rep.Links, Problem{File: f.src, Line: line + f.bodyLine(), What: diag.Phrasef("link %q points at nothing in the source: left as written", dest)})
			}
			return out, ok
		})
	}
}

// bodyLine is the number of lines of the source file before the body as it
// is now.
func (f *file) bodyLine() int { return f.lineOffset }

var (
	hugoRef = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^\{\{[<%]\s*(?:rel)?ref\s+(?:path=)?"?([^"\s>%]+)"?\s*[>%]\}\}$`)
	})
	liquidRef = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\{%-?\s*(link|post_url)\s+(\S+)\s*-?%\}$`) })
	baseVar   = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^\{\{-?\s*(?:site\.baseurl|site\.url|site\.baseUrl)\s*-?\}\}`)
	})
)

// resolve returns the new destination of a link; ok is false when it stays
// as written, known false when it points at nothing the source has.
func (ix *linkIndex) resolve(f *file, dest string) (out string, ok, known bool) {
	d := strings.TrimSpace(dest)
	if m := hugoRef().FindStringSubmatch(d); m != nil {
		return ix.hugoRef(f, m[1], dest)
	}
	if m := liquidRef().FindStringSubmatch(d); m != nil {
		return ix.liquidRef(f, m[1], m[2], dest)
	}
	if rest, zola := strings.CutPrefix(d, "@/"); zola { // Zola's link from the content root
		return ix.hugoRef(f, "/"+rest, dest)
	}
	d = baseVar().ReplaceAllString(d, "")
	if d == "" || strings.HasPrefix(d, "#") || strings.Contains(d, "{{") || strings.Contains(d, "{%") {
		return dest, false, true
	}
	u, err := url.Parse(d)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" {
		return dest, false, true
	}
	frag := ""
	if u.Fragment != "" {
		frag = "#" + u.Fragment
	}
	p, _ := url.PathUnescape(u.Path)
	if t := ix.find(f, p); t != nil {
		return relTo(f, t) + frag, true, true
	}
	if !strings.HasPrefix(p, "/") && f.lang != ix.langs[0] {
		// a page not translated yet: oersite links to the default language's
		for _, c := range fileCandidates(path.Join(path.Dir(f.rel), p)) {
			if ix.byRel[ix.langs[0]+"/"+c] != nil {
				return dest, false, true
			}
		}
	}
	// A file served from the site root (/images/x.png) is not the importer's to find.
	return dest, false, strings.HasPrefix(p, "/") && !looksLikePage(p)
}

// looksLikePage reports whether a link is written as a page's address or
// file (no extension, .md, .html) rather than as a picture or download.
func looksLikePage(p string) bool {
	switch strings.ToLower(path.Ext(strings.TrimSuffix(p, "/"))) {
	case "", ".md", ".mdx", ".markdown", ".html", ".htm":
		return true
	}
	return false
}

// find looks a link's path up: as a file beside the page, as an address
// beside the page's address, and as an address from the site root.
func (ix *linkIndex) find(f *file, p string) *file {
	if strings.HasPrefix(p, "/") {
		return ix.byAddress(f.lang, strings.TrimPrefix(strings.TrimPrefix(p, "/"), ix.basePath))
	}
	dir := path.Dir(f.src)
	for _, c := range fileCandidates(path.Join(dir, p)) {
		if t := ix.bySrc[c]; t != nil {
			return t
		}
	}
	if len(f.urls) > 0 {
		base := strings.Trim(f.urls[0], "/")
		if !strings.HasSuffix(f.urls[0], "/") && base != "" {
			base = path.Dir(base) // a page published as page.html: links are from its folder
		}
		if t := ix.byAddress(f.lang, path.Join(base, p)); t != nil {
			return t
		}
	}
	// Hugo's link render hook, like its refs, looks from the content root last.
	return ix.byAddress(f.lang, path.Clean(p))
}

// byAddress finds the page published at address a: in the language its
// first segment names, else in lang (the linking page's), else in the
// default language.
func (ix *linkIndex) byAddress(lang, a string) *file {
	a = normAddr(a)
	for _, l := range ix.langs {
		if rest, ok := strings.CutPrefix(a+"/", l+"/"); ok {
			rest = strings.TrimSuffix(rest, "/")
			if t := ix.byURL[l+"/"+rest]; t != nil {
				return t
			}
			if t := ix.byURL[ix.langs[0]+"/"+rest]; t != nil {
				return t // not translated: the default language's page
			}
		}
	}
	for _, l := range []string{lang, ix.langs[0]} {
		if t := ix.byURL[l+"/"+a]; t != nil {
			return t
		}
	}
	return nil
}

// fileCandidates are the files a link to p may mean: p itself, with a
// Markdown extension, or a folder's index.
func fileCandidates(p string) []string {
	p = strings.TrimSuffix(path.Clean(p), "/")
	out := []string{p}
	p = strings.TrimSuffix(p, ".html")
	for _, ext := range []string{".md", ".mdx", ".markdown"} {
		out = append(out, p+ext)
	}
	for _, idx := range []string{"index.md", "_index.md", "README.md", "index.mdx"} {
		out = append(out, path.Join(p, idx))
	}
	return out
}

// hugoRef resolves {{< ref "x" >}} as Hugo does: beside the page, then
// from the language's content root.
func (ix *linkIndex) hugoRef(f *file, target, dest string) (string, bool, bool) {
	frag := ""
	if i := strings.IndexByte(target, '#'); i >= 0 {
		target, frag = target[:i], target[i:]
	}
	if target == "" {
		return frag, true, true
	}
	var cands []string
	if !strings.HasPrefix(target, "/") {
		cands = append(cands, path.Join(path.Dir(f.src), target))
	}
	cands = append(cands, path.Join(f.root(), strings.TrimPrefix(target, "/")))
	for _, c := range cands {
		for _, fc := range fileCandidates(c) {
			if t := ix.bySrc[fc]; t != nil {
				return relTo(f, t) + frag, true, true
			}
		}
	}
	return dest, false, false
}

// liquidRef resolves Jekyll's {% link path %} and {% post_url name %}.
func (ix *linkIndex) liquidRef(f *file, tag, arg, dest string) (string, bool, bool) {
	arg = strings.Trim(arg, `"'`)
	p := strings.TrimPrefix(arg, "/")
	if tag == "post_url" {
		for _, ext := range []string{".md", ".markdown"} {
			if t := ix.bySrc["_posts/"+p+ext]; t != nil {
				return relTo(f, t), true, true
			}
		}
		return dest, false, false
	}
	if t := ix.bySrc[p]; t != nil {
		return relTo(f, t), true, true
	}
	return dest, false, false
}

// root is the folder of the source holding the page's language tree: as
// many folders up from the file as its path in the tree has parts (its
// name may differ: about.fr.md is the French about.md).
func (f *file) root() string {
	parts := strings.Split(f.src, "/")
	return strings.Join(parts[:max(0, len(parts)-1-strings.Count(f.rel, "/"))], "/")
}

// relTo is the relative link from page f to file t, both where they are
// written. A page of another language is linked as if it were in f's: the
// build finds the translation there, else shows the default language's.
func relTo(f, t *file) string {
	if t.static {
		return "/" + t.rel // served from the site root
	}
	from := path.Dir(f.targetPath())
	to := t.targetPath()
	if t.page {
		to = path.Join("content", f.lang, t.rel)
	}
	fromParts := strings.Split(from, "/")
	toParts := strings.Split(to, "/")
	i := 0
	for i < len(fromParts) && i < len(toParts)-1 && fromParts[i] == toParts[i] {
		i++
	}
	return strings.Repeat("../", len(fromParts)-i) + strings.Join(toParts[i:], "/")
}

var refDef = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^( {0,3}\[[^\]^][^\]]*\]:[ \t]*)(<[^>]*>|\S+)`) })

// rewriteLinks rewrites the destination of every Markdown link, image and
// reference definition of a body, outside code; fn gets the destination and
// the line (from 1) and returns the new one, and whether it changed.
func rewriteLinks(body []byte, fn func(dest string, line int) (string, bool)) []byte {
	var out bytes.Buffer
	out.Grow(len(body))
	fence := ""
	for i, line := range bytes.SplitAfter(body, []byte("\n")) {
		trimmed := strings.TrimLeft(string(line), " ")
		indent := len(line) - len(trimmed)
		switch {
		case fence != "":
			if indent < 4 && strings.HasPrefix(strings.TrimSpace(trimmed), fence) && strings.Trim(strings.TrimSpace(trimmed), fence[:1]) == "" {
				fence = ""
			}
			out.Write(line)
			continue
		case indent < 4 && (strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~")):
			fence = trimmed[:3]
			out.Write(line)
			continue
		}
		if m := refDef().FindSubmatchIndex(line); m != nil {
			dest := strings.Trim(string(line[m[4]:m[5]]), "<>")
			if nd, ok := fn(dest, i+1); ok {
				out.Write(line[:m[4]])
				out.WriteString(nd)
				out.Write(line[m[5]:])
				continue
			}
			out.Write(line)
			continue
		}
		out.Write(rewriteInline(line, i+1, fn))
	}
	return out.Bytes()
}

// rewriteInline rewrites the destinations of inline links and images of one
// line, skipping code spans.
func rewriteInline(line []byte, n int, fn func(string, int) (string, bool)) []byte {
	var out []byte
	i := 0
	for i < len(line) {
		c := line[i]
		if c == '`' {
			run := 0
			for i+run < len(line) && line[i+run] == '`' {
				run++
			}
			end := bytes.Index(line[i+run:], bytes.Repeat([]byte("`"), run))
			if end < 0 {
				out = append(out, line[i:]...)
				return out
			}
			stop := i + run + end + run
			out = append(out, line[i:stop]...)
			i = stop
			continue
		}
		if c == ']' && i+1 < len(line) && line[i+1] == '(' {
			start := i + 2
			ds, de := destBounds(line, start)
			if de > ds {
				out = append(out, line[i:ds]...)
				dest := string(line[ds:de])
				if nd, ok := fn(dest, n); ok {
					out = append(out, nd...)
				} else {
					out = append(out, line[ds:de]...)
				}
				i = de
				continue
			}
		}
		out = append(out, c)
		i++
	}
	return out
}

// destBounds finds a link destination starting at line[i]: <...>, a
// shortcode or Liquid tag, or characters up to a space or the closing
// parenthesis (balanced).
func destBounds(line []byte, i int) (int, int) {
	for i < len(line) && line[i] == ' ' {
		i++
	}
	if i >= len(line) {
		return i, i
	}
	rest := line[i:]
	switch {
	case rest[0] == '<' && !bytes.HasPrefix(rest, []byte("<%")):
		if end := bytes.IndexByte(rest, '>'); end > 0 {
			return i + 1, i + end
		}
	case bytes.HasPrefix(rest, []byte("{{")) || bytes.HasPrefix(rest, []byte("{%")):
		closer := []byte("}}")
		if rest[1] == '%' {
			closer = []byte("%}")
		}
		end := bytes.Index(rest[2:], closer)
		if end < 0 {
			return i, i
		}
		j := i + 2 + end + 2
		for j < len(line) && line[j] != ')' && line[j] != ' ' {
			j++
		}
		return i, j
	}
	depth := 0
	j := i
	for ; j < len(line); j++ {
		switch line[j] {
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return i, j
			}
			depth--
		case ' ', '\t', '\n':
			return i, j
		}
	}
	return i, j
}
