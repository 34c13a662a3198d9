package cartridge

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// scormBackup is a Moodle backup of three SCORM activities: one beside a
// page, its package of two pages (one with a picture, one leading to a
// third page), under CC BY 4.0; one alone in its section, a launch page
// leading to a second; one a player's (Storyline); one external (no
// files in the backup); one whose manifest is broken; and an IMS content
// package of two revisions. Each
// package is also kept zipped in its package area, as Moodle keeps it.
func scormBackup() map[string]string {
	files := map[string]string{
		"moodle_backup.xml": `<moodle_backup><information><original_course_fullname>At the shop</original_course_fullname><contents>
<activities>
<activity><moduleid>2</moduleid><modulename>page</modulename><title>Start here</title><directory>activities/page_2</directory></activity>
<activity><moduleid>3</moduleid><modulename>scorm</modulename><title>Greeting customers</title><directory>activities/scorm_3</directory></activity>
<activity><moduleid>5</moduleid><modulename>scorm</modulename><title>Phone calls</title><directory>activities/scorm_5</directory></activity>
<activity><moduleid>9</moduleid><modulename>scorm</modulename><title>Broken</title><directory>activities/scorm_9</directory></activity>
<activity><moduleid>8</moduleid><modulename>imscp</modulename><title>Shop hours</title><directory>activities/imscp_8</directory></activity>
<activity><moduleid>7</moduleid><modulename>scorm</modulename><title>Five whys</title><directory>activities/scorm_7</directory></activity>
<activity><moduleid>6</moduleid><modulename>scorm</modulename><title>Online course</title><directory>activities/scorm_6</directory></activity>
</activities>
<sections>
<section><sectionid>1</sectionid><directory>sections/section_1</directory></section>
<section><sectionid>2</sectionid><directory>sections/section_2</directory></section>
<section><sectionid>3</sectionid><directory>sections/section_3</directory></section>
</sections></contents></information></moodle_backup>`,
		"sections/section_1/section.xml": `<section id="1"><number>1</number><name>Customers</name><summary></summary><sequence>2,3</sequence><visible>1</visible></section>`,
		"sections/section_2/section.xml": `<section id="2"><number>2</number><name>On the phone</name><summary></summary><sequence>5</sequence><visible>1</visible></section>`,
		"sections/section_3/section.xml": `<section id="3"><number>3</number><name>More</name><summary></summary><sequence>8,7,6,9</sequence><visible>1</visible></section>`,
		"activities/page_2/page.xml":     activityXML("2", "page", "21", `<name>Start here</name><content>&lt;p&gt;Every customer is a guest.&lt;/p&gt;</content>`),
		"activities/scorm_3/scorm.xml":   activityXML("3", "scorm", "23", `<name>Greeting customers</name><scormtype>local</scormtype><reference>greeting.zip</reference>`),
		"activities/scorm_5/scorm.xml":   activityXML("5", "scorm", "25", `<name>Phone calls</name><scormtype>local</scormtype><reference>calls.zip</reference>`),
		"activities/scorm_9/scorm.xml":   activityXML("9", "scorm", "29", `<name>Broken</name><scormtype>local</scormtype>`),
		"activities/imscp_8/imscp.xml":   activityXML("8", "imscp", "28", `<name>Shop hours</name><revision>2</revision>`),
		"activities/scorm_7/scorm.xml":   activityXML("7", "scorm", "27", `<name>Five whys</name><scormtype>local</scormtype><reference>story.zip</reference>`),
		"activities/scorm_6/scorm.xml":   activityXML("6", "scorm", "26", `<name>Online course</name><scormtype>external</scormtype><reference>https://example.org/imsmanifest.xml</reference>`),
	}
	greeting := map[string]string{
		"imsmanifest.xml": `<manifest identifier="greet"><metadata><lom><general><title><string>Greeting</string></title></general>
<rights><description><string>CC BY 4.0</string></description></rights></lom></metadata>
<organizations default="o"><organization identifier="o"><title>Greeting</title>
<item identifier="i1" identifierref="r1"><title>Say hello</title></item>
<item identifier="i2" identifierref="r2"><title>At the counter</title></item>
</organization></organizations>
<resources><resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="hello.html"><file href="hello.html"/></resource>
<resource identifier="r2" type="webcontent" adlcp:scormtype="sco" href="pages/counter.html"><file href="pages/counter.html"/></resource></resources></manifest>`,
		"hello.html":         `<html><body><h1>Say hello</h1><p>Look up and smile.</p></body></html>`,
		"pages/counter.html": `<html><body><p><img src="../img/counter.jpg" alt="A shop counter"> Stand, do not sit.</p><p><a href="goodbye.html">Next</a> <a href="../rota.pdf">The rota</a></p></body></html>`,
		"pages/goodbye.html": `<html><head><title>Saying goodbye</title></head><body><p>Thank them by name.</p></body></html>`,
		"img/counter.jpg":    "\xff\xd8\xff counter",
	}
	story := map[string]string{
		"imsmanifest.xml": `<manifest identifier="story"><organizations><organization identifier="o"><title>5 Whys</title>
<item identifier="i1" identifierref="r1"><title>5 Whys</title></item></organization></organizations>
<resources><resource identifier="r1" type="webcontent" href="index_lms.html"/></resources></manifest>`,
		"index_lms.html":        `<html><body><div id="preso"></div><p>This course cannot be played.</p><script src="story_content/user.js"></script></body></html>`,
		"story_content/user.js": "var player;",
	}
	calls := map[string]string{
		"imsmanifest.xml": `<manifest identifier="calls"><organizations><organization identifier="o"><title>Calls</title>
<item identifier="i1" identifierref="r1"><title>Calls</title></item></organization></organizations>
<resources><resource identifier="r1" type="webcontent" href="index.html"/></resources></manifest>`,
		"index.html":  `<html><body><p>Answer by the third ring.</p><p><a href="hold.html">Putting a caller on hold</a></p></body></html>`,
		"hold.html":   `<html><body><p>Ask first, then wait for a yes.</p></body></html>`,
		"scripts.css": "p{}",
	}
	var list strings.Builder
	n := 0
	add := func(ctx, component, area, itemID, dir, name, body string) {
		sum := sha1.Sum([]byte(ctx + area + itemID + dir + name + body))
		hash := hex.EncodeToString(sum[:])
		n++
		list.WriteString(`<file id="` + string(rune('a'+n)) + `"><contenthash>` + hash + `</contenthash><contextid>` + ctx + `</contextid><component>` + component + `</component><filearea>` + area +
			`</filearea><itemid>` + itemID + `</itemid><filepath>` + dir + `</filepath><filename>` + name + `</filename><sortorder>0</sortorder></file>` + "\n")
		files["files/"+hash[:2]+"/"+hash] = body
	}
	for ctx, pkg := range map[string]map[string]string{"23": greeting, "25": calls, "27": story} {
		for p, body := range pkg {
			dir, file := "/", p
			if i := strings.LastIndex(p, "/"); i >= 0 {
				dir, file = "/"+p[:i+1], p[i+1:]
			}
			add(ctx, "mod_scorm", "content", "0", dir, file, body)
		}
		add(ctx, "mod_scorm", "package", "0", "/", "package.zip", "PK zipped")
	}
	add("29", "mod_scorm", "content", "0", "/", "imsmanifest.xml", "<manifest><organizations>")
	for revision, text := range []string{"Open at eight.", "Open at nine, closed on Mondays."} {
		n := strconv.Itoa(revision + 1)
		add("28", "mod_imscp", "content", n, "/", "imsmanifest.xml", `<manifest identifier="hours"><organizations><organization identifier="o">`+
			`<item identifier="i1" identifierref="r1"><title>Opening hours</title></item></organization></organizations>`+
			`<resources><resource identifier="r1" type="webcontent" href="hours.html"/></resources></manifest>`)
		add("28", "mod_imscp", "content", n, "/", "hours.html", "<html><body><p>"+text+"</p></body></html>")
	}
	files["files.xml"] = "<files>\n" + list.String() + "</files>"
	return files
}

