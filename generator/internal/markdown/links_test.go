package markdown

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"

	"github.com/oersite/oersite/generator/internal/browsertest"
)

// hostileLinks are links that would run a script or load a document of the
// author's making, spelt the ways browsers still read them: entities,
// percent-encoding, white space, every kind of Markdown link, and raw HTML
// (with unsafeHTML) in the attributes that hold addresses, including
// constructs spread over several raw HTML blocks.
var hostileLinks = []string{
	"<javascript:alert(1)>",
	"[e](javascript&colon;alert(1))",
	"![f](javascript&#58;alert(1))",
	"[r]\n\n[r]: javascript&#x3a;alert(1)",
	"![r2]\n\n[r2]: javascript&#x3a;alert(1)",
	"[p](javascript%3Aalert(1))",
	"[t](jav&#x09;ascript:alert(1))",
	"[u](&#x6A;avascript:alert(1))",
	"[v](JAVASCRIPT&#x3A;alert(1))",
	"[w](<javascript:alert(1)>)",
	"[y](vbscript:msgbox(1))",
	"[z](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
	`Inline <a href="javascript:alert(1)">a</a> link.`,
	`<a href="jav&#x61;script&colon;alert(1)">b</a>`,
	"<a href=\"  javascript:alert(1)\">c</a>\n",
	`<a href="java&#x09;script:alert(1)">c2</a>`,
	`<a href="javascript%3aalert(1)">c3</a>`,
	`<img src="javascript:alert(1)">`,
	`<img srcset="x.png 1x, javascript:alert(1) 2x">`,
	`<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button></form>`,
	`<svg><a xlink:href="javascript:alert(1)"><text y="20">svg</text></a></svg>`,
	`<svg><a href="javascript:alert(1)"><text y="20">svg2</text></a></svg>`,
	`<iframe src="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>`,
	`<object data="javascript:alert(1)"></object>`,
	`<math href="javascript:alert(1)"><mi>m</mi></math>`,
	`<svg><animate attributeName="href" values="x;javascript:alert(1)"/></svg>`,
	"<style><!--</style><svg><![CDATA[><!--]]><a href=\"javascript:alert(1)\"><text>x</text></a></svg>-->",
	"<div title=\"\n\n\"><a href=\"javascript:alert(1)\">split</a>",
	"<iframe title=\"\n\n<div title=\" src=javascript:alert(1) x=\"y\">",
	"<div>\n<!--\n\n<p title=\"-->\"><a href=javascript:alert(1)>after a comment</a>\n",
	"<a href=\"javascript:alert(1)\"\n\ntitle=x>spread</a>",
	// links made by other tools' syntax
	`{{< figure src="javascript:alert(1)" caption="c" >}}`,
	`{{< figure src="x.png" link="javascript&colon;alert(1)" >}}`,
	":::note [t](javascript:alert(1))\nbody\n:::",
	"> [!TIP]\n> [v](jav&#x61;script:x)",
}

// markdownDefuses are hostile links that Markdown itself turns into text
// (a blank line ends the raw HTML before the tag is complete): nothing to
// report.
var markdownDefuses = map[string]bool{
	"<div title=\"\n\n\"><a href=\"javascript:alert(1)\">split</a>": true,
	"<a href=\"javascript:alert(1)\"\n\ntitle=x>spread</a>":         true,
}

// urlAttrsForTest are the attributes a browser reads as addresses.
var urlAttrsForTest = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "srcset": true, "data": true, "poster": true, "values": true, "to": true, "from": true, "background": true, "cite": true, "ping": true}

