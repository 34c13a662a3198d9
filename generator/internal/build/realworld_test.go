package build_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/diag"
)

// realWorld is Markdown as it arrives from other tools and editors.
func realWorld() map[string]string {
	var table strings.Builder
	table.WriteString("---\ntitle: Huge table\n---\n| " + strings.Repeat("col | ", 40) + "\n|" + strings.Repeat("---|", 40) + "\n")
	for i := 0; i < 3000; i++ {
		table.WriteString("| " + strings.Repeat("cell | ", 40) + "\n")
	}
	return map[string]string{
		"html-blocks.md":   "---\ntitle: HTML blocks\n---\n<div class=\"note\">\n<p>Inside <b>HTML</b></p>\n</div>\n\n<!-- a comment -->\n\n<iframe src=\"https://example.org\"></iframe>\n",
		"jsx.md":           "---\ntitle: JSX\n---\nimport Tabs from '@theme/Tabs';\n\n<Tabs>\n  <TabItem value=\"a\">A</TabItem>\n</Tabs>\n\n<Callout type=\"warning\">Careful</Callout>\n",
		"shortcodes.md":    "---\ntitle: Shortcodes\n---\n{{< youtube dQw4w9WgXcQ >}}\n\n{{% notice info %}}Hugo notice{{% /notice %}}\n\n{% include note.html %}\n\n:::tip\nDocusaurus admonition\n:::\n",
		"huge-table.md":    table.String(),
		"long-line.md":     "---\ntitle: Long line\n---\n" + strings.Repeat("word ", 200000) + "\n",
		"empty.md":         "",
		"only-fm.md":       "---\ntitle: Only front matter\n---\n",
		"bom-crlf.md":      "\xEF\xBB\xBF---\r\ntitle: BOM and CRLF\r\n---\r\nLine one\r\n\r\n## Heading\r\n",
		"mixed-eol.md":     "---\ntitle: Mixed\r\n---\nA\rB\r\nC\n",
		"deep-nesting.md":  "---\ntitle: Nesting\n---\n" + strings.Repeat("> ", 500) + "deep\n\n" + strings.Repeat("- ", 200) + "list\n",
		"weird-links.md":   "---\ntitle: Links\n---\n[a](<spaces in name.md>) [b](../../../../etc/passwd) [c](javascript&#58;alert(1)) ![](data:image/svg+xml;base64,PHN2Zz4=) [d](%2e%2e/%2e%2e/x)\n",
		"fence-words.md":   "---\ntitle: Fences\n---\n```js title=\"app.js\" {1,3}\nconsole.log(1)\n```\n\n~~~\nunclosed fence\n",
		"heading-attrs.md": "---\ntitle: Attributes\n---\n## Title {#custom .cls data-x=1}\n",
		"emoji-rtl.md":     "---\ntitle: \"Emoji 🎉 and עברית\"\n---\nمرحبا 👋🏽 \u200f text\n",
	}
}

func TestRealWorldMarkdownBuildsOrFailsByFile(t *testing.T) {
	dir := writeSite(t, baseConfig)
	for name, body := range realWorld() {
		p := filepath.Join(dir, "content", "en", name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Three files go over the default limits: one error each, named by file.
	_, err := build.Build(context.Background(), build.Options{Source: dir, Now: now})
	if err == nil {
		t.Fatal("three files go over the default limits; want an error")
	}
	var files []string
	for _, d := range build.Diagnostics(err) {
		files = append(files, d.File)
	}
	if want := "content/en/deep-nesting.md content/en/huge-table.md content/en/long-line.md"; strings.Join(files, " ") != want {
		t.Fatalf("want one error naming each of %s, got %v", want, err)
	}
	// raised limits let the rest through
	cfg, _ := os.ReadFile(filepath.Join(dir, "config.toml"))
	cfg = append(cfg, "[limits]\nfileBytes = 2_000_000\nlineBytes = 2_000_000\ntableCells = 200_000\nnestingDepth = 1000\n"...)
	os.WriteFile(filepath.Join(dir, "config.toml"), cfg, 0o644)
	// empty.md has no title: it takes its file name's, with a warning (issue 15).
	res := buildSite(t, dir)
	if !hasWarning(res.Diags, "content/en/empty.md", `"Empty", made from its file name`) {
		t.Errorf("no warning for the title made from the file name: %v", res.Diags.Warnings())
	}
	for _, d := range res.Diags {
		if d.File == "" || !strings.HasPrefix(d.File, "content/en/") {
			t.Errorf("warning without a content file: %v", d)
		}
	}
	warned := map[string]bool{}
	for _, d := range res.Diags.Warnings() {
		warned[filepath.Base(d.File)] = true
	}
	for _, f := range []string{"html-blocks.md", "jsx.md", "shortcodes.md", "heading-attrs.md"} {
		if !warned[f] {
			t.Errorf("no warning for %s", f)
		}
	}
	html := read(t, dir, "en/html-blocks/index.html")
	if strings.Contains(html, "<iframe") || !strings.Contains(html, "&lt;iframe") {
		t.Error("raw HTML from content must be shown as text")
	}
	assertContains(t, dir, "en/shortcodes/index.html", `data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"`,
		`<div class="callout callout-info" role="note">`, `<div class="callout callout-tip" role="note">`)
	assertNotContains(t, dir, "en/weird-links/index.html", "javascript:", "etc/passwd\"")
	assertContains(t, dir, "en/bom-crlf/index.html", "BOM and CRLF", `id="heading"`)

	// a file in Latin-1 fails the build with its name and line, and nothing else does
	os.WriteFile(filepath.Join(dir, "content/en/latin1.md"), []byte("---\ntitle: Caf\xe9\n---\n"), 0o644)
	_, err = build.Build(context.Background(), build.Options{Source: dir, Now: now})
	var only diag.List = build.Diagnostics(err)
	if len(only) != 1 || only[0].File != "content/en/latin1.md" || only[0].Line != 2 {
		t.Fatalf("want one error at content/en/latin1.md:2, got %v", err)
	}
}
