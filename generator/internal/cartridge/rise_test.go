package cartridge

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// riseCourse is a Rise 360 course's data as its player reads it: two
// lessons before a section, a lesson in it and a quiz lesson after it;
// blocks of text, a picture (stored under a code, its own name
// "counter.jpg"), a placeholder picture, a list, a quote, a note, an
// accordion, flashcards, a process, a sorting activity, a sound the
// package lacks, an attachment, knowledge checks (multiple choice,
// fill-in-the-blank, matching) and a scenario.
func riseCourse() map[string]any {
	text := func(variant, heading, paragraph string) map[string]any {
		return map[string]any{"type": "text", "variant": variant, "items": []any{map[string]any{"heading": heading, "paragraph": paragraph}}}
	}
	placeholder := map[string]any{"image": map[string]any{"key": "assets/rise/assets/block-defaults/mountains.jpg", "src": "x_mountains.jpg"}}
	return map[string]any{"course": map[string]any{
		"title":       "Serving at the counter",
		"description": "<p>Friendly, quick and <strong>safe</strong>.</p>",
		"authors":     []any{map[string]any{"authorName": "Marta Ruiz"}},
		"lessons": []any{
			map[string]any{"title": "Greeting", "type": "blocks", "items": []any{
				text("heading paragraph", "<strong>First words</strong>", "<p>Look up and smile.</p>"),
				text("paragraph", "<strong>Heading</strong>", "<p>Say hello within five seconds.</p>"),
				map[string]any{"type": "image", "variant": "text aside", "items": []any{map[string]any{
					"media":     map[string]any{"image": map[string]any{"key": "rise/courses/c1/AbC-counter.jpg", "crushedKey": "Zz9_abc.jpg", "useCrushedKey": true, "originalUrl": "counter.jpg", "altText": "A clean counter"}},
					"paragraph": "<p>Keep the counter clear.</p>"}}},
				map[string]any{"type": "image", "variant": "hero", "items": []any{map[string]any{"media": placeholder}}},
				map[string]any{"type": "list", "variant": "numbered", "items": []any{map[string]any{"paragraph": "<p>Greet</p>"}, map[string]any{"paragraph": "<p>Ask</p>"}}},
				map[string]any{"type": "quote", "variant": "a", "items": []any{map[string]any{"paragraph": "<p>Smile first.</p>", "name": "<p>Ana</p>"}}},
				text("note", "<strong>Heading</strong>", "<p>Wash your hands after cash.</p>"),
			}},
			map[string]any{"title": "Questions", "type": "blocks", "items": []any{
				map[string]any{"type": "interactive", "variant": "accordion", "items": []any{map[string]any{"title": "Why ask?", "description": "<p>To help.</p>"}}},
				map[string]any{"type": "interactive", "variant": "flashcard", "items": []any{map[string]any{
					"front": map[string]any{"description": "<p>Open question</p>", "media": placeholder},
					"back":  map[string]any{"description": "<p>What would you like?</p>"}}}},
				map[string]any{"type": "interactive", "variant": "process", "items": []any{
					map[string]any{"type": "intro", "title": "", "description": "<p>Three steps.</p>"},
					map[string]any{"type": "step", "title": "Listen", "description": "<p>Let them finish.</p>"}}},
				map[string]any{"type": "interactive", "variant": "sorting", "piles": []any{map[string]any{"title": "Open"}, map[string]any{"title": "Closed"}},
					"items": []any{map[string]any{"title": "What would you like?", "pileId": 1}, map[string]any{"title": "Is that all?", "pileId": 2}}},
				map[string]any{"type": "multimedia", "variant": "audio", "items": []any{map[string]any{"media": map[string]any{"audio": map[string]any{"key": "q1_transcoded-hello.mp3", "originalUrl": "hello.mp3"}}}}},
				map[string]any{"type": "multimedia", "variant": "embed", "items": []any{map[string]any{"media": map[string]any{"embed": map[string]any{
					"src": "//cdn.embedly.com/widgets/media.html?src=x", "originalUrl": "https://example.org/episode/7", "title": "Episode 7", "description": "About queues."}}}}},
				map[string]any{"type": "multimedia", "variant": "attachment", "items": []any{map[string]any{"media": map[string]any{"attachment": map[string]any{"key": "k2-Price%20list.pdf", "originalUrl": "Price list.pdf"}}}}},
				map[string]any{"type": "knowledgeCheck", "variant": "multiple choice", "items": []any{map[string]any{"type": "MULTIPLE_CHOICE", "title": "<p>Which is open?</p>",
					"answers":  []any{map[string]any{"title": "<p>Anything else?</p>", "correct": false}, map[string]any{"title": "<p>What would you like?</p>", "correct": true}},
					"feedback": "<p>It lets them say more.</p>"}}},
				map[string]any{"type": "knowledgeCheck", "variant": "fillin", "items": []any{map[string]any{"type": "FILL_IN_THE_BLANK", "title": "<p>Always ________ first.</p>",
					"answers": []any{map[string]any{"title": "smile"}, map[string]any{"title": "Smile"}}}}},
				map[string]any{"type": "scenario", "variant": "a", "items": []any{}},
			}},
			map[string]any{"title": "Paying", "type": "section"},
			map[string]any{"title": "Cash and card", "type": "blocks", "items": []any{
				map[string]any{"type": "knowledgeCheck", "variant": "matching", "items": []any{map[string]any{"type": "MATCHING", "title": "<p>Match.</p>",
					"answers": []any{map[string]any{"title": "Card", "matchTitle": "Tap"}, map[string]any{"title": "Cash", "matchTitle": "Count"}}}}},
			}},
			map[string]any{"title": "Check", "type": "quiz", "items": []any{map[string]any{"type": "MULTIPLE_CHOICE", "title": "<p>Count change…</p>",
				"answers": []any{map[string]any{"id": "a1", "title": "<p>aloud</p>"}, map[string]any{"id": "a2", "title": "<p>silently</p>"}},
				"correct": "a1", "corrects": []any{"a2"}, "feedback": "<p>Aloud, so both agree.</p>"}}},
		},
	}}
}

