package cartridge

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/markdown"
)

// presentationH5P is an H5P file as H5P.org or Lumi exports it: a Course
// Presentation of three slides, with pictures, a video, a link, an
// accordion, questions and a task a page cannot hold.
func presentationH5P() map[string]string {
	return map[string]string{
		"h5p.json": `{"title":"Answering customer reviews","language":"en","mainLibrary":"H5P.CoursePresentation",
			"license":"CC BY-SA","licenseVersion":"4.0","authors":[{"name":"Maria Rossi","role":"Author"},{"name":"Maria Rossi","role":"Editor"}],
			"source":"https://example.org/h5p/42","embedTypes":["iframe"],
			"preloadedDependencies":[{"machineName":"H5P.CoursePresentation","majorVersion":"1","minorVersion":"25"}]}`,
		"content/content.json": `{"presentation":{"slides":[
			{"keywords":[{"main":"Why reviews matter"}],"elements":[
				{"x":5,"y":40,"width":90,"height":30,"action":{"library":"H5P.AdvancedText 1.1","params":{"text":"<p>Most customers read <strong>reviews</strong> before they visit.</p>"},"metadata":{"title":"Untitled Text"}}},
				{"x":"30","y":"5","action":{"library":"H5P.Image 1.1","params":{"file":{"path":"images/review-123.png#tmp","mime":"image/png","width":600,"height":400},"alt":"A five-star review on a phone"}}}
			]},
			{"keywords":[{"main":"Reply within two days"}],"elements":[
				{"x":5,"y":10,"action":{"library":"H5P.MultiChoice 1.16","params":{
					"question":"<p>A customer wrote a kind review yesterday. When do you answer?</p>",
					"media":{"type":{"library":"H5P.Image 1.1","params":{"file":{"path":"images/clock-9.png","mime":"image/png"},"alt":"A kitchen clock"}}},
					"answers":[
						{"text":"<div>Today or tomorrow</div>\n","correct":"true","tipsAndFeedback":{"chosenFeedback":"<div>Yes: a quick thank-you shows you listen.</div>"}},
						{"text":"<div>Next month</div>\n","correct":false,"tipsAndFeedback":{"chosenFeedback":"<div>By then the customer has forgotten.</div>"}}],
					"behaviour":{"singleAnswer":true}},"metadata":{"title":"Untitled Multiple Choice"}}},
				{"x":5,"y":60,"action":{"library":"H5P.TrueFalse 1.8","params":{"question":"<p>You should answer angry reviews too.</p>","correct":"true",
					"l10n":{"trueText":"True","falseText":"False"},
					"behaviour":{"feedbackOnCorrect":"Right: calm answers reassure the next readers.","feedbackOnWrong":"Other customers read your silence."}}}}
			]},
			{"elements":[
				{"x":50,"y":10,"action":{"library":"H5P.DragQuestion 1.14","params":{"question":{}},"metadata":{"title":"Sort the replies"}}},
				{"x":0,"y":10,"action":{"library":"H5P.Video 1.6","params":{"sources":[{"path":"videos/reply-7.webm","mime":"video/webm"},{"path":"videos/reply-7.mp4","mime":"video/mp4"}],
					"visuals":{"poster":{"path":"images/poster-3.jpg"}},"a11y":{"videoTrack":[{"label":"Deutsch","kind":"descriptions","srcLang":"de","track":{"path":"videos/desc.vtt"}},{"label":"English","kind":"subtitles","srcLang":"en","track":{"path":"videos/en-4.vtt"}}]}},"metadata":{"title":"A reply, step by step"}}},
				{"x":0,"y":12,"action":{"library":"H5P.Audio 1.5","params":{"files":[{"path":"audios/lost.mp3","mime":"audio/mpeg"}]},"metadata":{"title":"A lost sound"}}},
				{"x":0,"y":50,"action":{"library":"H5P.Link 1.3","params":{"title":"Guide to reviews","linkWidget":{"protocol":"https://","url":"example.org/guide"}}}},
				{"x":0,"y":55,"action":{"library":"H5P.Link 1.3","params":{"title":"Run me","linkWidget":{"protocol":"other","url":"javascript:alert(1)"}}}},
				{"x":"abc","y":95,"action":"not an object"},
				{"x":0,"y":60,"action":{"library":"H5P.ImageSlider 1.1","params":{"imageSlides":[{"library":"H5P.ImageSlide 1.1","params":{"image":{"library":"H5P.Image 1.1","params":{"file":{"path":"images/clock-9.png"},"alt":"The clock again"}}}}]}}},
				{"x":0,"y":70,"action":{"library":"H5P.Accordion 1.0","params":{"panels":[{"title":"What if the review is false?","content":{"library":"H5P.AdvancedText 1.1","params":{"text":"<p>Answer politely and ask the platform to check it.</p>"}}}]}}}
			]}
		]}}`,
		"content/images/review-123.png":               "\x89PNG review",
		"content/images/clock-9.png":                  "\x89PNG clock",
		"content/videos/reply-7.mp4":                  "mp4 reply",
		"content/videos/en-4.vtt":                     "WEBVTT\n\nNOTE English\n",
		"content/videos/desc.vtt":                     "WEBVTT\n",
		"content/images/poster-3.jpg":                 "\xff\xd8\xff poster",
		"H5P.CoursePresentation-1.25/presentation.js": "alert('a library script')",
	}
}

