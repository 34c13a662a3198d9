// Package check reviews an assembled site the way a partner's CI would:
// broken internal links and anchors, missing images and attachments, images
// without alt text, headings that skip levels, external links (reported, not
// fetched), and translation coverage per language. It reads the site model
// only; it does no I/O.
package check

import (
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/history"
	"github.com/oersite/oersite/generator/internal/markdown"
	"github.com/oersite/oersite/generator/internal/site"
)

// Report is the outcome of a check.
type Report struct {
	Diagnostics diag.List  `json:"-"`
	Errors      diag.List  `json:"errors"`
	Warnings    diag.List  `json:"warnings"`
	Coverage    []Coverage `json:"coverage"`
	// Fixed are the corrections `check --fix` wrote into the files before
	// the check reported here.
	Fixed diag.List `json:"fixed,omitempty"`
}

// Coverage is one language's translation state against the default language.
type Coverage struct {
	Lang             string   `json:"lang"`
	Pages            int      `json:"pages"`            // pages of the default language
	Translated       int      `json:"translated"`       // of those, translated in this language
	Missing          []string `json:"missing"`          // default-language content paths with no translation
	NeedsTranslation []string `json:"needsTranslation"` // translations marked as needing translation
	Outdated         []string `json:"outdated"`         // translations older than their source
	Stale            []Stale  `json:"stale"`            // the same, with their sources and what changed
	Undated          []string `json:"undated"`          // translations without translatedFrom: never found outdated

	// fromUndated are the translations whose source has no date: only the
	// site's git history can tell whether it changed since (AddHistory)
	fromUndated []Stale
}

// Stale is a translation older than its source: the source changed after the
// translation's translatedFrom date. Changes, when the site's git history
// could be read, says what changed in the source since then.
type Stale struct {
	Translation string          `json:"translation"`
	Source      string          `json:"source"`
	Since       string          `json:"since"` // translatedFrom, YYYY-MM-DD
	Changes     *history.Change `json:"changes,omitempty"`
}

// Run checks a site. build holds the diagnostics the build itself found.
// s may be nil when the site could not be assembled: then only build's findings are reported.
func Run(s *site.Site, build diag.List) Report {
	var l diag.List
	l = append(l, build...)
	var pages []*site.Page
	if s != nil {
		pages = s.Pages
	}
	for _, p := range pages {
		if p.Source == nil || p.FallbackOf != nil {
			continue
		}
		l = append(l, links(s, p)...)
		l = append(l, headings(p)...)
	}
	l.Sort()
	r := Report{Diagnostics: l, Errors: l.Errors(), Warnings: l.Warnings()}
	if s != nil {
		r.Coverage = coverage(s)
	}
	if r.Errors == nil {
		r.Errors = diag.List{}
	}
	if r.Warnings == nil {
		r.Warnings = diag.List{}
	}
	return r
}

// links reports broken internal links, missing anchors and images, images
// without alt text, and external links.
func links(s *site.Site, p *site.Page) diag.List {
	var l diag.List
	file := p.Source.Path
	for _, ln := range p.Links {
		switch {
		case ln.Image && strings.TrimSpace(ln.Alt) == "":
			l.Add(diag.Errorf(file, ln.Line, diag.Hintf("describe the picture in the brackets: ![what the picture shows](%s)", ln.Dest), "image %q has no alt text", ln.Dest))
		}
		if strings.HasPrefix(ln.Dest, "#") {
			if id := strings.TrimPrefix(ln.Dest, "#"); id != "" && !hasID(p, id) {
				l.Add(diag.Errorf(file, ln.Line, diag.Hintf("link to a heading that exists, or give it an id with {#%s}", id), "anchor %q does not exist on this page", ln.Dest))
			}
			continue
		}
		if ln.Relative && !ln.Resolved {
			if ln.Image {
				l.Add(diag.Errorf(file, ln.Line, "put the picture beside the Markdown file or fix its name", "broken image: %q does not exist", ln.Dest))
			} else {
				l.Add(diag.Errorf(file, ln.Line, "check the file name; links to other pages point at their .md file, e.g. ../other-module/index.md", "broken link: %q does not exist", ln.Dest))
			}
			continue
		}
		if ln.Relative && ln.Resolved {
			if ln.Image {
				l = append(l, heavyPicture(s, p, ln)...)
			}
			if u, err := url.Parse(ln.Dest); err == nil && u.Fragment != "" {
				if t := target(s, p, ln.Href); t != nil && !hasID(t, u.Fragment) {
					l.Add(diag.Errorf(file, ln.Line, "link to a heading that exists in that page", "anchor #%s does not exist in %s", u.Fragment, t.Source.Path))
				}
			}
			continue
		}
		if u, err := url.Parse(ln.Dest); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
			d := diag.Warnf(file, ln.Line, "check it by hand from time to time", "external link %s is not checked", ln.Dest)
			d.Code = "external-link"
			l.Add(d)
		}
	}
	return l
}