// risePackage is a Rise SCORM package holding the course's data (as
// older exports write it; newer give it to deserialize).
func risePackage(t testing.TB, course map[string]any) []byte {
	return risePackageAs(t, course, `window.courseData = "%s";`)
}

// risePackageAs is a Rise SCORM package whose page's script is format,
// its %s the course's data.
func risePackageAs(t testing.TB, course map[string]any, format string) []byte {
	data, err := json.Marshal(course)
	if err != nil {
		t.Fatal(err)
	}
	return zipOf(t, map[string]string{
		"imsmanifest.xml": `<manifest identifier="r" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"><organizations default="articulate_rise"><organization identifier="articulate_rise">
<item identifier="i1" identifierref="r1"><title>Serving at the counter</title></item></organization></organizations>
<resources><resource identifier="r1" type="webcontent" href="scormdriver/indexAPI.html"/></resources></manifest>`,
		"scormdriver/indexAPI.html":             `<html><body><script src="scormdriver.js"></script></body></html>`,
		"scormcontent/lib/main.bundle.js":       `x`,
		"scormcontent/index.html":               `<html><head><title>Serving</title></head><body><div id="app"></div><script>` + fmt.Sprintf(format, base64.StdEncoding.EncodeToString(data)) + `</script></body></html>`,
		"scormcontent/assets/Zz9_abc.jpg":       "jpeg",
		"scormcontent/assets/k2-Price list.pdf": "pdf",
	})
}

