package editor_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/oersite/oersite/generator/internal/authorwords"
	"github.com/oersite/oersite/generator/internal/content"
	"github.com/oersite/oersite/generator/internal/editor"
	"github.com/oersite/oersite/generator/internal/sitetest"
	nethtml "golang.org/x/net/html"
)

const site = `-- config.toml --
baseURL = "https://example.org/"
title = "Editor test"
[languages.en]
name = "English"
[vocabulary.audiences]
sme-workers = "professional"
young-tutors = "peerTutor"
-- content/en/modules/reviews/index.md --
---
# The module's name, as learners will see it.
title: "Answering reviews"
summary: "Reply kindly."
audience: [sme-workers]   # who it is for
level: beginner
duration: 45m
digcomp: ["2.1"]
weight: 3
---
Why reviews matter.
-- content/en/modules/reviews/01-why.md --
---
title: Why answer
# position in the module
weight: 1
duration: 20m
---
People read the answers.
`

func newEditor(t *testing.T) (string, *editor.Editor, *httptest.Server) {
	t.Helper()
	return newEditorOn(t, site)
}

// newEditorOn serves an editor on the site archive s.
func newEditorOn(t *testing.T, s string) (string, *editor.Editor, *httptest.Server) {
	t.Helper()
	dir := sitetest.Write(t, s)
	ed, err := editor.New(editor.Options{Source: dir, Token: "t0k3n", Now: func() time.Time { return sitetest.Now }})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle(editor.Prefix, ed)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return dir, ed, srv
}

func post(t *testing.T, srv *httptest.Server, path string, form url.Values, header http.Header) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+editor.Prefix+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestSaveKeepsWhatItDidNotChange: a title, a choice and the text changed in
// the form land in the file; the other keys, their order and the comments
// stay as the author wrote them.
func TestSaveKeepsWhatItDidNotChange(t *testing.T) {
	dir, _, srv := newEditor(t)
	form := url.Values{"token": {"t0k3n"}, "page": {"content/en/modules/reviews/index.md"},
		"fm.title": {"Answering reviews well"}, "fm.summary": {"Reply kindly."}, "fm.audience": {"sme-workers", "young-tutors"},
		"fm.level": {"beginner"}, "fm.duration": {"45m"}, "fm.digcomp": {"2.1"}, "fm.objectives": {""}, "fm.licence": {""}, "fm.keywords": {""},
		"body": {"Why reviews matter.\r\n\r\nA new paragraph."}}
	res := post(t, srv, "save", form, nil)
	if res.StatusCode != http.StatusSeeOther {
		b, _ := io.ReadAll(res.Body)
		t.Fatalf("save: %d %s", res.StatusCode, b)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "content/en/modules/reviews/index.md"))
	want := `---
# The module's name, as learners will see it.
title: "Answering reviews well"
summary: "Reply kindly."
audience: [sme-workers, young-tutors] # who it is for
level: beginner
duration: 45m
digcomp: ["2.1"]
weight: 3
---
Why reviews matter.

A new paragraph.
`
	if string(got) != want {
		t.Errorf("saved file:\n%s\nwant:\n%s", got, want)
	}
}