// An H5P Course Presentation becomes one lesson: each slide a section
// under its title, its elements from the top left, its questions one
// knowledge check with their pictures and feedback; the licence, authors
// and original come with it; what a page cannot hold is named.
func TestH5PCoursePresentation(t *testing.T) {
	data := zipOf(t, presentationH5P())
	c, err := Read(bytes.NewReader(data), int64(len(data)), Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "Answering customer reviews" || c.Rights != "CC BY-SA 4.0" || c.Source != "https://example.org/h5p/42" || !slices.Equal(c.Authors, []string{"Maria Rossi"}) {
		t.Errorf("course %q, rights %q, source %q, authors %q", c.Title, c.Rights, c.Source, c.Authors)
	}
	if len(c.Modules) != 1 || len(c.Modules[0].Lessons) != 1 {
		t.Fatalf("modules %+v, want one of one lesson", c.Modules)
	}
	m := c.Modules[0]
	if m.Name != "answering-customer-reviews" || m.Lessons[0].Title != "Answering customer reviews" {
		t.Errorf("module %q, lesson %q", m.Name, m.Lessons[0].Title)
	}
	want := "## Why reviews matter\n\n![A five-star review on a phone](review-123.png)\n\nMost customers read **reviews** before they visit.\n\n" +
		"## Reply within two days\n\n" +
		":::quiz Reply within two days\nA customer wrote a kind review yesterday. When do you answer?\n\n![A kitchen clock](clock-9.png)\n\n" +
		"- [x] Today or tomorrow\n  > Yes: a quick thank-you shows you listen.\n- [ ] Next month\n  > By then the customer has forgotten.\n\n" +
		"You should answer angry reviews too.\n\n- [x] True\n  > Right: calm answers reassure the next readers.\n- [ ] False\n  > Other customers read your silence.\n:::\n\n" +
		"[A reply, step by step](reply-7.mp4)\n\nA lost sound\n\n[Guide to reviews](https://example.org/guide)\n\n![The clock again](clock-9.png)\n\n### What if the review is false?\n\nAnswer politely and ask the platform to check it.\n"
	if got := m.Lessons[0].Markdown; got != want {
		t.Errorf("lesson:\n%s\nwant:\n%s", got, want)
	}
	var files []string
	for _, f := range m.Files {
		files = append(files, f.Name)
	}
	if !slices.Equal(files, []string{"review-123.png", "clock-9.png", "reply-7.mp4", "reply-7.vtt", "reply-7.jpg"}) {
		t.Errorf("files %q, want the pictures and the video with its English subtitles and poster beside it, no library script", files)
	}
	for _, f := range m.Files {
		if f.Name == "reply-7.vtt" && string(f.Data) != "WEBVTT\n\nNOTE English\n" {
			t.Errorf("the captions beside the video are %q, want the subtitles (not the descriptions)", f.Data)
		}
	}
	if left := leftOut(c.Left); !slices.Equal(left, []string{"H5P contents a page cannot hold (games and tools): Drag and Drop: Sort the replies", "links to files the cartridge does not hold: lost.mp3"}) {
		t.Errorf("left out %q", left)
	}
	html := string(markdown.New(markdown.Options{}).Render(markdown.Doc{File: "x.md", Source: []byte(m.Lessons[0].Markdown)}).HTML)
	if strings.Contains(html, "javascript") || !strings.Contains(html, `container-quiz`) || !strings.Contains(html, `<video controls preload="none" src="reply-7.mp4">`) {
		t.Errorf("the page shows a script link, or no knowledge check:\n%s", html)
	}
}

// bookH5P is an Interactive Book: a cover, then chapters of texts, a
// question set, a single-choice set, dialog cards and a summary.
func bookH5P() map[string]string {
	return map[string]string{
		"h5p.json": `{"title":"Selling online","mainLibrary":"H5P.InteractiveBook","license":"CC0 1.0","authors":[]}`,
		"content/content.json": `{"showCoverPage":true,"bookCover":{"coverDescription":"<p>Two short chapters for shop owners.</p>",
			"coverMedium":{"library":"H5P.Image 1.1","params":{"file":{"path":"images/cover.jpg"},"alt":"A shop window","decorative":true}}},
			"chapters":[
			{"library":"H5P.Column 1.16","metadata":{"title":"Your shop on a map"},"params":{"content":[
				{"content":{"library":"H5P.AdvancedText 1.1","params":{"text":"<h2>Why a map</h2><p>People search <em>near me</em>.</p>"}}},
				{"content":{"library":"H5P.QuestionSet 1.20","params":{"introPage":{"showIntroPage":true,"title":"Check the map","introduction":"<p>Two questions.</p>"},
					"questions":[
						{"library":"H5P.TrueFalse 1.8","params":{"question":"<p>A map listing is free.</p>","correct":"true"}},
						{"library":"H5P.Blanks 1.14","params":{"text":"<p>Fill in the missing word.</p>","questions":["<p>People look for shops *near/close to:Where?* them, and *open* now.</p>"],"showSolutions":"Show the answers"}},
						{"library":"H5P.Blanks 1.14","params":{"text":"<p>Nothing to fill.</p>","questions":["<p>No gap here.</p>"]}},
						{"library":"H5P.MultiChoice 1.16","params":{"question":"<p>What do people check first?</p>","answers":[{"text":"Opening hours","correct":true},{"text":"The logo's colour"}]}}]}}}
			]}},
			{"library":"H5P.Column 1.16","metadata":{"title":"Words that sell"},"params":{"content":[
				{"content":{"library":"H5P.Video 1.6","metadata":{"title":"Writing a shop sign"},"params":{"sources":[{"path":"https://www.youtube.com/watch?v=dQw4w9WgXcQ","mime":"video/YouTube"}]}}},
				{"content":{"library":"H5P.SingleChoiceSet 1.11","params":{"choices":[{"question":"<p>Best first line?</p>","answers":["<p>Fresh bread every morning</p>","<p>Welcome to our website</p>","<p>Click here</p>"]}]}}},
				{"content":{"library":"H5P.Dialogcards 1.9","params":{"title":"<p>Plain words</p>","dialogs":[{"text":"<p>Purchase</p>","answer":"<p>Buy</p>","audio":[{"path":"audios/purchase.mp3","mime":"audio/mpeg"}]},{"text":"<p>Commence</p>","answer":"<p>Start</p>"}]}}},
				{"content":{"library":"H5P.DragText 1.10","params":{"taskDescription":"<p>Drag the words into the gaps.</p>","textField":"Bread is *baked:When?* early.\nShops *open* at &lt;eight&gt;.","showSolution":"Show solution"}}},
				{"content":{"library":"H5P.MarkTheWords 1.11","params":{"taskDescription":"<p>Mark the verbs.</p>","textField":"<p>We *sell* fresh bread and *bake* it daily.</p>"}}},
				{"content":{"library":"H5P.Summary 1.10","params":{"intro":"<p>Choose the true statement.</p>","summaries":[{"summary":["<p>Short sentences are easier on phones.</p>","<p>Long sentences sell more.</p>"]}]}}}
			]}}
		]}`,
		"content/images/cover.jpg":    "\xff\xd8\xff cover",
		"content/audios/purchase.mp3": "ID3 purchase",
	}
}

// An Interactive Book becomes a module: its cover the introduction, each
// chapter a lesson. A set's questions make one check; the answers of a
// single-choice set and a summary (whose first is the right one) are put
// in an order of their own.
func TestH5PInteractiveBook(t *testing.T) {
	data := zipOf(t, bookH5P())
	c, err := Read(bytes.NewReader(data), int64(len(data)), Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Modules) != 1 {
		t.Fatalf("%d modules", len(c.Modules))
	}
	m := c.Modules[0]
	if c.Rights != "CC0 1.0" || m.Intro != "![](cover.jpg)\n\nTwo short chapters for shop owners." {
		t.Errorf("rights %q, introduction %q", c.Rights, m.Intro)
	}
	var titles []string
	for _, l := range m.Lessons {
		titles = append(titles, l.Name+"="+l.Title)
	}
	if !slices.Equal(titles, []string{"01-your-shop-on-a-map=Your shop on a map", "02-words-that-sell=Words that sell"}) {
		t.Fatalf("lessons %q", titles)
	}
	want1 := "## Why a map\n\nPeople search *near me*.\n\nTwo questions.\n\n:::quiz Check the map\nA map listing is free.\n\n- [x] True\n- [ ] False\n:::\n\n" +
		"Fill in the missing word.\n\nPeople look for shops _____ them, and _____ now.\n\n" +
		":::solution Show the answers\nPeople look for shops **near** them, and **open** now.\n:::\n\n" +
		":::quiz Check the map\nWhat do people check first?\n\n- [x] Opening hours\n- [ ] The logo's colour\n:::\n"
	if got := m.Lessons[0].Markdown; got != want1 {
		t.Errorf("chapter 1:\n%s\nwant:\n%s", got, want1)
	}
	// each gap is one a screen reader names, where "……" was silent
	if html := string(markdown.New(markdown.Options{}).Render(markdown.Doc{File: "x.md", Source: []byte(want1)}).HTML); strings.Count(html, `<span class="visually-hidden">blank</span>`) != 2 {
		t.Errorf("chapter 1's gaps are not labelled:\n%s", html)
	}
	got2 := m.Lessons[1].Markdown
	for _, w := range []string{":::quiz Words that sell\nBest first line?\n\n", "- [x] Fresh bread every morning\n", "- [ ] Welcome to our website\n", "- [ ] Click here\n",
		"Plain words\n\n[Purchase](purchase.mp3)\n\n:::details Purchase\nBuy\n:::\n\n:::details Commence\nStart\n:::\n",
		"Drag the words into the gaps.\n\nBread is _____ early.\n\nShops _____ at &lt;eight&gt;.\n\n:::solution Show solution\nBread is **baked** early.\n\nShops **open** at &lt;eight&gt;.\n:::\n",
		"Mark the verbs.\n\nWe sell fresh bread and bake it daily.\n\n:::solution\nWe **sell** fresh bread and **bake** it daily.\n:::\n", "Choose the true statement.\n\n", "- [x] Short sentences are easier on phones.\n", "- [ ] Long sentences sell more.\n"} {
		if !strings.Contains(got2, w) {
			t.Errorf("chapter 2 lacks %q:\n%s", w, got2)
		}
	}
	if !strings.HasPrefix(got2, "[Writing a shop sign](https://www.youtube.com/watch?v=dQw4w9WgXcQ)\n\n") {
		t.Errorf("chapter 2 does not start with its video on YouTube:\n%s", got2)
	}
	if html := string(markdown.New(markdown.Options{}).Render(markdown.Doc{File: "x.md", Source: []byte(got2)}).HTML); !strings.Contains(html, `<figure class="embed" data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"`) {
		t.Errorf("the video on YouTube is no player on the page:\n%s", html)
	}
	if strings.Index(got2, "- [x] Fresh bread") < strings.Index(got2, "- [ ] Welcome") && strings.Index(got2, "- [x] Fresh bread") < strings.Index(got2, "- [ ] Click here") {
		t.Errorf("the right answer of a single-choice set is still first:\n%s", got2)
	}
	if left := leftOut(c.Left); !slices.Equal(left, []string{"H5P contents a page cannot hold (games and tools): Fill in the Blanks"} /* the one without a gap */) {
		t.Errorf("left out %q", left)
	}
}

// A hostile H5P file is read within the zip and its bounds: paths out of
// content/, a script address, contents nested without end, broken JSON.
func TestHostileH5P(t *testing.T) {
	for _, c := range []struct {
		parts map[string]string
		err   string
	}{
		{map[string]string{"h5p.json": `{"title":"x"}`}, "no content/content.json"},
		{map[string]string{"h5p.json": `{"title":`, "content/content.json": "{}"}, "h5p.json"},
	} {
		data := zipOf(t, c.parts)
		if _, err := Read(bytes.NewReader(data), int64(len(data)), Options{Name: name}); err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%v: error %v, want %q", c.parts, err, c.err)
		}
	}
	deep := strings.Repeat(`{"library":"H5P.Column 1.0","params":{"content":[{"content":`, 500) + `{"library":"H5P.AdvancedText 1.1","params":{"text":"deep"}}` + strings.Repeat(`}]}}`, 500)
	parts := map[string]string{
		"h5p.json": `{"title":"Hostile","mainLibrary":"H5P.Column"}`,
		"content/content.json": `{"content":[
			{"content":{"library":"H5P.Image 1.1","params":{"file":{"path":"../h5p.json"},"alt":"a"}}},
			{"content":{"library":"H5P.Image 1.1","params":{"file":{"path":"../../../../etc/passwd"},"alt":"b"}}},
			{"content":{"library":"H5P.MultiChoice 1.16","params":{"question":"<p>Q</p>","media":{"type":{"library":"H5P.Image 1.1","params":{"file":{"path":"../../../etc/passwd"},"alt":"c"}}},"answers":[{"text":"a","correct":true},{"text":"b"}]}}},
			{"content":{"library":"H5P.Video 1.6","params":{"sources":[{"path":"javascript:alert(1)"},{"path":"../../etc/hosts"}]}}},
			{"content":{"library":"H5P.AdvancedText 1.1","params":{"text":"<p onclick=\"x()\">Text<script>alert(1)</script></p>"}}},
			{"content":` + deep + `}
		]}`,
	}
	data := zipOf(t, parts)
	c, err := Read(bytes.NewReader(data), int64(len(data)), Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	md := c.Modules[0].Lessons[0].Markdown
	if strings.Contains(md, "script") || strings.Contains(md, "onclick") || strings.Contains(md, "passwd") || strings.Contains(md, "deep") {
		t.Errorf("the page holds what it should not:\n%s", md)
	}
	for _, f := range c.Modules[0].Files {
		if f.Name != "h5p.json" {
			t.Errorf("took %s", f.Name)
		}
	}
}

func FuzzReadH5P(f *testing.F) {
	f.Add(presentationH5P()["content/content.json"])
	f.Add(bookH5P()["content/content.json"])
	f.Fuzz(func(t *testing.T, content string) {
		parts := presentationH5P()
		parts["content/content.json"] = content
		data := zipOf(t, parts)
		_, _ = Read(bytes.NewReader(data), int64(len(data)), Options{Name: name})
	})
}

// FuzzReadH5PKinds reads content of any main library: seeded with each
// kind read since the forty-second session, whose steps, zones, links and
// places point at each other by number.
func FuzzReadH5PKinds(f *testing.F) {
	for _, seed := range [][2]string{
		{"H5P.BranchingScenario", `{"branchingScenario":{"content":[{"type":{"library":"H5P.BranchingQuestion","params":{"branchingQuestion":{"question":"q","alternatives":[{"text":"a","nextContentId":1},{"text":"b","nextContentId":-1,"feedback":{"title":"t"}}]}}}},{"type":{"library":"H5P.Text","params":{"text":"x"}},"nextContentId":0}]}}`},
		{"H5P.DragQuestion", `{"question":{"task":{"elements":[{"type":{"library":"H5P.AdvancedText","params":{"text":"a"}}},{"type":{"library":"H5P.Image","params":{"alt":"b"}}}],"dropZones":[{"label":"z","correctElements":["0","9","x"]}]}}}`},
		{"H5P.InteractiveVideo", `{"interactiveVideo":{"assets":{"bookmarks":[{"time":-5,"label":"b"}],"interactions":[{"duration":{"from":1e9},"action":{"library":"H5P.Text","params":{"text":"t"}}}]}}}`},
		{"H5P.Crossword", `{"words":[{"clue":"c","answer":"a b"}]}`},
		{"H5P.MemoryGame", `{"cards":[{"image":{"path":"images/x.png"},"match":{"path":"../../x"}}]}`},
		{"H5P.ImageSequencing", `{"sequenceImages":[{"image":{"path":"a"},"imageDescription":"a"},{"image":{"path":"a"},"imageDescription":"a"}]}`},
		{"H5P.Questionnaire", `{"questionnaireElements":[{"library":{"library":"H5P.SimpleMultiChoice","params":{"question":"q","alternatives":[{"text":""}]}}},{"library":{"library":"H5P.Questionnaire","params":{}}}]}`},
		{"H5P.SortParagraphs", `{"paragraphs":["a","a",""],"media":{"type":{"library":"H5P.Image","params":{"file":{"path":"x"}}}}}`},
		{"H5P.Agamotto", `{"items":[{"image":{"library":"H5P.Image","params":{"file":{"path":"a","copyright":{"license":"C","year":2020}}}},"labelText":"l"}]}`},
		{"H5P.ImageHotspotQuestion", `{"imageHotspotQuestion":{"backgroundImageSettings":{"backgroundImage":{"path":"a.png"}},"hotspotSettings":{"hotspot":[{"userSettings":{"correct":"1"},"computedSettings":{"x":-50,"y":1e9,"width":-1,"height":"x","figure":"circle"}}]}}}`},
		{"H5P.DocumentationTool", `{"pagesList":[{"library":"H5P.StandardPage","params":{"title":"t","elementList":[{"library":"H5P.TextInputField","params":{"taskDescription":"q"}},{"library":"H5P.DocumentationTool","params":{}}]}}]}`},
		{"H5P.Dictation", `{"sentences":[{"sample":[{"path":"../x.mp3"}],"text":"s"}]}`},
		{"H5P.ThreeImage", `{"threeImage":{"startSceneId":"1","scenes":[{"sceneId":1,"scenename":"a","interactions":[{"action":{"library":"H5P.GoToScene","params":{"nextSceneId":1e308}}},{"action":{"library":"H5P.ThreeImage","params":{}}}]},{"sceneId":-1,"scenesrc":{"path":"../x"}}]}}`},
		{"H5P.SpeakTheWordsSet", `{"questions":[{"library":"H5P.SpeakTheWords","params":{"question":"q","acceptedAnswers":["a"]}}]}`},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, library, content string) {
		data := zipOf(t, map[string]string{"h5p.json": `{"title":"T","mainLibrary":` + strconv.Quote(library) + `}`, "content/content.json": content})
		_, _ = Read(bytes.NewReader(data), int64(len(data)), Options{Name: name, LicenceURL: func(string) string { return "https://example.org/deed" }})
	})
}

