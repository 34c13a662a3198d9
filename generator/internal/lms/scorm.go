package lms

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"html/template"
	"slices"
	"strconv"
	"sync"
)

//go:embed assets/launcher.html
var launcherTemplate string

//go:embed assets/launcher.css
var launcherCSS string

//go:embed assets/launcher.js
var launcherJS string

var launcherPage = sync.OnceValue(func() *template.Template { return template.Must(template.New("launcher").Parse(launcherTemplate)) })

// launcherView is what the SCORM package's launch page shows.
type launcherView struct {
	Lang, Dir, Title string
	LessonsLabel     string
	Units            []launcherLink
	First            string
	Open             bool
	Data             template.JS
	CSS              template.CSS
	JS               template.JS
}

type launcherLink struct {
	Href, Text string
	N          int
}

// scoData is what the launcher's script knows of the module.
type scoData struct {
	// Lessons are the pages' paths, the introduction first: the values of
	// cmi.core.lesson_location.
	Lessons []string `json:"lessons"`
	// Questions are the question ids of each page with checks, by page number.
	Questions map[string][]string `json:"questions"`
	Progress  string              `json:"progress"`
	Done      string              `json:"done"`
}

// launcher renders index.html, the SCO's launch page.
func (b *bundle) launcher() []byte {
	units := b.units()
	t := func(key string) string { return b.k.label(b.m.Lang, key) }
	data := scoData{Questions: map[string][]string{}, Progress: t("module.progress"), Done: t("lms.done")}
	v := launcherView{Lang: b.lang, Dir: "ltr", Title: b.m.Title, LessonsLabel: t("module.lessons"), First: units[0].file, Open: len(units) <= 6,
		CSS: template.CSS(packageCSS + launcherCSS), JS: template.JS(launcherJS)}
	for _, l := range b.k.s.Languages {
		if l.Code == b.lang && l.Direction != "" {
			v.Dir = l.Direction
		}
	}
	for i, u := range units {
		data.Lessons = append(data.Lessons, u.file)
		v.Units = append(v.Units, launcherLink{Href: u.file, Text: u.title, N: i})
	}
	for _, c := range b.checks {
		if b.k.quiz == "" {
			break // no script to answer them with: only lessons seen count
		}
		n := strconv.Itoa(c.lesson + 1)
		for _, q := range c.quiz.Questions {
			data.Questions[n] = append(data.Questions[n], q.ID)
		}
	}
	js, _ := json.Marshal(data) // strings and slices only: cannot fail
	v.Data = template.JS(js)
	var buf bytes.Buffer
	if err := launcherPage().Execute(&buf, v); err != nil {
		panic(err) // the template is the package's own and its data plain
	}
	return buf.Bytes()
}

// scormManifest writes imsmanifest.xml for SCORM 1.2: one organisation with
// one item, the module, launched as one SCO that lists every file.
func scormManifest(b *bundle) []byte {
	d := newXML()
	id := manifestID(b.m)
	d.open("manifest", "identifier", id, "version", "1.0",
		"xmlns", "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
		"xmlns:adlcp", "http://www.adlnet.org/xsd/adlcp_rootv1p2",
		// No xsi:schemaLocation: SCORM 1.2 names schema files at the
		// package's root, and this repository carries no third-party schema files.
		"xmlns:imsmd", "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1")
	d.open("metadata")
	d.leaf("schema", "ADL SCORM")
	d.leaf("schemaversion", "1.2")
	d.lomSCORM(b.lom())
	d.close("metadata")
	d.open("organizations", "default", "ORG")
	d.open("organization", "identifier", "ORG")
	d.leaf("title", b.m.Title)
	d.open("item", "identifier", "ITEM", "identifierref", "SCO", "isvisible", "true")
	d.leaf("title", b.m.Title)
	d.close("item")
	d.close("organization")
	d.close("organizations")
	d.open("resources")
	d.open("resource", "identifier", "SCO", "type", "webcontent", "adlcp:scormtype", "sco", "href", "index.html")
	files := []string{"index.html"}
	for f := range b.files {
		if f != "index.html" && f != "imsmanifest.xml" {
			files = append(files, f)
		}
	}
	slices.Sort(files[1:])
	for _, f := range files {
		d.leaf("file", "", "href", f)
	}
	d.close("resource")
	d.close("resources")
	d.close("manifest")
	return d.bytes()
}