// TestRefusesOtherSitesAndMachines: no token, a wrong one, a Host that is
// not this computer, and a write from another origin are refused, and the
// file is left as it was.
func TestRefusesOtherSitesAndMachines(t *testing.T) {
	dir, _, srv := newEditor(t)
	page := filepath.Join(dir, "content/en/modules/reviews/01-why.md")
	before, _ := os.ReadFile(page)
	for name, get := range map[string]string{"no token": "", "wrong token": "?token=nope"} {
		res, _ := http.Get(srv.URL + editor.Prefix + get)
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("%s: status %d", name, res.StatusCode)
		}
	}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+editor.Prefix+"?token=t0k3n", nil)
	req.Host = "attacker.example:1313"
	if res, _ := http.DefaultClient.Do(req); res.StatusCode != http.StatusForbidden {
		t.Errorf("foreign Host: status %d", res.StatusCode)
	}
	form := url.Values{"token": {"t0k3n"}, "page": {"content/en/modules/reviews/01-why.md"}, "fm.title": {"Hacked"}, "body": {"x"}}
	if res := post(t, srv, "save", form, http.Header{"Origin": {"https://attacker.example"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("foreign Origin: status %d", res.StatusCode)
	}
	if res := post(t, srv, "save", form, http.Header{"Sec-Fetch-Site": {"cross-site"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site fetch: status %d", res.StatusCode)
	}
	form.Set("token", "")
	if res := post(t, srv, "save", form, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("save without token: status %d", res.StatusCode)
	}
	for _, bad := range []string{"config.toml", "content/../config.toml", "content/en/../../x.md", "content/en/.hidden.md", "/etc/passwd"} {
		form := url.Values{"token": {"t0k3n"}, "page": {bad}, "body": {"x"}}
		if res := post(t, srv, "save", form, nil); res.StatusCode != http.StatusBadRequest {
			t.Errorf("save to %s: status %d", bad, res.StatusCode)
		}
	}
	if after, _ := os.ReadFile(page); !bytes.Equal(before, after) {
		t.Error("a refused request changed the file")
	}
}

// TestCheckResultsBesideThePage: an invalid duration saved from the form
// shows as check's error, with its line, when the page opens again.
func TestCheckResultsBesideThePage(t *testing.T) {
	_, _, srv := newEditor(t)
	form := url.Values{"token": {"t0k3n"}, "page": {"content/en/modules/reviews/01-why.md"}, "fm.title": {"Why answer"}, "fm.duration": {"twenty minutes"}}
	post(t, srv, "save", form, nil)
	res, _ := http.Get(srv.URL + editor.Prefix + "?token=t0k3n&page=content/en/modules/reviews/01-why.md")
	b, _ := io.ReadAll(res.Body)
	page := string(b)
	if !strings.Contains(page, `class="ed-error"`) || !strings.Contains(page, "twenty minutes") {
		t.Errorf("the editor shows no check error for the duration:\n%s", page)
	}
	if !strings.Contains(page, `value="twenty minutes"`) {
		t.Error("the saved value is not in the form")
	}
}

// TestCheckResultsInTheAuthorsLanguage: what the check found in the page
// is said in the language of the author's browser, with the value the
// author wrote; a browser asking for a language oersite lacks reads
// English. Before, the messages were English in every language.
func TestCheckResultsInTheAuthorsLanguage(t *testing.T) {
	_, _, srv := newEditor(t)
	form := url.Values{"token": {"t0k3n"}, "page": {"content/en/modules/reviews/01-why.md"}, "fm.title": {"Why answer"}, "fm.duration": {"twenty minutes"}}
	post(t, srv, "save", form, nil)
	for accept, want := range map[string][]string{
		"bg-BG,bg;q=0.9": {"напишете продължителност, например 45m, 2h или 1h30m", "продължителността &#34;twenty minutes&#34; не е период от време"},
		"pt-BR":          {"write a duration such as 45m, 2h or 1h30m", "duration &#34;twenty minutes&#34; is not a length of time"},
	} {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+editor.Prefix+"?token=t0k3n&page=content/en/modules/reviews/01-why.md", nil)
		req.Header.Set("Accept-Language", accept)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		for _, w := range want {
			if !strings.Contains(string(b), w) {
				t.Errorf("Accept-Language %q: no %q among the check's results", accept, w)
			}
		}
	}
}

func TestPreviewUsesTheSiteRenderer(t *testing.T) {
	_, _, srv := newEditor(t)
	res := post(t, srv, "preview", url.Values{"token": {"t0k3n"}, "page": {"content/en/modules/reviews/01-why.md"},
		"body": {"## Steps\n\n:::tip\n\nAnswer fast.\n\n:::\n\n<script>alert(1)</script>\n"}}, nil)
	b, _ := io.ReadAll(res.Body)
	html := string(b)
	if !strings.Contains(html, `<h2 id="steps"`) || !strings.Contains(html, "callout") || strings.Contains(html, "<script>") {
		t.Errorf("preview:\n%s", html)
	}
}

// TestUploadNeedsAltTextAndNeverOverwrites: a picture without alt text is
// refused; with it, it lands in the page's folder under a safe name, and a
// second one with the same name does not replace the first.
func TestUploadNeedsAltTextAndNeverOverwrites(t *testing.T) {
	dir, _, srv := newEditor(t)
	send := func(alt, name string) (*http.Response, map[string]string) {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		for k, v := range map[string]string{"token": "t0k3n", "page": "content/en/modules/reviews/01-why.md", "alt": alt} {
			mw.WriteField(k, v)
		}
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write([]byte("\x89PNG\r\n\x1a\nfake"))
		mw.Close()
		req, _ := http.NewRequest(http.MethodPost, srv.URL+editor.Prefix+"upload", &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Accept", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var out map[string]string
		json.NewDecoder(res.Body).Decode(&out)
		return res, out
	}
	if res, _ := send("", "Shop Front.PNG"); res.StatusCode != http.StatusBadRequest {
		t.Errorf("no alt text: status %d", res.StatusCode)
	}
	if res, _ := send("The shop", "evil.svg"); res.StatusCode != http.StatusBadRequest {
		t.Errorf("an SVG: status %d", res.StatusCode)
	}
	_, first := send("The shop front with its sign", "../Shop Front.PNG")
	_, second := send("The shop at night", "Shop Front.PNG")
	if first["markdown"] != "![The shop front with its sign](shop-front.png)" || second["file"] != "shop-front-2.png" {
		t.Errorf("uploads: %v, %v", first, second)
	}
	if _, err := os.Stat(filepath.Join(dir, "content/en/modules/reviews/shop-front.png")); err != nil {
		t.Error(err)
	}
}

func TestNewLessonFromTheEditor(t *testing.T) {
	dir, _, srv := newEditor(t)
	res := post(t, srv, "new", url.Values{"token": {"t0k3n"}, "kind": {"lesson"}, "lang": {"en"}, "module": {"reviews"}, "name": {"how-to-answer"}, "title": {"How to answer"}}, nil)
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "02-how-to-answer.md") {
		t.Fatalf("new: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	b, err := os.ReadFile(filepath.Join(dir, "content/en/modules/reviews/02-how-to-answer.md"))
	if err != nil || !strings.Contains(string(b), `title: "How to answer"`) {
		t.Errorf("new lesson: %v\n%s", err, b)
	}
}

// TestNewPageInItsLanguage: a page created in the French tree starts in
// French words, with French placeholders, and is spoken in French if a
// webinar.
func TestNewPageInItsLanguage(t *testing.T) {
	dir, _, srv := newEditorOn(t, strings.Replace(site, "[languages.en]\n", "[languages.fr]\nname = \"Français\"\n[languages.en]\n", 1))
	for kind, file := range map[string]string{"module": "content/fr/modules/avis/index.md", "webinar": "content/fr/webinars/avis.md"} {
		res := post(t, srv, "new", url.Values{"token": {"t0k3n"}, "kind": {kind}, "lang": {"fr"}, "name": {"avis"}, "title": {"Les avis"}}, nil)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("new %s: %d", kind, res.StatusCode)
		}
		b, err := os.ReadFile(filepath.Join(dir, file))
		text := string(b)
		if err != nil || !strings.Contains(text, `summary: "`+content.PlaceholderIn("fr")) || strings.Contains(text, content.PlaceholderIn("en")) {
			t.Errorf("new %s in French: %v\n%s", kind, err, text)
		}
		if kind == "webinar" && !strings.Contains(text, "\nlanguage: fr\n") {
			t.Errorf("a French webinar is not spoken in French:\n%s", text)
		}
	}
	// a name it cannot take is said in the author's language
	res := post(t, srv, "new", url.Values{"token": {"t0k3n"}, "kind": {"module"}, "lang": {"fr"}, "name": {"Les Avis"}}, http.Header{"Accept-Language": {"fr-FR,fr;q=0.9"}})
	b, _ := io.ReadAll(res.Body)
	fr := authorwords.Builtin().ForLocale(func(k string) string { return map[string]string{"LANG": "fr_FR.UTF-8"}[k] }).Phrases()
	want := fr.Sayf("%q: use lower-case letters, digits and dashes, e.g. writing-posts", "Les Avis")
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(string(b), want) || strings.Contains(string(b), "lower-case") {
		t.Errorf("a bad name in French: %d %s, want %s", res.StatusCode, b, want)
	}
}

// TestSaveKeepsARecordingWithItsPicture: a recording written as a table
// (address, picture, date, for video search) shows its address in the form,
// and saving changes only that address, keeping the picture and the date.
func TestSaveKeepsARecordingWithItsPicture(t *testing.T) {
	dir, _, srv := newEditor(t)
	page := "content/en/webinars/live.md"
	os.MkdirAll(filepath.Join(dir, "content/en/webinars"), 0o755)
	os.WriteFile(filepath.Join(dir, page), []byte(`---
title: "Live"
start: 2026-03-18T18:00:00+00:00
recording: {url: "https://video.example.org/w/1", thumbnail: live.png, date: 2026-03-20}
---
Text.
`), 0o644)
	form := url.Values{"token": {"t0k3n"}, "page": {page}, "fm.title": {"Live"}, "fm.start": {"2026-03-18T18:00:00+00:00"},
		"fm.recording": {"https://video.example.org/w/2"}, "body": {"Text."}}
	if res := post(t, srv, "save", form, nil); res.StatusCode != http.StatusSeeOther {
		b, _ := io.ReadAll(res.Body)
		t.Fatalf("save: %d %s", res.StatusCode, b)
	}
	got, _ := os.ReadFile(filepath.Join(dir, page))
	if !strings.Contains(string(got), `recording: {url: "https://video.example.org/w/2", thumbnail: live.png, date: 2026-03-20}`) {
		t.Errorf("saved file:\n%s", got)
	}
}

// TestPagesStayInsideTheSite: a page named with ../ that cleans to a path
// under content/, or a page that is a link out of the site, is neither shown,
// saved nor given uploads: the editor writes only the site's own pages
// (issue 13 item 10).
func TestPagesStayInsideTheSite(t *testing.T) {
	dir, _, srv := newEditor(t)
	outside := filepath.Join(filepath.Dir(dir), "content", "en", "x.md")
	os.MkdirAll(filepath.Dir(outside), 0o755)
	before := "---\ntitle: Not the site's\n---\nPrivate.\n"
	os.WriteFile(outside, []byte(before), 0o644)
	os.Symlink(outside, filepath.Join(dir, "content", "en", "linked.md"))
	for _, page := range []string{"../content/en/x.md", "content/en/../../../content/en/x.md", "content/en/linked.md"} {
		res := post(t, srv, "save", url.Values{"token": {"t0k3n"}, "page": {page}, "fm.title": {"Overwritten"}, "body": {"Overwritten."}}, nil)
		if res.StatusCode == http.StatusSeeOther {
			t.Errorf("save of %s accepted", page)
		}
		get, err := http.Get(srv.URL + editor.Prefix + "?token=t0k3n&page=" + url.QueryEscape(page))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(get.Body)
		get.Body.Close()
		if strings.Contains(string(b), "Private.") || strings.Contains(string(b), "Not the site") {
			t.Errorf("%s: the editor showed a file outside the site", page)
		}
	}
	if got, _ := os.ReadFile(outside); string(got) != before {
		t.Errorf("a file outside the site was written:\n%s", got)
	}
}

// TestEditorSpeaksTheAuthorsLanguage: the editor's words follow the
// browser's languages (Accept-Language) among those it has, whatever the
// site's languages; a language it lacks gets English. Before, it spoke
// English only.
func TestEditorSpeaksTheAuthorsLanguage(t *testing.T) {
	_, _, srv := newEditor(t)
	get := func(accept string) string {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+editor.Prefix+"?token=t0k3n&page=content/en/modules/reviews/index.md", nil)
		if accept != "" {
			req.Header.Set("Accept-Language", accept)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %s", res.Status, b)
		}
		return string(b)
	}
	for accept, want := range map[string][]string{
		"": {`<html lang="en">`, `>Save</button>`, `About this module</legend>`, `>Title (required)</label>`,
			// the vocabularies' values by the site's words for them, in the page's language
			`value="sme-workers" checked> Workers in small businesses</label>`, `<option value="beginner" selected>Beginner</option>`},
		"de-AT,de;q=0.9,en;q=0.5":   {`<html lang="de">`, `<p class="ed-help" id="f-0-help">`},
		"is":                        {`<html lang="is">`},
		"pt-BR,pt;q=0.9":            {`<html lang="en">`, `>Save</button>`},
		"fr-CH, fr;q=0.9, en;q=0.8": {`<html lang="fr">`},
	} {
		html := get(accept)
		for _, w := range want {
			if !strings.Contains(html, w) {
				t.Errorf("Accept-Language %q: no %q in the editor", accept, w)
			}
		}
		if accept != "" && !strings.HasPrefix(accept, "pt") && strings.Contains(html, `>Save</button>`) {
			t.Errorf("Accept-Language %q: the editor still says Save in English", accept)
		}
	}
}

// TestPageWithBrokenFrontMatterSaysWhatToFix: a page whose YAML does not
// parse cannot be edited field by field; the editor says what check says
// about it, at its line, with the line as it should be written, in the
// author's language, above the list of pages. It said, as plain text, "the
// front matter does not parse: yaml: mapping values are not allowed in this
// context", in English.
func TestPageWithBrokenFrontMatterSaysWhatToFix(t *testing.T) {
	dir, _, srv := newEditor(t)
	page := "content/en/modules/reviews/01-why.md"
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(page)), []byte("---\ntitle: Step 1: open the app\nweight: 1\n---\nText.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for accept, want := range map[string][]string{
		"": {page + " needs correcting before its fields can be edited</h1>", "Error, line 2:</strong> the value of title holds a colon followed by a space",
			`put the value in quotes: title: "Step 1: open the app"`, "correct the file in a text editor", ">Answering reviews</a>",
			"<textarea id=\"text\" name=\"text\"", "\n---\ntitle: Step 1: open the app\nweight: 1\n---\nText.\n</textarea>"},
		"fr": {"Erreur, ligne 2", "la valeur du champ title contient un deux-points", `title: "Step 1: open the app"`},
	} {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+editor.Prefix+"?token=t0k3n&page="+page, nil)
		req.Header.Set("Accept-Language", accept)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(res.Body)
		res.Body.Close()
		b := html.UnescapeString(string(raw))
		if res.StatusCode != http.StatusBadRequest || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			t.Errorf("%q: %s", accept, res.Status)
		}
		for _, w := range want {
			if !strings.Contains(b, w) {
				t.Errorf("Accept-Language %q: no %q in\n%s", accept, w, b)
			}
		}
		if strings.Contains(b, "mapping values") {
			t.Errorf("the parser's words:\n%s", b)
		}
	}
	// A save posted for the page (a form opened before the file broke) is
	// refused with the same errors, and the file is left as it is.
	before, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(page)))
	res := post(t, srv, "save", url.Values{"token": {"t0k3n"}, "page": {page}, "fm.title": {"Why"}, "body": {"New."}}, nil)
	raw, _ := io.ReadAll(res.Body)
	res.Body.Close()
	after, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(page)))
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(string(raw), page+":2: error: the value of title holds a colon") ||
		!strings.HasSuffix(string(raw), "fix the page in a text editor, then reload this page\n") || string(after) != string(before) {
		t.Errorf("save: %s\n%s", res.Status, raw)
	}
}

