package importer

import (
	"bufio"
	"bytes"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"sync"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/oersite/oersite/generator/internal/markdown/dialect"
	"github.com/oersite/oersite/generator/internal/markdown/mdtext"
)

// readGitBook reads a GitBook book (its Git sync: .gitbook.yaml naming its
// root, README.md and SUMMARY.md; a legacy book's book.json, and its
// LANGS.md of one book per language folder) or an mdBook (book.toml, its
// src/): the pages under the root, the table of contents (SUMMARY.md),
// whose order becomes weight and whose titles name pages that have none,
// and the files GitBook keeps in .gitbook/assets/, which go to files/
// (a folder whose name starts with a dot is never published).
func readGitBook(src fs.FS, defLang string, rep *Report) (*project, error) {
	pr := &project{}
	root := "."
	if cfg, name, err := readSettings(src, ".gitbook.yaml", ".gitbook.yml"); err != nil {
		return nil, err
	} else if name != "" {
		root = cleanRoot(cfg.str("root"))
	}
	if cfg, name, err := readSettings(src, "book.json"); err != nil {
		return nil, err
	} else if name != "" {
		root = cleanRoot(firstNonEmpty(cfg.str("root"), root))
		pr.title = cfg.str("title")
		defLang = firstNonEmpty(cfg.str("language"), defLang)
	}
	if cfg, name, err := readSettings(src, "book.toml"); err != nil {
		return nil, err
	} else if name != "" {
		book := cfg.table("book")
		root = cleanRoot(firstNonEmpty(book.str("src"), "src"))
		pr.title = book.str("title")
		defLang = firstNonEmpty(book.str("language"), defLang)
	}
	books := gitbookLanguages(src, root)
	if len(books) == 0 {
		if !exists(src, path.Join(root, "SUMMARY.md")) && !exists(src, path.Join(root, "README.md")) {
			return nil, errNoConfig("SUMMARY.md")
		}
		books = []gitbookBook{{lang: defLang, root: root}}
	} else {
		rep.note("one GitBook book per language folder (LANGS.md): the first is the default language")
	}
	weights := map[string]int{}
	for i, b := range books {
		weights[b.lang] = i
	}
	pr.langs = orderLanguages(books[0].lang, weights)
	for _, b := range books {
		if err := readGitBookTree(src, b, pr, rep); err != nil {
			return nil, err
		}
	}
	readmeToIndex(pr, rep)
	return pr, nil
}

// gitbookBook is one language's book: its language and folder.
type gitbookBook struct{ lang, root string }

// cleanRoot is a book's root as its configuration names it ("./docs/"),
// as a path inside the source ("docs", or "." for the source itself).
func cleanRoot(r string) string {
	r = path.Clean("/" + strings.TrimSpace(r))
	if r == "/" {
		return "."
	}
	return r[1:]
}