// heavyPicture is the picture's file size over maxPicture, said: a
// learner on a phone loads all of it to see a picture a few hundred pixels
// wide (a camera's photo, an icon saved at full size). A picture the build
// makes smaller copies of (a large JPEG or PNG) is not said: a phone
// loads a copy.
func heavyPicture(s *site.Site, p *site.Page, ln markdown.Link) diag.List {
	u, err := url.Parse(ln.Dest)
	if err != nil {
		return nil
	}
	name, err := url.PathUnescape(u.Path)
	if err != nil {
		return nil
	}
	size, ok := s.AssetSize(p, name)
	if !ok || size <= maxPicture {
		return nil
	}
	if pic, ok := s.Picture(p, ln.Dest); ok && len(pic.Smaller) > 0 {
		return nil // a phone loads a smaller copy (picresize)
	}
	d := diag.Warnf(p.Source.Path, ln.Line, "save it smaller: 1600 pixels wide and under 300 KB is enough for a page",
		"picture %q is %d KB: a learner on a phone downloads all of it", ln.Dest, size>>10)
	d.Code = "heavy-picture"
	return diag.List{d}
}

// maxPicture is the largest picture file check lets pass without a word.
const maxPicture = 500 << 10

// target finds the page a rewritten href points at.
func target(s *site.Site, from *site.Page, href string) *site.Page {
	u, err := url.Parse(href)
	if err != nil {
		return nil
	}
	p := strings.TrimPrefix(u.Path, strings.Repeat("../", from.Depth()))
	p = strings.TrimSuffix(p, "index.html")
	for _, q := range s.Pages {
		if q.URL == p && q.Source != nil {
			return q
		}
	}
	return nil
}

func hasID(p *site.Page, id string) bool {
	for _, x := range p.IDs {
		if x == id {
			return true
		}
	}
	return false
}

// headings reports headings that skip a level (## then ####), counting the title as level 1.
func headings(p *site.Page) diag.List {
	var l diag.List
	prev := 1
	for _, h := range p.Headings {
		if h.Level > prev+1 {
			l.Add(diag.Errorf(p.Source.Path, h.Line, diag.Hintf("use %s here, or add the missing level above it", strings.Repeat("#", prev+1)),
				"heading %q skips from level %d to %d", h.Text, prev, h.Level))
		}
		prev = h.Level
	}
	return l
}