// TestCorrectABrokenPageInTheEditor: a page whose fields cannot be read is
// shown as one text to correct. A correction that still does not parse is
// refused with check's errors about it, the file left as it was and the
// author's text kept in the box; so is one made on text changed on disk
// since; a correction that parses is saved (the file's \r\n line ends
// kept) and the page opens in the form. Before, the editor could only send
// the author to a text editor.
func TestCorrectABrokenPageInTheEditor(t *testing.T) {
	dir, _, srv := newEditor(t)
	page := "content/en/modules/reviews/01-why.md"
	file := filepath.Join(dir, filepath.FromSlash(page))
	broken := "---\r\ntitle: Step 1: open the app\r\nweight: 1\r\n---\r\nText.\r\n"
	if err := os.WriteFile(file, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	shown := get(t, srv, "?token=t0k3n&page="+page)
	box := textareaText(t, shown, "text")
	if box != strings.ReplaceAll(broken, "\r\n", "\n") {
		t.Fatalf("the box holds %q", box)
	}
	sum := inputValue(t, shown, "sum")

	fix := func(text, sum string) (*http.Response, string) {
		res := post(t, srv, "fix", url.Values{"token": {"t0k3n"}, "page": {page}, "sum": {sum}, "text": {strings.ReplaceAll(text, "\n", "\r\n")}}, nil)
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		return res, string(b)
	}
	// still broken, at another line: refused, the text kept, the new error named
	still := "---\ntitle: \"Step 1: open the app\"\nweight: 1\n  level: beginner\n---\nText, rewritten.\n"
	res, b := fix(still, sum)
	if got, _ := os.ReadFile(file); res.StatusCode != http.StatusBadRequest || string(got) != broken {
		t.Errorf("a correction that does not parse: %s; the file:\n%q", res.Status, got)
	}
	if textareaText(t, b, "text") != still || !strings.Contains(html.UnescapeString(b), "Error, line 4:") ||
		!strings.Contains(b, "Not saved: the page&#39;s fields still cannot be read") || strings.Contains(b, "Error, line 2:") {
		t.Errorf("after a correction that does not parse:\n%s", b)
	}
	// made on text that changed on disk meanwhile: refused, the change kept
	elsewhere := strings.Replace(broken, "Text.", "Text written elsewhere.", 1)
	os.WriteFile(file, []byte(elsewhere), 0o644)
	good := "---\ntitle: \"Step 1: open the app\"\nweight: 1\n---\nText, rewritten.\n"
	res, b = fix(good, sum)
	if got, _ := os.ReadFile(file); res.StatusCode != http.StatusConflict || string(got) != elsewhere ||
		textareaText(t, b, "text") != good || !strings.Contains(b, "Not saved: the file was changed elsewhere") {
		t.Errorf("a correction of text changed since: %s; the file:\n%q\n%s", res.Status, got, b)
	}
	// saving again (the box now carries the file's new sum) replaces it
	res, b = fix(good, inputValue(t, b, "sum"))
	got, _ := os.ReadFile(file)
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "saved=1") ||
		string(got) != strings.ReplaceAll(good, "\n", "\r\n") {
		t.Fatalf("a correction that parses: %s %s; the file:\n%q", res.Status, b, got)
	}
	opened := get(t, srv, "?token=t0k3n&page="+page)
	if !strings.Contains(opened, `name="fm.title" value="Step 1: open the app"`) || textareaText(t, opened, "body") != "Text, rewritten.\n" {
		t.Errorf("the corrected page does not open in the form:\n%s", opened)
	}
}

