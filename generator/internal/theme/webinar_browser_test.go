package theme_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/oersite/oersite/generator/internal/browsertest"
)

// visitor opens a tab as a visitor somewhere else: its time zone, its
// browser's locale, and its clock, set to now. With running, the clock is
// Chromium's virtual time, which axe-core's timers need but which may leap
// ahead by hours while the page is idle; otherwise the page's Date is
// replaced before any script runs by one that starts at now and keeps
// real time, so that "today" stays today.
func visitor(t *testing.T, ctx context.Context, zone, locale string, now time.Time, running bool) context.Context {
	t.Helper()
	tab := browsertest.Tab(t, ctx)
	err := chromedp.Do(tab, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: zone}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, tg, emulation.SetLocaleOverride, emulation.SetLocaleOverrideParams{Locale: locale}); err != nil {
			return err
		}
		if running {
			_, err := cdp.Call(ctx, tg, emulation.SetVirtualTimePolicy, emulation.SetVirtualTimePolicyParams{
				Policy: emulation.VirtualTimePolicyAdvance, InitialVirtualTime: cdp.TimeSinceEpoch(float64(now.Unix()))})
			return err
		}
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: fmt.Sprintf(`(() => {
			const Real = Date, shift = %d - Real.now();
			class Clock extends Real {
				constructor(...a) { if (a.length) { super(...a); } else { super(Real.now() + shift); } }
				static now() { return Real.now() + shift; }
			}
			globalThis.Date = Clock;
		})()`, now.UnixMilli())})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func goTo(t *testing.T, tab context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
}

// webinarTimeInVisitorsZone: a visitor in Tokyo whose
// browser speaks American English reads an Italian webinar page: the time is
// Tokyo's, in Italian and on a 24-hour clock, with London's time in words,
// and a relative day; the English page follows the visitor's en-US clock.
func webinarTimeInVisitorsZone(t *testing.T, ctx context.Context, site string) {
	// the build's date; the webinar is on 9 December 2026 at 18:00 in London, 03:00 on the 10th in Tokyo
	tab := visitor(t, ctx, "Asia/Tokyo", "en_US", time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), false)

	goTo(t, tab, site+"/it/webinars/content-calendar-live/")
	browsertest.WaitFor(t, tab, `!!document.querySelector(".webinar time .when-clock")`)
	day := eval[string](t, tab, `document.querySelector(".webinar time .when-day").textContent`)
	clock := eval[string](t, tab, `document.querySelector(".webinar time .when-clock").textContent`)
	if !strings.HasPrefix(day, "giovedì 10 dicembre 2026 · tra ") || !regexp.MustCompile(`tra 17 giorni$`).MatchString(day) {
		t.Errorf("Italian page in Tokyo, day line: %q; want the Tokyo date in Italian and a relative day", day)
	}
	if clock != "3:00 nel Suo fuso orario · 18:00 ora di Londra (mercoledì)" {
		t.Errorf("Italian page in Tokyo, time line: %q; want %q", clock, "3:00 nel Suo fuso orario · 18:00 ora di Londra (mercoledì)")
	}
	if regexp.MustCompile(`(?i)\b[AP]M\b|UTC|GMT`).MatchString(day + clock) {
		t.Errorf("12-hour clock or a zone abbreviation on an Italian page: %q %q", day, clock)
	}
	// the card in the list says the same, briefly
	goTo(t, tab, site+"/it/webinars/")
	browsertest.WaitFor(t, tab, `/nel Suo fuso orario/.test(document.querySelector('a[href$="content-calendar-live/"]').closest("li").querySelector("time").textContent)`)
	card := eval[string](t, tab, `document.querySelector('a[href$="content-calendar-live/"]').closest("li").querySelector("time").textContent`)
	if !regexp.MustCompile(`^10 dicembre 2026, 3:00 nel Suo fuso orario · tra 17 giorni$`).MatchString(card) {
		t.Errorf("Italian card in Tokyo: %q", card)
	}

	// English page: the visitor's own en-US clock and words
	goTo(t, tab, site+"/en/webinars/content-calendar-live/")
	browsertest.WaitFor(t, tab, `!!document.querySelector(".webinar time .when-clock")`)
	if clock := eval[string](t, tab, `document.querySelector(".webinar time .when-clock").textContent`); clock != "3:00 AM your time · 6:00 PM in London (Wednesday)" {
		t.Errorf("English page, en-US visitor in Tokyo: %q", clock)
	}

	// Icelandic, which Chromium's Intl does not know: the names come from the page
	goTo(t, tab, site+"/is/webinars/content-calendar-live/")
	browsertest.WaitFor(t, tab, `!!document.querySelector(".webinar time .when-clock")`)
	day = eval[string](t, tab, `document.querySelector(".webinar time .when-day").textContent`)
	clock = eval[string](t, tab, `document.querySelector(".webinar time .when-clock").textContent`)
	if day != "fimmtudagur 10. desember 2026" || clock != "kl. 03:00 hjá þér · kl. 18:00 í Lundúnum (miðvikudagur)" {
		t.Errorf("Icelandic page in Tokyo: %q / %q", day, clock)
	}

	// a visitor in London sees one time, not the same time twice
	london := visitor(t, ctx, "Europe/London", "en_GB", time.Date(2026, 12, 9, 9, 0, 0, 0, time.UTC), false)
	goTo(t, london, site+"/en/webinars/content-calendar-live/")
	browsertest.WaitFor(t, london, `!!document.querySelector(".webinar time .when-clock")`)
	day = eval[string](t, london, `document.querySelector(".webinar time .when-day").textContent`)
	clock = eval[string](t, london, `document.querySelector(".webinar time .when-clock").textContent`)
	if day != "Wednesday, 9 December 2026 · today" || clock != "18:00 in London (your time too)" {
		t.Errorf("en-GB visitor in London on the day: %q / %q", day, clock)
	}
}

