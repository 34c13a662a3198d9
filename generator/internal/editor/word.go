package editor

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/oersite/oersite/generator/internal/importer"
)

// maxWordUpload bounds a Word document sent from the editor.
const maxWordUpload = 64 << 20

// word makes a page of a Word document sent from the editor (the pictures
// beside it, as `oersite import word` does) and opens it in the form, with
// what was left out of it said above.
func (e *Editor) word(w http.ResponseWriter, r *http.Request) error {
	say := e.words.For(r)
	src, hdr, err := r.FormFile("file")
	if err != nil {
		return userError{errors.New(say.T("ed.upload.nofile"))}
	}
	defer src.Close()
	name := path.Base(strings.ReplaceAll(hdr.Filename, `\`, "/")) // the author's file name, without its folders
	if ext := strings.ToLower(path.Ext(name)); ext != ".docx" && ext != ".odt" && ext != ".pptx" && ext != ".odp" {
		return userError{errors.New(say.T("ed.word.type"))}
	}
	tmp, err := os.MkdirTemp("", "oersite-word-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	file := filepath.Join(tmp, name)
	if !filepath.IsLocal(name) {
		file = filepath.Join(tmp, "document.docx")
	}
	if err := copyLimited(file, src, maxWordUpload); err != nil {
		if errors.Is(err, errTooBig) {
			return userError{errors.New(say.T("ed.word.toobig"))}
		}
		return err
	}
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