// TestTextBoxesKeepALeadingBlankLine: the HTML parser drops a newline just
// after <textarea>; a page's text that begins with a blank line (as after
// most front matter) must come back from the box whole, or a save removes
// that line unasked.
func TestTextBoxesKeepALeadingBlankLine(t *testing.T) {
	dir, _, srv := newEditor(t)
	page := "content/en/modules/reviews/01-why.md"
	os.WriteFile(filepath.Join(dir, filepath.FromSlash(page)), []byte("---\ntitle: Why answer\nweight: 1\n---\n\nPeople read the answers.\n"), 0o644)
	if got := textareaText(t, get(t, srv, "?token=t0k3n&page="+page), "body"); got != "\nPeople read the answers.\n" {
		t.Errorf("the box shows %q", got)
	}
}

// get is the editor's answer at address (after its prefix), as text.
func get(t *testing.T, srv *httptest.Server, address string) string {
	t.Helper()
	res, err := http.Get(srv.URL + editor.Prefix + address)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

// textareaText is the text a browser shows in the text box named name.
func textareaText(t *testing.T, page, name string) string {
	t.Helper()
	n := findElement(t, page, func(n *nethtml.Node) bool { return n.Data == "textarea" && attr(n, "name") == name })
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(c.Data)
	}
	return b.String()
}

// inputValue is the value of the input named name.
func inputValue(t *testing.T, page, name string) string {
	t.Helper()
	return attr(findElement(t, page, func(n *nethtml.Node) bool { return n.Data == "input" && attr(n, "name") == name }), "value")
}