// liveScriptLinks parses out as a browser would and returns the address
// attributes that would run a script or open a document of the author's.
func liveScriptLinks(t testing.TB, out []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	var bad []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if !urlAttrsForTest[strings.ToLower(a.Key)] {
					continue
				}
				for _, part := range strings.FieldsFunc(a.Val, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\t' }) {
					if scriptScheme(part) {
						bad = append(bad, n.Data+" "+a.Key+"="+a.Val)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return bad
}

// scriptScheme is the test's own reading of an address: white space and
// controls dropped, percent-encoding decoded, scheme compared without case.
func scriptScheme(v string) bool {
	s := strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, v)
	if u, err := url.PathUnescape(s); err == nil {
		s = u
	}
	s = strings.ToLower(s)
	return strings.HasPrefix(s, "javascript:") || strings.HasPrefix(s, "vbscript:") || strings.HasPrefix(s, "data:text") || strings.HasPrefix(s, "data:application")
}

// TestScriptLinksNeverLiveWithRawHTMLOn: with unsafeHTML = true, no
// spelling of a script link stays live, and each is reported; a warning
// never says "removed" about a link that is still there.
func TestScriptLinksNeverLiveWithRawHTMLOn(t *testing.T) {
	for _, unsafe := range []bool{true, false} {
		r := New(Options{UnsafeHTML: unsafe})
		for _, src := range hostileLinks {
			res := r.Render(Doc{File: "content/en/x.md", BodyLine: 5, Source: []byte(src + "\n"), Resolve: func(d string, _ bool) (string, bool) { return "", false }})
			if bad := liveScriptLinks(t, res.HTML); len(bad) > 0 {
				t.Errorf("unsafeHTML=%v %q: live %v in\n%s\nwarnings: %v", unsafe, src, bad, res.HTML, res.Diags)
			}
			if len(res.Diags) == 0 && !markdownDefuses[src] {
				t.Errorf("unsafeHTML=%v %q: no warning", unsafe, src)
			}
			for _, d := range res.Diags {
				if d.File != "content/en/x.md" || d.Line < 5 {
					t.Errorf("unsafeHTML=%v %q: warning without file and line: %v", unsafe, src, d)
				}
			}
		}
	}
	// what is harmless stays as it was
	r := New(Options{UnsafeHTML: true})
	for src, want := range map[string]string{
		"<b>bold</b> and <a href=\"https://example.org/\">a link</a>\n":  `<b>bold</b> and <a href="https://example.org/">a link</a>`,
		"<div class=\"box\">\n\n*Markdown* inside\n\n</div>\n":           "<div class=\"box\">\n<p><em>Markdown</em> inside</p>\n</div>",
		"<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\">\n": `<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">`,
		"[page](other.md) <https://example.org/x>\n":                     `<a href="https://example.org/x">`,
		"<textarea>\n<a href=\"javascript:x\">\n</textarea>\n":           "", // text inside a textarea is no link: checked below
	} {
		res := r.Render(Doc{File: "content/en/x.md", BodyLine: 1, Source: []byte(src)})
		if !strings.Contains(string(res.HTML), want) {
			t.Errorf("%q became\n%s", src, res.HTML)
		}
		if len(res.Diags) > 0 {
			t.Errorf("%q: warnings %v", src, res.Diags)
		}
	}
}

// TestScriptLinksNeverLiveInChromium renders every hostile link with raw
// HTML on and asks Chromium, which parses the page for real, whether any
// element's address would run a script.
func TestScriptLinksNeverLiveInChromium(t *testing.T) {
	ctx := browsertest.New(t)
	r := New(Options{UnsafeHTML: true})
	var doc bytes.Buffer
	doc.WriteString("<!doctype html><html><body>\n")
	for _, src := range hostileLinks {
		res := r.Render(Doc{File: "x.md", BodyLine: 1, Source: []byte(src + "\n")})
		doc.WriteString("<section>\n")
		doc.Write(res.HTML)
		doc.WriteString("\n</section>\n")
	}
	doc.WriteString("<p id=end>end</p></body></html>\n")
	file := filepath.Join(t.TempDir(), "links.html")
	if err := os.WriteFile(file, doc.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	tab := browsertest.Tab(t, ctx)
	// A script that runs opens a dialog (alert): close it and count it.
	dialogs := make(chan string, 64)
	if err := chromedp.Listen(tab, func(ev any) {
		if d, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			select {
			case dialogs <- d.Message:
			default:
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	var ran atomic.Int32
	go func() {
		for range dialogs {
			ran.Add(1)
			_ = chromedp.Do(tab, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
				return err
			}))
		}
	}()
	if err := chromedp.Do(tab, chromedp.Navigate("file://"+file)); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if n := ran.Load(); n > 0 {
			t.Errorf("%d script(s) of the hostile links ran (dialogs opened)", n)
		}
	}()
	live, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`(function () {
  var out = [];
  var names = ["href", "src", "action", "formaction", "srcset", "data", "poster", "values", "to", "from", "xlink:href"];
  document.querySelectorAll("*").forEach(function (el) {
    Array.from(el.attributes).forEach(function (a) {
      if (names.indexOf(a.name.toLowerCase()) < 0) { return; }
      a.value.split(/[,; ]+/).forEach(function (part) {
        var p;
        try { p = new URL(part, document.baseURI).protocol; } catch (e) { return; }
        if (p === "javascript:" || p === "vbscript:" || (p === "data:" && !/^\s*data:image\//i.test(part))) {
          out.push(el.tagName + " " + a.name + "=" + a.value);
        }
      });
    });
  });
  return out;
})()`))
	if err != nil {
		t.Fatal(err)
	}
	if len(live) > 0 {
		t.Errorf("Chromium reads live script links: %v", live)
	}
	if ok, _ := chromedp.Run(tab, chromedp.Evaluate[bool](`document.getElementById("end") !== null`)); !ok {
		t.Error("the hostile HTML swallowed the rest of the page")
	}
}

// FuzzRenderRawHTML renders arbitrary Markdown with raw HTML on: no panic,
// and no address in the output that would run a script.
func FuzzRenderRawHTML(f *testing.F) {
	for _, s := range hostileLinks {
		f.Add(s)
	}
	f.Add("<b>bold</b> <a href=\"https://example.org\">x</a>\n\n<div>\n*md*\n</div>\n")
	r := New(Options{UnsafeHTML: true, Typographer: true})
	f.Fuzz(func(t *testing.T, src string) {
		res := r.Render(Doc{File: "f.md", BodyLine: 1, Source: []byte(src), Resolve: func(d string, _ bool) (string, bool) { return d, false }})
		if bad := liveScriptLinks(t, res.HTML); len(bad) > 0 {
			t.Fatalf("live %v for %q:\n%s", bad, src, res.HTML)
		}
	})
}

// BenchmarkRenderRawHTML measures what checking raw HTML for script links
// costs a page with raw HTML (unsafeHTML = true) against one without the
// check's parse (unsafeHTML = false, raw HTML shown as text).
func BenchmarkRenderRawHTML(b *testing.B) {
	var src strings.Builder
	for i := 0; i < 20; i++ {
		src.WriteString("## Part\n\nSome *text* with a [link](https://example.org/) and <b>bold</b> words.\n\n<div class=\"box\">\n<p>A box with <a href=\"https://example.org/x\">a link</a>.</p>\n</div>\n\n")
	}
	for _, unsafe := range []bool{false, true} {
		r := New(Options{UnsafeHTML: unsafe})
		b.Run(map[bool]string{false: "escaped", true: "checked"}[unsafe], func(b *testing.B) {
			b.SetBytes(int64(src.Len()))
			for b.Loop() {
				r.Render(Doc{File: "x.md", BodyLine: 1, Source: []byte(src.String())})
			}
		})
	}
}
