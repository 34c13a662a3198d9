package editor

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// maxUpload bounds a picture or attachment sent from the editor.
const maxUpload = 10 << 20

// uploadKinds are the files the editor takes, by extension: pictures a page
// shows, and documents it offers. Nothing a browser would run.
var uploadKinds = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".pdf": true, ".csv": true}

// upload stores a picture (with its alt text, which it requires) or a
// document in the page's folder and answers the Markdown that shows it,
// for the editor to insert where the cursor is.
func (e *Editor) upload(w http.ResponseWriter, r *http.Request) error {
	_, page, _, _, err := e.postedPage(r)
	if err != nil {
		return err
	}
	say := e.words.For(r)
	src, hdr, err := r.FormFile("file")
	if err != nil {
		return userError{errors.New(say.T("ed.upload.nofile"))}
	}
	defer src.Close()
	ext := strings.ToLower(path.Ext(hdr.Filename))
	if !uploadKinds[ext] {
		return userError{errors.New(say.Tf("ed.upload.type", "ext", ext))}
	}
	alt := strings.Join(strings.Fields(r.PostFormValue("alt")), " ")
	picture := ext != ".pdf" && ext != ".csv"
	if picture && alt == "" {
		return userError{errors.New(say.T("ed.upload.noalt"))}
	}
	dir := filepath.Dir(filepath.Join(e.opt.Source, filepath.FromSlash(page)))
	name, f, err := newFile(dir, fileName(strings.TrimSuffix(hdr.Filename, path.Ext(hdr.Filename)))+ext)
	if err != nil {
		return err
	}
	if err := fillLimited(f, src, maxUpload); err != nil {
		os.Remove(filepath.Join(dir, name))
		if errors.Is(err, errTooBig) {
			return userError{errors.New(say.T("ed.upload.toobig"))}
		}
		return err
	}
	md := fmt.Sprintf("![%s](%s)", strings.NewReplacer("[", "(", "]", ")").Replace(alt), name)
	if !picture {
		label := alt
		if label == "" {
			label = name
		}
		md = fmt.Sprintf("[%s](%s)", strings.NewReplacer("[", "(", "]", ")").Replace(label), name)
	}
	if !strings.Contains(r.Header.Get("Accept"), "application/json") { // a form sent without the script
		http.Redirect(w, r, Prefix+"?token="+url.QueryEscape(e.token)+"&page="+url.QueryEscape(page)+"&added="+url.QueryEscape(name), http.StatusSeeOther)
		return nil
	}
	w.Header().Set("Content-Type", "application/json")
	return json.NewEncoder(w).Encode(map[string]string{"markdown": md, "file": name})
}

// fileName makes an uploaded file's name safe for an address: lower-case
// letters, digits and dashes.
func fileName(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.Trim(b.String(), "-")
	if out == "" {
		out = "file"
	}
	return out
}

// newFile creates name in dir, or name-2, name-3... when it exists: an
// upload never replaces a file.
func newFile(dir, name string) (string, *os.File, error) {
	ext := path.Ext(name)
	base := strings.TrimSuffix(name, ext)
	for i := 1; i < 1000; i++ {
		n := name
		if i > 1 {
			n = fmt.Sprintf("%s-%d%s", base, i, ext)
		}
		f, err := os.OpenFile(filepath.Join(dir, n), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if os.IsExist(err) {
			continue
		}
		return n, f, err
	}
	return "", nil, fmt.Errorf("too many files named %s in %s", name, dir)
}

var errTooBig = errors.New("too big")

// fillLimited writes src into f, a new file, and closes it; more than limit
// bytes is errTooBig (the caller removes the file).
func fillLimited(f *os.File, src io.Reader, limit int64) error {
	n, err := io.Copy(f, io.LimitReader(src, limit+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && n > limit {
		err = errTooBig
	}
	return err
}