func findElement(t *testing.T, page string, match func(*nethtml.Node) bool) *nethtml.Node {
	t.Helper()
	doc, err := nethtml.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var found *nethtml.Node
	var walk func(*nethtml.Node)
	walk = func(n *nethtml.Node) {
		if n.Type == nethtml.ElementNode && match(n) && found == nil {
			found = n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if found == nil {
		t.Fatalf("no such element in\n%s", page)
	}
	return found
}

func attr(n *nethtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// TestPageWithAKeyTwiceOpensAsText: a page that sets a field twice would
// show only one of the two in the form, and a save would keep both; it
// opens as its text to correct, under check's error naming both lines.
func TestPageWithAKeyTwiceOpensAsText(t *testing.T) {
	dir, _, srv := newEditor(t)
	page := "content/en/modules/reviews/01-why.md"
	os.WriteFile(filepath.Join(dir, filepath.FromSlash(page)), []byte("---\ntitle: Why answer\nweight: 1\ntitle: Why we answer\n---\nText.\n"), 0o644)
	b := html.UnescapeString(get(t, srv, "?token=t0k3n&page="+page))
	if !strings.Contains(b, "Error, line 4:</strong> title is set twice in the front matter, here and at line 2") || strings.Contains(b, `name="fm.title"`) {
		t.Errorf("a page with a key twice:\n%s", b)
	}
}

// TestBrokenTOMLPageOpensAsText: a page whose TOML front matter does not
// parse (the form cannot edit TOML fields, and used to open it for its
// text only) opens as its text to correct, with check's corrected line;
// a correction that still does not parse is not saved, one that parses is.
// A file that is not UTF-8 gets no box: the browser would replace the bytes
// it cannot show, and a save would lose them.
func TestBrokenTOMLPageOpensAsText(t *testing.T) {
	dir, _, srv := newEditor(t)
	page := "content/en/modules/reviews/01-why.md"
	file := filepath.Join(dir, filepath.FromSlash(page))
	os.WriteFile(file, []byte("+++\ntitle = Why answer\nweight = 1\n+++\nText.\n"), 0o644)
	b := get(t, srv, "?token=t0k3n&page="+page)
	if !strings.Contains(html.UnescapeString(b), `data-fix="title = "Why answer""`) && !strings.Contains(b, `data-fix="title = &#34;Why answer&#34;"`) {
		t.Errorf("no corrected line offered:\n%s", b)
	}
	sum := inputValue(t, b, "sum")
	res := post(t, srv, "fix", url.Values{"token": {"t0k3n"}, "page": {page}, "sum": {sum}, "text": {"+++\ntitle = Why: answer\nweight = 1\n+++\nText.\n"}}, nil)
	if got, _ := os.ReadFile(file); res.StatusCode != http.StatusBadRequest || !strings.Contains(string(got), "title = Why answer") {
		t.Errorf("a correction that does not parse: %s\n%s", res.Status, got)
	}
	res = post(t, srv, "fix", url.Values{"token": {"t0k3n"}, "page": {page}, "sum": {sum}, "text": {"+++\ntitle = \"Why answer\"\nweight = 1\n+++\nText.\n"}}, nil)
	if got, _ := os.ReadFile(file); res.StatusCode != http.StatusSeeOther || string(got) != "+++\ntitle = \"Why answer\"\nweight = 1\n+++\nText.\n" {
		t.Errorf("a correction that parses: %s\n%s", res.Status, got)
	}

	// JSON: the line to change is the one with the comma, above the brace
	os.WriteFile(file, []byte("{\n  \"title\": \"Why answer\",\n  \"weight\": 1,\n}\nText.\n"), 0o644)
	b = get(t, srv, "?token=t0k3n&page="+page)
	if !strings.Contains(b, `data-line="3"`) || !strings.Contains(b, `data-fix="  &#34;weight&#34;: 1"`) {
		t.Errorf("no corrected JSON line offered:\n%s", b)
	}

	latin1 := []byte("---\ntitle: Caf\xe9\n---\nText.\n")
	os.WriteFile(file, latin1, 0o644)
	b = get(t, srv, "?token=t0k3n&page="+page)
	if !strings.Contains(b, "file is not valid UTF-8 text") || strings.Contains(b, `<textarea`) {
		t.Errorf("a page not in UTF-8:\n%s", b)
	}
	res = post(t, srv, "save", url.Values{"token": {"t0k3n"}, "page": {page}, "fm.title": {"Café"}, "body": {"Text."}}, nil)
	if got, _ := os.ReadFile(file); res.StatusCode != http.StatusBadRequest || string(got) != string(latin1) {
		t.Errorf("a save of a page not in UTF-8: %s\n%q", res.Status, got)
	}
}

// TestCorrectionOfARemovedPageComesBack: a correction posted for a page
// removed meanwhile (moved in a file manager, deleted with git) is not
// lost in an error: it comes back in the box, with the note that the file
// changed, and saving again writes it.
func TestCorrectionOfARemovedPageComesBack(t *testing.T) {
	dir, _, srv := newEditor(t)
	page := "content/en/modules/reviews/01-why.md"
	file := filepath.Join(dir, filepath.FromSlash(page))
	os.WriteFile(file, []byte("---\ntitle: Step 1: open\n---\nText.\n"), 0o644)
	sum := inputValue(t, get(t, srv, "?token=t0k3n&page="+page), "sum")
	os.Remove(file)
	good := "---\ntitle: \"Step 1: open\"\n---\nText I rewrote.\n"
	res := post(t, srv, "fix", url.Values{"token": {"t0k3n"}, "page": {page}, "sum": {sum}, "text": {good}}, nil)
	b, _ := io.ReadAll(res.Body)
	if _, err := os.Stat(file); res.StatusCode != http.StatusConflict || textareaText(t, string(b), "text") != good || err == nil {
		t.Fatalf("a correction of a removed page: %s\n%s", res.Status, b)
	}
	res = post(t, srv, "fix", url.Values{"token": {"t0k3n"}, "page": {page}, "sum": {inputValue(t, string(b), "sum")}, "text": {good}}, nil)
	if got, _ := os.ReadFile(file); res.StatusCode != http.StatusSeeOther || string(got) != good {
		t.Errorf("saving again: %s\n%q", res.Status, got)
	}
}

// TestSaveKeepsTheFilesForm: a form save writes the page back with its
// byte order mark and \r\n line ends, as the correction box does (the
// form's save dropped the mark).
func TestSaveKeepsTheFilesForm(t *testing.T) {
	dir, _, srv := newEditor(t)
	page := "content/en/modules/reviews/01-why.md"
	file := filepath.Join(dir, filepath.FromSlash(page))
	os.WriteFile(file, []byte("\uFEFF---\r\ntitle: Why answer\r\nweight: 1\r\n---\r\nText.\r\n"), 0o644)
	res := post(t, srv, "save", url.Values{"token": {"t0k3n"}, "page": {page}, "fm.title": {"Why we answer"}, "body": {"Text.\r\n"}}, nil)
	if got, _ := os.ReadFile(file); res.StatusCode != http.StatusSeeOther || string(got) != "\uFEFF---\r\ntitle: Why we answer\r\nweight: 1\r\n---\r\nText.\r\n" {
		t.Errorf("save: %s\n%q", res.Status, got)
	}
}

// TestSaveRefusesAFileChangedElsewhere: a form filled before the file was
// changed in a text editor (or by git, or removed) used to be written over
// it, and the other change was lost without a word. Now nothing is written:
// the form comes back with the author's version and a note, and saving that
// form again writes it.
func TestSaveRefusesAFileChangedElsewhere(t *testing.T) {
	dir, _, srv := newEditor(t)
	page := "content/en/modules/reviews/01-why.md"
	file := filepath.Join(dir, filepath.FromSlash(page))
	opened := get(t, srv, "?token=t0k3n&page="+page)
	sum := inputValue(t, opened, "sum")
	form := func(sum string) url.Values {
		return url.Values{"token": {"t0k3n"}, "page": {page}, "sum": {sum}, "fm.title": {"Why answer at all"}, "body": {"My new text.\n"}}
	}
	elsewhere := strings.Replace(readFile(t, file), "\n---\n", "\n---\nA line added in a text editor.\n", 1)
	os.WriteFile(file, []byte(elsewhere), 0o644)
	res := post(t, srv, "save", form(sum), nil)
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusConflict || readFile(t, file) != elsewhere {
		t.Fatalf("a save over a change made elsewhere: %s\n%s", res.Status, readFile(t, file))
	}
	page2 := string(b)
	if !strings.Contains(page2, "was changed elsewhere") || !strings.Contains(page2, "My new text.") || inputValue(t, page2, "fm.title") != "Why answer at all" {
		t.Errorf("the author's version is not kept:\n%s", page2)
	}
	if res := post(t, srv, "save", form(inputValue(t, page2, "sum")), nil); res.StatusCode != http.StatusSeeOther ||
		!strings.Contains(readFile(t, file), "My new text.") || !strings.Contains(readFile(t, file), "Why answer at all") {
		t.Errorf("saving again: %s\n%s", res.Status, readFile(t, file))
	}

	sum = inputValue(t, get(t, srv, "?token=t0k3n&page="+page), "sum")
	os.Remove(file)
	res = post(t, srv, "save", form(sum), nil)
	b, _ = io.ReadAll(res.Body)
	if _, err := os.Stat(file); res.StatusCode != http.StatusConflict || err == nil || inputValue(t, string(b), "fm.title") != "Why answer at all" {
		t.Fatalf("a save of a removed page: %s %v\n%s", res.Status, err, b)
	}
	if res := post(t, srv, "save", form(inputValue(t, string(b), "sum")), nil); res.StatusCode != http.StatusSeeOther ||
		!strings.Contains(readFile(t, file), "title: \"Why answer at all\"") || !strings.Contains(readFile(t, file), "My new text.") {
		t.Errorf("saving a removed page again: %s\n%s", res.Status, readFile(t, file))
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, _ := os.ReadFile(name)
	return string(b)
}

// TestTOMLPageEditedByFields: a page with TOML front matter (Hugo's +++)
// opens with its fields in the form, as a YAML page does; before, only its
// text could be edited here. Saving rewrites the changed lines only.
func TestTOMLPageEditedByFields(t *testing.T) {
	dir, _, srv := newEditor(t)
	page := "content/en/modules/reviews/01-why.md"
	file := filepath.Join(dir, filepath.FromSlash(page))
	os.WriteFile(file, []byte("+++\r\ntitle = \"Why answer\" # short\r\nweight = 1\r\n+++\r\nText.\r\n"), 0o644)
	b := get(t, srv, "?token=t0k3n&page="+page)
	if inputValue(t, b, "fm.title") != "Why answer" || inputValue(t, b, "fm.weight") != "1" || strings.Contains(b, "are in JSON") {
		t.Fatalf("the form of a TOML page:\n%s", b)
	}
	res := post(t, srv, "save", url.Values{"token": {"t0k3n"}, "page": {page}, "sum": {inputValue(t, b, "sum")},
		"fm.title": {"Why answer at all"}, "fm.weight": {"1"}, "fm.duration": {"10m"}, "body": {"Text.\r\n"}}, nil)
	want := "+++\r\ntitle = \"Why answer at all\" # short\r\nweight = 1\r\nduration = \"10m\"\r\n+++\r\nText.\r\n"
	if got := readFile(t, file); res.StatusCode != http.StatusSeeOther || got != want {
		t.Errorf("saved: %s\n%q\nwant\n%q", res.Status, got, want)
	}
}

// TestWordDocumentBecomesAPage: a Word document sent from the editor's
// list becomes a page (its pictures beside it) in the folder chosen, and
// opens in the form with what was left out said above it; a second one of
// the same name, and a file that is not a Word document, are refused.
func TestWordDocumentBecomesAPage(t *testing.T) {
	dir, _, srv := newEditorOn(t, strings.Replace(site, "[languages.en]\n", "[languages.fr]\nname = \"Français\"\n[languages.en]\n", 1)+
		"-- content/fr/ateliers/atelier.md --\n---\ntitle: Un atelier\n---\nTexte.\n")
	list := get(t, srv, "?token=t0k3n")
	if !strings.Contains(list, `action="word"`) || !strings.Contains(list, `<option value="modules">modules/</option>`) ||
		!strings.Contains(list, `<option value="ateliers">ateliers/</option>`) { // a folder only the French pages have
		t.Fatalf("no Word form with the folders of every language:\n%s", list)
	}
	send := func(name string, data []byte, module ...string) *http.Response {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		mw.WriteField("token", "t0k3n")
		mw.WriteField("lang", "en")
		mw.WriteField("section", "modules")
		if len(module) > 0 {
			mw.WriteField("module", module[0])
		}
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write(data)
		mw.Close()
		req, _ := http.NewRequest(http.MethodPost, srv.URL+editor.Prefix+"word", &b)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		res, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	doc := wordDocument(t)
	res := send(`C:\Users\ana\Phone basics.docx`, doc)
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "page=content%2Fen%2Fmodules%2Fphone-basics%2Findex.md") {
		b, _ := io.ReadAll(res.Body)
		t.Fatalf("import: %s %s\n%s", res.Status, res.Header.Get("Location"), b)
	}
	page := get(t, srv, strings.TrimPrefix(res.Header.Get("Location"), editor.Prefix))
	if !strings.Contains(page, "Made from Phone basics.docx") || !strings.Contains(page, "Left out, as a web page cannot hold them: comments.") ||
		inputValue(t, page, "fm.title") != "Phone basics" {
		t.Errorf("the new page in the form:\n%s", page)
	}
	if got := readFile(t, filepath.Join(dir, "content/en/modules/phone-basics/photo.png")); got != "\x89PNG\r\n\x1a\n" {
		t.Errorf("picture: %q", got)
	}
	res = send("Phone basics.docx", doc)
	if b, _ := io.ReadAll(res.Body); res.StatusCode != http.StatusBadRequest || !strings.Contains(string(b), "already exists") || strings.Contains(string(b), "oersite-word-") {
		t.Errorf("a second import: %s %s", res.Status, b)
	}
	res = send("Opening hours.ODT", doc) // LibreOffice's own format is taken too (read by its content)
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "opening-hours") {
		t.Errorf("an .odt file: %s %s", res.Status, res.Header.Get("Location"))
	}
	res = send("notes.txt", []byte("text"))
	if b, _ := io.ReadAll(res.Body); res.StatusCode != http.StatusBadRequest || !strings.Contains(string(b), "Only a Word document") {
		t.Errorf("a text file: %s %s", res.Status, b)
	}
	for _, name := range []string{"Workshop.pptx", "Workshop.odp"} { // slides are taken (these are no slides: read, then refused)
		res = send(name, []byte("not a zip"))
		if b, _ := io.ReadAll(res.Body); res.StatusCode != http.StatusBadRequest || strings.Contains(string(b), "Only a Word document") || !strings.Contains(string(b), "cannot be read") {
			t.Errorf("%s: %s %s", name, res.Status, b)
		}
	}
	if !strings.Contains(list, `<select id="word-module" name="module">`) {
		t.Errorf("no choice of module in the Word form")
	}
	res = send("Phone basics.docx", doc, "reviews")
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "page=content%2Fen%2Fmodules%2Freviews%2F02-phone-basics.md") {
		t.Errorf("as a lesson: %s %s", res.Status, res.Header.Get("Location"))
	}
}

// TestCourseBecomesModules: a course exported from a learning platform,
// sent from the editor's list, becomes modules, and the first opens in the
// form with the modules made said above it; a second time it is refused
// (the message names the file sent, not the editor's temporary copy), and
// a file that is no course is refused.
func TestCourseBecomesModules(t *testing.T) {
	dir, _, srv := newEditor(t)
	if list := get(t, srv, "?token=t0k3n"); !strings.Contains(list, `action="course"`) || !strings.Contains(list, `accept=".imscc,.mbz,.h5p,.zip"`) ||
		!strings.Contains(list, `<select id="course-lang" name="lang"><option value="">the course&#39;s own</option>`) {
		t.Fatalf("no course form:\n%s", list)
	}
	module := ""
	send := func(name string, data []byte) *http.Response {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		mw.WriteField("token", "t0k3n")
		mw.WriteField("lang", "en")
		mw.WriteField("module", module)
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write(data)
		mw.Close()
		req, _ := http.NewRequest(http.MethodPost, srv.URL+editor.Prefix+"course", &b)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		res, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	var zb bytes.Buffer
	z := zip.NewWriter(&zb)
	for name, text := range map[string]string{
		"imsmanifest.xml": `<manifest identifier="c1" xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"><organizations><organization><item identifier="root">` +
			`<item identifier="m1"><title>Week 1</title><item identifier="i1" identifierref="r1"><title>Light</title></item></item></item></organization></organizations>` +
			`<resources><resource identifier="r1" type="webcontent" href="wiki_content/light.html"><file href="wiki_content/light.html"/></resource></resources></manifest>`,
		"wiki_content/light.html": `<html><body><p>Stand by the window.</p><script>x()</script></body></html>`,
	} {
		w, _ := z.Create(name)
		w.Write([]byte(text))
	}
	z.Close()
	res := send(`C:\Users\ana\Shop course.imscc`, zb.Bytes())
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "page=content%2Fen%2Fmodules%2Fweek-1%2Findex.md") {
		b, _ := io.ReadAll(res.Body)
		t.Fatalf("import: %s %s\n%s", res.Status, res.Header.Get("Location"), b)
	}
	page := get(t, srv, strings.TrimPrefix(res.Header.Get("Location"), editor.Prefix))
	if !strings.Contains(page, "Made from Shop course.imscc: en/modules/week-1.") || inputValue(t, page, "fm.title") != "Week 1" {
		t.Errorf("the new module in the form:\n%s", page)
	}
	if got := readFile(t, filepath.Join(dir, "content/en/modules/week-1/01-light.md")); !strings.Contains(got, "Stand by the window.") || strings.Contains(got, "x()") {
		t.Errorf("lesson: %q", got)
	}
	res = send("Shop course.imscc", zb.Bytes())
	if b, _ := io.ReadAll(res.Body); res.StatusCode != http.StatusBadRequest || !strings.Contains(string(b), "already exists") || strings.Contains(string(b), "oersite-course-") {
		t.Errorf("a second import: %s %s", res.Status, b)
	}
	res = send("notes.txt", []byte("text"))
	if b, _ := io.ReadAll(res.Body); res.StatusCode != http.StatusBadRequest || !strings.Contains(string(b), "Only a Moodle backup (.mbz), a course exported as IMS Common Cartridge (.imscc), a SCORM package (.zip) or an H5P file (.h5p)") {
		t.Errorf("a text file: %s %s", res.Status, b)
	}
	res = send("broken.imscc", []byte("not a zip"))
	if b, _ := io.ReadAll(res.Body); res.StatusCode != http.StatusBadRequest || !strings.Contains(string(b), "broken.imscc cannot be read as a Common Cartridge (.imscc), a SCORM package (.zip), a Moodle backup (.mbz) or an H5P file (.h5p)") {
		t.Errorf("a broken course: %s %s", res.Status, b)
	}
	// An H5P file: its licence, authors and original go in the module's
	// front matter; one of a task alone says what it holds.
	h5p := func(main, licence, content string) []byte {
		var b bytes.Buffer
		z := zip.NewWriter(&b)
		for _, p := range [][2]string{
			{"h5p.json", `{"title":"Kind replies","mainLibrary":"` + main + `","license":"` + licence + `","licenseVersion":"4.0","authors":[{"name":"Ana Pop"}],"source":"https://example.org/h5p/7"}`},
			{"content/content.json", content},
		} {
			w, _ := z.Create(p[0])
			w.Write([]byte(p[1]))
		}
		z.Close()
		return b.Bytes()
	}
	res = send("replies.h5p", h5p("H5P.TrueFalse", "CC BY-SA", `{"question":"<p>Thank every reviewer.</p>","correct":"true"}`))
	if res.StatusCode != http.StatusSeeOther {
		b, _ := io.ReadAll(res.Body)
		t.Fatalf("H5P import: %s\n%s", res.Status, b)
	}
	want := "---\ntitle: \"Kind replies\"\nlicence: CC-BY-SA-4.0\nauthors: [\"Ana Pop\"]\nsource:\n  title: \"Kind replies\"\n  author: [\"Ana Pop\"]\n  url: \"https://example.org/h5p/7\"\n  licence: CC-BY-SA-4.0\n---\n"
	if got := readFile(t, filepath.Join(dir, "content/en/modules/kind-replies/index.md")); !strings.HasPrefix(got, want) {
		t.Errorf("the H5P module's front matter:\n%s\nwant:\n%s", got, want)
	}
	if got := readFile(t, filepath.Join(dir, "content/en/modules/kind-replies/01-kind-replies.md")); !strings.Contains(got, ":::quiz Kind replies\nThank every reviewer.\n\n- [x] True\n- [ ] False\n:::") {
		t.Errorf("the H5P lesson:\n%s", got)
	}
	res = send("drag.h5p", h5p("H5P.DragQuestion", "CC BY-SA", `{"question":{}}`))
	if b, _ := io.ReadAll(res.Body); res.StatusCode != http.StatusBadRequest || !strings.Contains(string(b), "drag.h5p holds no page, link or file a module could show; what it holds, a web page cannot: H5P contents a page cannot hold (games and tools): Drag and Drop") {
		t.Errorf("an H5P task alone: %s %s", res.Status, b)
	}
	// All rights reserved: the module does not take the site's licence
	// unsaid.
	if err := os.RemoveAll(filepath.Join(dir, "content/en/modules/kind-replies")); err != nil {
		t.Fatal(err)
	}
	res = send("reserved.h5p", h5p("H5P.TrueFalse", "C", `{"question":"<p>Thank every reviewer.</p>","correct":"true"}`))
	page = get(t, srv, strings.TrimPrefix(res.Header.Get("Location"), editor.Prefix))
	if !strings.Contains(page, "licence (Copyright (all rights reserved)) is not one oersite knows: its modules show the site&#39;s licence until you write theirs") {
		t.Errorf("no word of the licence:\n%s", page)
	}
	if got := readFile(t, filepath.Join(dir, "content/en/modules/kind-replies/index.md")); strings.Contains(got, "licence") {
		t.Errorf("a reserved H5P got a licence:\n%s", got)
	}
	// into a module of the site: the first new lesson opens
	if list := get(t, srv, "?token=t0k3n"); !strings.Contains(list, `<select id="course-module" name="module">`) {
		t.Errorf("no module to choose in the course form")
	}
	module = "week-1"
	res = send("replies.h5p", h5p("H5P.TrueFalse", "CC BY-SA", `{"question":"<p>Thank every reviewer.</p>","correct":"true"}`))
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || !strings.Contains(loc, "page=content%2Fen%2Fmodules%2Fweek-1%2F02-kind-replies.md") {
		b, _ := io.ReadAll(res.Body)
		t.Fatalf("H5P into a module: %s %s\n%s", res.Status, loc, b)
	}
	if got := readFile(t, filepath.Join(dir, "content/en/modules/week-1/02-kind-replies.md")); !strings.Contains(got, "weight: 2\nlicence: CC-BY-SA-4.0\n") {
		t.Errorf("the lesson added:\n%s", got)
	}
}

// wordDocument is a small .docx: a title, a paragraph, a picture without a
// description, a footnote.
func wordDocument(t *testing.T) []byte {
	t.Helper()
	const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"`
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for _, p := range [][2]string{
		{"word/styles.xml", `<w:styles ` + ns + `><w:style w:type="paragraph" w:styleId="T"><w:name w:val="Title"/></w:style></w:styles>`},
		{"word/_rels/document.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="p" Target="media/photo.png"/></Relationships>`},
		{"word/media/photo.png", "\x89PNG\r\n\x1a\n"},
		{"word/document.xml", `<w:document ` + ns + `><w:body><w:p><w:pPr><w:pStyle w:val="T"/></w:pPr><w:r><w:t>Phone basics</w:t></w:r></w:p>` +
			`<w:p><w:r><w:t>Charge it first.</w:t></w:r><w:r><w:commentReference w:id="1"/></w:r></w:p><w:p><w:r><w:drawing><a:blip r:embed="p"/></w:drawing></w:r></w:p></w:body></w:document>`},
	} {
		w, _ := z.Create(p[0])
		w.Write([]byte(p[1]))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestUploadTooBigLeavesNothing: a document over the upload limit is
// refused in the author's words, and no part of it stays beside the page.
func TestUploadTooBigLeavesNothing(t *testing.T) {
	dir, _, srv := newEditor(t)
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.WriteField("token", "t0k3n")
	mw.WriteField("page", "content/en/modules/reviews/01-why.md")
	fw, _ := mw.CreateFormFile("file", "big.pdf")
	fw.Write(bytes.Repeat([]byte("x"), 10<<20+1))
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+editor.Prefix+"upload", &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), "10 MB") {
		t.Errorf("%s %s", res.Status, body)
	}
	if _, err := os.Stat(filepath.Join(dir, "content/en/modules/reviews/big.pdf")); err == nil {
		t.Error("the refused file stays")
	}
}
