package scaffold

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"github.com/oersite/oersite/generator/internal/diag"
)

// slugPattern is what a new page's name may hold: lower-case letters,
// digits and dashes (the name becomes part of its address).
var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// ValidName reports whether name can name a new page.
func ValidName(name string) bool { return slugPattern.MatchString(name) }

// Target is where a new page of kind goes inside its language tree
// (langDir is content/<lang>), and its weight for a lesson: a module is
// modules/<name>/index.md, a webinar webinars/<name>.md, a resource
// resources/<name>/index.md, a lesson modules/<module>/<NN>-<name>.md,
// keeping a number the author gave ("01-setting-up") or taking the next
// one in the module.
func Target(langDir, kind, name, module string) (rel string, weight int, err error) {
	if !ValidName(name) {
		return "", 0, diag.Phrasef("%q: use lower-case letters, digits and dashes, e.g. writing-posts", name)
	}
	switch kind {
	case "module":
		return "modules/" + name + "/index.md", 0, nil
	case "webinar":
		return "webinars/" + name + ".md", 0, nil
	case "resource":
		return "resources/" + name + "/index.md", 0, nil
	case "lesson":
		dir := filepath.Join(langDir, "modules", module)
		if module == "" {
			return "", 0, diag.Phrasef("say which module the lesson belongs to")
		}
		if !ValidName(module) {
			return "", 0, diag.Phrasef("%q is not a module's folder name: give the name of a folder in modules/, e.g. writing-posts", module)
		}
		if _, err := os.Stat(filepath.Join(dir, "index.md")); err != nil {
			return "", 0, diag.Phrasef("module %q not found: create it first with oersite new module %s", module, module)
		}
		n, file := lessonName(dir, name)
		return "modules/" + module + "/" + file + ".md", n, nil
	}
	return "", 0, diag.Phrasef("cannot create %q: use module, lesson, webinar or resource", kind)
}

// lessonName is the lesson's number and file name (without .md): a name
// that starts with a number keeps it ("01-setting-up"), any other gets the
// next number in the module ("setting-up" after 02-... is "03-setting-up").
func lessonName(dir, name string) (int, string) {
	var k int
	if _, err := fmt.Sscanf(name, "%d-", &k); err == nil && k > 0 {
		return k, name
	}
	n := nextLessonNumber(dir)
	return n, fmt.Sprintf("%02d-%s", n, name)
}

// nextLessonNumber is one more than the highest NN- prefix in a module folder.
func nextLessonNumber(dir string) int {
	entries, _ := os.ReadDir(dir)
	n := 0
	for _, e := range entries {
		var k int
		if _, err := fmt.Sscanf(e.Name(), "%d-", &k); err == nil && k > n {
			n = k
		}
	}
	return n + 1
}

// Create writes a new page of kind under langDir and returns its path
// inside the tree; it never overwrites a file.
func Create(langDir, kind, name, module string, d Data) (string, error) {
	rel, weight, err := Target(langDir, kind, name, module)
	if err != nil {
		return "", err
	}
	if kind == "lesson" {
		d.Weight, d.Module = weight, module
	}
	data, err := File(kind, d)
	if err != nil {
		return "", err
	}
	// Written through the language tree's root: a link inside it cannot
	// lead the new file outside (issue 13 item 10).
	if err := os.MkdirAll(langDir, 0o755); err != nil {
		return "", err
	}
	tree, err := os.OpenRoot(langDir)
	if err != nil {
		return "", err
	}
	defer tree.Close()
	p := filepath.FromSlash(rel)
	if err := tree.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", err
	}
	f, err := tree.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if os.IsExist(err) {
		return "", diag.Phrasef("%s already exists; nothing was changed", filepath.Join(langDir, p))
	}
	if err != nil {
		return "", err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return "", err
	}
	return rel, f.Close()
}
