package build_test

import (
	"strings"
	"testing"
)

const requestForm = `-- config.toml --
baseURL = "https://example.org/oer/"
title = "Test OER"
contact = "info@example.org"
[forms.request]
endpoint = ""
honeypot = "website"
recipient = "Example partnership"
retentionMonths = 12
[forms.request.recipients.IT]
name = "Example Italia"
email = "italia@example.org"
[[forms.request.intents]]
id = "training"
[[forms.request.intents]]
id = "tutor"
[[forms.request.fields]]
name = "email"
type = "email"
required = true
[[forms.request.fields]]
name = "country"
type = "select"
required = true
options = ["IT", "other"]
[[forms.request.fields]]
name = "format"
type = "radio"
intents = ["training"]
options = ["online", "either"]
[[forms.request.fields]]
name = "consent"
type = "checkbox"
required = true
-- i18n/en.toml --
"form.request.intent.training" = "Request training"
"form.request.intent.tutor" = "Offer to tutor"
"form.request.email.label" = "E-mail address"
"form.request.email.required" = "Enter your e-mail address"
"form.request.country.label" = "Country"
"form.request.country.option.IT" = "Italy"
"form.request.country.option.other" = "Another country"
"form.request.format.label" = "Face to face or online?"
"form.request.format.option.online" = "Online"
"form.request.format.option.either" = "Either"
"form.request.consent.label" = "I agree."
-- content/en/request.md --
---
title: Ask for training
layout: request
---
Tell us.
`

// Without a form service the form asks the browser to compose the e-mail,
// under the labels and choice names a person reads, with nothing but what
// they wrote; the consent text names the central recipient (the script names
// the partner of the chosen country).
func TestRequestFormComposesAReadableEmail(t *testing.T) {
	dir := writeSite(t, requestForm)
	buildSite(t, dir)
	assertContains(t, dir, "en/request/index.html",
		`<form method="post" action="mailto:info@example.org?subject=Request%20training" enctype="text/plain"`,
		`name="E-mail address" data-name="email" type="email" required`, `pattern="[^@\s]+@[^@\s]+\.[^@\s]+"`,
		`<option value="Italy" data-value="IT">Italy</option>`,
		`name="Face to face or online?" value="Online" data-name="format" data-value="online"`,
		`name="Privacy notice read" type="checkbox" value="I agree." data-name="consent" data-value="yes"`,
		`data-missing="Enter your e-mail address"`,
		`<span class="gdpr-text" data-template="Your answers go to {recipient},`, `>Your answers go to Example partnership,`,
		`data-recipients="{&#34;IT&#34;:{&#34;name&#34;:&#34;Example Italia&#34;,&#34;email&#34;:&#34;italia@example.org&#34;}}" data-route="country"`,
		`<input type="radio" name="intent-choice" value="tutor" data-choice="2">`, `data-intent="tutor" data-i="2"`)
	page := read(t, dir, "en/request/index.html")
	for _, absent := range []string{`name="_lang"`, `name="_started"`, `name="intent"`, `name="website"`, `class="intent-choice" hidden`} {
		if strings.Contains(page, absent) {
			t.Errorf("the request page has %s", absent)
		}
	}
}

// Netlify Forms receive the plain POST to the page: a form service, not an e-mail.
func TestNetlifyFormIsNotAnEmail(t *testing.T) {
	dir := writeSite(t, strings.Replace(requestForm, `endpoint = ""`, "endpoint = \"\"\nnetlify = true", 1))
	buildSite(t, dir)
	assertContains(t, dir, "en/request/index.html", `data-netlify="true" netlify-honeypot="website" name="request-training"`, `name="email" data-name="email"`, `name="_lang"`)
	if page := read(t, dir, "en/request/index.html"); strings.Contains(page, `action="mailto:`) || strings.Contains(page, "data-mailto") || strings.Contains(page, "text/plain") {
		t.Error("a Netlify form composes an e-mail")
	}
}
