package cartridge

import (
	"bytes"
	"strings"
	"testing"
)

const (
	shaMap   = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	shaStep  = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
	shaStory = "cccccccccccccccccccccccccccccccccccccccc"
	shaJS    = "dddddddddddddddddddddddddddddddddddddddd"
	shaSheet = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"
	shaKeys  = "ffffffffffffffffffffffffffffffffffffffff"
	shaVideo = "1111111111111111111111111111111111111111"
	shaVTT   = "2222222222222222222222222222222222222222"
)

// lessonCourseFiles is a course as Moodle 2–4 back up what real courses
// use: a section whose summary shows a picture of the course's files; a
// lesson (mod_lesson) whose pages are stored out of their order, each with
// its own pictures, with a multiple-choice page (its right answer the one
// that moves on), a true/false page and an essay page; a quiz of a chosen
// question, a Moodle 3 random question (its category and a subcategory),
// a Moodle 4.0 draw of another category and a 4.3 draw of the first
// category and its subcategory; an authoring tool's package; a web page stored
// without its extension.
func lessonCourseFiles() map[string]string {
	file := func(id, sha, ctx, component, area, item, name string, sort int, mime string) string {
		return `<file id="` + id + `"><contenthash>` + sha + `</contenthash><contextid>` + ctx + `</contextid><component>` + component + `</component><filearea>` + area +
			`</filearea><itemid>` + item + `</itemid><filepath>/</filepath><filename>` + name + `</filename><sortorder>` + string(rune('0'+sort)) + `</sortorder><mimetype>` + mime + `</mimetype></file>`
	}
	choice := func(text, fraction, feedback string) string {
		return `<answer><answertext>` + text + `</answertext><fraction>` + fraction + `</fraction><feedback>` + feedback + `</feedback></answer>`
	}
	question := func(id, text, single string, answers ...string) string {
		return `<question id="` + id + `"><name>Q` + id + `</name><questiontext>` + text + `</questiontext><qtype>multichoice</qtype><plugin_qtype_multichoice_question><answers>` +
			strings.Join(answers, "") + `</answers><multichoice><single>` + single + `</single></multichoice></plugin_qtype_multichoice_question></question>`
	}
	entry := func(id string, q string) string {
		return `<question_bank_entry id="` + id + `"><question_version><question_versions id="` + id + `"><version>1</version><questions>` + q + `</questions></question_versions></question_version></question_bank_entry>`
	}
	page := func(id, prev, next, qtype, title, contents, answers string) string {
		return `<page id="` + id + `"><prevpageid>` + prev + `</prevpageid><nextpageid>` + next + `</nextpageid><qtype>` + qtype + `</qtype><title>` + title +
			`</title><contents>` + contents + `</contents><answers>` + answers + `</answers></page>`
	}
	answer := func(text, jump, response string) string {
		return `<answer><jumpto>` + jump + `</jumpto><score>0</score><answer_text>` + text + `</answer_text><response>` + response + `</response></answer>`
	}
	return map[string]string{
		"moodle_backup.xml": `<moodle_backup><information><original_course_fullname>Card payments</original_course_fullname><original_course_contextid>9</original_course_contextid><contents>
<activities>
<activity><moduleid>2</moduleid><modulename>lesson</modulename><title>Taking a card</title><directory>activities/lesson_2</directory></activity>
<activity><moduleid>3</moduleid><modulename>quiz</modulename><title>Check</title><directory>activities/quiz_3</directory></activity>
<activity><moduleid>4</moduleid><modulename>resource</modulename><title>Interactive tour</title><directory>activities/resource_4</directory></activity>
<activity><moduleid>5</moduleid><modulename>resource</modulename><title>Fees explained</title><directory>activities/resource_5</directory></activity>
</activities>
<sections><section><sectionid>7</sectionid><directory>sections/section_7</directory></section></sections></contents></information></moodle_backup>`,
		"sections/section_7/section.xml": `<section id="7"><number>1</number><name>Payments</name><summary>&lt;p&gt;&lt;img src="@@PLUGINFILE@@/map.png" alt="The four units"&gt;&lt;/p&gt;</summary><sequence>2,3,4,5</sequence><visible>1</visible></section>`,
		"activities/lesson_2/lesson.xml": activityXML("2", "lesson", "22", `<name>Taking a card</name><custom>0</custom><pages>`+
			page("12", "11", "13", "3", "Which first?", `&lt;p&gt;What do you do first?&lt;/p&gt;&lt;p&gt;&lt;img src="@@PLUGINFILE@@/keys.png" alt="The keys"&gt;&lt;/p&gt;&lt;p&gt;&lt;img src="@@PLUGINFILE@@/ghost.png"&gt;&lt;/p&gt;`,
				answer("Type the amount", "-1", "Yes: the customer sees it.")+answer("Hand over the reader", "0", "Not yet: the amount comes first."))+
			page("11", "0", "12", "20", "The reader", `&lt;p&gt;&lt;img src="@@PLUGINFILE@@/step.png" alt="A card reader"&gt; Type the amount.&lt;/p&gt;`,
				answer("Next", "-1", ""))+
			page("13", "12", "14", "2", "Receipt", "Always print a receipt?", answer("True", "0", "")+answer("False", "-1", "Only if asked."))+
			page("14", "13", "15", "10", "Your shop", "Describe your shop.", "")+
			page("15", "14", "0", "20", "Contactless", `&lt;p&gt;&lt;img src="@@PLUGINFILE@@/step.png" alt="Tap"&gt; Tap to pay.&lt;/p&gt;&lt;video controls&gt;&lt;source src="@@PLUGINFILE@@/tap%20to%20pay.mp4" type="video/mp4"&gt;&lt;track kind="chapters" src="@@PLUGINFILE@@/chapters.vtt"&gt;&lt;track kind="captions" srclang="en" src="@@PLUGINFILE@@/Captions%20EN.vtt"&gt;Your browser cannot play it.&lt;/video&gt;&lt;audio src="@@PLUGINFILE@@/gone.mp3"&gt;No sound.&lt;/audio&gt;&lt;ul&gt;&lt;li&gt;Phone&lt;/li&gt;&lt;/ul&gt;&lt;ul&gt;&lt;li&gt;Watch&lt;/li&gt;&lt;/ul&gt;`, answer("Back", "-40", ""))+
			`</pages>`),
		"activities/quiz_3/quiz.xml": activityXML("3", "quiz", "23", `<name>Check</name><question_instances>`+
			`<question_instance id="1"><questionid>31</questionid></question_instance>`+
			`<question_instance id="2"><questionid>39</questionid></question_instance>`+
			`<question_instance id="3"><question_set_reference><filtercondition>{"questioncategoryid":"8","includingsubcategories":"0"}</filtercondition></question_set_reference></question_instance>`+
			`<question_instance id="4"><question_set_reference><filtercondition>{"filter":{"category":{"jointype":1,"values":[5],"filteroptions":{"includesubcategories":true}}}}</filtercondition></question_set_reference></question_instance>`+
			`</question_instances>`),
		"questions.xml": `<question_categories>
<question_category id="5"><parent>0</parent><questions>` +
			question("31", "Is a PIN needed?", "1", choice("Always", "0.5", "Partly: not for small sums."), choice("Over a limit", "1", ""), choice("Never", "0", "")) +
			`<question id="39"><name>Random</name><questiontext>1</questiontext><qtype>random</qtype></question>` +
			question("32", "Which cards?", "1", choice("Debit", "1", ""), choice("Gift", "0", "")) +
			`</questions></question_category>
<question_category id="6"><parent>5</parent><questions>` + question("33", "Which fees?", "0", choice("Per payment", "0.5", ""), choice("Monthly", "0.5", ""), choice("None", "0", "")) + `</questions></question_category>
<question_category id="8"><parent>0</parent><question_bank_entries>` + entry("60", question("61", "A refund?", "1", choice("Same card", "1", ""), choice("Cash", "0", ""))) + `</question_bank_entries></question_category>
</question_categories>`,
		"activities/resource_4/resource.xml": activityXML("4", "resource", "24", `<name>Interactive tour</name>`),
		"activities/resource_5/resource.xml": activityXML("5", "resource", "25", `<name>Fees explained</name>`),
		"files.xml": `<files>` +
			file("1", shaMap, "9", "course", "section", "7", "map.png", 0, "image/png") +
			file("2", shaStep, "22", "mod_lesson", "page_contents", "11", "step.png", 0, "image/png") +
			file("3", shaStep, "22", "mod_lesson", "page_contents", "15", "step.png", 0, "image/png") +
			file("8", shaVideo, "22", "mod_lesson", "page_contents", "15", "tap to pay.mp4", 0, "video/mp4") +
			file("9", shaVTT, "22", "mod_lesson", "page_contents", "15", "Captions EN.vtt", 0, "text/vtt") +
			file("7", shaKeys, "22", "mod_lesson", "page_contents", "12", "keys.png", 0, "image/png") +
			file("4", shaStory, "24", "mod_resource", "content", "0", "story.html", 1, "text/html") +
			file("5", shaJS, "24", "mod_resource", "content", "0", "player.js", 0, "application/javascript") +
			file("6", shaSheet, "25", "mod_resource", "content", "0", "Fees explained", 1, "text/html") +
			`</files>`,
		"files/aa/" + shaMap:   "\x89PNG map",
		"files/bb/" + shaStep:  "\x89PNG step",
		"files/cc/" + shaStory: "<html><script src=player.js></script>You are offline.</html>",
		"files/dd/" + shaJS:    "alert(1)",
		"files/ff/" + shaKeys:  "\x89PNG keys",
		"files/11/" + shaVideo: "mp4 tap",
		"files/22/" + shaVTT:   "WEBVTT\n\n00:00.000 --> 00:02.000\nTap the card.\n",
		"files/ee/" + shaSheet: "<html><body><h1>Fees explained</h1><p>A fee per payment.</p></body></html>",
	}
}

