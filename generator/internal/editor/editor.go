// Package editor is the browser editor of `oersite serve --edit`: a form for
// a page's fields (the choices come from the site's vocabularies, the same
// that check validates against), its Markdown with a live preview by the
// site's own renderer, pictures uploaded into the page's folder with their
// alt text, new pages from the same scaffolds as `oersite new`, and the
// page's check results. It writes plain files as a person would (the front
// matter's order and comments kept), never commits, and shows which files
// changed since the last commit. It is served by the dev server only, on
// 127.0.0.1, behind a token made for each run, with Host, Origin and token
// checks on every request that reads or writes a page.
package editor

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/oersite/oersite/generator/internal/authorwords"
	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/check"
	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/content"
	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/history"
	"github.com/oersite/oersite/generator/internal/i18n"
	"github.com/oersite/oersite/generator/internal/markdown"
	"github.com/oersite/oersite/generator/internal/outdir"
	"github.com/oersite/oersite/generator/internal/scaffold"
	"github.com/oersite/oersite/generator/internal/site"
	"github.com/oersite/oersite/generator/internal/sitefs"
	"github.com/oersite/oersite/themes"
)

//go:embed assets
var assets embed.FS

// Prefix is where the editor is mounted on the dev server.
const Prefix = "/_edit/"

// Options configure an editor.
type Options struct {
	Source string           // the site folder
	Token  string           // "" makes a random one
	Now    func() time.Time // the date new pages get; nil: the clock
}

// Editor serves the browser editor.
type Editor struct {
	opt   Options
	token string
	page  *template.Template
	words *authorwords.Catalog
}

// New prepares an editor for the site in opt.Source.
func New(opt Options) (*Editor, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	tok := opt.Token
	if tok == "" {
		b := make([]byte, 16)
		if _, err := rand.Read(b); err != nil {
			return nil, err
		}
		tok = hex.EncodeToString(b)
	}
	t, err := template.New("editor.html").Funcs(template.FuncMap{
		"has": func(list []string, v string) bool {
			for _, x := range list {
				if x == v {
					return true
				}
			}
			return false
		},
	}).ParseFS(assets, "assets/editor.html")
	if err != nil {
		return nil, err
	}
	words, err := authorwords.Load()
	if err != nil {
		return nil, err
	}
	return &Editor{opt: opt, token: tok, page: t, words: words}, nil
}

// Token is the run's secret; every address of the editor carries it.
func (e *Editor) Token() string { return e.token }

// URL is the editor's address on a server at base (http://127.0.0.1:1313).
func (e *Editor) URL(base string) string {
	return strings.TrimRight(base, "/") + Prefix + "?token=" + e.token
}

