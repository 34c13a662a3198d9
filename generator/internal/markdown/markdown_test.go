package markdown

import (
	"net/url"
	"strings"
	"testing"
)

func render(t *testing.T, opts Options, src string, resolve Resolver) Result {
	t.Helper()
	return New(opts).Render(Doc{File: "content/en/x.md", BodyLine: 5, Source: []byte(src), Resolve: resolve})
}

func TestRenderFeatures(t *testing.T) {
	res := render(t, Options{Typographer: true}, "## Café \"society\"\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1].\n\n[^1]: A note.\n\n- [x] done\n", nil)
	html := string(res.HTML)
	for _, want := range []string{`<h2 id="café-society">`, "&ldquo;society&rdquo;", "<table>", `class="footnote-ref"`, `type="checkbox"`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %q in\n%s", want, html)
		}
	}
	if len(res.Headings) != 1 || res.Headings[0].Line != 5 || res.Headings[0].Level != 2 {
		t.Errorf("headings %+v", res.Headings)
	}
	if !strings.Contains(res.Text, "A note.") || !strings.Contains(res.Text, "Café") {
		t.Errorf("plain text %q", res.Text)
	}
}

// TestChecklistBoxesHaveLabels: a task list's checkboxes are labelled by
// their item's words (Lighthouse's and axe's "label" rule failed on every
// lesson with a checklist).
func TestChecklistBoxesHaveLabels(t *testing.T) {
	res := render(t, Options{Typographer: true}, "- [x] Hours are *right* on the \"profile\"\n- [ ] Reviews <answered>\n", nil)
	for _, want := range []string{
		`<input checked="" disabled="" type="checkbox" aria-label="Hours are right on the “profile”" /> Hours are <em>right</em>`,
		`<input disabled="" type="checkbox" aria-label="Reviews" />`, // raw HTML is no part of the words
	} {
		if !strings.Contains(string(res.HTML), want) {
			t.Errorf("want %s in\n%s", want, res.HTML)
		}
	}
}

func TestHeadingIDsKeepEveryScript(t *testing.T) {
	res := render(t, Options{}, "## Що е профил\n\n## Що е профил\n", nil)
	if !strings.Contains(string(res.HTML), `id="що-е-профил"`) || !strings.Contains(string(res.HTML), `id="що-е-профил-1"`) {
		t.Errorf("ids: %s", res.HTML)
	}
}

// TestHeadingOffsetsCutTheTextIntoSections: each heading's offset is where
// its text starts in the plain text, so search can link to the section.
func TestHeadingOffsetsCutTheTextIntoSections(t *testing.T) {
	res := render(t, Options{}, "Intro *text*.\n\n## First part\n\nAlpha beta.\n\n### Sub {#sub}\n\n- gamma\n\n## Last\n\nOmega.\n", nil)
	if len(res.Headings) != 3 {
		t.Fatalf("headings %+v", res.Headings)
	}
	for i, h := range res.Headings {
		end := len(res.Text)
		if i+1 < len(res.Headings) {
			end = res.Headings[i+1].Offset
		}
		if !strings.HasPrefix(res.Text[h.Offset:end], h.Text+"\n") {
			t.Errorf("heading %q: section text %q", h.Text, res.Text[h.Offset:end])
		}
	}
	if got := res.Text[res.Headings[1].Offset:res.Headings[2].Offset]; got != "Sub\ngamma\n" {
		t.Errorf("section of Sub: %q", got)
	}
	if !strings.HasPrefix(res.Text, "Intro text.") || res.Headings[0].Offset != len("Intro text.\n") {
		t.Errorf("intro: %q, first offset %d", res.Text, res.Headings[0].Offset)
	}
}

// TestPlainTextReadsAsShown: search excerpts and summaries show the text as
// the page does, without backslash escapes or the typographer's entity names.
func TestPlainTextReadsAsShown(t *testing.T) {
	res := render(t, Options{Typographer: true}, "## A \\*star\\* heading\n\nIt's \"quoted\" \\_here\\_ -- and `a\\_b` &amp; &#233;...\n", nil)
	want := "A *star* heading\nIt’s “quoted” _here_ – and a\\_b & é…\n"
	if res.Text != want {
		t.Errorf("plain text %q, want %q", res.Text, want)
	}
	if res.Headings[0].Text != "A *star* heading" || res.Summary != "It’s “quoted” _here_ – and a\\_b & é…" {
		t.Errorf("heading %q, summary %q", res.Headings[0].Text, res.Summary)
	}
	// A hard line break is a space in plain text, as a soft one is.
	res = render(t, Options{}, "First line\\\nsecond line  \nthird line\n", nil)
	if res.Summary != "First line second line third line" {
		t.Errorf("summary %q", res.Summary)
	}
}

