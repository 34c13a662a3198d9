package cartridge

import (
	"errors"
	"maps"
	"strconv"
	"strings"

	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/mirror"
)

// A Moodle course's SCORM activity (mod_scorm) and IMS content package
// (mod_imscp) keep their package unpacked in their content area:
// imsmanifest.xml and its pages, as the package was made. The reader
// reads that package as it reads one imported alone (cartridge.go: its
// lessons, pages they lead to, knowledge checks, a Rise course's data, a
// player's pages named) and puts its modules after the module of the
// activity's section, in the course's order: a package is a course of its
// own, often of several lessons, and most Moodle courses that hold one
// hold it alone in its section. A package of one module takes the
// activity's title, which the course's teacher gave it. An external or
// AICC package, of no files in the backup, is named, as is one of whose
// pages no lesson can be made (a player's), and one that cannot be read,
// with the reason.

// moodleSCORM is the resource type of a SCORM activity or content
// package: its package's files are under resource.Base.
const moodleSCORM = "moodle/scorm"

// packageActivity makes the item of a SCORM activity (kind scorm) or an
// IMS content package (imscp), whose files the backup keeps in the
// activity's content area: item 0 for SCORM, the package's latest
// revision for a content package (Moodle may keep older ones beside it).
// The zipped copy SCORM keeps in its package area is not read.
func (c *reader) packageActivity(m *moodleCourse, id, kind, title, ctx string, files []moodleFile) item {
	var content []moodleFile
	latest := -1
	for _, f := range files {
		if f.Component == "mod_"+kind && f.Area == "content" {
			n, err := strconv.Atoi(f.ItemID)
			if err != nil || n < 0 {
				continue
			}
			if n > latest {
				latest, content = n, content[:0]
			}
			if n == latest {
				content = append(content, f)
			}
		}
	}
	m.take(ctx, content)
	r := &resource{ID: "moodle-" + id, Type: moodleSCORM, Base: ctx + "/content/" + strconv.Itoa(latest) + "/"}
	c.resources[r.ID] = r
	return item{Ref: r.ID, Title: title}
}

// packageModules reads the SCORM package whose files are under dir as a
// course of its own, and lists its modules to come after the module being
// read; a package none can be made of is named.
func (c *reader) packageModules(dir, title string) {
	files := map[string][]byte{}
	for name, data := range c.mem {
		if rest, ok := strings.CutPrefix(name, dir); ok && mirror.CheckPath(rest) == nil {
			files[rest] = data
		}
	}
	if len(files) == 0 {
		c.leftNamed(errNoPackage, title)
		return
	}
	if c.nested {
		c.leftNamed(errPackage, title)
		return
	}
	n := newReader(c.opt)
	n.nested, n.mem, n.budget = true, files, c.budget
	maps.Copy(n.moduleNames, c.moduleNames)
	course, err := n.readPackage()
	c.budget = n.budget
	if err != nil {
		c.leftNamed(errUnreadPackage, title+" ("+err.Error()+")")
		return
	}
	if len(course.Modules) == 0 {
		c.leftNamed(errPackage, title) // by the title the course gave it, not its pages'
		return
	}
	c.joinLeft(n)
	c.course.NoAlt += course.NoAlt
	c.course.Credits = append(c.course.Credits, course.Credits...)
	if len(course.Modules) == 1 && strings.TrimSpace(title) != "" {
		course.Modules[0].Title = strings.TrimSpace(title) // one module: no other links to its folder
		course.Modules[0].Name = c.moduleName(title)
	}
	origin := &Origin{Rights: course.Rights, Authors: course.Authors, Source: course.Source}
	for _, m := range course.Modules {
		c.moduleNames[m.Name] = true
		if origin.Rights == "" && len(origin.Authors) == 0 {
			continue
		}
		for _, l := range m.Lessons {
			if l.Origin == nil {
				l.Origin = origin
			}
		}
	}
	c.mod.after = append(c.mod.after, course.Modules...)
}

// joinLeft adds what a package's reader n left out to the course's list:
// the items it named under the kinds the course names too, in one entry
// per kind.
func (c *reader) joinLeft(n *reader) {
	for _, what := range n.course.Left {
		var kind *diag.Phrased
		var named *leftItems
		if errors.As(what, &kind) {
			named = n.named[kind.Format]
		}
		if named == nil || named.phrase != what {
			c.left(what)
			continue
		}
		if len(named.titles) == 0 {
			c.leftNamed(what, "")
		}
		for _, t := range named.titles {
			c.leftNamed(what, t)
		}
	}
}
