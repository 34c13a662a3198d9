package cartridge

import (
	"bytes"
	"html"
	"slices"
	"strings"
	"testing"
)

const (
	shaBook   = "b00cb00cb00cb00cb00cb00cb00cb00cb00cb00c"
	shaReview = "4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e"
	shaClock  = "c10cc10cc10cc10cc10cc10cc10cc10cc10cc10c"
)

// h5pCourseFiles is moodleCourseFiles with a section of H5P activities:
// Moodle's own (the .h5p file in its package area: an Interactive Book),
// the older plugin's (mod_hvp: a Course Presentation's parameters in its
// file, its pictures in its content area) and one whose package the
// backup lacks.
func h5pCourseFiles(t testing.TB) map[string]string {
	files := moodleCourseFiles()
	files["moodle_backup.xml"] = strings.Replace(files["moodle_backup.xml"], "</activities>",
		`<activity><moduleid>9</moduleid><sectionid>4</sectionid><modulename>h5pactivity</modulename><title>Selling online</title><directory>activities/h5pactivity_9</directory></activity>
<activity><moduleid>10</moduleid><sectionid>4</sectionid><modulename>hvp</modulename><title>Reviews</title><directory>activities/hvp_10</directory></activity>
<activity><moduleid>11</moduleid><sectionid>4</sectionid><modulename>h5pactivity</modulename><title>Lost game</title><directory>activities/h5pactivity_11</directory></activity>
</activities>`, 1)
	files["moodle_backup.xml"] = strings.Replace(files["moodle_backup.xml"], "</sections>",
		`<section><sectionid>4</sectionid><title>H5P</title><directory>sections/section_4</directory></section></sections>`, 1)
	files["sections/section_4/section.xml"] = `<section id="4"><number>3</number><name>Interactive</name><summary></summary><sequence>9,10,11</sequence><visible>1</visible></section>`
	files["activities/h5pactivity_9/h5pactivity.xml"] = activityXML("9", "h5pactivity", "29", `<name>Selling online</name>`)
	files["activities/h5pactivity_11/h5pactivity.xml"] = activityXML("11", "h5pactivity", "31", `<name>Lost game</name>`)
	presentation := strings.NewReplacer("images/", "images/", "videos/", "videos/").Replace(presentationH5P()["content/content.json"])
	files["activities/hvp_10/hvp.xml"] = activityXML("10", "hvp", "30", `<name>Reviews</name><machine_name>H5P.CoursePresentation</machine_name><json_content>`+html.EscapeString(presentation)+`</json_content>`+
		`<license>CC BY</license><license_version>4.0</license_version><authors>[{&quot;name&quot;:&quot;Maria Rossi&quot;,&quot;role&quot;:&quot;Author&quot;}]</authors><source>https://example.org/h5p/42</source>`)
	files["files.xml"] = strings.Replace(files["files.xml"], "</files>",
		`<file id="20"><contenthash>`+shaBook+`</contenthash><contextid>29</contextid><component>mod_h5pactivity</component><filearea>package</filearea><itemid>0</itemid><filepath>/</filepath><filename>selling-online.h5p</filename><sortorder>0</sortorder></file>
<file id="21"><contenthash>`+shaReview+`</contenthash><contextid>30</contextid><component>mod_hvp</component><filearea>content</filearea><itemid>1</itemid><filepath>/images/</filepath><filename>review-123.png</filename><sortorder>0</sortorder></file>
<file id="22"><contenthash>`+shaClock+`</contenthash><contextid>30</contextid><component>mod_hvp</component><filearea>content</filearea><itemid>1</itemid><filepath>/images/</filepath><filename>clock-9.png</filename><sortorder>0</sortorder></file>
</files>`, 1)
	files["files/b0/"+shaBook] = string(zipOf(t, bookH5P()))
	files["files/4e/"+shaReview] = "\x89PNG review"
	files["files/c1/"+shaClock] = "\x89PNG clock"
	return files
}