// coverage compares every language with the default language.
func coverage(s *site.Site) []Coverage {
	def := s.DefaultLanguage()
	var originals []*site.Page
	for _, p := range s.Pages {
		if p.Lang == def && p.Source != nil && p.FallbackOf == nil {
			originals = append(originals, p)
		}
	}
	var out []Coverage
	for _, lang := range s.Languages {
		if lang.Code == def {
			continue
		}
		c := Coverage{Lang: lang.Code, Pages: len(originals), Missing: []string{}, NeedsTranslation: []string{}, Outdated: []string{}, Stale: []Stale{}, Undated: []string{}}
		for _, o := range originals {
			t := o.Translation(lang.Code)
			if t == nil || t.FallbackOf != nil {
				c.Missing = append(c.Missing, o.Source.Path)
				continue
			}
			c.Translated++
			if t.Meta.NeedsTranslation {
				c.NeedsTranslation = append(c.NeedsTranslation, t.Source.Path)
			}
			if t.Meta.TranslatedFrom.IsZero() && !t.Meta.NeedsTranslation {
				c.Undated = append(c.Undated, t.Source.Path)
			}
			if !t.Meta.TranslatedFrom.IsZero() && o.Meta.Changed().IsZero() {
				c.fromUndated = append(c.fromUndated, Stale{Translation: t.Source.Path, Source: o.Source.Path, Since: t.Meta.TranslatedFrom.Format("2006-01-02")})
			}
			if !t.Meta.TranslatedFrom.IsZero() && o.Meta.Changed().After(t.Meta.TranslatedFrom) {
				c.Outdated = append(c.Outdated, t.Source.Path)
				c.Stale = append(c.Stale, Stale{Translation: t.Source.Path, Source: o.Source.Path, Since: t.Meta.TranslatedFrom.Format("2006-01-02")})
			}
		}
		sort.Strings(c.Missing)
		out = append(out, c)
	}
	return out
}

// Text renders the report for a terminal, its own words in p's language
// (nil: English): every error, and the warnings one line per kind, or each
// in full when verbose.
func (r Report) Text(p diag.Phrases, showWarnings, verbose bool) string {
	var b strings.Builder
	l := r.Errors
	if showWarnings {
		l = append(append(diag.List{}, r.Errors...), r.Warnings...)
	}
	b.WriteString(l.ReportIn(p, verbose, 0))
	if len(r.Coverage) > 0 {
		b.WriteString("\n" + p.Sayf("Translation coverage (against the default language):") + "\n")
		writeCoverage(&b, p, r.Coverage)
		for _, c := range r.Coverage {
			for _, st := range c.Stale {
				writeStale(&b, p, st)
			}
		}
		writeUndated(&b, p, r.Coverage, verbose)
	}
	b.WriteString("\n" + p.Countf(len(r.Errors), "%d error", "%d errors", len(r.Errors)) + ", " +
		p.Countf(len(r.Warnings), "%d warning", "%d warnings", len(r.Warnings)) + "\n")
	return b.String()
}

// writeCoverage writes the coverage table: a column per count, each as
// wide as its heading in p's language.
func writeCoverage(b *strings.Builder, p diag.Phrases, cov []Coverage) {
	heads := []string{p.Sayf("lang"), p.Sayf("translated"), p.Sayf("missing"), p.Sayf("needs translation"), p.Sayf("outdated")}
	rows := make([][]string, len(cov))
	for i, c := range cov {
		rows[i] = []string{c.Lang, fmt.Sprintf("%d/%d", c.Translated, c.Pages), strconv.Itoa(len(c.Missing)), strconv.Itoa(len(c.NeedsTranslation)), strconv.Itoa(len(c.Outdated))}
	}
	widths := make([]int, len(heads))
	for i, h := range heads {
		widths[i] = utf8.RuneCountInString(h)
		for _, r := range rows {
			widths[i] = max(widths[i], len(r[i]))
		}
	}
	line := func(cells []string) {
		b.WriteString(" ")
		for i, s := range cells {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(s))
			if i == 0 {
				b.WriteString(" " + s + pad) // the language on the left, the counts on the right
			} else {
				b.WriteString("  " + pad + s)
			}
		}
		b.WriteString("\n")
	}
	line(heads)
	for _, r := range rows {
		line(r)
	}
}

