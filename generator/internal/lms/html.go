package lms

import (
	"bytes"
	_ "embed"
	"html/template"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"

	"golang.org/x/net/html"

	"github.com/oersite/oersite/generator/internal/i18n"
	"github.com/oersite/oersite/generator/internal/site"
)

//go:embed assets/lesson.html
var lessonTemplate string

//go:embed assets/package.css
var packageCSS string

//go:embed assets/lesson.js
var lessonJS string

// pageTemplate renders the package's lesson pages.
var pageTemplate = sync.OnceValue(func() *template.Template { return template.Must(template.New("lesson").Parse(lessonTemplate)) })

// lessonView is what a lesson page of a package shows.
type lessonView struct {
	Lang, Dir       string
	Title, Module   string
	Position        string
	Lead            string
	Objectives      []string
	ObjectivesLabel string
	Content         template.HTML
	Downloads       []link
	DownloadsLabel  string
	Prev, Next      *link
	PagerLabel      string
	Licence         licenceView
	Report          bool // a SCORM lesson tells the package's launcher what the learner did
	Number          int
	CSS             template.CSS
	JS              template.JS
}

type link struct{ Href, Text string }

// licenceView is the TASL line of the module: Line is the sentence of the
// package's language cut at its slots (title, authors, licence).
type licenceView struct {
	Line                      []i18n.Part
	Title, Authors, Name, URL string
}

// writePages renders the introduction and every lesson as an HTML page
// that stands on its own: styles and script inside, images and downloads
// beside it in the package.
func (b *bundle) writePages() error {
	units := b.units()
	for i := range units {
		u := &units[i]
		body, uses, err := b.rewrite(u.page)
		if err != nil {
			return err
		}
		if i == 0 {
			for _, d := range b.downloads {
				if !slices.Contains(uses, d.file) {
					uses = append(uses, d.file)
				}
			}
		}
		u.uses = uses
		v := b.view(units, i, body)
		var buf bytes.Buffer
		if err := pageTemplate().Execute(&buf, v); err != nil {
			return err
		}
		b.files[u.file] = buf.Bytes()
	}
	b.about, b.lessons = units[0], units[1:]
	return nil
}

// script is what a package page runs: the theme's quiz script, then the
// bridge to a SCORM launcher.
func (k *Packer) script() template.JS {
	js := k.quiz
	if js != "" && !strings.HasSuffix(js, "\n") {
		js += "\n"
	}
	return template.JS(inlineScript(js + lessonJS))
}

// inlineScript makes a script safe inside <script>…</script>: a "</script"
// in any case would end the element early, so its slash is escaped ("<\/"
// means the same in JavaScript strings, regular expressions and comments).
func inlineScript(js string) string {
	var b strings.Builder
	for {
		i := strings.Index(strings.ToLower(js), "</script")
		if i < 0 {
			b.WriteString(js)
			return b.String()
		}
		b.WriteString(js[:i+1])
		b.WriteString(`\/`)
		js = js[i+2:]
	}
}

// view is the lesson view of units[i].
func (b *bundle) view(units []unit, i int, body template.HTML) lessonView {
	u, lang := units[i], units[i].page.Lang
	t := func(key string) string { return b.k.label(lang, key) }
	v := lessonView{Lang: u.page.ContentLang(), Dir: "ltr", Title: u.page.Title, Module: b.m.Title, Content: body, Report: b.scorm, Number: i,
		PagerLabel: t("lesson.pager"), CSS: template.CSS(packageCSS), JS: b.k.script(), Licence: b.licence(t)}
	for _, l := range b.k.s.Languages {
		if l.Code == v.Lang && l.Direction != "" {
			v.Dir = l.Direction
		}
	}
	if i == 0 {
		v.Lead, v.Objectives, v.ObjectivesLabel = u.page.Summary, u.page.Meta.Objectives, t("module.objectives")
		v.DownloadsLabel = t("module.attachments")
		for _, d := range b.downloads {
			v.Downloads = append(v.Downloads, link{Href: "../" + d.file, Text: d.title})
		}
	} else {
		v.Position = fill(t("lesson.position"), i, len(units)-1)
	}
	if i > 0 {
		v.Prev = &link{Href: path.Base(units[i-1].file), Text: t("lesson.prev") + ": " + units[i-1].title}
	}
	if i+1 < len(units) {
		v.Next = &link{Href: path.Base(units[i+1].file), Text: t("lesson.next") + ": " + units[i+1].title}
	}
	return v
}