// langsEntry matches an entry of LANGS.md: * [Français](fr/).
var langsEntry = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*[*+-]\s*\[[^\]]*\]\(\s*<?([^)>\s]+)>?\s*\)`) })

// gitbookLanguages are the books LANGS.md lists under root, in its order;
// none without it.
func gitbookLanguages(src fs.FS, root string) []gitbookBook {
	data, err := fs.ReadFile(src, path.Join(root, "LANGS.md"))
	if err != nil {
		return nil
	}
	var books []gitbookBook
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		m := langsEntry().FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		dir := strings.Trim(path.Clean(m[1]), "/")
		if dir == "." || strings.HasPrefix(dir, "..") || strings.Contains(dir, "/") || !isDir(src, path.Join(root, dir)) {
			continue
		}
		books = append(books, gitbookBook{lang: dir, root: path.Join(root, dir)})
	}
	return books
}

// gitbookAssets is where GitBook keeps a book's pictures and files, and
// filesDir where they go: a dotted folder is never published.
const (
	gitbookAssets = ".gitbook/assets"
	filesDir      = "files"
)

// readGitBookTree reads one book: its pages and files, SUMMARY.md's order
// and titles, .gitbook/assets/ as files/.
func readGitBookTree(src fs.FS, b gitbookBook, pr *project, rep *Report) error {
	order, titles := gitbookSummary(src, b.root)
	add := func(p, rel string) {
		f := &file{src: p, lang: b.lang, rel: rel, page: isMarkdown(p)}
		if f.page {
			stem := strings.TrimSuffix(rel, path.Ext(rel))
			if base := path.Base(stem); base == "README" || base == "index" {
				stem = strings.TrimSuffix(path.Dir(stem), ".")
			}
			f.urls = []string{stem, stem + ".html", rel} // GitBook's links name the file, from the book's root when they start with /
			f.navWeight = order[rel]
			f.summaryTitle = titles[rel]
		}
		pr.files = append(pr.files, f)
	}
	prefix := ""
	if b.root != "." {
		prefix = b.root + "/"
	}
	err := walkFiles(src, b.root, func(p string) error {
		rel := strings.TrimPrefix(p, prefix)
		switch {
		case strings.EqualFold(rel, "SUMMARY.md"), strings.EqualFold(rel, "LANGS.md"), rel == "book.json", rel == "book.toml":
			return nil // the book's settings and contents, read above
		}
		add(p, rel)
		return nil
	})
	if err != nil {
		return err
	}
	assets := path.Join(b.root, gitbookAssets)
	if !isDir(src, assets) {
		return nil
	}
	return fs.WalkDir(src, assets, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !d.Type().IsRegular() || hidden(d.Name()) {
			return err
		}
		rel := path.Join(filesDir, strings.TrimPrefix(p, assets+"/"))
		pr.files = append(pr.files, &file{src: p, lang: b.lang, rel: rel})
		rep.note("GitBook's .gitbook/assets/ copied to files/ (a folder whose name starts with a dot is never published), the pages' links with them")
		return nil
	})
}

// summaryEntry matches an entry of SUMMARY.md: * [Title](path.md).
var summaryEntry = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*[*+-]\s*\[((?:[^\]\\]|\\.)*)\]\(\s*<?([^)>]*?)>?\s*\)`)
})

// gitbookSummary reads SUMMARY.md: each page's place in it (1, 2, …) and
// title, by its path from the book's root.
func gitbookSummary(src fs.FS, root string) (map[string]int, map[string]string) {
	order, titles := map[string]int{}, map[string]string{}
	data, err := fs.ReadFile(src, path.Join(root, "SUMMARY.md"))
	if err != nil {
		return order, titles
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		m := summaryEntry().FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		target, _, _ := strings.Cut(m[2], "#")
		target = strings.TrimPrefix(path.Clean("/"+strings.TrimSpace(target)), "/")
		if target == "" || target == "." || !isMarkdown(target) {
			continue
		}
		if _, seen := order[target]; !seen {
			order[target] = len(order) + 1
			titles[target] = strings.TrimSpace(strings.ReplaceAll(m[1], `\`, ""))
		}
	}
	return order, titles
}

// mapGitBook maps a GitBook page: SUMMARY.md's order becomes weight, its
// title names a page that has none; GitBook's layout settings (which
// parts of the page it shows) go; its blocks become oersite's (see
// gitbookBody).
func mapGitBook(f *file, rep *Report) {
	if f.navWeight > 0 {
		f.fm.setDefault("weight", f.navWeight)
	}
	if _, ok := f.fm.key("title"); !ok && f.summaryTitle != "" {
		if _, _, heading := leadingHeading(f.body); !heading {
			f.fm.set("title", f.summaryTitle)
		}
	}
	if v, ok := f.fm.get("layout"); ok && !isString(v) {
		f.fm.del("layout")
		rep.note("GitBook's layout settings removed: oersite's theme decides how a page looks")
	}
	if body, changed := gitbookBody(f.body); changed {
		f.body = body
		rep.note("GitBook's hints, tabs, embeds, files and figures written as oersite's callouts, disclosures, links and pictures")
	}
}

// isString says whether a front matter value is a string (a layout's
// name, not GitBook's settings).
func isString(v any) bool {
	_, ok := v.(string)
	return ok
}

// gitbookTag matches a GitBook block tag on a line of its own: {% name
// args %}, and what follows it on that line.
var gitbookTag = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*\{%\s*(hint|endhint|tabs|endtabs|tab|endtab|embed|endembed|file|endfile|content-ref|endcontent-ref|code|endcode|stepper|endstepper|step|endstep)\b([^%]*)%\}(.*)$`)
})

// gitbookArg finds a tag's argument: name="value".
var gitbookArg = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`([a-zA-Z-]+)\s*=\s*"([^"]*)"`) })

