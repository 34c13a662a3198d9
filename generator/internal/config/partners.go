package config

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/oersite/oersite/generator/internal/diag"
)

// Partner is another site whose catalogue `oersite harvest` fetches into
// data/partners/<id>/ and the build shows, labelled with where it comes
// from: [[partners]] in config.toml.
type Partner struct {
	// ID names the partner's folder under data/partners/ and its filter
	// pages: lower-case letters, digits and dashes.
	ID string `toml:"id"`
	// Name is the partner's name as pages show it.
	Name string `toml:"name"`
	// Country is the partner's country code (BG, IT, UK...).
	Country string `toml:"country"`
	// Languages are the languages the partner publishes in.
	Languages []string `toml:"languages"`
	// URL is what to harvest: an oersite site (its address, catalog.json
	// or mirror.json), an OAI-PMH static repository, an AMB catalogue
	// (JSON), an Atom feed or an iCalendar feed.
	URL string `toml:"url"`
	// Format is one of PartnerFormats; empty: recognised from the file.
	Format string `toml:"format"`
	// Licence is the licence of items that name none (an SPDX id or a URL).
	Licence string `toml:"licence"`
	// Website is the partner's home page, linked beside its name.
	Website string `toml:"website"`
	// RedirectHosts are other hosts the partner's server may redirect to;
	// any other host is refused.
	RedirectHosts []string `toml:"redirectHosts"`
	// MaxBytes is the largest file accepted from the partner (default 32 MiB).
	MaxBytes int64 `toml:"maxBytes"`
	// Follow vouches for the partner's links: without it they are marked
	// rel="nofollow" (search engines do not read them as our endorsement).
	Follow bool `toml:"follow"`
	// NoSearch keeps the partner's items out of the site's search.
	NoSearch bool `toml:"noSearch"`
	// NoEvents keeps the partner's events out of the webinar lists and calendars.
	NoEvents bool `toml:"noEvents"`
}

// PartnerFormats are the shapes a partner's URL may have.
var PartnerFormats = []string{"oersite", "oai-pmh", "amb", "atom", "ical"}

var partnerID = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`) })

// PartnerByID returns the partner with that id.
func (c Config) PartnerByID(id string) (Partner, bool) {
	i := slices.IndexFunc(c.Partners, func(p Partner) bool { return p.ID == id })
	if i < 0 {
		return Partner{}, false
	}
	return c.Partners[i], true
}

// validatePartners checks [[partners]]: ids that are safe folder names and
// unique, http(s) addresses, known formats.
func (c Config) validatePartners(file string, lines keyLines) diag.List {
	var l diag.List
	seen := map[string]bool{}
	for _, p := range c.Partners {
		line := lines.inTable("partners", "id", `"`+p.ID+`"`)
		bad := func(hint, format string, args ...any) { l.Add(diag.Errorf(file, line, hint, format, args...)) }
		if !partnerID().MatchString(p.ID) {
			bad("use lower-case letters, digits and dashes, such as edunet-bg", "[[partners]] id %q is not a simple name", p.ID)
		}
		if seen[p.ID] {
			bad("give each partner its own id", "[[partners]] id %q is used twice", p.ID)
		}
		seen[p.ID] = true
		if strings.TrimSpace(p.Name) == "" {
			bad(`add name = "..." as the partner calls itself`, "partner %q has no name", p.ID)
		}
		if u, err := url.Parse(p.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
			bad("write the address of the partner's catalogue, starting with https://", "partner %q: url %q is not an http(s) address", p.ID, p.URL)
		}
		if p.Website != "" {
			if u, err := url.Parse(p.Website); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				bad("write the partner's home page, starting with https://", "partner %q: website %q is not an http(s) address", p.ID, p.Website)
			}
		}
		if p.Format != "" && !slices.Contains(PartnerFormats, p.Format) {
			bad(diag.Hintf("use one of %s, or leave it out", strings.Join(PartnerFormats, ", ")), "partner %q: unknown format %q", p.ID, p.Format)
		}
		for _, lang := range p.Languages {
			if !langCode().MatchString(lang) {
				bad("use language codes such as bg, it, pt-BR", "partner %q: %q is not a language code", p.ID, lang)
			}
		}
		if p.MaxBytes < 0 {
			bad("write a number of bytes, or leave it out for 32 MiB", "partner %q: maxBytes is negative", p.ID)
		}
	}
	return l
}