// licence is the module's attribution: title, authors, licence.
func (b *bundle) licence(t func(string) string) licenceView {
	l, authors := b.m.Licence(), strings.Join(b.m.AuthorNames(), ", ")
	line := "licence.line"
	if authors == "" {
		line = "licence.line.anonymous"
	}
	return licenceView{Line: i18n.Split(t(line)), Title: b.m.Title, Authors: authors, Name: l.Short, URL: l.URL}
}

// rewrite returns a page's content with its links made to work inside the
// package: images and files of the site are copied in and linked
// relatively, links to the module's lessons lead to their package pages,
// links to other pages of the site become absolute addresses. It also
// returns the package files the page uses.
func (b *bundle) rewrite(p *site.Page) (template.HTML, []string, error) {
	out, uses, err := b.rewriteHTML(p, string(p.Content()), func(v string) string { return v })
	return template.HTML(out), uses, err
}

// rewriteHTML rewrites the addresses of a piece of p's HTML as rewrite
// does, each package address (relative to a lesson page) then passed
// through local, and returns the package files it uses.
func (b *bundle) rewriteHTML(p *site.Page, content string, local func(string) string) (string, []string, error) {
	z := html.NewTokenizer(strings.NewReader(content))
	var out bytes.Buffer
	var uses []string
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			out.Write(z.Raw()) // before Token, which unescapes a text's bytes in place
			continue
		}
		tok := z.Token()
		// a picture's smaller copies stay on the site: the package's
		// page shows the picture itself, which it carries
		tok.Attr = slices.DeleteFunc(tok.Attr, func(a html.Attribute) bool { return a.Key == "srcset" || a.Key == "sizes" })
		for i, a := range tok.Attr {
			if a.Namespace != "" || (a.Key != "href" && a.Key != "src" && a.Key != "poster") {
				continue
			}
			v, used, err := b.target(p, a.Val)
			if err != nil {
				return "", nil, err
			}
			if v != a.Val && !strings.Contains(v, "://") {
				v = local(v)
			}
			tok.Attr[i].Val = v
			if used != "" && !slices.Contains(uses, used) {
				uses = append(uses, used)
			}
		}
		out.WriteString(tok.String())
	}
	return out.String(), uses, nil
}

// target maps one address in a page to its address inside the package,
// and names the package file it uses, if any.
func (b *bundle) target(p *site.Page, v string) (string, string, error) {
	u, err := url.Parse(v)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
		return v, "", nil
	}
	dir := p.URL
	if !strings.HasSuffix(dir, "/") {
		dir = path.Dir(dir) + "/"
	}
	target := path.Clean(path.Join(dir, u.Path))
	if strings.HasPrefix(u.Path, "/") {
		target = strings.TrimPrefix(path.Clean(u.Path), strings.TrimSuffix(b.k.s.BasePath(), "/"))
		target = strings.TrimPrefix(target, "/")
	}
	if target == "." {
		target = ""
	} else if strings.HasSuffix(u.Path, "/") {
		target += "/"
	}
	frag := ""
	if u.Fragment != "" {
		frag = "#" + u.Fragment
	}
	if file, err := b.addAsset(target); err != nil || file != "" {
		return "../" + file, file, err
	}
	page := strings.TrimSuffix(target, "index.html")
	if !strings.HasSuffix(page, "/") {
		page += "/"
	}
	for _, x := range b.units() {
		if x.page.URL == page || x.page.URL == target {
			return path.Base(x.file) + frag, "", nil
		}
	}
	return b.k.s.Absolute(target) + frag, "", nil
}
