package editor

import (
	"errors"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/oersite/oersite/generator/internal/importer"
)

// maxCourseUpload bounds a course sent from the editor (its videos and
// documents come with it).
const maxCourseUpload = 512 << 20

// course makes modules of a course exported from a learning platform
// (Common Cartridge, or Moodle's backup), sent from the editor, as `oersite import cartridge`
// does, and opens the first module's page in the form, with the modules
// made and what was left out said above it.
func (e *Editor) course(w http.ResponseWriter, r *http.Request) error {
	say := e.words.For(r)
	src, hdr, err := r.FormFile("file")
	if err != nil {
		return userError{errors.New(say.T("ed.upload.nofile"))}
	}
	defer src.Close()
	name := path.Base(strings.ReplaceAll(hdr.Filename, `\`, "/"))
	if ext := strings.ToLower(path.Ext(name)); ext != ".imscc" && ext != ".zip" && ext != ".mbz" {
		return userError{errors.New(say.T("ed.course.type"))}
	}
	tmp, err := os.MkdirTemp("", "oersite-course-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	file := filepath.Join(tmp, "course.imscc")
	if err := copyLimited(file, src, maxCourseUpload); err != nil {
		if errors.Is(err, errTooBig) {
			return userError{errors.New(say.T("ed.course.toobig"))}
		}
		return err
	}
	rep, err := importer.Cartridge(importer.CartridgeOptions{File: file, Site: e.opt.Source, Lang: r.PostFormValue("lang")})
	if err != nil {
		return userError{errors.New(strings.ReplaceAll(say.Phrases().Error(err), file, name))}
	}
	q := url.Values{"token": {e.token}, "page": {rep.Modules[0].Folder + "/index.md"}, "fromcourse": {name}}
	for _, m := range rep.Modules {
		q.Add("module", strings.TrimPrefix(m.Folder, "content/"))
	}
	for _, l := range rep.Left {
		q.Add("left", say.Phrases().Error(l))
	}
	http.Redirect(w, r, Prefix+"?"+q.Encode(), http.StatusSeeOther)
	return nil
}
