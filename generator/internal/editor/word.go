package editor

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/oersite/oersite/generator/internal/authorwords"
	"github.com/oersite/oersite/generator/internal/importer"
)

// maxWordUpload bounds a Word document sent from the editor.
const maxWordUpload = 64 << 20

// word makes a page of a Word document sent from the editor (the pictures
// beside it, as `oersite import word` does) and opens it in the form, with
// what was left out of it said above.
func (e *Editor) word(w http.ResponseWriter, r *http.Request) error {
	say := e.words.For(r)
	file, name, tmp, err := receive(r, say, sentFile{prefix: "oersite-word-", exts: []string{".docx", ".odt", ".pptx", ".odp"},
		wrongType: "ed.word.type", tooBig: "ed.word.toobig", limit: maxWordUpload, keepName: true})
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	rep, err := importer.Word(importer.WordOptions{File: file, Site: e.opt.Source, Lang: r.PostFormValue("lang"),
		Section: r.PostFormValue("section"), Module: r.PostFormValue("module")})
	if err != nil {
		return userError{errors.New(strings.ReplaceAll(say.Phrases().Error(err), tmp+string(filepath.Separator), ""))}
	}
	q := url.Values{"token": {e.token}, "page": {rep.Page}, "fromword": {name}, "pictures": {strconv.Itoa(rep.Pictures)}}
	for _, l := range rep.Left {
		q.Add("left", say.Phrases().Error(l))
	}
	http.Redirect(w, r, Prefix+"?"+q.Encode(), http.StatusSeeOther)
	return nil
}

// sentFile says what a form's file may be: its kinds (extensions), the
// words for another kind and for one too large, its largest size, and
// whether it keeps the author's name (a Word document's name is its page's).
type sentFile struct {
	prefix    string
	exts      []string
	wrongType string
	tooBig    string
	limit     int64
	keepName  bool
}

// receive writes a form's file into a new temporary folder (tmp, for the
// caller to remove) and returns its path and the author's file name,
// without its folders; a missing, wrong or too large file is the author's
// error, in their words.
func receive(r *http.Request, say authorwords.Words, want sentFile) (file, name, tmp string, err error) {
	src, hdr, err := r.FormFile("file")
	if err != nil {
		return "", "", "", userError{errors.New(say.T("ed.upload.nofile"))}
	}
	defer src.Close()
	name = path.Base(strings.ReplaceAll(hdr.Filename, `\`, "/"))
	if !slices.Contains(want.exts, strings.ToLower(path.Ext(name))) {
		return "", "", "", userError{errors.New(say.T(want.wrongType))}
	}
	if tmp, err = os.MkdirTemp("", want.prefix); err != nil {
		return "", "", "", err
	}
	file = filepath.Join(tmp, "document"+strings.ToLower(path.Ext(name)))
	if want.keepName && filepath.IsLocal(name) {
		file = filepath.Join(tmp, name)
	}
	if err := copyLimited(file, src, want.limit); err != nil {
		os.RemoveAll(tmp)
		if errors.Is(err, errTooBig) {
			return "", "", "", userError{errors.New(say.T(want.tooBig))}
		}
		return "", "", "", err
	}
	return file, name, tmp, nil
}

// copyLimited writes src to a new file, refusing more than limit bytes.
func copyLimited(file string, src io.Reader, limit int64) error {
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	return fillLimited(f, src, limit)
}

// sections are the first-level folders of the languages' pages a Word
// document can go into ("" first: the language's root), each once, in
// the order of the languages (the default language's first): a folder only
// one language has is offered too, and made in the others when chosen.
func (e *Editor) sections(langs []string) []string {
	out := []string{""}
	seen := map[string]bool{"": true}
	for _, lang := range langs {
		entries, _ := os.ReadDir(filepath.Join(e.opt.Source, "content", lang))
		for _, d := range entries {
			if n := d.Name(); d.IsDir() && !seen[n] && !strings.HasPrefix(n, ".") && !strings.HasPrefix(n, "_") {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out
}
