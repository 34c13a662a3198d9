package tmpstat

import (
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/oersite/oersite/generator/internal/browsertest"
)

func TestShots(t *testing.T) {
	site := os.Getenv("SHOTSITE")
	if site == "" {
		t.Skip()
	}
	ctx := browsertest.New(t)
	shot := func(name, url string, w int64, typed string) {
		tab := browsertest.Tab(t, ctx)
		if err := chromedp.Do(tab, chromedp.EmulateViewport(w, 900), chromedp.Navigate(url)); err != nil {
			t.Fatal(err)
		}
		if typed != "" {
			chromedp.Do(tab, chromedp.Click(chromedp.CSS("#header-q")), chromedp.SendKeys(chromedp.CSS("#header-q"), typed))
			browsertest.WaitFor(t, tab, `!document.querySelector(".search-suggest").hidden`)
		} else {
			browsertest.WaitFor(t, tab, `document.getElementById("oersite-search").dataset.state === "done"`)
		}
		time.Sleep(300 * time.Millisecond)
		act := chromedp.FullScreenshot(100)
		if typed != "" {
			act = chromedp.CaptureScreenshot()
		}
		buf, err := chromedp.Run(tab, act)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile("/tmp/h23-shots/"+name+".png", buf, 0o644)
	}
	for _, w := range []int64{375, 1280} {
		ws := map[int64]string{375: "375", 1280: "1280"}[w]
		shot("search-en-"+ws, "file://"+site+"/en/search/index.html?q=tutor+older", w, "")
		shot("search-it-"+ws, "file://"+site+"/it/search/index.html?q=video", w, "")
		shot("search-bg-"+ws, "file://"+site+"/bg/search/index.html?q=%D0%BF%D1%80%D0%BE%D1%84%D0%B8%D0%BB", w, "")
		shot("suggest-it-"+ws, "file://"+site+"/it/modules/index.html", w, "calend")
	}
}