// markStyle matches GitBook's coloured text's opening tag, which a page
// keeps as a bare <mark>.
var markStyle = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`<mark\s+style="[^"]*">`) })

// gitbookBody writes GitBook's blocks, outside code, as oersite's: a hint
// a callout (info an info, success a tip, warning, danger), a tab a
// disclosure titled as the tab (the tabs around them go), an embed or a
// file a link on a line of its own (its caption the words), a figure its
// pictures and caption. (Links to .gitbook/assets/ are pointed at files/
// with every other link, see rewriteAllLinks.) It reports whether
// anything changed.
func gitbookBody(body []byte) ([]byte, bool) {
	var out bytes.Buffer
	changed := false
	var figure []string // the lines of a <figure> being read
	lines := strings.SplitAfter(string(body), "\n")
	code, opening := codeLines(lines)
	colons := gitbookNesting(lines, code)
	admonish, admonishColons := "", "" // the fence of an mdbook-admonish block being read, and its container's
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		trimmed := strings.TrimSpace(line)
		if figure != nil {
			figure = append(figure, line)
			if strings.Contains(line, "</figure>") {
				out.WriteString(figureMarkdown(strings.Join(figure, "")))
				figure, changed = nil, true
			}
			continue
		}
		if opening[i] {
			if callout, ok := admonishCallout(trimmed); ok {
				admonish, admonishColons = fenceOf(trimmed), containerColons(lines[i+1:])
				out.WriteString(admonishColons + callout + "\n")
				changed = true
				continue
			}
			info := codeInfo(line)
			changed = changed || info != line
			out.WriteString(info)
			continue
		}
		if code[i] {
			if admonish != "" && strings.HasPrefix(trimmed, admonish) && strings.TrimLeft(trimmed, admonish[:1]) == "" {
				out.WriteString(admonishColons + "\n")
				admonish = ""
				continue
			}
			out.WriteString(line)
			continue
		}
		if strings.HasPrefix(trimmed, "<figure") {
			if strings.Contains(line, "</figure>") {
				out.WriteString(figureMarkdown(line))
				changed = true
			} else {
				figure = []string{line}
			}
			continue
		}
		m := gitbookTag().FindStringSubmatch(strings.TrimRight(line, "\r\n"))
		if m == nil {
			marked := markText(line)
			changed = changed || marked != line
			out.WriteString(marked)
			continue
		}
		name, args, rest := m[1], gitbookArgs(m[2]), strings.TrimSpace(m[3])
		fence, paired := colons[i]
		if gitbookPaired[name] && !paired {
			out.WriteString(line) // a block never closed, or a close of none: as written
			continue
		}
		changed = true
		switch name {
		case "hint":
			out.WriteString(fence + hintKind(args["style"]) + "\n")
		case "tab", "step":
			out.WriteString(fence + "details " + oneLineText(firstNonEmpty(args["title"], "…")) + "\n")
		case "endhint", "endtab", "endstep":
			out.WriteString(fence + "\n")
		case "embed", "file":
			target := firstNonEmpty(args["url"], args["src"])
			var caption []string
			if rest != "" {
				caption = append(caption, rest)
			}
			// the caption: the lines up to the closing tag, when one follows
			// before a blank line
			for j := i + 1; j < len(lines); j++ {
				t := strings.TrimSpace(lines[j])
				if t == "{% end"+name+" %}" || strings.HasPrefix(t, "{% end"+name) {
					caption, i = append(caption, strings.TrimSpace(strings.Join(collect(lines[i+1:j]), " "))), j
					break
				}
				if t == "" || gitbookTag().MatchString(t) {
					break
				}
			}
			out.WriteString(linkLineTo(target, strings.TrimSpace(strings.Join(caption, " "))))
		}
		// tabs, endtabs, content-ref, code and their ends only wrap what
		// they hold; an end tag met alone closes nothing
	}
	if figure != nil {
		out.WriteString(strings.Join(figure, "")) // a figure never closed: as written
	}
	if !changed {
		return body, false
	}
	return out.Bytes(), true
}