// A Moodle course's H5P activities are lessons in their place: Moodle's
// own from its .h5p file (an Interactive Book's chapters its sections, its
// cover picture beside it), the older plugin's from its parameters and
// files; one without its content is named.
func TestMoodleH5PActivities(t *testing.T) {
	data := moodleTar(t, h5pCourseFiles(t))
	c, err := Read(bytes.NewReader(data), int64(len(data)), Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	m := c.Modules[len(c.Modules)-1]
	var lessons []string
	for _, l := range m.Lessons {
		lessons = append(lessons, l.Name)
	}
	if m.Title != "Interactive" || !slices.Equal(lessons, []string{"01-selling-online", "02-reviews"}) {
		t.Fatalf("module %q, lessons %q", m.Title, lessons)
	}
	book := m.Lessons[0].Markdown
	for _, w := range []string{"![](cover.jpg)\n\nTwo short chapters for shop owners.\n\n## Your shop on a map\n\n### Why a map\n\nPeople search *near me*.\n\nTwo questions.\n\n:::quiz Check the map\n",
		"## Words that sell\n\n[Writing a shop sign](https://www.youtube.com/watch?v=dQw4w9WgXcQ)\n\n:::quiz Words that sell\nBest first line?\n"} {
		if !strings.Contains(book, w) {
			t.Errorf("the book's lesson lacks %q:\n%s", w, book)
		}
	}
	if o := m.Lessons[0].Origin; o == nil || o.Rights != "CC0 1.0" || len(o.Authors) != 0 {
		t.Errorf("the book's rights %+v, want its h5p.json's", o)
	}
	if o := m.Lessons[1].Origin; o == nil || o.Rights != "CC BY 4.0" || !slices.Equal(o.Authors, []string{"Maria Rossi"}) || o.Source != "https://example.org/h5p/42" {
		t.Errorf("the presentation's rights %+v, want the plugin's", o)
	}
	for _, other := range c.Modules[:len(c.Modules)-1] {
		for _, l := range other.Lessons {
			if l.Origin != nil {
				t.Errorf("a page of the course, %s, has rights of its own", l.Name)
			}
		}
	}
	slides := m.Lessons[1].Markdown
	for _, w := range []string{"## Why reviews matter\n\n![A five-star review on a phone](review-123.png)\n", ":::quiz Reply within two days\n", "![A kitchen clock](clock-9.png)"} {
		if !strings.Contains(slides, w) {
			t.Errorf("the presentation's lesson lacks %q:\n%s", w, slides)
		}
	}
	var files []string
	for _, f := range m.Files {
		files = append(files, f.Name+"="+string(f.Data))
	}
	if !slices.Equal(files, []string{"cover.jpg=\xff\xd8\xff cover", "purchase.mp3=ID3 purchase", "review-123.png=\x89PNG review", "clock-9.png=\x89PNG clock"}) {
		t.Errorf("files %q", files)
	}
	left := leftOut(c.Left)
	for _, w := range []string{"H5P contents a page cannot hold (games and tools): Fill in the Blanks; Drag and Drop: Sort the replies; Lost game"} {
		if !slices.Contains(left, w) {
			t.Errorf("left out %q, want %q among them", left, w)
		}
	}
}

func FuzzReadMoodleH5P(f *testing.F) {
	f.Add(presentationH5P()["content/content.json"], string(zipOf(f, bookH5P())))
	f.Fuzz(func(t *testing.T, params, pkg string) {
		files := h5pCourseFiles(t)
		files["activities/hvp_10/hvp.xml"] = activityXML("10", "hvp", "30", `<name>Reviews</name><machine_name>H5P.Column</machine_name><json_content>`+html.EscapeString(params)+`</json_content>`)
		files["files/b0/"+shaBook] = pkg
		data := moodleTar(t, files)
		_, _ = Read(bytes.NewReader(data), int64(len(data)), Options{Name: name})
	})
}
