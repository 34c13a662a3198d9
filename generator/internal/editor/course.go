package editor

import (
	"errors"
	"net/http"
	"net/url"
	"os"
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
	file, name, tmp, err := receive(r, say, sentFile{prefix: "oersite-course-", exts: []string{".imscc", ".zip", ".mbz", ".h5p"},
		wrongType: "ed.course.type", tooBig: "ed.course.toobig", limit: maxCourseUpload})
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	rep, err := importer.Cartridge(importer.CartridgeOptions{File: file, Site: e.opt.Source, Lang: r.PostFormValue("lang"), Module: r.PostFormValue("module")})
	if err != nil {
		return userError{errors.New(strings.ReplaceAll(say.Phrases().Error(err), file, name))}
	}
	first := rep.Modules[0].Folder + "/index.md"
	if rep.Into { // lessons added to a module: the first of them
		first = rep.Pages[0]
	}
	q := url.Values{"token": {e.token}, "page": {first}, "fromcourse": {name}}
	for _, m := range rep.Modules {
		q.Add("module", strings.TrimPrefix(m.Folder, "content/"))
	}
	for _, l := range rep.Left {
		q.Add("left", say.Phrases().Error(l))
	}
	for _, n := range rep.Notes {
		q.Add("note", say.Phrases().Error(n))
	}
	http.Redirect(w, r, Prefix+"?"+q.Encode(), http.StatusSeeOther)
	return nil
}
