package theme

import (
	"testing"
	"testing/fstest"
)

// TestReadsListsFollowsIncludedPartials: a layout reads site-wide lists when
// it, or a partial it includes, does; a partial no layout includes does not
// make every layout re-render when a title changes.
func TestReadsListsFollowsIncludedPartials(t *testing.T) {
	fsys := fstest.MapFS{
		"layouts/baseof.html":             {Data: []byte(`{{ template "partials/header.html" . }}{{ block "main" . }}{{ end }}`)},
		"layouts/partials/header.html":    {Data: []byte(`<header>{{ .Title }}</header>`)},
		"layouts/partials/doors.html":     {Data: []byte(`{{ template "partials/door-list.html" . }}`)},
		"layouts/partials/door-list.html": {Data: []byte(`{{ range .L.Taxonomies.audience.Pages }}{{ .Title }}{{ end }}`)},
		"layouts/home.html":               {Data: []byte(`{{ define "main" }}{{ template "partials/doors.html" . }}{{ end }}`)},
		"layouts/lesson.html":             {Data: []byte(`{{ define "main" }}{{ .Page.Title }}{{ end }}`)},
	}
	th, diags := Load(fsys, []string{"layouts"})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if !th.ReadsLists("home") {
		t.Error("home includes a partial that includes one reading the audiences: it reads lists")
	}
	if th.ReadsLists("lesson") {
		t.Error("lesson includes nothing that reads lists, yet it is said to")
	}
	fsys["layouts/partials/header.html"] = &fstest.MapFile{Data: []byte(`<header>{{ range .L.Sections }}{{ end }}</header>`)}
	th, _ = Load(fsys, []string{"layouts"})
	if !th.ReadsLists("lesson") {
		t.Error("baseof.html includes a header that reads lists: every layout does")
	}
}