// A Moodle course's SCORM package comes over as the course it is, after
// its section's module: its lessons, the page a lesson leads to, its
// pictures and its licence on each lesson; a package of one module under
// the activity's title; what a package leaves out and a player's
// package named by the activity's title; an external package named, and
// a broken one with the reason; a content package read from its latest
// revision. The zipped copy Moodle
// keeps is not read.
func TestMoodleSCORMActivities(t *testing.T) {
	data := moodleTar(t, scormBackup())
	c, err := Read(bytes.NewReader(data), int64(len(data)), Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range c.Modules {
		got = append(got, m.Title+"="+m.Name+":")
		for _, l := range m.Lessons {
			origin := ""
			if l.Origin != nil {
				origin = " (" + l.Origin.Rights + ")"
			}
			got = append(got, "  "+l.Name+": "+l.Title+origin+": "+strings.TrimSpace(l.Markdown))
		}
		for _, f := range m.Files {
			got = append(got, "  file "+f.Name+"="+string(f.Data))
		}
	}
	want := []string{
		"Customers=customers:",
		"  01-start-here: Start here: Every customer is a guest.",
		"Greeting customers=greeting-customers:",
		"  01-say-hello: Say hello (CC BY 4.0): Look up and smile.",
		"  02-at-the-counter: At the counter (CC BY 4.0): ![A shop counter](counter.jpg) Stand, do not sit.\n\n[Next](03-saying-goodbye.md) The rota",
		"  03-saying-goodbye: Saying goodbye (CC BY 4.0): Thank them by name.",
		"  file counter.jpg=\xff\xd8\xff counter",
		"Phone calls=phone-calls:",
		"  01-calls: Calls: Answer by the third ring.\n\n[Putting a caller on hold](02-putting-a-caller-on-hold.md)",
		"  02-putting-a-caller-on-hold: Putting a caller on hold: Ask first, then wait for a yes.",
		"Shop hours=shop-hours:",
		"  01-opening-hours: Opening hours: Open at nine, closed on Mondays.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("modules:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	left := leftOut(c.Left)
	if strings.Join(left, "|") != "links to files the cartridge does not hold: rota.pdf|"+
		"interactive packages (from Storyline, Captivate or another authoring tool), whose scripts a site does not run: Five whys|"+
		"SCORM packages the backup does not hold (on another server, or AICC): Online course|"+
		"packages whose files cannot be read: Broken (imsmanifest.xml: XML syntax error on line 1: unexpected EOF)" {
		t.Errorf("left out %q", left)
	}
}

// A backup's SCORM package is hostile input as the backup is: its
// manifest and its file list read within bounds, without a panic.
func FuzzMoodleSCORM(f *testing.F) {
	b := scormBackup()
	for _, file := range slices.Sorted(maps.Keys(b)) {
		if body := b[file]; strings.HasPrefix(body, "<manifest") {
			f.Add(body, b["files.xml"])
			break
		}
	}
	f.Fuzz(func(t *testing.T, manifest, files string) {
		b := scormBackup()
		for file, body := range b {
			if strings.HasPrefix(body, "<manifest") {
				b[file] = manifest
			}
		}
		b["files.xml"] = files
		data := moodleTar(t, b)
		_, _ = Read(bytes.NewReader(data), int64(len(data)), Options{Name: name})
	})
}