// gitbookPaired are the blocks that become containers, opening and
// closing.
var gitbookPaired = map[string]bool{"hint": true, "endhint": true, "tab": true, "endtab": true, "step": true, "endstep": true}

// admonishBlock matches the info of an mdbook-admonish block's fence:
// admonish, its type, and a title in quotes or as title="…".
var admonishBlock = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^admonish(?:[ \t]+([A-Za-z-]+))?(?:[ \t]+"([^"]*)")?(.*)$`)
})

// admonishCallout is the container line (without its colons) an
// mdbook-admonish block's opening fence becomes: "warning Title", its
// type one of oersite's callouts (see dialect.CalloutOf); ok is false
// for another fence.
func admonishCallout(fenceLine string) (string, bool) {
	m := admonishBlock().FindStringSubmatch(strings.TrimSpace(strings.TrimPrefix(fenceLine, fenceOf(fenceLine))))
	if m == nil {
		return "", false
	}
	kind, _ := dialect.CalloutOf(firstNonEmpty(m[1], "note"))
	title := m[2]
	if t := gitbookArgs(m[3])["title"]; t != "" {
		title = t
	}
	if title = oneLineText(title); title != "" {
		kind += " " + title
	}
	return kind, true
}

// containerColons is the fence of a container around lines up to the end
// of their code block: three colons, or one more than the longest run of
// colons starting a line in them (a container they hold).
func containerColons(lines []string) string {
	n := 3
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if fenceOf(t) != "" {
			break
		}
		if run := len(t) - len(strings.TrimLeft(t, ":")); run >= n {
			n = run + 1
		}
	}
	return strings.Repeat(":", n)
}

// codeInfo is a code fence's opening line without mdBook's attributes
// after its language ("```rust,ignore" is "```rust": a site reads the
// whole word as the language's name).
func codeInfo(line string) string {
	trimmed := strings.TrimSpace(line)
	fence := fenceOf(trimmed)
	info := strings.TrimPrefix(trimmed, fence)
	lang, _, ok := strings.Cut(info, ",")
	if fence == "" || !ok || strings.ContainsAny(lang, " {") {
		return line
	}
	return strings.Replace(line, info, strings.TrimSpace(lang), 1)
}

// codeLines marks the lines of fenced code blocks, fences included
// (nothing in them is GitBook's), and their opening fences.
func codeLines(lines []string) (code, opening []bool) {
	code, opening = make([]bool, len(lines)), make([]bool, len(lines))
	fence := ""
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		if f := fenceOf(trimmed); f != "" {
			if fence == "" {
				fence, opening[i] = f, true
			} else if strings.HasPrefix(trimmed, fence) && strings.TrimLeft(trimmed, fence[:1]) == "" {
				fence = ""
			}
			code[i] = true
			continue
		}
		code[i] = fence != ""
	}
	return code, opening
}

// gitbookNesting matches the container blocks' opening and closing tags
// and gives each pair its fence: three colons for one that holds no other,
// one more for each level it holds (an outer container has more colons
// than those inside it). Lines of unmatched tags are not in it.
func gitbookNesting(lines []string, code []bool) map[int]string {
	type open struct {
		line, height int
		name         string
	}
	var stack []open
	fences := map[int]string{}
	for i, line := range lines {
		if code[i] {
			continue
		}
		m := gitbookTag().FindStringSubmatch(strings.TrimRight(line, "\r\n"))
		if m == nil || !gitbookPaired[m[1]] {
			continue
		}
		if !strings.HasPrefix(m[1], "end") {
			stack = append(stack, open{line: i, height: 1, name: m[1]})
			continue
		}
		if len(stack) == 0 || "end"+stack[len(stack)-1].name != m[1] {
			continue // a close of none, or of another block: left as written
		}
		o := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		fence := strings.Repeat(":", 2+o.height)
		fences[o.line], fences[i] = fence, fence
		if len(stack) > 0 {
			stack[len(stack)-1].height = max(stack[len(stack)-1].height, o.height+1)
		}
	}
	return fences
}