// ServeHTTP answers the editor's requests.
func (e *Editor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin") // the token is in the address: never sent to another site (no-referrer would make a form's Origin "null")
	h.Set("Cache-Control", "no-store")
	name := strings.TrimPrefix(r.URL.Path, Prefix)
	if strings.HasPrefix(name, "assets/") {
		e.asset(w, r, name)
		return
	}
	if err := e.allowed(r); err != nil {
		http.Error(w, err.Error(), http.StatusForbidden)
		return
	}
	var err error
	switch {
	case name == "" && r.Method == http.MethodGet:
		err = e.show(w, r, "")
	case name == "save" && r.Method == http.MethodPost:
		err = e.save(w, r)
	case name == "fix" && r.Method == http.MethodPost:
		err = e.fix(w, r)
	case name == "preview" && r.Method == http.MethodPost:
		err = e.preview(w, r)
	case name == "upload" && r.Method == http.MethodPost:
		err = e.upload(w, r)
	case name == "new" && r.Method == http.MethodPost:
		err = e.create(w, r)
	case name == "word" && r.Method == http.MethodPost:
		err = e.word(w, r)
	case name == "course" && r.Method == http.MethodPost:
		err = e.course(w, r)
	default:
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	if err != nil {
		var ue userError
		if errors.As(err, &ue) {
			http.Error(w, e.words.For(r).Phrases().Error(ue.err), http.StatusBadRequest)
			return
		}
		var pe pageErrors
		if errors.As(err, &pe) {
			http.Error(w, pe.said(e.words.For(r)), http.StatusBadRequest)
			return
		}
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

// userError is a mistake in a request, answered 400 with its message, in
// the author's words when it is a diag.Phrased error.
type userError struct{ err error }

func (u userError) Error() string { return u.err.Error() }

// pageErrors are the errors check finds in a page the editor cannot open
// (its front matter does not parse), with the page's text as read: the
// editor shows them above that text to correct; a save of the form is
// answered 400 with each one's line and what to do, as check says them, in
// the author's words.
type pageErrors struct {
	list diag.List
	data []byte
}

func (p pageErrors) Error() string { return p.said(authorwords.Words{}) }

func (p pageErrors) said(words authorwords.Words) string {
	say := words.Phrases()
	return words.Diagnostics(p.list).ReportIn(say, true, 0) + say.Sayf("fix the page in a text editor, then reload this page")
}

// unopenedPage is a page the editor cannot open field by field, with
// what check says about it, in the author's words, and its whole text to
// correct in one box.
type unopenedPage struct {
	Page, Lang string
	Errors     []diag.Diagnostic
	// Text is the page's text as the box shows it (no byte order mark,
	// lines ended by \n); Sum is the file's as read (see fileSum), sent
	// back with the correction so that a change made elsewhere meanwhile
	// is not overwritten.
	Text, Sum string
	Editable  bool   // the box is shown: the file is UTF-8
	Note      string // why the last correction was not saved, "" before one
}

// readable is a page's text parsed for the form, or why it cannot be
// edited field by field (pageErrors): parseFile refuses it, or a build
// could not read it (TOML or JSON front matter that does not parse, which
// parseFile leaves alone).
func readable(page, lang, rel string, data []byte) (*file, error) {
	var diags diag.List
	src := content.ParseSource(page, lang, rel, data, &diags)
	f, err := parseFile(data)
	switch {
	case src != nil && err == nil:
		return f, nil
	case len(diags.Errors()) > 0: // check's words: a YAML mistake at its line, with the line as it should be
		return nil, pageErrors{diags.Errors(), data}
	}
	return nil, pageErrors{diag.List{diag.Errorf(page, 0, "", "%v", err)}, data}
}

// toCorrect is the view of a page the editor cannot open: check's errors
// in the author's words, and its text as the box shows it, unless it is
// not UTF-8 (a box would replace the bytes it cannot show, and a save
// would lose them: the author converts the file in a text editor).
func (p pageErrors) toCorrect(page, lang string, words authorwords.Words) *unopenedPage {
	u := &unopenedPage{Page: page, Lang: lang, Errors: words.Diagnostics(p.list), Sum: fileSum(p.data)}
	if utf8.Valid(p.data) {
		u.Text, u.Editable = shownText(p.data), true
	}
	return u
}

// storedText is text from a box written as the file it corrects was: its
// byte order mark and its line ends (\r\n when the file had them) kept.
func storedText(text string, was []byte) []byte {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	return formOf(was).written(text)
}

// fileSum names a file's bytes: a correction sent with another sum was
// made on text that has changed since.
func fileSum(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// allowed refuses what a page of another site, or another machine, could
// send: a Host that is not this computer (DNS rebinding), a missing or wrong
// token, and a write from another origin.
func (e *Editor) allowed(r *http.Request) error {
	host, _, err := net.SplitHostPort(r.Host)
	if err != nil {
		host = r.Host
	}
	if ip := net.ParseIP(strings.Trim(host, "[]")); !(host == "localhost" || ip != nil && ip.IsLoopback()) {
		return errors.New("the editor answers only at 127.0.0.1 or localhost")
	}
	tok := r.URL.Query().Get("token")
	if r.Method == http.MethodPost {
		if err := r.ParseMultipartForm(maxUpload); err != nil && !errors.Is(err, http.ErrNotMultipart) {
			return errors.New("the request could not be read")
		}
		tok = r.PostFormValue("token")
		if o := r.Header.Get("Origin"); o != "" && o != "http://"+r.Host {
			return errors.New("a page from another site cannot change files here")
		}
		if s := r.Header.Get("Sec-Fetch-Site"); s != "" && s != "same-origin" && s != "none" {
			return errors.New("a page from another site cannot change files here")
		}
	}
	if subtle.ConstantTimeCompare([]byte(tok), []byte(e.token)) != 1 {
		return errors.New("open the editor from the address oersite serve --edit printed (it holds this run's token)")
	}
	return nil
}

func (e *Editor) asset(w http.ResponseWriter, r *http.Request, name string) {
	if name == "assets/theme.css" {
		e.themeCSS(w, r)
		return
	}
	if name != "assets/editor.css" && name != "assets/editor.js" {
		http.NotFound(w, r)
		return
	}
	data, _ := assets.ReadFile(name)
	ctype := "text/css; charset=utf-8"
	if strings.HasSuffix(name, ".js") {
		ctype = "text/javascript; charset=utf-8"
	}
	w.Header().Set("Content-Type", ctype)
	_, _ = w.Write(data)
}

// themeCSS serves the site theme's stylesheet, so that the preview looks as
// the page will (callouts, knowledge checks, tables).
func (e *Editor) themeCSS(w http.ResponseWriter, _ *http.Request) {
	cfg, _, err := config.Load(filepath.Join(e.opt.Source, config.FileName), config.FileName)
	theme := "default"
	if err == nil && cfg.Theme != "" {
		theme = cfg.Theme
	}
	data, err := os.ReadFile(filepath.Join(e.opt.Source, "themes", theme, "assets", "css", "site.css"))
	if err != nil {
		data, _ = fs.ReadFile(themes.Default, "default/assets/css/site.css")
	}
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	_, _ = w.Write(data)
}

// state is what one look at the site gives the editor: its configuration,
// model and check results, read as `oersite check` reads them.
type state struct {
	cfg    config.Config
	site   *site.Site
	report check.Report
	labels func(lang string) func(vocabulary, id string) string // the site's words for a vocabulary's values, in a language
}

func (e *Editor) read(ctx context.Context) (*state, error) {
	res, err := build.Build(ctx, build.Options{Source: e.opt.Source, Drafts: true, Future: true, Expired: true, Now: e.opt.Now(), DryRun: true})
	if res == nil || res.Site == nil {
		if err == nil {
			err = errors.New("the site could not be read")
		}
		return nil, err
	}
	st := &state{cfg: res.Site.Config, site: res.Site, report: check.Run(res.Site, res.Diags)}
	cat, _ := i18n.Load(themeFS(e.opt.Source, st.cfg.Theme), []string{"i18n"}, st.cfg.LanguageCodes(), st.cfg.DefaultLanguage)
	st.labels = func(lang string) func(vocabulary, id string) string {
		return func(vocabulary, id string) string {
			if key := vocabulary + "." + id; cat != nil && cat.T(lang, key) != key {
				return cat.T(lang, key)
			}
			return id
		}
	}
	return st, nil
}

// themeFS reads the theme's strings: the site's own theme folder, else the
// default theme built into oersite.
func themeFS(source, theme string) fs.FS {
	if theme == "" {
		theme = "default"
	}
	dir := filepath.Join(source, "themes", theme)
	if _, err := os.Stat(filepath.Join(dir, "i18n")); err == nil {
		return os.DirFS(dir)
	}
	sub, err := fs.Sub(themes.Default, "default")
	if err != nil {
		return os.DirFS(dir)
	}
	return sub
}

// contentPath checks that p names a Markdown page under content/<lang>/
// of this site and returns its parts.
func (e *Editor) contentPath(cfg config.Config, p string) (lang, rel string, err error) {
	// The page is read and written by the name given: it must be the
	// clean one ("content/en/../../x.md" would clean to a page, and name a
	// file outside the site).
	if clean := path.Clean("/" + strings.ReplaceAll(p, "\\", "/"))[1:]; clean != p {
		return "", "", userError{diag.Phrasef("%q is not a page under content/: give its path from the site folder, e.g. content/en/modules/reviews/index.md", p)}
	}
	rest, ok := strings.CutPrefix(p, "content/")
	if !ok || !strings.HasSuffix(p, ".md") {
		return "", "", userError{diag.Phrasef("%q is not a page under content/", p)}
	}
	lang, rel, _ = strings.Cut(rest, "/")
	if _, known := cfg.Languages[lang]; !known || rel == "" {
		return "", "", userError{diag.Phrasef("%q is not in a language folder of this site", p)}
	}
	for _, seg := range strings.Split(rel, "/") {
		if strings.HasPrefix(seg, ".") {
			return "", "", userError{diag.Phrasef("hidden files are not pages")}
		}
	}
	return lang, rel, e.inSite(cfg, p)
}

// inSite refuses a page that a build would not read as the site's own: a
// symbolic link out of the site or its input folders (see sitefs).
func (e *Editor) inSite(cfg config.Config, p string) error {
	root, err := os.OpenRoot(e.opt.Source)
	if err != nil {
		return err
	}
	defer root.Close()
	if _, err := fs.Stat(sitefs.New(root, cfg.Theme), p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return userError{diag.Phrasef("%s is not edited here: %v", p, err)}
	}
	return nil
}

// postedPage is the site's configuration and the page a request names in
// its "page" field, checked to be a Markdown page of the site.
func (e *Editor) postedPage(r *http.Request) (cfg config.Config, page, lang, rel string, err error) {
	cfg, _, err = config.Load(filepath.Join(e.opt.Source, config.FileName), config.FileName)
	if err != nil {
		return cfg, "", "", "", err
	}
	page = r.PostFormValue("page")
	lang, rel, err = e.contentPath(cfg, page)
	return cfg, page, lang, rel, err
}

// pageForURL finds the source file of the page at a site address.
func pageForURL(s *site.Site, u string) string {
	u = strings.Trim(strings.TrimSuffix(u, "index.html"), "/")
	for _, p := range s.Pages {
		if p.Source != nil && p.FallbackOf == nil && strings.Trim(p.URL, "/") == u {
			return p.Source.Path
		}
	}
	return ""
}

// view is what the editor page shows, in the author's language (Words).
type view struct {
	authorwords.Words
	Token, Page, Title, URL, Kind, Lang, Body, Message, Format string
	Licence                                                    string // the site's default licence, named in its field's help
	// Sum is the page's file as the form was filled from it (see
	// fileSum): a save sent with another is not written. NotSaved says
	// why the last save was not, "" before one.
	Sum, NotSaved string
	// Folder is the site address of the page's source folder: the
	// preview's relative links and pictures are relative to it.
	Folder           string
	Fields           []fieldView
	Errors, Warnings []diag.Diagnostic
	// Unopened, when set, is a page the editor was asked for and cannot
	// open (its front matter does not parse), with check's errors: the
	// list of pages is shown under them.
	Unopened  *unopenedPage
	Changed   []string
	Pages     []pageLink
	Languages []string
	Modules   []string
	Sections  []string // folders a Word document can go into ("": the root)
	Kinds     []string
}

// Help is the line under a field, "" for a field that has none.
func (v view) Help(key, defaultLicence string) string {
	k := "ed.field." + key + ".help"
	if !v.Has(k) {
		return ""
	}
	return v.Tf(k, "licence", defaultLicence)
}

type fieldView struct {
	field
	ID, Value string
	Values    []string
}

type pageLink struct{ Path, Title string }

func (e *Editor) show(w http.ResponseWriter, r *http.Request, message string) error {
	st, err := e.read(r.Context())
	if err != nil {
		return err
	}
	q := r.URL.Query()
	page := q.Get("page")
	if page == "" && q.Get("url") != "" {
		page = pageForURL(st.site, q.Get("url"))
	}
	v := e.listView(r, st, message)
	status := http.StatusOK
	if page != "" {
		err := e.fill(&v, st, page)
		var pe pageErrors
		switch {
		case errors.As(err, &pe):
			lang, _, _ := e.contentPath(st.cfg, page)      // fill got past it
			v.Unopened = pe.toCorrect(page, lang, v.Words) // fill stopped before the page's fields
			status = http.StatusBadRequest
		case err != nil:
			return err
		}
	}
	return e.render(w, status, v)
}

// render writes the editor's page.
func (e *Editor) render(w http.ResponseWriter, status int, v view) error {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	return e.page.Execute(w, v)
}

// listView is what every view of the editor shows: the site's pages, its
// languages and modules for a new page, the files changed since the last
// commit, and message.
func (e *Editor) listView(r *http.Request, st *state, message string) view {
	q := r.URL.Query()
	v := view{Words: e.words.For(r), Token: e.token, Message: message, Kinds: scaffold.Kinds(),
		Licence: st.cfg.OER.DefaultLicence}
	if q.Get("saved") != "" {
		v.Message = v.T("ed.saved")
	}
	if f := q.Get("added"); f != "" {
		v.Message = v.Tf("ed.added", "file", f)
	}
	if f := q.Get("fromword"); f != "" {
		v.Message = v.Tf("ed.word.done", "file", f)
	}
	if f := q.Get("fromcourse"); f != "" {
		v.Message = v.Tf("ed.course.done", "file", f, "modules", strings.Join(q["module"], ", "))
	}
	if left := q["left"]; len(left) > 0 && (q.Get("fromword") != "" || q.Get("fromcourse") != "") {
		v.Message += " " + v.Tf("ed.word.left", "what", strings.Join(left, ", "))
	}
	if notes := q["note"]; len(notes) > 0 && q.Get("fromcourse") != "" {
		v.Message += " " + strings.Join(notes, " ")
	}
	v.Sections = e.sections(st.cfg.LanguageCodes())
	v.Changed, _ = history.Changed(r.Context(), e.opt.Source)
	v.Languages = st.cfg.LanguageCodes()
	for _, p := range st.site.Pages {
		if p.Source == nil || p.FallbackOf != nil {
			continue
		}
		if p.Kind == site.KindModule && p.Lang == st.cfg.DefaultLanguage {
			v.Modules = append(v.Modules, path.Base(path.Dir(p.Source.Rel)))
		}
		v.Pages = append(v.Pages, pageLink{p.Source.Path, p.Title})
	}
	return v
}

// fill puts a page's fields, text and check results into the view.
func (e *Editor) fill(v *view, st *state, page string) error {
	lang, rel, err := e.contentPath(st.cfg, page)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(filepath.Join(e.opt.Source, filepath.FromSlash(page)))
	if err != nil {
		return userError{diag.Phrasef("%s cannot be read: %v", page, err)}
	}
	f, err := readable(page, lang, rel, data)
	if err != nil {
		return err
	}
	e.fillFrom(v, st, page, lang, rel, f)
	v.Sum = fileSum(data)
	return nil
}

// fillFrom puts the fields and text of f, page's file, and check's results
// for page into the view.
func (e *Editor) fillFrom(v *view, st *state, page, lang, rel string, f *file) {
	v.Page, v.Lang, v.Kind, v.Body, v.Title = page, lang, pageKind(rel), f.body, f.get("title")
	v.Folder = strings.TrimSuffix(path.Join("/", lang, path.Dir(rel)), "/") + "/"
	if v.Title == "" {
		v.Title = page
	}
	if f.front == nil && f.other != "" {
		v.Format = v.T("ed.format")
	}
	for _, p := range st.site.Pages {
		if p.Source != nil && p.Source.Path == page && p.FallbackOf == nil {
			v.URL = "/" + p.URL
		}
	}
	labels := st.labels(lang)
	for i, fd := range fields(st.cfg, v.Kind, labels) {
		fv := fieldView{field: fd, ID: fmt.Sprintf("f-%d", i), Value: f.get(fd.Key)}
		switch fd.Kind {
		case kindChoices:
			fv.Values = splitItems(fv.Value, false)
		case kindKeywords:
			fv.Value = strings.ReplaceAll(fv.Value, "\n", ", ")
		}
		v.Fields = append(v.Fields, fv)
	}
	var mine diag.List
	for _, d := range st.report.Diagnostics {
		if d.File == page {
			mine = append(mine, d)
		}
	}
	for _, d := range v.Diagnostics(mine) {
		if d.Severity == diag.Error {
			v.Errors = append(v.Errors, d)
		} else {
			v.Warnings = append(v.Warnings, d)
		}
	}
}

// save writes the form back into the page: each field in its place, the
// text after the front matter, the rest of the file as it was. If the
// file changed elsewhere (or was removed) since the form was filled,
// nothing is written: the form comes back with the author's version and a
// note, and saving again writes that version.
func (e *Editor) save(w http.ResponseWriter, r *http.Request) error {
	cfg, page, lang, rel, err := e.postedPage(r)
	if err != nil {
		return err
	}
	p := filepath.Join(e.opt.Source, filepath.FromSlash(page))
	data, err := os.ReadFile(p)
	gone := errors.Is(err, fs.ErrNotExist) // removed meanwhile: the form's version is kept to write again
	if err != nil && !gone {
		return userError{diag.Phrasef("%s cannot be read: %v", page, err)}
	}
	var f *file
	if gone {
		f, err = parseFile([]byte("---\n\n---\n")) // fields of its own, as a new page has
	} else {
		f, err = readable(page, lang, rel, data)
	}
	if err != nil {
		return err
	}
	for _, fd := range fields(cfg, pageKind(rel), func(_, id string) string { return id }) {
		if _, sent := r.PostForm["fm."+fd.Key]; !sent && fd.Kind != kindBool && fd.Kind != kindChoices {
			continue
		}
		value := r.PostFormValue("fm." + fd.Key)
		switch fd.Kind {
		case kindChoices:
			value = strings.Join(r.PostForm["fm."+fd.Key], "\n")
		case kindBool:
			value = map[bool]string{true: "true", false: "false"}[value != ""]
		}
		if err := f.set(fd, value); err != nil {
			return userError{err}
		}
	}
	if body, sent := r.PostForm["body"]; sent {
		f.body = strings.ReplaceAll(body[0], "\r\n", "\n")
		if f.body != "" && !strings.HasSuffix(f.body, "\n") {
			f.body += "\n"
		}
	}
	out, err := f.bytes()
	if err != nil {
		return err
	}
	if sum, sent := r.PostForm["sum"]; sent && sum[0] != fileSum(data) && string(out) != string(data) {
		st, err := e.read(r.Context())
		if err != nil {
			return err
		}
		v := e.listView(r, st, "")
		e.fillFrom(&v, st, page, lang, rel, f)
		v.Sum, v.NotSaved = fileSum(data), v.T("ed.unopened.changed") // the file as it is now: saving again replaces it
		return e.render(w, http.StatusConflict, v)
	}
	if string(out) != string(data) {
		if err := outdir.ReplaceFile(p, out); err != nil {
			return err
		}
	}
	http.Redirect(w, r, Prefix+"?token="+url.QueryEscape(e.token)+"&page="+url.QueryEscape(page)+"&saved=1", http.StatusSeeOther)
	return nil
}

// fix saves the whole text of a page the editor could not open field by
// field, once its fields can be read, and opens it in the form. Until then
// the file stays as it was and the author's text comes back in the box,
// with what check says about it now; so does a correction of text that has
// changed on disk since the box was filled.
func (e *Editor) fix(w http.ResponseWriter, r *http.Request) error {
	_, page, lang, rel, err := e.postedPage(r)
	if err != nil {
		return err
	}
	p := filepath.Join(e.opt.Source, filepath.FromSlash(page))
	data, err := os.ReadFile(p)
	if err != nil && !errors.Is(err, fs.ErrNotExist) { // a file removed meanwhile has changed: the text comes back
		return userError{diag.Phrasef("%s cannot be read: %v", page, err)}
	}
	out := storedText(r.PostFormValue("text"), data)
	_, unread := readable(page, lang, rel, out)
	changed := r.PostFormValue("sum") != fileSum(data) && string(out) != string(data)
	if !changed && unread == nil {
		if string(out) != string(data) {
			if err := outdir.ReplaceFile(p, out); err != nil {
				return err
			}
		}
		http.Redirect(w, r, Prefix+"?token="+url.QueryEscape(e.token)+"&page="+url.QueryEscape(page)+"&saved=1", http.StatusSeeOther)
		return nil
	}
	st, err := e.read(r.Context())
	if err != nil {
		return err
	}
	v := e.listView(r, st, "")
	pe := pageErrors{data: out}
	errors.As(unread, &pe)
	v.Unopened = pe.toCorrect(page, lang, v.Words)
	v.Unopened.Sum = fileSum(data) // the file as it is now: saving again replaces it
	status := http.StatusBadRequest
	v.Unopened.Note = v.T("ed.unopened.still")
	if changed {
		v.Unopened.Note, status = v.T("ed.unopened.changed"), http.StatusConflict
	}
	return e.render(w, status, v)
}

// preview renders unsaved Markdown with the site's own renderer.
func (e *Editor) preview(w http.ResponseWriter, r *http.Request) error {
	cfg, page, _, rel, err := e.postedPage(r)
	if err != nil {
		return err
	}
	res := build.MarkdownRenderer(cfg).Render(markdown.Doc{File: page, Source: []byte(r.PostFormValue("body")), Rel: rel})
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, err = w.Write(res.HTML)
	return err
}

// create writes a new page from the scaffolds of `oersite new` and opens it.
func (e *Editor) create(w http.ResponseWriter, r *http.Request) error {
	cfg, _, err := config.Load(filepath.Join(e.opt.Source, config.FileName), config.FileName)
	if err != nil {
		return err
	}
	lang := r.PostFormValue("lang")
	if _, ok := cfg.Languages[lang]; !ok {
		return userError{diag.Phrasef("%q is not a language of this site", lang)}
	}
	kind, name, module := r.PostFormValue("kind"), r.PostFormValue("name"), r.PostFormValue("module")
	d := scaffold.NewData(cfg, lang, name, e.opt.Now())
	if t := strings.TrimSpace(r.PostFormValue("title")); t != "" {
		d.Title = strings.NewReplacer(`\`, `\\`, `"`, "'").Replace(t)
	}
	rel, err := scaffold.Create(filepath.Join(e.opt.Source, "content", lang), kind, name, module, d)
	if err != nil {
		return userError{err}
	}
	page := "content/" + lang + "/" + rel
	http.Redirect(w, r, Prefix+"?token="+url.QueryEscape(e.token)+"&page="+url.QueryEscape(page), http.StatusSeeOther)
	return nil
}