// A lesson becomes one lesson in its pages' order: content pages sections
// with their pictures, question pages knowledge checks at their place (the
// right answer the one that moves on), their pictures with them (the same
// picture of two pages once); a quiz's random question shows one question
// of its draw, not one the quiz asks itself nor, while there is another,
// one an earlier random question took; a single-answer question's right
// answer is its best, not one of part marks; a section's picture is taken;
// a video element is a link to its file, which the site plays, its
// captions beside it under its name (tap-to-pay.vtt); two lists
// side by side are one (no "<!--THE END-->", which a page would show); an
// authoring tool's package is named, not made a page; a web page stored
// without its extension is a lesson.
func TestMoodleLessonsAndDraws(t *testing.T) {
	data := moodleTar(t, lessonCourseFiles())
	c, err := Read(bytes.NewReader(data), int64(len(data)), Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Modules) != 1 {
		t.Fatalf("modules %+v", c.Modules)
	}
	m := c.Modules[0]
	if m.Intro != "![The four units](map.png)" {
		t.Errorf("introduction %q", m.Intro)
	}
	var lessons []string
	for _, l := range m.Lessons {
		lessons = append(lessons, l.Name)
	}
	if strings.Join(lessons, "|") != "01-taking-a-card|02-fees-explained" {
		t.Fatalf("lessons %q", lessons)
	}
	want := "## The reader\n\n![A card reader](step.png) Type the amount.\n\n" +
		":::quiz Which first?\nWhat do you do first?\n\n![The keys](keys.png)\n\n- [x] Type the amount\n  > Yes: the customer sees it.\n- [ ] Hand over the reader\n  > Not yet: the amount comes first.\n\n" +
		"Always print a receipt?\n\n- [ ] True\n- [x] False\n  > Only if asked.\n:::\n\n" +
		"## Contactless\n\n![Tap](step.png) Tap to pay.\n\n[tap to pay.mp4](tap-to-pay.mp4)\n\n- Phone\n\n- Watch\n\n" +
		":::quiz Check\nIs a PIN needed?\n\n- [ ] Always\n  > Partly: not for small sums.\n- [x] Over a limit\n- [ ] Never\n\n" +
		"Which cards?\n\n- [x] Debit\n- [ ] Gift\n\n" +
		"A refund?\n\n- [x] Same card\n- [ ] Cash\n\n" +
		"Which fees?\n\n- [x] Per payment\n- [x] Monthly\n- [ ] None\n:::\n"
	if got := m.Lessons[0].Markdown; got != want {
		t.Errorf("the lesson:\n%s\nwant:\n%s", got, want)
	}
	if got := m.Lessons[1].Markdown; got != "A fee per payment.\n" {
		t.Errorf("the web page: %q", got)
	}
	var files []string
	for _, f := range m.Files {
		files = append(files, f.Name)
	}
	if strings.Join(files, "|") != "map.png|step.png|keys.png|tap-to-pay.mp4|tap-to-pay.vtt" {
		t.Errorf("files %q", files)
	}
	left := leftOut(c.Left)
	if strings.Join(left, "|") != "questions other than multiple choice (essays, numbers, matching)|links to files the cartridge does not hold: ghost.png; gone.mp3|interactive packages (from Storyline, Captivate or another authoring tool), whose scripts a site does not run: Interactive tour" {
		t.Errorf("left out %q", left)
	}
}