func TestLinksResolvedAndReported(t *testing.T) {
	resolve := func(dest string, image bool) (string, bool) {
		if dest == "other.md#part" {
			return "../other/#part", true
		}
		return dest, false
	}
	res := render(t, Options{}, "See [other](other.md#part), [missing](nope.md), [web](https://example.org) and ![alt text](pic.png).\n", resolve)
	html := string(res.HTML)
	if !strings.Contains(html, `href="../other/#part"`) {
		t.Errorf("resolved link missing: %s", html)
	}
	var broken, images int
	for _, l := range res.Links {
		if l.Relative && !l.Resolved {
			broken++
		}
		if l.Image && l.Alt == "alt text" {
			images++
		}
	}
	if broken != 2 || images != 1 {
		t.Errorf("links %+v", res.Links)
	}
}

func TestUnsafeContentNeutralised(t *testing.T) {
	src := "<script>alert(1)</script>\n\n[a](javascript:alert(1)) [b](JaVaScRiPt:x) [c](data:text/html;base64,xx) <img src=x onerror=y>\n\n## H {onclick=\"z()\" .ok}\n"
	res := render(t, Options{}, src, nil)
	html := string(res.HTML)
	for _, bad := range []string{"<script>", "javascript:", "JaVaScRiPt:", "data:text/html", "<img", "onclick"} {
		if strings.Contains(html, bad) {
			t.Errorf("unsafe %q rendered:\n%s", bad, html)
		}
	}
	if !strings.Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;") || !strings.Contains(html, `class="ok"`) {
		t.Errorf("raw HTML should be shown as text:\n%s", html)
	}
	if len(res.Diags) < 4 {
		t.Errorf("want warnings for each, got %v", res.Diags)
	}
	if got := render(t, Options{UnsafeHTML: true}, "<b>bold</b>\n", nil); !strings.Contains(string(got.HTML), "<b>bold</b>") {
		t.Errorf("unsafeHTML should pass HTML through: %s", got.HTML)
	}
}

