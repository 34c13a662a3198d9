package cartridge

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// A picture's, a video's and a card's own rights in an H5P content (a
// content's metadata, or a file's copyright in older H5P) become a credit
// line under it (title, authors, year, licence linked to its deed,
// original), and a licence the caller does not know is recorded; a
// picture saying only the whole content's licence, or nothing ("U"), gets
// none. Before, the rights were dropped, and a dialog card's picture with
// them; a sound H5P's editor titled "Untitled Audio" was a link of those
// words, now of its file's name.
func TestH5PCredits(t *testing.T) {
	data := zipOf(t, map[string]string{
		"h5p.json": `{"title":"Market day","mainLibrary":"H5P.Column","license":"CC BY","licenseVersion":"4.0"}`,
		"content/content.json": `{"content":[
			{"content":{"library":"H5P.Image 1.1","metadata":{"title":"Market stall","license":"CC BY-SA","licenseVersion":"3.0","authors":[{"name":"Ana Pop","role":"Author"}],"yearFrom":2019,"source":"https://www.flickr.com/photos/x/1"},
				"params":{"file":{"path":"images/stall.jpg"},"alt":"A fruit stall"}}},
			{"content":{"library":"H5P.Image 1.1","metadata":{"title":"Untitled Image","license":"U","authors":[]},
				"params":{"file":{"path":"images/plain.jpg","copyright":{"license":"CC BY","version":"4.0"}},"alt":"Crates"}}},
			{"content":{"library":"H5P.Image 1.1","params":{"file":{"path":"images/old.jpg","copyright":{"title":"Scales","author":"Jo Lind","year":"2012","license":"C"}},"alt":"Old scales"}}},
			{"content":{"library":"H5P.Video 1.6","metadata":{"title":"Weighing fruit","license":"CC BY-NC","licenseVersion":"4.0","authors":[{"name":"Ben Ode"}]},
				"params":{"sources":[{"path":"videos/weigh.mp4","mime":"video/mp4"}]}}},
			{"content":{"library":"H5P.Audio 1.5","metadata":{"title":"Untitled Audio","license":"U"},"params":{"files":[{"path":"audios/greeting.mp3","mime":"audio/mpeg"}]}}},
			{"content":{"library":"H5P.DialogCards 1.9","params":{"dialogs":[{"text":"<p>Scale</p>","answer":"<p>Waage</p>","imageAltText":"A kitchen scale",
				"image":{"path":"images/scale.png","copyright":{"author":"Eva Berg","license":"CC0 1.0"}}}]}}}
		]}`,
		"content/images/stall.jpg":    "\xff\xd8\xff stall",
		"content/images/plain.jpg":    "\xff\xd8\xff plain",
		"content/images/old.jpg":      "\xff\xd8\xff old",
		"content/images/scale.png":    "\x89PNG scale",
		"content/videos/weigh.mp4":    "mp4",
		"content/audios/greeting.mp3": "mp3",
	})
	deeds := map[string]string{"CC BY-SA 3.0": "https://creativecommons.org/licenses/by-sa/3.0/", "CC BY-NC 4.0": "https://creativecommons.org/licenses/by-nc/4.0/", "CC0 1.0": "https://creativecommons.org/publicdomain/zero/1.0/"}
	c, err := Read(bytes.NewReader(data), int64(len(data)), Options{Name: name, LicenceURL: func(s string) string { return deeds[s] }})
	if err != nil {
		t.Fatal(err)
	}
	md := c.Modules[0].Lessons[0].Markdown
	for _, w := range []string{
		"![A fruit stall](stall.jpg)\n\n*Market stall, Ana Pop, 2019, [CC BY-SA 3.0](https://creativecommons.org/licenses/by-sa/3.0/), [flickr.com](https://www.flickr.com/photos/x/1)*\n",
		"![Crates](plain.jpg)\n\n![Old scales](old.jpg)\n\n*Scales, Jo Lind, 2012, Copyright (all rights reserved)*\n",
		"*Weighing fruit, Ben Ode, [CC BY-NC 4.0](https://creativecommons.org/licenses/by-nc/4.0/)*\n",
		"[greeting.mp3](greeting.mp3)\n\n![A kitchen scale](scale.png)\n\n*Eva Berg, [CC0 1.0](https://creativecommons.org/publicdomain/zero/1.0/)*\n\n:::details Scale\nWaage\n:::\n",
	} {
		if !strings.Contains(md, w) {
			t.Errorf("the lesson lacks %q:\n%s", w, md)
		}
	}
	want := []Credit{{"Market stall", "CC BY-SA 3.0"}, {"Scales", "Copyright (all rights reserved)"}, {"Weighing fruit", "CC BY-NC 4.0"}, {"scale.png", "CC0 1.0"}}
	if !slices.Equal(c.Credits, want) {
		t.Errorf("credits %q, want %q", c.Credits, want)
	}
}