// writeUndated says how many translations carry no translatedFrom, so that
// check cannot tell when their source changes, and what to do; verbose lists
// them.
func writeUndated(b *strings.Builder, p diag.Phrases, cov []Coverage, verbose bool) {
	var all []string
	for _, c := range cov {
		all = append(all, c.Undated...)
	}
	if len(all) == 0 {
		return
	}
	if !verbose {
		b.WriteString(p.Countf(len(all), "%d translation has no translatedFrom, so check cannot tell when its source changes: once it matches its source, mark it with oersite translated <path> (--verbose lists it)",
			"%d translations have no translatedFrom, so check cannot tell when their source changes: once one matches its source, mark it with oersite translated <path> (--verbose lists them)", len(all)) + "\n")
		return
	}
	b.WriteString(p.Countf(len(all), "%d translation has no translatedFrom, so check cannot tell when its source changes: once it matches its source, mark it with oersite translated <path>:",
		"%d translations have no translatedFrom, so check cannot tell when their source changes: once one matches its source, mark it with oersite translated <path>:", len(all)) + "\n")
	for _, f := range all {
		fmt.Fprintf(b, "  %s\n", f)
	}
}

// maxDiffLines bounds the changed lines shown per stale translation on the
// terminal; --format json gives them all.
const maxDiffLines = 30

// writeStale says which translation is older than its source and, when the
// git history was read, what changed in the source since: the commits and
// the changed lines.
func writeStale(b *strings.Builder, p diag.Phrases, st Stale) {
	b.WriteString("  " + p.Sayf("%s: older than its source %s (translated from the version of %s); update it, then run oersite translated %s",
		st.Translation, st.Source, st.Since, st.Translation) + "\n")
	ch := st.Changes
	if ch == nil {
		return
	}
	for _, c := range ch.Commits {
		fmt.Fprintf(b, "      %s %s %s\n", c.Date, c.Hash, c.Subject)
	}
	if ch.Diff == "" {
		b.WriteString("      " + p.Sayf("(no change in the committed or saved text since then)") + "\n")
		return
	}
	b.WriteString("      " + p.Sayf("changes in the source since then (- before, + now):") + "\n")
	shown := 0
	lines := strings.Split(strings.TrimRight(ch.Diff, "\n"), "\n")
	for i, line := range lines {
		if strings.HasPrefix(line, "diff --git") || strings.HasPrefix(line, "index ") || strings.HasPrefix(line, "--- ") || strings.HasPrefix(line, "+++ ") || strings.HasPrefix(line, "new file mode") {
			continue
		}
		if shown == maxDiffLines {
			b.WriteString("      " + p.Countf(len(lines)-i, "… %d more line: git diff %s -- %s shows them all", "… %d more lines: git diff %s -- %s shows them all", len(lines)-i, ch.From(), ch.File) + "\n")
			break
		}
		fmt.Fprintf(b, "      %s\n", line)
		shown++
	}
}

// AddHistory reads the site's git history: a translation of a source with
// no date is older than it when the source changed after the translation's
// day and after the translation itself last changed (lastChanged: the day
// each file last changed, nil without history),
// and each stale translation gets what changed in its source since, with
// read(source, since) (history.Since in the site's folder); a source
// without history keeps the date comparison alone.
func (r *Report) AddHistory(read func(source, since string) (*history.Change, error), lastChanged func() (map[string]string, error)) error {
	// the whole history is read only when a translation's source has no date
	var last map[string]string
	if slices.ContainsFunc(r.Coverage, func(c Coverage) bool { return len(c.fromUndated) > 0 }) {
		var err error
		if last, err = lastChanged(); err != nil {
			return err
		}
	}
	for i := range r.Coverage {
		c := &r.Coverage[i]
		for _, u := range c.fromUndated {
			// YYYY-MM-DD sorts as it reads; a translation changed on or
			// after its source's day was most likely changed with it
			if day := last[u.Source]; day > u.Since && day > last[u.Translation] {
				c.Outdated = append(c.Outdated, u.Translation)
				c.Stale = append(c.Stale, u)
			}
		}
		for j := range c.Stale {
			st := &c.Stale[j]
			ch, err := read(st.Source, st.Since)
			if err != nil {
				return err
			}
			st.Changes = ch
		}
	}
	return nil
}