// collect is lines without their line ends and blank ones.
func collect(lines []string) []string {
	var out []string
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// fenceOf is the fence a line opens or closes (``` or ~~~ and more), "";
// a line of code between backticks (```x()```) is none, as CommonMark
// reads it.
func fenceOf(trimmed string) string {
	for _, c := range []string{"`", "~"} {
		n := len(trimmed) - len(strings.TrimLeft(trimmed, c))
		if n >= 3 && !(c == "`" && strings.Contains(trimmed[n:], "`")) {
			return strings.Repeat(c, n)
		}
	}
	return ""
}

// gitbookArgs reads a tag's name="value" arguments.
func gitbookArgs(s string) map[string]string {
	args := map[string]string{}
	for _, m := range gitbookArg().FindAllStringSubmatch(s, -1) {
		args[strings.ToLower(m[1])] = html.UnescapeString(m[2])
	}
	return args
}

// hintKind is the callout a hint's style means.
func hintKind(style string) string {
	switch strings.ToLower(strings.TrimSpace(style)) {
	case "success":
		return "tip"
	case "warning":
		return "warning"
	case "danger":
		return "danger"
	case "info":
		return "info"
	}
	return "note"
}

// oneLineText is s on one line.
func oneLineText(s string) string { return strings.Join(strings.Fields(s), " ") }

// linkLineTo is a link to target on a line of its own, in words (the
// target's own name or address when there are none); "" for no target.
func linkLineTo(target, words string) string {
	target = strings.TrimSpace(target)
	if target == "" || strings.ContainsAny(target, "<>\n") {
		return ""
	}
	if words = oneLineText(words); words == "" {
		words = target
		if !strings.Contains(target, "://") {
			words = path.Base(target)
		}
	}
	return "[" + mdtext.Escape(words) + "](" + mdtext.LinkDest(target) + ")\n"
}

// markText keeps a line's coloured text as marked text, and a table
// row's paragraphs (GitBook writes a cell of several lines as
// <p>…<br>…</p>) as the lines of its cell.
func markText(line string) string {
	if strings.Contains(line, "<mark ") {
		line = markStyle().ReplaceAllString(line, "<mark>")
	}
	if strings.HasPrefix(strings.TrimSpace(line), "|") && strings.Contains(line, "<p>") {
		line = strings.NewReplacer("</p><p>", "<br>", "<p>", "", "</p>", "").Replace(line)
	}
	return line
}

// figureMarkdown is a GitBook figure (<figure><img src alt><figcaption>)
// as Markdown: each picture on a line of its own, then the caption, in
// italics; the figure as written when it holds no picture.
func figureMarkdown(fig string) string {
	nodes, err := html.ParseFragment(strings.NewReader(fig), &html.Node{Type: html.ElementNode, DataAtom: atom.Body, Data: "body"})
	if err != nil {
		return fig
	}
	var pics []string
	var caption strings.Builder
	var walk func(n *html.Node, inCaption bool)
	walk = func(n *html.Node, inCaption bool) {
		switch {
		case n.Type == html.ElementNode && n.DataAtom == atom.Img:
			src, alt := "", ""
			for _, a := range n.Attr {
				switch a.Key {
				case "src":
					src = strings.TrimSpace(a.Val)
				case "alt":
					alt = oneLineText(a.Val)
				}
			}
			if src != "" && !strings.ContainsAny(src, "<>\n") {
				pics = append(pics, "!["+mdtext.Escape(alt)+"]("+mdtext.LinkDest(strings.TrimPrefix(src, "./"))+")")
			}
		case n.Type == html.TextNode && inCaption:
			caption.WriteString(n.Data + " ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inCaption || n.Type == html.ElementNode && n.DataAtom == atom.Figcaption)
		}
	}
	for _, n := range nodes {
		walk(n, false)
	}
	if len(pics) == 0 {
		return fig
	}
	md := strings.Join(pics, "\n\n") + "\n"
	if c := oneLineText(caption.String()); c != "" {
		md += "\n*" + mdtext.Escape(c) + "*\n"
	}
	return md
}
