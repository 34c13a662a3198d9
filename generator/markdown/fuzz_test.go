package markdown

import (
	"strings"
	"testing"
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
	})
}
