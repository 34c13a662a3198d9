package theme_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/oersite/oersite/generator/internal/browsertest"
)

// The example site's request form has no form service: it composes an e-mail.

func withoutScript(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	tab := browsertest.Tab(t, ctx)
	if err := chromedp.Do(tab, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	return tab
}

// mailtoRequests collects the mailto: addresses the tab is sent to.
func mailtoRequests(tab context.Context) <-chan string {
	got := make(chan string, 8)
	go func() {
		for ev, err := range chromedp.Events(tab, page.FrameRequestedNavigation) {
			if err != nil {
				return
			}
			if strings.HasPrefix(ev.URL, "mailto:") {
				got <- ev.URL
			}
		}
	}()
	return got
}

// changed sends the change event a person's choice would send.
func changed(id string) string {
	return `document.getElementById("` + id + `").dispatchEvent(new Event("change", {bubbles: true}))`
}

func act(t *testing.T, tab context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(tab, steps...); err != nil {
		t.Fatal(err)
	}
}

func fillTutor(t *testing.T, tab context.Context, email string) {
	t.Helper()
	act(t, tab,
		chromedp.Click(chromedp.CSS(`.intent-choice input[value="tutor"]`)),
		browsertest.Type("#f-request-name-tutor", "Marta Rossi"),
		browsertest.Type("#f-request-email-tutor", email),
		chromedp.SetValue(chromedp.CSS("#f-request-age-tutor"), "22 to 25"),
		chromedp.SetValue(chromedp.CSS("#f-request-country-tutor"), "Italy"),
		chromedp.Click(chromedp.CSS(`#intent-tutor input[data-name="languages"][data-value="it"]`)),
		chromedp.Click(chromedp.CSS(`#intent-tutor input[data-name="skills"][data-value="business-page-step-by-step"]`)),
		browsertest.Type("#f-request-availability-tutor", "Afternoons, from March"),
		chromedp.Click(chromedp.CSS("#f-request-consent-tutor")),
	)
}

// Without JavaScript: the intent choice shows one form, and the form asks
// the browser to compose the e-mail (mailto: with a text/plain body that
// reads "Country=Italy", not "country=IT").
func requestFormWithoutScript(t *testing.T, ctx context.Context, site string) {
	tab := withoutScript(t, ctx)
	mails := mailtoRequests(tab)
	goTo(t, tab, site+"/en/request/")

	shown := `["training", "tutor"].filter(i => document.getElementById("intent-" + i).offsetParent !== null).join(" ")`
	if got := eval[string](t, tab, shown); got != "training" {
		t.Errorf("without script, forms shown: %q; want only training", got)
	}
	act(t, tab, chromedp.Click(chromedp.CSS(`.intent-choice input[value="tutor"]`)))
	if got := eval[string](t, tab, shown); got != "tutor" {
		t.Errorf("without script, after choosing tutor, forms shown: %q; want only tutor", got)
	}
	form := eval[string](t, tab, `(f => f.method + " " + f.enctype + " " + f.getAttribute("action"))(document.querySelector("#intent-tutor form"))`)
	if form != "post text/plain mailto:info@learning2gether.example.org?subject=Offer%20to%20tutor" {
		t.Errorf("tutor form: %s", form)
	}

	// "maria@rossi" is refused before anything is composed
	fillTutor(t, tab, "maria@rossi")
	act(t, tab, chromedp.Click(chromedp.CSS("#intent-tutor button[type=submit]")))
	select {
	case u := <-mails:
		t.Fatalf("an e-mail was composed with the address maria@rossi: %s", u)
	case <-time.After(time.Second):
	}
	if !eval[bool](t, tab, `document.getElementById("f-request-email-tutor").validity.patternMismatch`) {
		t.Error("maria@rossi passes the browser's own check")
	}

	act(t, tab, chromedp.SetValue(chromedp.CSS("#f-request-email-tutor"), "marta@example.org"),
		chromedp.Click(chromedp.CSS("#intent-tutor button[type=submit]")))
	var mailto string
	select {
	case mailto = <-mails:
	case <-time.After(10 * time.Second):
		t.Fatal("submitting the form without script did not compose an e-mail")
	}
	u, err := url.Parse(mailto)
	if err != nil {
		t.Fatal(err)
	}
	body := u.Query().Get("body")
	if u.Opaque != "info@learning2gether.example.org" || u.Query().Get("subject") != "Offer to tutor" {
		t.Errorf("composed %s", mailto)
	}
	for _, want := range []string{"Your name=Marta Rossi", "E-mail address=marta@example.org", "Age=22 to 25", "Country=Italy",
		"Languages you speak=Italiano", "Skills you could teach=Your business page, step by step", "Privacy notice read=I have read how my answers are used."} {
		if !strings.Contains(body, want) {
			t.Errorf("the e-mail body lacks %q:\n%s", want, body)
		}
	}
	for _, code := range []string{"=IT", "=it\r", "=yes", "business-page-step-by-step", "_lang", "_started", "website="} {
		if strings.Contains(body, code) {
			t.Errorf("the e-mail body shows the code %q:\n%s", code, body)
		}
	}
}

// With JavaScript: a GOV.UK-style error summary at the top of the form, each
// message specific to its field and a link that moves focus to it.
func requestFormErrorSummary(t *testing.T, ctx context.Context, site string) {
	tab := browsertest.Tab(t, ctx)
	goTo(t, tab, site+"/en/request/")
	browsertest.WaitFor(t, tab, `document.readyState === "complete"`)
	act(t, tab, chromedp.Click(chromedp.CSS("#intent-training button[type=submit]")))
	browsertest.WaitFor(t, tab, `!document.getElementById("errors-training").hidden`)

	if !eval[bool](t, tab, `document.activeElement === document.getElementById("errors-training")`) {
		t.Error("focus did not move to the error summary")
	}
	if !eval[bool](t, tab, `document.getElementById("errors-training").getBoundingClientRect().top < document.querySelector("#intent-training .field").getBoundingClientRect().top`) {
		t.Error("the error summary is not at the top of the form")
	}
	links := eval[string](t, tab, `Array.from(document.querySelectorAll("#errors-training a")).map(a => a.textContent + " -> " + a.getAttribute("href")).join("\n")`)
	for _, want := range []string{
		"Enter the name of your business or organisation -> #f-request-organisation-training",
		"Enter your e-mail address -> #f-request-email-training",
		"Choose your country -> #f-request-country-training",
		"Enter how many people would take part -> #f-request-staff-training",
		"Choose what you need: at least one topic -> #f-request-topics-training-0",
		"Choose whether you want face to face or online training -> #f-request-format-training-0",
		"Tick the box to confirm that you have read how your answers are used -> #f-request-consent-training",
	} {
		if !strings.Contains(links, want) {
			t.Errorf("the summary lacks %q:\n%s", want, links)
		}
	}
	if strings.Contains(links, "Please fill in this field") || strings.Count(links, "\n") != 8 {
		t.Errorf("want 9 specific messages:\n%s", links)
	}
	// the same message beside the field
	if got := eval[string](t, tab, `document.getElementById("f-request-email-training-error").textContent`); got != "Enter your e-mail address" {
		t.Errorf("message beside the e-mail field: %q", got)
	}
	for _, target := range []string{"f-request-email-training", "f-request-topics-training-0", "f-request-consent-training"} {
		act(t, tab, chromedp.Click(chromedp.CSS(`#errors-training a[href="#`+target+`"]`)))
		if got := eval[string](t, tab, `document.activeElement.id`); got != target {
			t.Errorf("the summary link to %s moved focus to %q", target, got)
		}
	}

	// an address without a dot in its domain is refused, with a message that says how to fix it
	act(t, tab, browsertest.Type("#f-request-email-training", "maria@rossi"),
		chromedp.Click(chromedp.CSS("#intent-training button[type=submit]")))
	browsertest.WaitFor(t, tab, `/right format/.test(document.getElementById("errors-training").textContent)`)

	// Italian messages on the Italian page (a new tab: the draft, kept per tab, would follow)
	tab = browsertest.Tab(t, ctx)
	goTo(t, tab, site+"/it/request/")
	browsertest.WaitFor(t, tab, `document.readyState === "complete"`)
	act(t, tab, chromedp.Click(chromedp.CSS("#intent-training button[type=submit]")))
	browsertest.WaitFor(t, tab, `/Inserisca il Suo indirizzo e-mail/.test(document.getElementById("errors-training").textContent)`)
	if got := eval[string](t, tab, `document.querySelector("#errors-training h3").textContent`); got != "C'è un problema con le risposte" {
		t.Errorf("Italian summary title: %q", got)
	}
}

// With JavaScript and no form service: a review step shows the prepared
// message, its address (the partner in the chosen country) and Copy buttons,
// then offers to open the e-mail program.
func requestFormReviewAndCopy(t *testing.T, ctx context.Context, site string) {
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name}, Setting: browser.PermissionSettingGranted, Origin: site}); err != nil {
			t.Fatalf("clipboard permission: %v", err)
		}
	}
	tab := browsertest.Tab(t, ctx)
	goTo(t, tab, site+"/it/request/?module=writing-posts-people-read")
	browsertest.WaitFor(t, tab, `document.querySelector('#intent-training input[data-value="writing-posts-people-read"]').checked`)
	gdpr := `document.querySelector("#intent-training .gdpr-text").textContent`
	if got := eval[string](t, tab, gdpr); !strings.HasPrefix(got, "Le risposte vanno a Learning2gether,") {
		t.Errorf("consent text before a country is chosen: %q", got)
	}
	act(t, tab,
		browsertest.Type("#f-request-organisation-training", "Panificio Esposito"),
		browsertest.Type("#f-request-name-training", "Maria Esposito"),
		browsertest.Type("#f-request-email-training", "maria@esposito.it"),
		chromedp.SetValue(chromedp.CSS("#f-request-country-training"), "Italia"),
		chromedp.SetValue(chromedp.CSS("#f-request-language-training"), "Italiano"),
		browsertest.Type("#f-request-staff-training", "3"),
		chromedp.Click(chromedp.CSS(`#intent-training input[data-name="format"][data-value="face-to-face"]`)),
		chromedp.Click(chromedp.CSS("#f-request-consent-training")),
	)
	// SetValue sends no change event: send one, as a person choosing would
	eval[bool](t, tab, changed("f-request-country-training"))
	if got := eval[string](t, tab, gdpr); !strings.HasPrefix(got, "Le risposte vanno a Learning2gether Italia,") {
		t.Errorf("consent text with Italy chosen: %q; want the Italian partner named", got)
	}
	act(t, tab, chromedp.Click(chromedp.CSS("#intent-training button[type=submit]")))
	browsertest.WaitFor(t, tab, `!document.getElementById("review-training").hidden && document.querySelector("#intent-training form").hidden`)
	if got := eval[string](t, tab, `document.activeElement.id`); got != "review-training-title" {
		t.Errorf("focus after preparing the e-mail: %q", got)
	}
	to := eval[string](t, tab, `document.querySelector("#review-training .review-to").textContent`)
	if to != "italia@learning2gether.example.org" {
		t.Errorf("the e-mail goes to %q; want the Italian partner", to)
	}
	body := eval[string](t, tab, `document.querySelector("#review-training .review-body").value`)
	for _, want := range []string{"Organizzazione: Panificio Esposito", "Paese: Italia", "Lingua preferita per la formazione: Italiano",
		"Argomenti:\n- Scrivere post che la gente legge", "In presenza oppure online? In presenza", "Informativa sulla privacy letta: Ho letto come"} {
		if !strings.Contains(body, want) {
			t.Errorf("the message lacks %q:\n%s", want, body)
		}
	}
	for _, code := range []string{": IT", ": it\n", "yes", "writing-posts-people-read", "face-to-face"} {
		if strings.Contains(body, code) {
			t.Errorf("the message shows the code %q:\n%s", code, body)
		}
	}
	href := eval[string](t, tab, `document.querySelector("#review-training .review-open").href`)
	if u, err := url.Parse(href); err != nil || u.Opaque != "italia@learning2gether.example.org" || u.Query().Get("subject") != "Richiedere formazione per il nostro personale" ||
		strings.ReplaceAll(u.Query().Get("body"), "\r\n", "\n") != body {
		t.Errorf("open link %s does not carry the message", href)
	}
	if page := eval[string](t, tab, `document.body.innerText`); strings.Contains(page, "si apre con il messaggio") {
		t.Error("the page still claims that the e-mail program opens")
	}

	act(t, tab, chromedp.Click(chromedp.CSS(`#review-training [data-copy="body"]`)))
	browsertest.WaitFor(t, tab, `/^Copiato/.test(document.querySelector("#review-training .copy-status").textContent)`)
	copied, err := chromedp.Run(tab, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("reading the clipboard: %v", err)
	}
	if copied != body {
		t.Errorf("clipboard holds %q; want the message", copied)
	}
	act(t, tab, chromedp.Click(chromedp.CSS(`#review-training [data-copy="to"]`)))
	browsertest.WaitFor(t, tab, `/^Indirizzo copiato/.test(document.querySelector("#review-training .copy-status").textContent)`)
	if copied, _ := chromedp.Run(tab, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise)); copied != to {
		t.Errorf("clipboard holds %q; want the address", copied)
	}

	// back to the form: another country has no partner, so the central address
	act(t, tab, chromedp.Click(chromedp.CSS("#review-training [data-edit]")))
	browsertest.WaitFor(t, tab, `!document.querySelector("#intent-training form").hidden && document.activeElement.id === "f-request-organisation-training"`)
	act(t, tab, chromedp.SetValue(chromedp.CSS("#f-request-country-training"), "Germania"))
	eval[bool](t, tab, changed("f-request-country-training"))
	if got := eval[string](t, tab, gdpr); !strings.HasPrefix(got, "Le risposte vanno a Learning2gether,") {
		t.Errorf("consent text with Germany chosen: %q", got)
	}
	act(t, tab, chromedp.Click(chromedp.CSS("#intent-training button[type=submit]")))
	browsertest.WaitFor(t, tab, `document.querySelector("#review-training .review-to").textContent === "info@learning2gether.example.org"`)
}