func TestVideoEmbedsLoadNothingUntilAsked(t *testing.T) {
	src := "https://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n[Our webinar](https://vimeo.com/123456789)\n\nhttps://video.example.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d\n\nInline https://www.youtube.com/watch?v=dQw4w9WgXcQ stays a link.\n\n{{< youtube dQw4w9WgXcQ >}}\n\n{{< figure src=x >}}\n"
	res := render(t, Options{}, src, nil)
	html := string(res.HTML)
	if n := strings.Count(html, `<figure class="embed"`); n != 4 {
		t.Errorf("%d embeds, want 4:\n%s", n, html)
	}
	for _, want := range []string{`data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"`, `data-embed-src="https://player.vimeo.com/video/123456789?dnt=1"`, "Our webinar", `https://video.example.org/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %q", want)
		}
	}
	if strings.Contains(html, "<iframe") {
		t.Error("an iframe loads the video host before the reader asks")
	}
	// The youtube shortcode is read, with a warning; Hugo's figure is a picture (issue 15).
	if len(res.Diags) != 1 || !strings.Contains(res.Diags[0].Message, "youtube") || !strings.Contains(html, `<figure class="figure"><img src="x"`) {
		t.Errorf("shortcode warnings: %v\n%s", res.Diags, html)
	}
}

// A video's captions are a WebVTT file of its name beside it: the player
// offers them in the page's language; a video without one has no track.
// Its poster, shown before it plays, is a picture of its name beside it.
func TestVideoCaptionsBesideIt(t *testing.T) {
	files := map[string]bool{"till one.mp4": true, "till one.vtt": true, "till one.png": true, "till one.webp": true, "door.webm": true, "door.bmp": true}
	resolve := func(dest string, _ bool) (string, bool) {
		name, _ := url.PathUnescape(dest)
		return "../" + dest, files[name]
	}
	res := New(Options{}).Render(Doc{File: "content/de/x.md", Source: []byte("[Die Kasse](till%20one.mp4)\n\n[Die Tür](door.webm)\n"), Resolve: resolve, Lang: "de"})
	html := string(res.HTML)
	for _, want := range []string{
		`<video controls preload="none" src="../till%20one.mp4" poster="../till%20one.png"><track kind="captions" src="../till%20one.vtt" srclang="de" /></video>`,
		`<video controls preload="none" src="../door.webm"></video>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
}

// A page's first picture loads at once (it may be the first thing seen);
// the others load as the reader scrolls near them.
func TestPicturesAfterTheFirstLoadLazily(t *testing.T) {
	html := string(render(t, Options{}, "![Shop](a.png)\n\nText.\n\n![Till](b.png) and ![Card](c.png)\n", nil).HTML)
	for _, want := range []string{`<img src="a.png" alt="Shop" />`, `<img src="b.png" alt="Till" loading="lazy" />`, `<img src="c.png" alt="Card" loading="lazy" />`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
}

// A picture of the site is written with its size, which the site gives,
// so that the text under it keeps its place while it loads, and with its
// smaller copies as its srcset (sizes "auto" only where it loads lazily,
// spaces in an address escaped);
// a picture the site does not hold, or whose size it cannot tell, is
// written without.
func TestPicturesOfTheSiteHaveTheirSize(t *testing.T) {
	resolve := func(dest string, _ bool) (string, bool) { return "../" + dest, dest != "gone.png" }
	var asked []string
	picture := func(dest string) (Picture, bool) {
		asked = append(asked, dest)
		switch dest {
		case "shop.png":
			return Picture{Width: 800, Height: 600}, true
		case "big.jpg":
			return Picture{Width: 4000, Height: 3000, Smaller: []Copy{{"../_p/big.960w.jpg", 960}, {"../_p/big.1440w.jpg", 1440}}}, true
		case "big photo.jpg":
			return Picture{Width: 4000, Height: 3000, Smaller: []Copy{{"../_p/big photo.960w.jpg", 960}}}, true
		case "scan.jpg": // a copy as wide as the picture, lighter
			return Picture{Width: 801, Height: 599, Smaller: []Copy{{"../_p/scan.801w.jpg", 801}}}, true
		}
		return Picture{}, false
	}
	src := "![Shop](shop.png)\n\n![Till](till.svg) ![Gone](gone.png) ![Sun](https://example.org/sun.png)\n\n![Big](big.jpg)\n"
	html := string(New(Options{}).Render(Doc{File: "x.md", Source: []byte(src), Resolve: resolve, Picture: picture}).HTML)
	for _, want := range []string{`<img src="../shop.png" alt="Shop" width="800" height="600" />`, `<img src="../till.svg" alt="Till" loading="lazy" />`,
		`<img src="../gone.png" alt="Gone" loading="lazy" />`, `<img src="https://example.org/sun.png" alt="Sun" loading="lazy" />`,
		`<img src="../big.jpg" alt="Big" srcset="../_p/big.960w.jpg 960w, ../_p/big.1440w.jpg 1440w, ../big.jpg 4000w" sizes="auto, 100vw" width="4000" height="3000" loading="lazy" />`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
	if strings.Join(asked, " ") != "shop.png till.svg big.jpg" {
		t.Errorf("asked of %q: want the pictures the site holds", asked)
	}
	first := string(New(Options{}).Render(Doc{File: "x.md", Source: []byte("![Big](<big photo.jpg>)\n"), Resolve: resolve, Picture: picture}).HTML)
	if !strings.Contains(first, `srcset="../_p/big%20photo.960w.jpg 960w, ../big%20photo.jpg 4000w" sizes="100vw" width="4000" height="3000" />`) {
		t.Errorf("the first picture, loaded at once: %s", first)
	}
	scan := string(New(Options{}).Render(Doc{File: "x.md", Source: []byte("![Scan](scan.jpg)\n"), Resolve: resolve, Picture: picture}).HTML)
	if !strings.Contains(scan, `<img src="../scan.jpg" alt="Scan" srcset="../_p/scan.801w.jpg 801w" sizes="100vw" width="801" height="599" />`) {
		t.Errorf("a picture whose copy is as wide: %s", scan)
	}
}

// A table's empty corner (an empty cell of the header row) is a <td>: a
// header with no words names nothing (axe: empty-table-header); the other
// header cells stay <th>, aligned as written.
func TestEmptyHeaderCellIsNoHeader(t *testing.T) {
	html := string(render(t, Options{}, "| | Monday | Tuesday |\n|---|:-:|--:|\n| Morning | shop | market |\n", nil).HTML)
	want := "<thead>\n<tr>\n<td></td>\n<th align=\"center\">Monday</th>\n<th align=\"right\">Tuesday</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>Morning</td>\n<td align=\"center\">shop</td>\n"
	if !strings.Contains(html, want) {
		t.Errorf("got\n%s\nwant\n%s", html, want)
	}
}

// A link to a sound or video file of the site alone in its paragraph
// plays on the page (the browser's own player, nothing loaded until asked,
// the file to download below it); a file on another host, a link in a
// sentence and a script address stay what they were.
func TestMediaLinksPlay(t *testing.T) {
	src := "[Listen: the greeting](greeting%20one.MP3)\n\n[](talk.ogg)\n\n[The till, step by step](till.mp4)\n\n[Elsewhere](https://example.org/a.mp3)\n\nSay [hello](hi.mp3) first.\n\n[x](javascript:alert(1)//.mp3)\n"
	res := render(t, Options{}, src, nil)
	html := string(res.HTML)
	for _, want := range []string{
		`<figure class="figure audio"><audio controls preload="none" src="greeting%20one.MP3"></audio><figcaption><a href="greeting%20one.MP3" download>Listen: the greeting</a></figcaption></figure>`,
		`<audio controls preload="none" src="talk.ogg"></audio><figcaption><a href="talk.ogg" download>talk.ogg</a>`,
		`<figure class="figure video"><video controls preload="none" src="till.mp4"></video><figcaption><a href="till.mp4" download>The till, step by step</a>`,
		`<a href="https://example.org/a.mp3">Elsewhere</a>`, `Say <a href="hi.mp3">hello</a> first.`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
	if n := strings.Count(html, "<audio"); n != 2 || strings.Contains(html, "javascript") {
		t.Errorf("%d sound players, or a script address:\n%s", n, html)
	}
}

// Without unsafeHTML, bare <sup>, <sub>, <kbd> and <mark> tags closed in the same
// paragraph, cell or emphasis, and <br>, are kept; a tag left open, closed
// across an emphasis, or carrying an attribute is shown as text, with a
// warning each.
func TestBareInlineTagsKept(t *testing.T) {
	src := "12 m<sup>2</sup>, the 1<SUP>st</SUP>, H<sub>2</sub>O, *R*<sup>*j*</sup>, press <kbd>Ctrl</kbd>+<kbd>C</kbd>, <mark>**never**</mark>, <sup>a *<kbd>b</kbd>* c</sup>.\n\n" +
		"| a | b |\n|---|---|\n| one<br>two | x<br/>y<br />z |\n\n" +
		"left <sup>open\n\n*across <sub>an* emphasis</sub>, <kbd><sup>nested</sup></kbd>, <sup title=\"x\">attr</sup>, <sup><sub>crossed</sup></sub>.\n"
	res := render(t, Options{}, src, nil)
	html := string(res.HTML)
	for _, want := range []string{
		"12 m<sup>2</sup>, the 1<sup>st</sup>, H<sub>2</sub>O, <em>R</em><sup><em>j</em></sup>, press <kbd>Ctrl</kbd>+<kbd>C</kbd>, <mark><strong>never</strong></mark>, <sup>a <em><kbd>b</kbd></em> c</sup>.",
		"<td>one<br />two</td>", "<td>x<br />y<br />z</td>",
		"left &lt;sup&gt;open", "<em>across &lt;sub&gt;an</em> emphasis&lt;/sub&gt;", "<kbd><sup>nested</sup></kbd>",
		"&lt;sup title=&#34;x&#34;&gt;attr&lt;/sup&gt;", "&lt;sup&gt;<sub>crossed&lt;/sup&gt;</sub>",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("want %s in:\n%s", want, html)
		}
	}
	if n := len(res.Diags); n != 7 {
		t.Errorf("%d warnings, want 7 (open, across twice, attr twice, crossed twice): %v", n, res.Diags)
	}
}
