package markdown

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// FuzzRender renders arbitrary Markdown: no panic, no script or javascript:
// link in the output when raw HTML is off.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"# Title\n\ntext [link](a.md) ![img](b.png)\n",
		"<script>x</script>\n\n[a](javascript:alert(1))",
		"| a | b |\n|---|---|\n| 1 | 2 |\n",
		"text[^1]\n\n[^1]: note",
		"## H {#id onclick=x}\n",
		"https://www.youtube.com/watch?v=abcdefghijk\n",
		"{{< youtube abcdefghijk >}} {{% notice %}}",
		"```go extra words\ncode\n```\n",
		"<Callout type=\"x\">jsx</Callout>\n",
		":::tip Title\nBody\n:::warning\nin\n:::\n:::\n::::note\n```\n:::\n```\n",
		"> [!WARNING]\n> x\n\n> [!tip]- t\n",
		"!!! note \"T\"\n    body\n\n??? tip\n    x\n/// details | T\n    type: tip\nx\n///\n",
		"[a]({{< ref \"x.md\" >}}) {{< figure src=\"p.png\" >}} {{% notice info \"T\" %}}x{{% /notice %}}\n{{< highlight go >}}\nx\n{{< /highlight >}}\n",
		"{{</* x */>}} {{< param \"a\" >}} {% link a.md %} {% raw %}{{ site.x }}{% endraw %}\n<!--more-->\n",
		"{{</*/>}} {{% /*/ %}}\n", // comment marks that overlap: a panic once
		"m<sup>2</sup> *<sub>a* b</sub> <kbd><sup>x</kbd></sup> <br> <SUP >y</sup>\n",
		"a ___ b `___` ![x ___](y.png) [___](z) ___\n> *___* ____a ä___ ___.\n| ___ | x |\n|---|---|\n",
		"[a](@/x.md#y) {{ youtube(id=\"abc\", autoplay=true) }}\n{% note(header=\"H\") %}\nx {% end %}\n{% details(summary='s') %}y{% end %}\n{{ gist(url=\"https://gist.github.com/a/b\") }} {% end %}\n",
	} {
		f.Add(s)
	}
	r := New(Options{Typographer: true})
	f.Fuzz(func(t *testing.T, src string) {
		res := r.Render(Doc{File: "f.md", BodyLine: 1, Source: []byte(src), Resolve: func(d string, _ bool) (string, bool) { return d, false }})
		low := strings.ToLower(string(res.HTML))
		if strings.Contains(low, "<script") || strings.Contains(low, `href="javascript:`) || strings.Contains(low, `src="javascript:`) {
			t.Fatalf("unsafe output for %q:\n%s", src, res.HTML)
		}
		for _, d := range res.Diags {
			if d.Message == "" {
				t.Fatal("diagnostic without message")
			}
		}
		for _, tag := range pairedTags { // the bare tags kept are paired (tags.go)
			if o, c := strings.Count(low, "<"+tag+">")+strings.Count(low, "<"+tag+" "), strings.Count(low, "</"+tag+">"); o != c { // footnotes' <sup id=...>
				t.Fatalf("%d <%s> and %d </%s> for %q:\n%s", o, tag, c, tag, src, res.HTML)
			}
		}
	})
}

// FuzzPlainParserMatchesGFM: a document without anything GFM would turn into
// a link renders the same without the autolink parser.
func FuzzPlainParserMatchesGFM(f *testing.F) {
	for _, s := range []string{
		"Plain *text* with _emphasis_, ~~strike~~ and (brackets).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\nNote[^1].\n\n[^1]: Here.\n",
		"Write to tutor@example.org or see https://example.org and www.example.org.\n",
		"ftp:/ not a link; http: neither; wwwexample.org; a@b\n",
		"# Heading {#id}\n\n> quote *with* (parens ~x~)\n",
	} {
		f.Add(s)
	}
	r := New(Options{Typographer: true})
	f.Fuzz(func(t *testing.T, s string) {
		src := []byte(s)
		if mayAutolink(src) || bytes.IndexByte(src, '\r') >= 0 { // content files reach Markdown with \n line ends only
			return
		}
		var full, plain bytes.Buffer
		for _, c := range []struct {
			md  goldmark.Markdown
			out *bytes.Buffer
		}{{r.md, &full}, {r.plain, &plain}} {
			root := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext(parser.WithIDs(newIDs()))))
			if err := r.md.Renderer().Render(c.out, src, root); err != nil {
				t.Fatal(err)
			}
		}
		// The autolink parser splits text at every space, and goldmark then
		// keeps some white space at the end of a line that it strips
		// otherwise (as CommonMark says); browsers show both the same.
		if trailingBlanks.ReplaceAllString(full.String(), "$1") != trailingBlanks.ReplaceAllString(plain.String(), "$1") {
			t.Fatalf("%q:\nwith autolinks %s\nwithout %s", s, full.String(), plain.String())
		}
	})
}

var trailingBlanks = regexp.MustCompile(`[ \t]+(\n|<br />)`)

func TestBareAddressesAreLinked(t *testing.T) {
	html := string(render(t, Options{}, "Write to tutor@example.org, see https://example.org/a and www.example.org.\n", nil).HTML)
	for _, want := range []string{`<a href="mailto:tutor@example.org">`, `<a href="https://example.org/a">`, `<a href="http://www.example.org">`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
}

// TestRenderFailureCostsOnePage: a panic inside the renderer (here from
// the page's link resolver) becomes an error naming the page, not a crash.
func TestRenderFailureCostsOnePage(t *testing.T) {
	r := New(Options{})
	res := r.Render(Doc{File: "content/en/p.md", BodyLine: 4, Source: []byte("See [the next lesson](02-next.md).\n"),
		Resolve: func(string, bool) (string, bool) { panic("boom") }})
	if len(res.Diags) != 1 || !res.Diags.HasErrors() || res.Diags[0].File != "content/en/p.md" || !strings.Contains(res.Diags[0].Message, "boom") {
		t.Fatalf("diagnostics: %v", res.Diags)
	}
}
