package build_test

import (
	"html"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/oersite/oersite/generator/internal/config"
)

// pageText returns a built page's main content as plain text.
func pageText(t *testing.T, dir, p string) string {
	t.Helper()
	s := read(t, dir, p)
	if i := strings.Index(s, "<main"); i >= 0 {
		s = s[i:]
	}
	s = regexp.MustCompile(`<[^>]+>`).ReplaceAllString(s, " ")
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

// TestPrivacyNoticeInEveryLanguage builds the example site and checks that
// each language's privacy page names the controller of a configured country
// and the one that answers countries without a partner, and lists every
// field of the request form under that language's label.
func TestPrivacyNoticeInEveryLanguage(t *testing.T) {
	dir := copyExampleSite(t)
	buildSite(t, dir)
	cfg, _, err := config.Load(filepath.Join(dir, "config.toml"), "config.toml")
	if err != nil {
		t.Fatal(err)
	}
	form := cfg.Forms["request"]
	de := controllerOf(t, cfg.Privacy, "DE")
	fallback := cfg.Privacy.FallbackController()
	if fallback == nil {
		t.Fatal("the example site names no fallback controller")
	}
	for _, lang := range cfg.LanguageCodes() {
		var strs map[string]any
		if _, err := toml.DecodeFile(filepath.Join(dir, "themes/default/i18n", lang+".toml"), &strs); err != nil {
			t.Fatal(err)
		}
		text := pageText(t, dir, lang+"/privacy/index.html")
		wants := []string{de.Name, de.Address, de.Email, fallback.Name, cfg.Privacy.Email, strs["privacy.form.tick"].(string)}
		for _, f := range form.Fields {
			if f.Name == "consent" {
				continue
			}
			label, _ := strs["form.request."+f.Name+".label"].(string)
			if label == "" {
				t.Fatalf("%s: no label for field %s", lang, f.Name)
			}
			wants = append(wants, label)
		}
		for _, w := range wants {
			if !strings.Contains(text, strings.Join(strings.Fields(w), " ")) {
				t.Errorf("%s/privacy/: %q missing", lang, w)
			}
		}
	}
}

func controllerOf(t *testing.T, p config.Privacy, country string) config.Controller {
	t.Helper()
	for _, c := range p.Controllers {
		if c.Country == country {
			return c
		}
	}
	t.Fatalf("no controller for %s", country)
	return config.Controller{}
}

// TestPrivacyNoticeFollowsConfig checks that a site changes its privacy
// notice through config.toml alone: a single controller gets no
// joint-controller section, services and transfers appear as configured, and
// a site without [privacy] still gets a notice naming its contact address.
func TestPrivacyNoticeFollowsConfig(t *testing.T) {
	dir := writeSite(t, `
-- config.toml --
baseURL = "https://example.org/"
contact = "hello@example.org"
[languages.en]
name = "English"
[privacy]
updated = 2026-01-31
email = "privacy@example.org"
fallback = "IE"
logDays = 7
[[privacy.controllers]]
country = "IE"
name = "Only Partner Ltd"
address = "1 Main Street, Cork"
email = "dpo@example.org"
[[privacy.services]]
role = "form"
name = "Forms Inc."
country = "US"
transfer = "scc"
[forms.request]
endpoint = "https://forms.example.net/f/1"
retentionMonths = 6
[[forms.request.fields]]
name = "email"
type = "email"
required = true
-- content/en/privacy.md --
---
title: Privacy
layout: privacy
---
-- content/en/request.md --
---
title: Request
layout: request
---
`)
	buildSite(t, dir)
	text := pageText(t, dir, "en/privacy/index.html")
	for _, w := range []string{"Last updated: 31 January 2026", "Only Partner Ltd, 1 Main Street, Cork", "Forms Inc. (United States): the form service",
		"standard contractual clauses", "6 months after our last contact", "Server logs: 7 days", "privacy@example.org", "E-mail address"} {
		if !strings.Contains(text, w) {
			t.Errorf("privacy page lacks %q", w)
		}
	}
	for _, bad := range []string{"joint controllers", "adequacy decision", "webinars", "stories"} {
		if strings.Contains(text, bad) {
			t.Errorf("privacy page mentions %q, which this site does not have", bad)
		}
	}

	bare := writeSite(t, `
-- config.toml --
baseURL = "https://example.org/"
contact = "hello@example.org"
[languages.en]
name = "English"
-- content/en/privacy.md --
---
title: Privacy
layout: privacy
---
`)
	buildSite(t, bare)
	text = pageText(t, bare, "en/privacy/index.html")
	if !strings.Contains(text, "hello@example.org") || strings.Contains(text, "request form") || strings.Contains(text, "partner in your country") || strings.Contains(text, "funder") {
		t.Errorf("a site without [privacy] or a form: %s", text)
	}
}