// h5p.json's licence becomes a statement the importer reads: H5P's
// undisclosed one says nothing, "C" (copyright) says so, so that the
// module does not take the site's open licence unsaid.
func TestH5PLicence(t *testing.T) {
	for _, c := range [][3]string{
		{"CC BY-SA", "4.0", "CC BY-SA 4.0"}, {"CC BY-NC", "2.5", "CC BY-NC 2.5"}, {"CC0 1.0", "", "CC0 1.0"},
		{"U", "", ""}, {"", "", ""}, {"C", "", "Copyright (all rights reserved)"}, {"GNU GPL", "v3", "GNU GPL v3"},
	} {
		if got := h5pLicence(c[0], c[1]); got != c[2] {
			t.Errorf("h5pLicence(%q, %q) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
}

// Image hotspots, a collage, a chart and an essay become what a page can
// show of them: the picture with each hotspot a disclosure, the pictures,
// the values as a list, the task with its sample answer to open.
func TestH5PHotspotsChartEssay(t *testing.T) {
	parts := map[string]string{
		"h5p.json": `{"title":"A shop window","mainLibrary":"H5P.Column"}`,
		"content/content.json": `{"content":[
			{"content":{"library":"H5P.ImageHotspots 1.10","params":{"image":{"path":"images/window.jpg","width":800,"height":600},"backgroundImageAltText":"A bakery's window",
				"hotspots":[{"position":{"x":10,"y":20},"header":"Price labels","content":[{"library":"H5P.Text 1.1","params":{"text":"<p>Big enough to read from the street.</p>"}}]},
					{"position":{"x":50,"y":50},"header":"","content":[{"library":"H5P.Text 1.1","params":{"text":"<p>A hotspot without a name.</p>"}}]}]}}},
			{"content":{"library":"H5P.Collage 0.3","params":{"collage":{"template":"2-1","clips":[{"image":{"path":"images/left.jpg"},"alt":"Bread"},{"image":{"path":"images/right.jpg"},"alt":"Cakes"}]}}}},
			{"content":{"library":"H5P.Chart 1.2","params":{"graphMode":"pieChart","figureDefinition":"Where customers heard of the shop","listOfTypes":[{"text":"Friends","value":45},{"text":"Maps","value":"30.5"}]}}},
			{"content":{"library":"H5P.Essay 1.5","params":{"taskDescription":"<p>Write a window sign for Saturday.</p>","solution":{"introduction":"<div>One possible sign:</div>","sample":"<div><strong>Fresh rolls</strong> from 7 am</div>"},"solutionTitle":"Sample answer"}}}
		]}`,
		"content/images/window.jpg": "\xff\xd8\xff window",
		"content/images/left.jpg":   "\xff\xd8\xff left",
		"content/images/right.jpg":  "\xff\xd8\xff right",
	}
	data := zipOf(t, parts)
	c, err := Read(bytes.NewReader(data), int64(len(data)), Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	want := "![A bakery's window](window.jpg)\n\n:::details Price labels\nBig enough to read from the street.\n:::\n\nA hotspot without a name.\n\n" +
		"![Bread](left.jpg)\n\n![Cakes](right.jpg)\n\nWhere customers heard of the shop\n\n- Friends: 45\n- Maps: 30.5\n\n" +
		"Write a window sign for Saturday.\n\n:::solution Sample answer\nOne possible sign:\n\n**Fresh rolls** from 7 am\n:::\n"
	if got := c.Modules[0].Lessons[0].Markdown; got != want {
		t.Errorf("lesson:\n%s\nwant:\n%s", got, want)
	}
	if len(c.Left) != 0 {
		t.Errorf("left out %q", leftOut(c.Left))
	}
}

// A timeline becomes its headline and text, then each event under its
// date (ISO 8601, in the order of the dates) and headline.
func TestH5PTimeline(t *testing.T) {
	parts := map[string]string{
		"h5p.json": `{"title":"The shop's story","mainLibrary":"H5P.Timeline"}`,
		"content/content.json": `{"timeline":{"headline":"Sixty years on the square","text":"<p>From a stall to a shop.</p>","date":[
			{"startDate":"1990,5","headline":"The first website","text":"<p>A page with the opening hours.</p>"},
			{"startDate":"1964,3,1","endDate":"1969","headline":"A market stall","text":"<p>Bread on Saturdays.</p>"}]}}`,
	}
	data := zipOf(t, parts)
	c, err := Read(bytes.NewReader(data), int64(len(data)), Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	want := "## Sixty years on the square\n\nFrom a stall to a shop.\n\n### 1964-03-01–1969 A market stall\n\nBread on Saturdays.\n\n### 1990-05 The first website\n\nA page with the opening hours.\n"
	if got := c.Modules[0].Lessons[0].Markdown; got != want {
		t.Errorf("lesson:\n%s\nwant:\n%s", got, want)
	}
}

// An Interactive Video: the video, its bookmarks as a list of chapters
// with their times, then each interaction under the time it appears at
// (a label showing nothing left out), in time order, then its summary.
// Before, the times were lost: a question followed the video with nothing
// to say which part of it it asks about.
func TestH5PInteractiveVideo(t *testing.T) {
	c := readPackage(t, map[string]string{
		"h5p.json": `{"title":"Taking payment","mainLibrary":"H5P.InteractiveVideo"}`,
		"content/content.json": `{"interactiveVideo":{"video":{"startScreenOptions":{"title":"At the till"},"files":[{"path":"videos/till.mp4","mime":"video/mp4"}]},
			"assets":{"bookmarks":[{"time":65.5,"label":"Card payment"},{"time":0,"label":"Cash"}],"interactions":[
				{"duration":{"from":65.5,"to":70},"action":{"library":"H5P.Text 1.1","params":{"text":"<p>Hold the card near the reader.</p>"}}},
				{"duration":{"from":3750,"to":3760},"action":{"library":"H5P.Text 1.1","params":{"text":"<p>Print the day's report.</p>"}}},
				{"duration":{"from":5,"to":5},"action":{"library":"H5P.Nil 1.0","params":{}},"label":"<p>Look here</p>"},
				{"duration":{"from":12,"to":20},"action":{"library":"H5P.MultiChoice 1.16","params":{"question":"<p>What do you count first?</p>","answers":[{"text":"The change","correct":true},{"text":"The receipts"}]}}}]},
			"summary":{"task":{"library":"H5P.Summary 1.10","params":{"intro":"<p>Which is true?</p>","summaries":[{"summary":["<p>Count the change aloud.</p>","<p>Never count aloud.</p>"]}]}}}}}`,
		"content/videos/till.mp4": "mp4",
	})
	md := c.Modules[0].Lessons[0].Markdown
	want := "[At the till](till.mp4)\n\n- 0:00 Cash\n- 1:05 Card payment\n\n*0:12*\n\n:::quiz Taking payment\nWhat do you count first?\n\n- [x] The change\n- [ ] The receipts\n:::\n\n" +
		"*1:05*\n\nHold the card near the reader.\n\n*1:02:30*\n\nPrint the day's report.\n\n:::quiz Taking payment\nWhich is true?\n\n"
	if !strings.HasPrefix(md, want) {
		t.Errorf("the lesson:\n%s\nwant it to start:\n%s", md, want)
	}
}

// A Drag and Drop becomes its background picture and a question per
// labelled zone: which elements (texts, pictures by their descriptions)
// belong there. A zone without a label asks nothing; a task with no
// labelled zone is named as left out, as before. Before, every Drag and
// Drop was left out.
func TestH5PDragAndDrop(t *testing.T) {
	c := readPackage(t, map[string]string{
		"h5p.json": `{"title":"Packing the van","mainLibrary":"H5P.DragQuestion"}`,
		"content/content.json": `{"question":{"settings":{"background":{"path":"images/van.jpg"}},"task":{
			"elements":[
				{"type":{"library":"H5P.Image 1.1","params":{"file":{"path":"images/gloves.png"},"alt":"Gloves","title":"Work gloves"}}},
				{"type":{"library":"H5P.AdvancedText 1.1","params":{"text":"<p>Price <em>labels</em></p>"}}},
				{"type":{"library":"H5P.Image 1.1","params":{"file":{"path":"images/tape.png"},"title":"Tape"}}},
				{"type":{"library":"H5P.AdvancedText 1.1","params":{"text":"<p>Umbrella</p>"}}}],
			"dropZones":[
				{"label":"<div>Into the van</div>","correctElements":["0","2"]},
				{"label":"<div>On the stall</div>","correctElements":["1"]},
				{"label":"","correctElements":["3"]}]}}}`,
		"content/images/van.jpg": "\xff\xd8\xff van",
	})
	want := "![](van.jpg)\n\n:::quiz Packing the van\nInto the van\n\n- [x] Gloves\n- [ ] Price *labels*\n- [x] Tape\n- [ ] Umbrella\n\n" +
		"On the stall\n\n- [ ] Gloves\n- [x] Price *labels*\n- [ ] Tape\n- [ ] Umbrella\n:::\n"
	if got := c.Modules[0].Lessons[0].Markdown; got != want {
		t.Errorf("the lesson:\n%s\nwant:\n%s", got, want)
	}
	if len(c.Left) != 0 {
		t.Errorf("left out %q", leftOut(c.Left))
	}
}

// A Branching Scenario becomes its steps under headings, a branching
// question's answers links to the steps they lead to, a step that goes on
// elsewhere a link there in the content's words, and each ending a
// section with a link back to the start; the links reach the headings'
// own anchors. Before, the whole scenario was left out.
func TestH5PBranchingScenario(t *testing.T) {
	c := readPackage(t, map[string]string{
		"h5p.json": `{"title":"A customer complains","mainLibrary":"H5P.BranchingScenario"}`,
		"content/content.json": `{"branchingScenario":{"startScreen":{"startScreenTitle":"A customer complains","startScreenSubtitle":"<p>Choose what you would do.</p>"},
			"endScreens":[{"endScreenTitle":"The end","endScreenSubtitle":"<p>Thank you for playing.</p>","contentId":-1}],
			"content":[
				{"type":{"library":"H5P.AdvancedText 1.1","metadata":{"title":"At the counter"},"params":{"text":"<p>The bread was stale, the customer says.</p>"}},"nextContentId":1},
				{"type":{"library":"H5P.BranchingQuestion 1.0","metadata":{"title":"Untitled Branching Question"},"params":{"branchingQuestion":{"question":"<p>What do you say?</p>","alternatives":[
					{"text":"<p>Sorry, here is a fresh loaf.</p>","nextContentId":2},
					{"text":"<p>That is not possible.</p>","nextContentId":-1,"feedback":{"title":"The customer leaves","subtitle":"<p>Arguing loses customers.</p>"}}]}}}},
				{"type":{"library":"H5P.AdvancedText 1.1","metadata":{"title":"Well handled"},"params":{"text":"<p>The customer thanks you.</p>"}},"nextContentId":-1,"proceedButtonText":"Go on","feedback":{"title":"A regular customer"}}],
			"l10n":{"endScreenButtonText":"Start again"}}}`,
	})
	md := c.Modules[0].Lessons[0].Markdown
	want := "Choose what you would do.\n\n## At the counter\n\nThe bread was stale, the customer says.\n\n## What do you say?\n\n" +
		"- [Sorry, here is a fresh loaf.](#well-handled)\n- [That is not possible.](#the-customer-leaves)\n\n## Well handled\n\nThe customer thanks you.\n\n[Go on](#a-regular-customer)\n\n" +
		"## The end\n\nThank you for playing.\n\n[Start again](#at-the-counter)\n\n## The customer leaves\n\nArguing loses customers.\n\n[Start again](#at-the-counter)\n\n" +
		"## A regular customer\n\n[Start again](#at-the-counter)\n"
	if md != want {
		t.Errorf("the lesson:\n%s\nwant:\n%s", md, want)
	}
	if len(c.Left) != 0 {
		t.Errorf("left out %q", leftOut(c.Left))
	}
}

// A Crossword becomes its task, its clues numbered with the length of each
// answer, and the answers to open; a Memory Game a list of its pairs, the
// pair's text (else the pictures' descriptions) then each card's picture
// with the one it matches. Before,
// both were left out.
func TestH5PCrosswordAndMemoryGame(t *testing.T) {
	c := readPackage(t, map[string]string{
		"h5p.json": `{"title":"Shop words","mainLibrary":"H5P.Column"}`,
		"content/content.json": `{"content":[
			{"content":{"library":"H5P.Crossword 0.5","params":{"taskDescription":"<p>Solve the puzzle.</p>","words":[
				{"clue":"<p>Where you pay</p>","answer":"till"},{"clue":"Paper from the till","answer":"receipt"},{"clue":"","answer":"none"}],
				"l10n":{"showSolution":"Show the answers"}}}},
			{"content":{"library":"H5P.MemoryGame 1.3","params":{"cards":[
				{"image":{"path":"images/coin.png"},"imageAlt":"A coin","match":{"path":"images/note.png"},"matchAlt":"A bank note","description":"<p>Both are cash.</p>"},
				{"image":{"path":"images/card.png"},"imageAlt":"A bank card"}]}}}]}`,
		"content/images/coin.png": "\x89PNG coin",
		"content/images/note.png": "\x89PNG note",
		"content/images/card.png": "\x89PNG card",
	})
	md := c.Modules[0].Lessons[0].Markdown
	lessonHas(t, md,
		"Solve the puzzle.\n\n1. Where you pay (4)\n2. Paper from the till (7)\n\n:::solution Show the answers\n1. till\n2. receipt\n:::\n",
		"- Both are cash.\n\n  ![A coin](coin.png)\n\n  ![A bank note](note.png)\n- A bank card\n\n  ![A bank card](card.png)",
	)
	if len(c.Left) != 0 {
		t.Errorf("left out %q", leftOut(c.Left))
	}
}

// An Image Sequencing becomes its task, its pictures in an order of their
// own (never the right one), each under its description, and the right
// order to open; an Image Pairing its task and pairs, as a memory game's.
func TestH5PImageSequencingAndPairing(t *testing.T) {
	c := readPackage(t, map[string]string{
		"h5p.json": `{"title":"Opening the shop","mainLibrary":"H5P.Column"}`,
		"content/content.json": `{"content":[
			{"content":{"library":"H5P.ImageSequencing 1.1","params":{"taskDescription":"<p>Put the steps in order.</p>","sequenceImages":[
				{"image":{"path":"images/a.png"},"imageDescription":"Unlock the door"},
				{"image":{"path":"images/b.png"},"imageDescription":"Switch on the till"},
				{"image":{"path":"images/c.png"},"imageDescription":"Turn the sign to open"}],
				"l10n":{"showSolution":"Show the order"}}}},
			{"content":{"library":"H5P.ImagePair 1.4","params":{"taskDescription":"<p>Match the pairs.</p>","cards":[
				{"image":{"path":"images/a.png"},"imageAlt":"A key","match":{"path":"images/b.png"},"matchAlt":"A lock"}]}}}]}`,
		"content/images/a.png": "\x89PNG a",
		"content/images/b.png": "\x89PNG b",
		"content/images/c.png": "\x89PNG c",
	})
	md := c.Modules[0].Lessons[0].Markdown
	lessonHas(t, md,
		"Put the steps in order.\n\n- ",
		":::solution Show the order\n1. Unlock the door\n2. Switch on the till\n3. Turn the sign to open\n:::\n",
		"Match the pairs.\n\n- A key – A lock\n\n  ![A key](a.png)\n\n  ![A lock](b.png)",
	)
	if first := strings.Index(md, "- Unlock the door"); first < 0 || first < strings.Index(md, "- Switch on the till") && strings.Index(md, "- Switch on the till") < strings.Index(md, "- Turn the sign") {
		t.Errorf("the pictures are in the right order, or missing:\n%s", md)
	}
	if len(c.Left) != 0 {
		t.Errorf("left out %q", leftOut(c.Left))
	}
}

// readPackage reads a package (an H5P file, a cartridge) of parts (its
// path: its text), failing the test on an error.
// readPackage reads a package made of parts (a zip of them).
func readPackage(t *testing.T, parts map[string]string) *Course {
	t.Helper()
	data := zipOf(t, parts)
	c, err := Read(bytes.NewReader(data), int64(len(data)), Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// lessonHas fails the test when md lacks one of wants.
func lessonHas(t *testing.T, md string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(md, w) {
			t.Errorf("the lesson lacks %q:\n%s", w, md)
		}
	}
}

// An Agamotto becomes its title, then each picture in order under its
// label, with its description and its credit line. Before, it was left out.
func TestH5PAgamotto(t *testing.T) {
	c := readPackage(t, map[string]string{
		"h5p.json": `{"title":"The shop window","mainLibrary":"H5P.Agamotto"}`,
		"content/content.json": `{"title":"<p>Before and after</p>","items":[
			{"image":{"library":"H5P.Image 1.1","params":{"file":{"path":"images/before.jpg"},"alt":"A crowded window"}},"labelText":"<p>Before</p>","description":"<p>Too many things: nothing stands out.</p>"},
			{"image":{"library":"H5P.Image 1.1","params":{"file":{"path":"images/after.jpg","copyright":{"author":"Ana Pop","license":"CC BY","version":"4.0"}},"alt":"Three loaves in the window"}},"labelText":"After","description":"<p>Three things, well lit.</p>"}]}`,
		"content/images/before.jpg": "\xff\xd8\xff before",
		"content/images/after.jpg":  "\xff\xd8\xff after",
	})
	want := "## Before and after\n\n**Before**\n\n![A crowded window](before.jpg)\n\nToo many things: nothing stands out.\n\n**After**\n\n![Three loaves in the window](after.jpg)\n\n*Ana Pop, CC BY 4.0*\n\nThree things, well lit.\n"
	if md := c.Modules[0].Lessons[0].Markdown; md != want {
		t.Errorf("the lesson:\n%s\nwant:\n%s", md, want)
	}
	if len(c.Left) != 0 {
		t.Errorf("left out %q", leftOut(c.Left))
	}
}

// A Sort the Paragraphs becomes its picture and task, its paragraphs in an
// order of their own (never the right one), and the right order to open.
// Before, it was left out.
func TestH5PSortParagraphs(t *testing.T) {
	c := readPackage(t, map[string]string{
		"h5p.json": `{"title":"A good reply","mainLibrary":"H5P.SortParagraphs"}`,
		"content/content.json": `{"taskDescription":"<p>Put the reply in order.</p>","paragraphs":["<p>Thank you for your review.</p>","<p>We are sorry the bread was stale.</p>","<p>Come by for a fresh loaf on us.</p>"],
			"l10n":{"showSolution":"Show the order"}}`,
	})
	md := c.Modules[0].Lessons[0].Markdown
	lessonHas(t, md, "Put the reply in order.\n\n- ",
		":::solution Show the order\n1. Thank you for your review.\n2. We are sorry the bread was stale.\n3. Come by for a fresh loaf on us.\n:::\n")
	if a, b, c := strings.Index(md, "- Thank you"), strings.Index(md, "- We are sorry"), strings.Index(md, "- Come by"); a < 0 || b < 0 || c < 0 || a < b && b < c {
		t.Errorf("the paragraphs are in the right order, or missing:\n%s", md)
	}
}

// A Questionnaire (a survey, no right answers) becomes its questions to
// think about, in bold, a choice's alternatives listed under it. Before,
// it was left out.
func TestH5PQuestionnaire(t *testing.T) {
	c := readPackage(t, map[string]string{
		"h5p.json": `{"title":"After the course","mainLibrary":"H5P.Questionnaire"}`,
		"content/content.json": `{"questionnaireElements":[
			{"library":{"library":"H5P.OpenEndedQuestion 1.0","params":{"question":"<p>What will you try first in your shop?</p>","placeholderText":"Start writing..."}},"requiredField":false},
			{"library":{"library":"H5P.SimpleMultiChoice 1.1","params":{"question":"How sure do you feel now?","inputType":"radio","alternatives":[{"text":"Sure"},{"text":"A little unsure"}]}}},
			{"library":{"library":"H5P.OpenEndedQuestion 1.0","params":{"question":""}}}]}`,
	})
	want := "**What will you try first in your shop?**\n\n**How sure do you feel now?**\n\n- Sure\n- A little unsure\n"
	if md := c.Modules[0].Lessons[0].Markdown; md != want {
		t.Errorf("the lesson:\n%s\nwant:\n%s", md, want)
	}
}