// webinarPastByVisitorsClock: a copy opened years after its build (the
// offline zip, a site nobody rebuilt) offers no Join link and lists the
// webinar as past; without script the build's answer stands.
func webinarPastByVisitorsClock(t *testing.T, ctx context.Context, site string) {
	tab := visitor(t, ctx, "Europe/Rome", "it_IT", time.Date(2031, 6, 1, 9, 0, 0, 0, time.UTC), true)

	goTo(t, tab, site+"/it/webinars/content-calendar-live/")
	browsertest.WaitFor(t, tab, `document.querySelector(".webinar-upcoming").hidden && !document.querySelector(".webinar-past").hidden`)
	visibleJoin := `Array.from(document.querySelectorAll('a[href^="https://meet.jit.si/"]')).filter(a => a.offsetParent !== null).length`
	if n := eval[int](t, tab, visibleJoin); n != 0 {
		t.Errorf("%d Join links visible five years after the webinar", n)
	}
	if got := eval[string](t, tab, `document.querySelector(".webinar time .when-day").textContent`); !strings.Contains(got, "anni fa") {
		t.Errorf("day line five years later: %q; want \"… anni fa\"", got)
	}

	for _, lang := range []string{"it", "en"} {
		goTo(t, tab, site+"/"+lang+"/webinars/")
		browsertest.WaitFor(t, tab, `document.querySelector('ul[data-webinars="upcoming"]').hidden`)
		if where := eval[string](t, tab, `document.querySelector('a[href$="content-calendar-live/"]').closest("ul").dataset.webinars`); where != "past" {
			t.Errorf("%s: the webinar of 2026 is listed under %q in 2031", lang, where)
		}
		if eval[bool](t, tab, `document.querySelector('ul[data-webinars="upcoming"] + .webinars-none').hidden`) {
			t.Errorf("%s: no \"no webinars planned\" message once every webinar is over", lang)
		}
		// the moved cards keep the past list newest first
		order := eval[string](t, tab, `Array.from(document.querySelectorAll('ul[data-webinars="past"] time')).map(t => t.getAttribute("datetime")).join(" ")`)
		dates := strings.Fields(order)
		for i := 1; i < len(dates); i++ {
			a, _ := time.Parse(time.RFC3339, dates[i-1])
			b, _ := time.Parse(time.RFC3339, dates[i])
			if a.Before(b) {
				t.Errorf("%s: past list not newest first: %v", lang, dates)
				break
			}
		}
	}
	// the partners' events of December 2026 move too, and their heading goes with them
	goTo(t, tab, site+"/en/webinars/")
	browsertest.WaitFor(t, tab, `document.querySelector('ul[data-partner-events="upcoming"]').hidden`)
	if eval[bool](t, tab, `!document.querySelector('ul[data-partner-events="upcoming"]').previousElementSibling.hidden`) {
		t.Error("the upcoming partners' events heading stays over an empty list in 2031")
	}
	if n := eval[int](t, tab, `document.querySelectorAll('ul[data-partner-events="past"] > li').length`); n != 3 {
		t.Errorf("%d partners' events in the past list in 2031, want all 3", n)
	}
	goTo(t, tab, site+"/it/")
	browsertest.WaitFor(t, tab, `document.querySelector('ul[data-webinars="upcoming"]').hidden && !document.querySelector('ul[data-webinars="upcoming"] + .webinars-none').hidden`)
	if n := eval[int](t, tab, visibleJoin); n != 0 {
		t.Errorf("home page: %d Join links", n)
	}

	// without script: the build's answer (upcoming on 23 November 2026), in the event's zone
	plain := browsertest.Tab(t, ctx)
	if err := chromedp.Do(plain, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	goTo(t, plain, site+"/it/webinars/content-calendar-live/")
	if n := eval[int](t, plain, visibleJoin); n != 1 {
		t.Errorf("without script: %d Join links visible; want the build's answer, 1", n)
	}
	if got := eval[string](t, plain, `document.querySelector(".webinar time").textContent`); got != "mercoledì 9 dicembre 2026, 18:00 ora di Londra" {
		t.Errorf("without script: %q", got)
	}
}
