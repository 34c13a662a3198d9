package theme_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/oersite/oersite/generator/internal/browsertest"
)

// axeCheck runs axe-core on what the tab shows now and fails the test on
// what it finds.
func axeCheck(t *testing.T, tab context.Context, axe []byte, what string) {
	t.Helper()
	for _, v := range axeRun(t, tab, axe) {
		t.Errorf("%s: %s", what, v)
	}
}

// TestScriptedPages checks what the theme's scripts do on webinar and
// request pages, each check a subtest on one build of the example site.
func TestScriptedPages(t *testing.T) {
	ctx := browsertest.New(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(exampleSite(t))))
	defer srv.Close()
	for _, c := range []struct {
		name  string
		check func(*testing.T, context.Context, string)
	}{
		{"WebinarTimeInVisitorsZoneAndPagesLanguage", webinarTimeInVisitorsZone},
		{"WebinarPastByVisitorsClock", webinarPastByVisitorsClock},
		{"RequestFormWithoutScriptComposesAnEmail", requestFormWithoutScript},
		{"RequestFormErrorSummary", requestFormErrorSummary},
		{"RequestFormReviewStepAndCopy", requestFormReviewAndCopy},
		{"StatesWithAxe", formAndWebinarStates},
	} {
		t.Run(c.name, func(t *testing.T) { c.check(t, ctx, srv.URL) })
	}
}

// formAndWebinarStates checks with axe-core the states that only the
// script shows (the error summary, the review step, a webinar that the
// visitor's clock puts in the past) in English, Italian and Bulgarian. With
// OERSITE_SCREENSHOTS=DIR it also saves full-page screenshots of each state,
// 375 and 1280 px wide, to look at.
func formAndWebinarStates(t *testing.T, ctx context.Context, site string) {
	axe, err := os.ReadFile(browsertest.NodeModule(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	shots := os.Getenv("OERSITE_SCREENSHOTS")
	widths := []int64{1280}
	if shots != "" {
		widths = []int64{375, 1280}
	}
	visitors := map[string][3]string{"en": {"Europe/London", "en_GB", "UK"}, "it": {"Europe/Rome", "it_IT", "IT"}, "bg": {"Europe/Sofia", "bg_BG", "BG"}}
	builtOn := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	later := time.Date(2031, 6, 1, 9, 0, 0, 0, time.UTC)
	type state struct {
		name, path string
		now        time.Time
		then       func(t *testing.T, tab context.Context, country string)
		scripted   bool // a state only the script shows (the others are in TestAccessibilityWithAxe)
	}
	states := []state{
		{"webinar-upcoming", "webinars/content-calendar-live/", builtOn, nil, false},
		{"webinar-past", "webinars/content-calendar-live/", later, nil, true},
		{"webinars-list-past", "webinars/", later, nil, true},
		{"request-empty", "request/", builtOn, nil, false},
		{"request-errors", "request/", builtOn, func(t *testing.T, tab context.Context, _ string) {
			act(t, tab, chromedp.Click(chromedp.CSS("#intent-training button[type=submit]")))
			browsertest.WaitFor(t, tab, `!document.getElementById("errors-training").hidden`)
			eval[bool](t, tab, `(() => { window.scrollTo(0, 0); return true })()`)
		}, true},
		{"request-review", "request/", builtOn, func(t *testing.T, tab context.Context, country string) {
			pick := func(id, code string) string {
				return fmt.Sprintf(`(s => { s.value = Array.from(s.options).find(o => o.dataset.value === %q).value; s.dispatchEvent(new Event("change", {bubbles: true})); return true })(document.getElementById(%q))`, code, id)
			}
			act(t, tab,
				chromedp.SetValue(chromedp.CSS("#f-request-organisation-training"), "Wool & Co"),
				chromedp.SetValue(chromedp.CSS("#f-request-name-training"), "Ann Example"),
				chromedp.SetValue(chromedp.CSS("#f-request-email-training"), "ann@example.org"),
				chromedp.SetValue(chromedp.CSS("#f-request-staff-training"), "4"),
				chromedp.Click(chromedp.CSS(`#intent-training input[data-value="content-calendar"]`)),
				chromedp.Click(chromedp.CSS(`#intent-training input[data-value="online"]`)),
				chromedp.Click(chromedp.CSS("#f-request-consent-training")))
			eval[bool](t, tab, pick("f-request-country-training", country))
			eval[bool](t, tab, pick("f-request-language-training", "en"))
			act(t, tab, chromedp.Click(chromedp.CSS("#intent-training button[type=submit]")))
			browsertest.WaitFor(t, tab, `!document.getElementById("review-training").hidden`)
			eval[bool](t, tab, `(() => { window.scrollTo(0, 0); return true })()`)
		}, true},
	}
	for _, lang := range []string{"en", "it", "bg"} {
		v := visitors[lang]
		for _, s := range states {
			if !s.scripted && shots == "" {
				continue
			}
			for _, w := range widths {
				what := fmt.Sprintf("%s %s %dpx", lang, s.name, w)
				// a subtest per state closes its tab when done: open tabs on virtual
				// time keep running ahead and slow the next ones down
				t.Run(fmt.Sprintf("%s-%s-%d", lang, s.name, w), func(t *testing.T) {
					tab := visitor(t, ctx, v[0], v[1], s.now, true)
					if w < 600 { // a phone: overlay scrollbars, the whole width for the page
						act(t, tab, chromedp.EmulateViewport(w, 812, chromedp.EmulateMobile))
					} else {
						act(t, tab, chromedp.EmulateViewport(w, 900))
					}
					goTo(t, tab, site+"/"+lang+"/"+s.path)
					browsertest.WaitFor(t, tab, `document.readyState === "complete"`)
					if s.then != nil {
						s.then(t, tab, v[2])
					}
					if w == 1280 {
						axeCheck(t, tab, axe, what)
					}
					if shots == "" {
						return
					}
					png, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
					if err != nil {
						t.Fatalf("%s: screenshot: %v", what, err)
					}
					if err := os.WriteFile(filepath.Join(shots, fmt.Sprintf("%s-%s-%d.png", lang, s.name, w)), png, 0o644); err != nil {
						t.Fatal(err)
					}
				})
			}
		}
	}
}
