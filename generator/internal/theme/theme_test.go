package theme

import (
	"fmt"
	"strings"
	"sync"
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

// TestLayoutsAreMadeOnFirstUse: a layout's syntax error is still reported
// by Load, with its file and line, though its templates are made only when
// a page first uses it; pages rendering one layout at once, for the first
// time, all get the same page and each layout its own blocks.
func TestLayoutsAreMadeOnFirstUse(t *testing.T) {
	fsys := fstest.MapFS{
		"layouts/baseof.html":       {Data: []byte(`<title>{{ block "title" . }}site{{ end }}</title>{{ template "partials/nav.html" . }}{{ block "main" . }}{{ end }}`)},
		"layouts/partials/nav.html": {Data: []byte(`<nav>{{ . }}</nav>`)},
		"layouts/page.html":         {Data: []byte(`{{ define "main" }}<p>{{ . }}</p>{{ end }}`)},
		"layouts/home.html":         {Data: []byte(`{{ define "title" }}home{{ end }}{{ define "main" }}<h1>{{ . }}</h1>{{ end }}`)},
		"site/layouts/broken.html":  {Data: []byte("{{ define \"main\" }}\n<p>{{ .Title </p>{{ end }}")},
		"site/layouts/unknown.html": {Data: []byte(`{{ define "main" }}{{ nosuchfunc . }}{{ end }}`)},
	}
	_, diags := Load(fsys, []string{"layouts", "site/layouts"})
	var files []string
	for _, d := range diags {
		files = append(files, fmt.Sprintf("%s:%d", d.File, d.Line))
	}
	if got := strings.Join(files, " "); got != "site/layouts/broken.html:2 site/layouts/unknown.html:1" && got != "site/layouts/unknown.html:1 site/layouts/broken.html:2" {
		t.Errorf("errors at %q, want broken.html:2 and unknown.html:1 (%v)", got, diags)
	}
	th, diags := Load(fsys, []string{"layouts"})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	want := map[string]string{"page": "<title>site</title><nav>a &lt;b&gt;</nav><p>a &lt;b&gt;</p>", "home": "<title>home</title><nav>a &lt;b&gt;</nav><h1>a &lt;b&gt;</h1>"}
	var wg sync.WaitGroup
	got := make([]string, 16)
	for i := range got {
		wg.Go(func() {
			var b strings.Builder
			if err := th.Execute(&b, []string{"page", "home"}[i%2], "a <b>"); err != nil {
				t.Error(err)
			}
			got[i] = b.String()
		})
	}
	wg.Wait()
	for i, g := range got {
		if w := want[[]string{"page", "home"}[i%2]]; g != w {
			t.Errorf("render %d: %q, want %q", i, g, w)
		}
	}
}

// TestPartialCachedRendersAsTemplate: partialCached gives what the same
// partial gives through {{ template }}, once per value, and refuses a value
// through which the partial could show one page's data on another.
func TestPartialCachedRendersAsTemplate(t *testing.T) {
	fsys := fstest.MapFS{
		"layouts/baseof.html":        {Data: []byte(`{{ block "main" . }}{{ end }}`)},
		"layouts/partials/icon.html": {Data: []byte(`<i class="{{ . }}">{{ if eq . "a" }}A{{ else }}?{{ end }}</i>`)},
		"layouts/partials/n.html":    {Data: []byte(`<b>{{ . }}</b>`)},
		"layouts/page.html":          {Data: []byte(`{{ define "main" }}{{ template "partials/icon.html" "a" }}|{{ partialCached "partials/icon.html" "a" }}|{{ partialCached "partials/icon.html" "b<" }}|{{ partialCached "partials/n.html" 3 }}{{ end }}`)},
		"layouts/leak.html":          {Data: []byte(`{{ define "main" }}{{ partialCached "partials/icon.html" . }}{{ end }}`)},
		"layouts/kind.html":          {Data: []byte(`{{ define "main" }}{{ partialCached "partials/icon.html" .Kind }}{{ end }}`)},
	}
	th, diags := Load(fsys, []string{"layouts"})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for range 2 {
		var b strings.Builder
		if err := th.Execute(&b, "page", nil); err != nil {
			t.Fatal(err)
		}
		if want := `<i class="a">A</i>|<i class="a">A</i>|<i class="b&lt;">?</i>|<b>3</b>`; b.String() != want {
			t.Errorf("got %q, want %q", b.String(), want)
		}
	}
	type kind string // as site.Kind: a text of its own type
	var k strings.Builder
	if err := th.Execute(&k, "kind", struct{ Kind kind }{"a"}); err != nil || k.String() != `<i class="a">A</i>` {
		t.Errorf("a value of a named text type: %q, %v", k.String(), err)
	}
	var b strings.Builder
	err := th.Execute(&b, "leak", map[string]string{"title": "one page's"})
	if err == nil || !strings.Contains(err.Error(), "give it a text, a number or true/false") {
		t.Errorf("a page's data given to partialCached: %v, want it refused", err)
	}
}