func FuzzReadMoodleLesson(f *testing.F) {
	b := lessonCourseFiles()
	f.Add(b["activities/lesson_2/lesson.xml"], b["questions.xml"], b["activities/quiz_3/quiz.xml"])
	f.Fuzz(func(t *testing.T, lesson, questions, quiz string) {
		b := lessonCourseFiles()
		b["activities/lesson_2/lesson.xml"], b["questions.xml"], b["activities/quiz_3/quiz.xml"] = lesson, questions, quiz
		data := moodleTar(t, b)
		c, err := Read(bytes.NewReader(data), int64(len(data)), Options{Name: name})
		if err != nil {
			return
		}
		for _, m := range c.Modules {
			for _, l := range m.Lessons {
				if strings.Contains(l.Markdown, "OERSITEBLOCK") || strings.Contains(l.Markdown, checkElement) {
					t.Errorf("a stand-in left in %q", l.Markdown)
				}
			}
		}
	})
}

// What is left out is named by its titles, each once, at most maxNamed and
// the others counted; a kind of item with no title is still named.
func TestLeftNamed(t *testing.T) {
	c := newReader(Options{})
	c.leftNamed(errMoodleOther, "")
	for i := range maxNamed + 3 {
		c.leftNamed(errPackage, "Tour "+string(rune('A'+i)))
		c.leftNamed(errPackage, "Tour A")
	}
	left := leftOut(c.course.Left)
	want := "Moodle activities of other kinds (forums, assignments, glossaries, choices): —|" +
		"interactive packages (from Storyline, Captivate or another authoring tool), whose scripts a site does not run: Tour A; Tour B; Tour C; Tour D; Tour E; Tour F; Tour G; Tour H; Tour I; Tour J; Tour K; Tour L; … (+3)"
	if strings.Join(left, "|") != want {
		t.Errorf("left out %q", left)
	}
}

// Headings start at ## and never skip a level, and an empty heading (an
// editor's leftover <h4> </h4>) counts for nothing: before, it took the
// ## and the converter dropped it, leaving a ### first.
func TestHeadingLevelsSkipEmptyHeadings(t *testing.T) {
	c := newReader(Options{Name: name})
	c.mod = &moduleState{m: &Module{}, lessons: map[string]*Lesson{}, files: map[string]string{}, names: map[string]bool{}, same: map[string]string{}}
	c.mem["p.html"] = []byte("<h4> </h4><p>Introduction</p><h5><span> Guiding question </span></h5><p>Text</p><h6>Detail</h6><h3>Next</h3>")
	md, err := c.page("p.html", "")
	if err != nil {
		t.Fatal(err)
	}
	if want := "Introduction\n\n## Guiding question\n\nText\n\n### Detail\n\n### Next\n"; md != want {
		t.Errorf("got\n%q\nwant\n%q", md, want)
	}
}
