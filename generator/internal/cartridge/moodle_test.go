package cartridge

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// activityXML is an activity's file of a backup.
func activityXML(id, kind, ctx, body string) string {
	return `<activity id="1" moduleid="` + id + `" modulename="` + kind + `" contextid="` + ctx + `"><` + kind + ` id="1">` + body + `</` + kind + `></activity>`
}

// leftOut is what a course left out, in English.
func leftOut(left []error) []string {
	var out []string
	for _, l := range left {
		out = append(out, l.Error())
	}
	return out
}

// moodleTar writes a backup's files as a gzipped tar, as Moodle does.
func moodleTar(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	gz := gzip.NewWriter(&b)
	tw := tar.NewWriter(gz)
	for _, n := range slices.Sorted(maps.Keys(files)) {
		if err := tw.WriteHeader(&tar.Header{Name: n, Mode: 0o644, Size: int64(len(files[n])), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(files[n]))
	}
	tw.Close()
	gz.Close()
	return b.Bytes()
}

const (
	shaPhoto = "0123456789abcdef0123456789abcdef01234567"
	shaPDF   = "89abcdef0123456789abcdef0123456789abcdef"
	shaSun   = "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a"
)

// moodleCourseFiles is a small course as Moodle backs it up: a general section
// with a summary, a section with a page (a picture of its own and a link
// to the book), a label, a link, a file and a quiz, and a section with a
// book of three chapters (one hidden, one a subchapter).
func moodleCourseFiles() map[string]string {
	return map[string]string{
		"moodle_backup.xml": `<moodle_backup><information><original_course_fullname>Shop photos</original_course_fullname><contents>
<activities>
<activity><moduleid>2</moduleid><sectionid>2</sectionid><modulename>page</modulename><title>Light</title><directory>activities/page_2</directory></activity>
<activity><moduleid>3</moduleid><sectionid>3</sectionid><modulename>book</modulename><title>Angles</title><directory>activities/book_3</directory></activity>
<activity><moduleid>4</moduleid><sectionid>2</sectionid><modulename>label</modulename><title>Tip</title><directory>activities/label_4</directory></activity>
<activity><moduleid>5</moduleid><sectionid>2</sectionid><modulename>url</modulename><title>A guide to daylight</title><directory>activities/url_5</directory></activity>
<activity><moduleid>6</moduleid><sectionid>2</sectionid><modulename>resource</modulename><title>Handout</title><directory>activities/resource_6</directory></activity>
<activity><moduleid>7</moduleid><sectionid>2</sectionid><modulename>quiz</modulename><title>Quiz</title><directory>activities/quiz_7</directory></activity>
<activity><moduleid>8</moduleid><sectionid>2</sectionid><modulename>forum</modulename><title>Questions</title><directory>activities/forum_8</directory></activity>
</activities>
<sections>
<section><sectionid>2</sectionid><title>Light</title><directory>sections/section_2</directory></section>
<section><sectionid>1</sectionid><title>0</title><directory>sections/section_1</directory></section>
<section><sectionid>3</sectionid><title>Angles</title><directory>sections/section_3</directory></section>
</sections></contents></information></moodle_backup>`,
		"sections/section_1/section.xml":     `<section id="1"><number>0</number><name>$@NULL@$</name><summary>&lt;p&gt;Welcome to the course.&lt;/p&gt;</summary><sequence></sequence><visible>1</visible></section>`,
		"sections/section_2/section.xml":     `<section id="2"><number>1</number><name>Light</name><summary></summary><sequence>2,4,5,6,7,8</sequence><visible>1</visible></section>`,
		"sections/section_3/section.xml":     `<section id="3"><number>2</number><name>$@NULL@$</name><summary>$@NULL@$</summary><sequence>3</sequence><visible>1</visible></section>`,
		"activities/page_2/page.xml":         activityXML("2", "page", "21", `<name>Light</name><intro>$@NULL@$</intro><content>&lt;h3&gt;By the window&lt;/h3&gt;&lt;p&gt;&lt;img src="@@PLUGINFILE@@/shop%20window.jpg" alt="A shop window"&gt; Then read &lt;a href="$@BOOKVIEWBYID*3@$"&gt;the book&lt;/a&gt;.&lt;/p&gt;</content>`),
		"activities/label_4/label.xml":       activityXML("4", "label", "24", `<name>Tip</name><intro>&lt;p&gt;Tip: mornings are best.&lt;/p&gt;</intro>`),
		"activities/url_5/url.xml":           activityXML("5", "url", "25", `<name>A guide to daylight</name><externalurl>https://example.org/daylight</externalurl>`),
		"activities/resource_6/resource.xml": activityXML("6", "resource", "26", `<name>Handout</name><intro></intro>`),
		"activities/quiz_7/quiz.xml": activityXML("7", "quiz", "27", `<name>Quiz</name><question_instances>`+
			`<question_instance id="1"><questionid>31</questionid></question_instance>`+
			`<question_instance id="2"><question_reference id="1"><questionbankentryid>7</questionbankentryid></question_reference></question_instance>`+
			`<question_instance id="3"><questionid>33</questionid></question_instance></question_instances>`),
		"activities/forum_8/forum.xml": activityXML("8", "forum", "28", `<name>Questions</name>`),
		"questions.xml": `<question_categories><question_category id="1"><questions>
<question id="31"><name>Light</name><questiontext>&lt;p&gt;When is the light softest?&lt;/p&gt;&lt;img src="@@PLUGINFILE@@/sun.png" alt="The sun at dawn"&gt;</questiontext><qtype>multichoice</qtype>
<plugin_qtype_multichoice_question><answers>
<answer id="1"><answertext>&lt;p&gt;In the morning&lt;/p&gt;</answertext><fraction>1.0000000</fraction><feedback>&lt;p&gt;Right: no glare.&lt;/p&gt;</feedback></answer>
<answer id="2"><answertext>At noon</answertext><fraction>0.0000000</fraction><feedback></feedback></answer>
</answers></plugin_qtype_multichoice_question></question>
<question id="33"><name>Describe</name><questiontext>Describe your window.</questiontext><qtype>essay</qtype></question>
</questions>
<question_bank_entries><question_bank_entry id="7"><question_version><question_versions id="1"><version>1</version><questions>
<question id="40"><name>Flash</name><questiontext>Use the flash?</questiontext><qtype>truefalse</qtype><plugin_qtype_truefalse_question><answers>
<answer id="5"><answertext>True</answertext><fraction>1.0000000</fraction><feedback></feedback></answer><answer id="6"><answertext>False</answertext><fraction>0</fraction><feedback></feedback></answer>
</answers></plugin_qtype_truefalse_question></question></questions></question_versions>
<question_versions id="2"><version>2</version><questions>
<question id="41"><name>Flash</name><questiontext>Is the flash a good idea?</questiontext><qtype>truefalse</qtype><plugin_qtype_truefalse_question><answers>
<answer id="7"><answertext>True</answertext><fraction>0</fraction><feedback>It flattens the colours.</feedback></answer><answer id="8"><answertext>False</answertext><fraction>1</fraction><feedback></feedback></answer>
</answers></plugin_qtype_truefalse_question></question></questions></question_versions></question_version></question_bank_entry></question_bank_entries>
</question_category></question_categories>`,
		"activities/book_3/book.xml": activityXML("3", "book", "23", `<name>Angles</name><chapters>
<chapter id="11"><pagenum>2</pagenum><title>From above</title><content>&lt;p&gt;For plates.&lt;/p&gt;</content><hidden>0</hidden></chapter>
<chapter id="10"><pagenum>1</pagenum><title>At 45 degrees</title><content>&lt;h3&gt;At 45  degrees&lt;/h3&gt;&lt;p&gt;For cakes.&lt;/p&gt;</content><hidden>0</hidden></chapter>
<chapter id="12"><pagenum>3</pagenum><title>Draft</title><content>&lt;p&gt;Not yet.&lt;/p&gt;</content><hidden>1</hidden></chapter>
<chapter id="13"><pagenum>4</pagenum><subchapter>1</subchapter><title>Very low</title><content>&lt;p&gt;For drinks.&lt;/p&gt;</content><hidden>0</hidden></chapter>
</chapters>`),
		"files.xml": `<files>
<file id="1"><contenthash>` + shaPhoto + `</contenthash><contextid>21</contextid><component>mod_page</component><filearea>content</filearea><itemid>0</itemid><filepath>/</filepath><filename>shop window.jpg</filename><sortorder>0</sortorder></file>
<file id="2"><contenthash>da39a3ee5e6b4b0d3255bfef95601890afd80709</contenthash><contextid>21</contextid><component>mod_page</component><filearea>content</filearea><itemid>0</itemid><filepath>/</filepath><filename>.</filename><sortorder>0</sortorder></file>
<file id="4"><contenthash>` + shaSun + `</contenthash><contextid>2</contextid><component>question</component><filearea>questiontext</filearea><itemid>31</itemid><filepath>/</filepath><filename>sun.png</filename><sortorder>0</sortorder></file>
<file id="3"><contenthash>` + shaPDF + `</contenthash><contextid>26</contextid><component>mod_resource</component><filearea>content</filearea><itemid>0</itemid><filepath>/</filepath><filename>Handout.pdf</filename><sortorder>1</sortorder></file>
</files>`,
		"files/01/" + shaPhoto: "\xff\xd8\xff jpeg",
		"files/89/" + shaPDF:   "%PDF-1.4 handout",
		"files/5a/" + shaSun:   "\x89PNG sun",
	}
}

// A Moodle backup becomes modules as a cartridge does: each section a
// module in Moodle's order (the general one named after the course, an
// unnamed one after its first activity), its summary
// the introduction, a page a lesson with its picture (@@PLUGINFILE@@) and
// a link to the book's lesson ($@BOOKVIEWBYID*n@$), a label's text and a
// link and a file after it, a quiz's multiple-choice and true/false
// questions (Moodle 3's and 4's question bank, the last version) a
// knowledge check after them, with a question's picture beside the lesson,
// a book one lesson of its shown chapters in their order (a subchapter
// one level down, a chapter's first heading that repeats its title left
// out); an essay question and a forum are named.
func TestMoodleBackup(t *testing.T) {
	data := moodleTar(t, moodleCourseFiles())
	c, err := Read(bytes.NewReader(data), int64(len(data)), Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	var mods []string
	for _, m := range c.Modules {
		mods = append(mods, m.Title+"="+m.Name)
	}
	if c.Title != "Shop photos" || strings.Join(mods, "|") != "Shop photos=shop-photos|Light=light|Angles=angles" {
		t.Fatalf("course %q, modules %q", c.Title, mods)
	}
	if c.Modules[0].Intro != "Welcome to the course." {
		t.Errorf("introduction %q", c.Modules[0].Intro)
	}
	light := c.Modules[1]
	want := "## By the window\n\n![A shop window](shop-window.jpg) Then read [the book](../angles/01-angles.md).\n\n" +
		"Tip: mornings are best.\n\n[A guide to daylight](https://example.org/daylight)\n\n[Handout](handout.pdf)\n\n" +
		":::quiz Quiz\nWhen is the light softest?\n\n![The sun at dawn](sun.png)\n\n- [x] In the morning\n  > Right: no glare.\n- [ ] At noon\n\n" +
		"Is the flash a good idea?\n\n- [ ] True\n  > It flattens the colours.\n- [x] False\n:::\n"
	if len(light.Lessons) != 1 || light.Lessons[0].Markdown != want {
		t.Fatalf("the page:\n%s\nwant:\n%s", light.Lessons[0].Markdown, want)
	}
	var files []string
	for _, f := range light.Files {
		files = append(files, f.Name+"="+string(f.Data))
	}
	if strings.Join(files, "|") != "shop-window.jpg=\xff\xd8\xff jpeg|handout.pdf=%PDF-1.4 handout|sun.png=\x89PNG sun" {
		t.Errorf("files %q", files)
	}
	var chapters []string
	for _, l := range c.Modules[2].Lessons {
		chapters = append(chapters, l.Name+": "+strings.TrimSpace(l.Markdown))
	}
	if strings.Join(chapters, "|") != "01-angles: ## At 45 degrees\n\nFor cakes.\n\n## From above\n\nFor plates.\n\n### Very low\n\nFor drinks." {
		t.Errorf("the book %q", chapters)
	}
	left := leftOut(c.Left)
	if strings.Join(left, "|") != "questions other than multiple choice (essays, numbers, matching)|Moodle activities of other kinds (forums, assignments, glossaries, choices): Questions" {
		t.Errorf("left out %q", left)
	}
}

// An older Moodle's backup, a zip of the same files, reads the same.
func TestMoodleBackupAsZip(t *testing.T) {
	tarred := moodleTar(t, moodleCourseFiles())
	want, err := Read(bytes.NewReader(tarred), int64(len(tarred)), Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	zipped := zipOf(t, moodleCourseFiles())
	got, err := Read(bytes.NewReader(zipped), int64(len(zipped)), Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) || len(got.Modules) != 3 {
		t.Errorf("from a zip:\n%+v\nfrom a tar:\n%+v", got, want)
	}
}

// A backup that is not one, or a hostile one: refused, or read within
// bounds and never outside it.
func TestHostileMoodleBackups(t *testing.T) {
	for _, files := range []map[string]string{
		{"readme.txt": "x"},
		{"moodle_backup.xml": "<moodle_backup"},
	} {
		data := moodleTar(t, files)
		if _, err := Read(bytes.NewReader(data), int64(len(data)), Options{Name: name}); err == nil || !strings.Contains(err.Error(), "not a Moodle backup") {
			t.Errorf("%v: %v", files, err)
		}
	}
	files := moodleCourseFiles()
	files["../../etc/evil.xml"] = "x"
	files["files.xml"] = strings.Replace(files["files.xml"], "<filepath>/</filepath><filename>shop window.jpg", "<filepath>/../../../</filepath><filename>shop window.jpg", 1)
	data := moodleTar(t, files)
	c, err := Read(bytes.NewReader(data), int64(len(data)), Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range c.Modules {
		for _, f := range m.Files {
			if strings.Contains(f.Name, "/") || strings.Contains(f.Name, "..") {
				t.Errorf("file named %q", f.Name)
			}
		}
	}
}

func FuzzReadMoodle(f *testing.F) {
	b := moodleCourseFiles()
	f.Add(b["activities/page_2/page.xml"], b["files.xml"])
	f.Fuzz(func(t *testing.T, page, files string) {
		b := moodleCourseFiles()
		b["activities/page_2/page.xml"], b["files.xml"] = page, files
		data := moodleTar(t, b)
		_, _ = Read(bytes.NewReader(data), int64(len(data)), Options{Name: name})
	})
}

// A glossary is a lesson of its approved entries in the order of their
// terms (case and accents aside), each under its term with its definition
// and its pictures; a glossary backed up without its entries (no users'
// data) is named.
func TestMoodleGlossary(t *testing.T) {
	const sha = "abababababababababababababababababababab"
	data := moodleTar(t, map[string]string{
		"moodle_backup.xml": `<moodle_backup><information><original_course_fullname>Shop words</original_course_fullname><contents><activities>
<activity><moduleid>2</moduleid><modulename>glossary</modulename><title>Words of the trade</title><directory>activities/glossary_2</directory></activity>
<activity><moduleid>3</moduleid><modulename>glossary</modulename><title>Empty words</title><directory>activities/glossary_3</directory></activity>
</activities><sections><section><sectionid>1</sectionid><directory>sections/section_1</directory></section></sections></contents></information></moodle_backup>`,
		"sections/section_1/section.xml": `<section id="1"><number>1</number><name>Words</name><summary></summary><sequence>2,3</sequence><visible>1</visible></section>`,
		"activities/glossary_2/glossary.xml": activityXML("2", "glossary", "22", `<name>Words of the trade</name><intro>&lt;p&gt;Words you will hear at the counter.&lt;/p&gt;</intro><entries>
<entry id="7"><concept>Zest</concept><definition>&lt;p&gt;The coloured skin of a lemon.&lt;/p&gt;</definition><approved>1</approved></entry>
<entry id="8"><concept>Ökobox</concept><definition>&lt;p&gt;A box of organic vegetables.&lt;/p&gt;&lt;p&gt;&lt;img src="@@PLUGINFILE@@/box.jpg" alt="A full box"&gt;&lt;/p&gt;</definition><approved>1</approved></entry>
<entry id="9"><concept>apron</concept><definition>&lt;p&gt;Worn over clothes.&lt;/p&gt;</definition><approved>1</approved></entry>
<entry id="10"><concept>Draft</concept><definition>&lt;p&gt;Not approved yet.&lt;/p&gt;</definition><approved>0</approved></entry>
</entries>`),
		"activities/glossary_3/glossary.xml": activityXML("3", "glossary", "23", `<name>Empty words</name><entries></entries>`),
		"files.xml":                          `<files><file id="1"><contenthash>` + sha + `</contenthash><contextid>22</contextid><component>mod_glossary</component><filearea>entry</filearea><itemid>8</itemid><filepath>/</filepath><filename>box.jpg</filename><sortorder>0</sortorder></file></files>`,
		"files/ab/" + sha:                    "\xff\xd8\xff box",
	})
	c, err := Read(bytes.NewReader(data), int64(len(data)), Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Modules) != 1 || len(c.Modules[0].Lessons) != 1 {
		t.Fatalf("modules %+v", c.Modules)
	}
	l := c.Modules[0].Lessons[0]
	want := "Words you will hear at the counter.\n\n## apron\n\nWorn over clothes.\n\n## Ökobox\n\nA box of organic vegetables.\n\n![A full box](box.jpg)\n\n## Zest\n\nThe coloured skin of a lemon."
	if l.Title != "Words of the trade" || strings.TrimSpace(l.Markdown) != want {
		t.Errorf("lesson %q:\n%s\nwant:\n%s", l.Title, l.Markdown, want)
	}
	if f := c.Modules[0].Files; len(f) != 1 || f[0].Name != "box.jpg" {
		t.Errorf("files %+v", f)
	}
	if left := leftOut(c.Left); strings.Join(left, "|") != "Moodle activities of other kinds (forums, assignments, glossaries, choices): Empty words" {
		t.Errorf("left out %q", left)
	}
}