func TestRiseCourse(t *testing.T) {
	data := risePackage(t, riseCourse())
	c, err := Read(bytes.NewReader(data), int64(len(data)), Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "Serving at the counter" || strings.Join(c.Authors, "|") != "Marta Ruiz" || len(c.Modules) != 2 {
		t.Fatalf("course %q by %q, %d modules", c.Title, c.Authors, len(c.Modules))
	}
	first, paying := c.Modules[0], c.Modules[1]
	if first.Title != "Serving at the counter" || first.Intro != "Friendly, quick and **safe**." || len(first.Lessons) != 2 || paying.Title != "Paying" || len(paying.Lessons) != 2 {
		t.Fatalf("modules %q (intro %q, %d lessons), %q (%d lessons): a section starts a module", first.Title, first.Intro, len(first.Lessons), paying.Title, len(paying.Lessons))
	}
	greeting := first.Lessons[0].Markdown
	lessonHas(t, greeting,
		"## First words\n\nLook up and smile.\n\nSay hello within five seconds.\n\n![A clean counter](counter.jpg)\n\nKeep the counter clear.",
		"1. Greet\n2. Ask",
		"> Smile first.\n> \n> — Ana",
		":::note\nWash your hands after cash.\n:::")
	if strings.Contains(greeting, "Heading") || strings.Contains(greeting, "mountains") {
		t.Errorf("a variant's hidden heading or Rise's placeholder picture came over:\n%s", greeting)
	}
	questions := first.Lessons[1].Markdown
	lessonHas(t, questions,
		":::details Why ask?\nTo help.\n:::",
		":::details Open question\nWhat would you like?\n:::",
		"Three steps.\n\n## Listen\n\nLet them finish.",
		"- What would you like?\n- Is that all?\n\n:::solution\n**Open**\n\n- What would you like?\n\n**Closed**\n\n- Is that all?\n:::",
		"[Episode 7](https://example.org/episode/7)\n\nAbout queues.",
		"[Price list.pdf](price-list.pdf)",
		"- [ ] Anything else?\n- [x] What would you like?\n  > It lets them say more.",
		"Always _____ first.\n\n:::solution\n- smile\n- Smile\n:::")
	cash, check := paying.Lessons[0].Markdown, paying.Lessons[1].Markdown
	if !strings.Contains(cash, "Card\n\n- [x] Tap\n- [ ] Count\n\nCash\n\n- [ ] Tap\n- [x] Count") {
		t.Errorf("matching: a question per item, its match right:\n%s", cash)
	}
	if !strings.Contains(check, ":::quiz Check\nCount change…\n\n- [x] aloud\n  > Aloud, so both agree.\n- [ ] silently") {
		t.Errorf("quiz lesson: the right answer by its id:\n%s", check)
	}
	var files []string
	for _, f := range first.Files {
		files = append(files, f.Name)
	}
	if strings.Join(files, "|") != "counter.jpg|price-list.pdf" {
		t.Errorf("files %q: named by their own names", files)
	}
	left := strings.Join(leftOut(c.Left), "\n")
	for _, want := range []string{"Rise blocks a page cannot hold (scenarios, embedded Storyline, charts): Questions", "links to files the cartridge does not hold: q1_transcoded-hello.mp3"} {
		if !strings.Contains(left, want) {
			t.Errorf("left %q, want %q", left, want)
		}
	}
}

// A Rise package whose data cannot be read is named as a player's.
func TestRiseWithoutReadableData(t *testing.T) {
	c := readPackage(t, map[string]string{
		"imsmanifest.xml": `<manifest identifier="r" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"><organizations><organization>
<item identifier="i1" identifierref="r1"><title>Serving</title></item></organization></organizations>
<resources><resource identifier="r1" type="webcontent" href="scormcontent/index.html"/></resources></manifest>`,
		"scormcontent/lib/main.bundle.js": `x`,
		"scormcontent/index.html":         `<html><body><div id="app"></div><script>window.courseData = deserialize("%%%");</script></body></html>`,
	})
	if len(c.Modules) != 0 || !strings.Contains(strings.Join(leftOut(c.Left), "\n"), "whose scripts a site does not run: Serving") {
		t.Errorf("modules %d, left %q", len(c.Modules), strings.Join(leftOut(c.Left), "\n"))
	}
}

// Newer Rise exports give the course's data to the player's deserialize.
func TestRiseDataGivenToDeserialize(t *testing.T) {
	data := risePackageAs(t, riseCourse(), `function deserialize(s) { return JSON.parse(atob(s)); } window.courseData = deserialize("%s");`)
	c, err := Read(bytes.NewReader(data), int64(len(data)), Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Modules) != 2 || len(c.Modules[0].Lessons) != 2 {
		t.Errorf("modules %+v", c.Modules)
	}
}

// The newest Rise exports keep the course's data in a script per
// language (locales/<language>.js), which the page names.
func TestRiseDataInALocaleScript(t *testing.T) {
	data, err := json.Marshal(riseCourse())
	if err != nil {
		t.Fatal(err)
	}
	c := readPackage(t, map[string]string{
		"imsmanifest.xml":                 `<manifest identifier="r" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"><organizations/><resources/></manifest>`,
		"scormcontent/index.html":         `<html><body><div id="app"></div><script>window.i18n = {"available":["de","en"],"default":"de"};</script></body></html>`,
		"scormcontent/locales/en.js":      `__resolveJsonp("course:en","e30=")`,
		"scormcontent/locales/de.js":      `__resolveJsonp("course:de","` + base64.StdEncoding.EncodeToString(data) + `")`,
		"scormcontent/lib/main.bundle.js": `x`,
	})
	if len(c.Modules) != 2 || c.Title != "Serving at the counter" {
		t.Errorf("course %q, %d modules: the default language's data", c.Title, len(c.Modules))
	}
}

// A course whose lessons are all in sections: its description is the first
// section's introduction, not a module without lessons.
func TestRiseDescriptionBeforeTheFirstSection(t *testing.T) {
	course := riseCourse()
	lessons := course["course"].(map[string]any)["lessons"].([]any)
	course["course"].(map[string]any)["lessons"] = append([]any{map[string]any{"title": "Welcome", "type": "section"}}, lessons...)
	data := risePackage(t, course)
	c, err := Read(bytes.NewReader(data), int64(len(data)), Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Modules) != 2 || c.Modules[0].Title != "Welcome" || c.Modules[0].Intro != "Friendly, quick and **safe**." || len(c.Modules[0].Lessons) != 2 {
		t.Errorf("modules: %q with intro %q", c.Modules[0].Title, c.Modules[0].Intro)
	}
}
