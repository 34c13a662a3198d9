// Package lms packages a module for learning platforms: an IMS Common
// Cartridge 1.1 (.imscc) with the lessons as web content and the knowledge
// checks as QTI 1.2 assessments, and a SCORM 1.2 package in which the
// module is one SCO that reports progress and score. Both carry LOM
// metadata taken from the module's front matter.
//
// It reads the site model (site) and content files through an fs.FS, and
// returns each package as bytes, deterministically: the same site gives
// the same bytes. It renders no site pages and writes no files itself;
// build and cli decide where packages go.
package lms

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/oersite/oersite/generator/internal/markdown/quiz"
	"github.com/oersite/oersite/generator/internal/mirror"
	"github.com/oersite/oersite/generator/internal/site"
)

// Labeller translates an interface string key into a language.
type Labeller func(lang, key string) string

// Packer makes the packages of one site's modules.
type Packer struct {
	s      *site.Site
	files  fs.FS
	label  Labeller
	assets map[string]site.Asset // by URL
	// quiz is the theme's script that marks knowledge checks in the page
	// (its js/quiz.js); empty when the theme has none.
	quiz string
}

// New returns a Packer for a site whose content files are read from files
// (the site folder: asset sources are paths from its root). quizScript is
// the theme's script for knowledge checks, put into every package page:
// the package marks answers exactly as the site does. It must announce an
// answer with an "oersite:answer" event and show one again on
// "oersite:restore" (see the default theme's quiz.js). Without it the
// checks keep their answers in a disclosure and a SCORM package counts
// only the lessons seen.
func New(s *site.Site, files fs.FS, label Labeller, quizScript []byte) *Packer {
	k := &Packer{s: s, files: files, label: label, assets: map[string]site.Asset{}, quiz: string(quizScript)}
	for _, a := range s.Assets {
		k.assets[a.URL] = a
	}
	return k
}

// Package returns the package of a module in a format (site.ExportCartridge
// or site.ExportSCORM) as the bytes of a zip file.
func (k *Packer) Package(m *site.Page, format string) ([]byte, error) {
	if m.Kind != site.KindModule {
		return nil, fmt.Errorf("%s is not a module", m.URL)
	}
	b, err := k.collect(m, format == site.ExportSCORM)
	if err != nil {
		return nil, err
	}
	switch format {
	case site.ExportCartridge:
		for i, c := range b.checks {
			q, files, err := b.qtiQuiz(c)
			if err != nil {
				return nil, err
			}
			c.quiz = q
			b.checks[i].files = files
			b.files[c.file] = qtiAssessment(c)
		}
		b.files["imsmanifest.xml"] = cartridgeManifest(b)
	case site.ExportSCORM:
		b.files["index.html"] = b.launcher()
		b.files["imsmanifest.xml"] = scormManifest(b)
	default:
		return nil, fmt.Errorf("unknown package format %q: use %s or %s", format, site.ExportCartridge, site.ExportSCORM)
	}
	return b.zip()
}

// bundle is a module gathered for packaging: its pages as HTML files, the
// files they use, its checks, its metadata.
type bundle struct {
	k       *Packer
	m       *site.Page
	lang    string // the content's language
	scorm   bool
	about   unit
	lessons []unit
	checks  []check
	// downloads are the module's attachments, as package paths with titles.
	downloads []download
	files     map[string][]byte
	stamp     time.Time
}

// unit is one HTML page of the package: the module's introduction or a lesson.
type unit struct {
	page  *site.Page
	id    string // "L01"; "L00" for the introduction
	file  string // "lessons/01-first-steps.html"
	title string
	// uses are the package files the page shows or links to (images, downloads).
	uses []string
}

// check is one knowledge check of a lesson, as a QTI assessment.
type check struct {
	id     string // "Q01-1"
	file   string // "checks/Q01-1.xml"
	title  string
	lesson int // index into lessons
	quiz   *quiz.Quiz
	lang   string
	// files are the package files its questions show (pictures), which
	// a cartridge lists in a resource the assessment depends on.
	files []string
}

// download is an attachment of the module copied into the package.
type download struct {
	id, file, title string
}

// collect gathers a module: its introduction, lessons, checks and files.
func (k *Packer) collect(m *site.Page, scorm bool) (*bundle, error) {
	b := &bundle{k: k, m: m, lang: m.ContentLang(), scorm: scorm, files: map[string][]byte{}, stamp: stamp(m)}
	b.about = unit{page: m, id: "L00", file: "lessons/00-" + slug(m) + ".html", title: k.label(m.Lang, "lms.about")}
	for i, l := range m.Lessons {
		n := fmt.Sprintf("%02d", i+1)
		b.lessons = append(b.lessons, unit{page: l, id: "L" + n, file: "lessons/" + n + "-" + slug(l) + ".html", title: l.Title})
		for j, q := range l.Quizzes {
			id := fmt.Sprintf("Q%s-%d", n, j+1)
			title := q.Title.Plain
			if title == "" {
				title = k.label(l.ContentLang(), "quiz.title")
			}
			b.checks = append(b.checks, check{id: id, file: "checks/" + id + ".xml", title: title + " (" + l.Title + ")", lesson: i, quiz: q, lang: l.ContentLang()})
		}
	}
	for i, a := range m.Attachments {
		file, err := b.addAsset(a.URL)
		if err != nil {
			return nil, err
		}
		if file != "" {
			b.downloads = append(b.downloads, download{id: fmt.Sprintf("D%02d", i+1), file: file, title: a.Title})
		}
	}
	if err := b.writePages(); err != nil {
		return nil, err
	}
	return b, nil
}

// addAsset copies a content file (by its URL from the site root) into the
// package under files/ and returns its package path, or "" when the URL is
// not a content file.
func (b *bundle) addAsset(url string) (string, error) {
	a, ok := b.k.assets[url]
	if !ok {
		return "", nil
	}
	file := "files/" + strings.TrimPrefix(a.URL, b.m.URL)
	if !strings.HasPrefix(a.URL, b.m.URL) {
		file = "files/" + a.URL
	}
	if err := mirror.CheckPath(file); err != nil {
		return "", err
	}
	if _, done := b.files[file]; done {
		return file, nil
	}
	data, err := fs.ReadFile(b.k.files, a.Src)
	if err != nil {
		return "", fmt.Errorf("%s: %w", a.Src, err)
	}
	b.files[file] = data
	return file, nil
}

// units are the introduction and the lessons, in order.
func (b *bundle) units() []unit { return append([]unit{b.about}, b.lessons...) }

// zip writes the bundle's files as a deterministic zip.
func (b *bundle) zip() ([]byte, error) {
	var files []mirror.ZipFile
	for p, data := range b.files {
		files = append(files, mirror.ZipFile{Path: p, Data: data})
	}
	var out bytes.Buffer
	if err := mirror.WriteZip(&out, files, "", b.stamp); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// stamp is the time written on every file of a module's package: the
// newest date of the module and its lessons, so that a package's bytes
// change only when its content does; 2000-01-01 when none has a date.
func stamp(m *site.Page) time.Time {
	t := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, p := range append([]*site.Page{m}, m.Lessons...) {
		for _, d := range []time.Time{p.Meta.Date, p.Meta.Lastmod} {
			if d.After(t) {
				t = d
			}
		}
	}
	return t.UTC().Truncate(24 * time.Hour)
}

// slug is the last folder of a page's URL, safe as a file name.
func slug(p *site.Page) string {
	s := path.Base(strings.TrimSuffix(p.URL, "/"))
	// "01-why" -> "why": the package numbers the lessons itself
	if i := strings.IndexByte(s, '-'); i > 0 && strings.Trim(s[:i], "0123456789") == "" && i+1 < len(s) {
		s = s[i+1:]
	}
	var sb strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			sb.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			sb.WriteRune(r + 'a' - 'A')
		default:
			sb.WriteByte('-')
		}
	}
	if sb.Len() == 0 {
		return "page"
	}
	return sb.String()
}

// fill replaces {n} and {count} in an interface string.
func fill(s string, n, count int) string {
	return strings.NewReplacer("{n}", strconv.Itoa(n), "{count}", strconv.Itoa(count)).Replace(s)
}
