package config

import (
	"net/mail"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/oersite/oersite/generator/internal/diag"
)

// Privacy holds the facts a privacy notice needs and only a site can know:
// who the controllers are, where requests go, which services see what, and
// when the notice last changed. The wording comes from the theme's strings,
// so every language's notice says the same thing.
type Privacy struct {
	// Updated is the date the notice was last changed, shown on the page.
	Updated time.Time `toml:"updated"`
	// Email is the address for privacy questions that every controller reads.
	Email string `toml:"email"`
	// Fallback is the country code of the controller who answers people
	// from countries with no controller of their own.
	Fallback string `toml:"fallback"`
	// LogDays is how many days the web server keeps its access logs.
	LogDays int `toml:"logDays"`
	// Controllers are the organisations that decide how the data is used,
	// one per country (country codes as in the request form's country field).
	Controllers []Controller `toml:"controllers"`
	// Services are the other organisations that receive data: the web host,
	// the e-mail or form service, the video-meeting service.
	Services []Service `toml:"services"`
}

// Controller is one organisation responsible for personal data in a country.
type Controller struct {
	Country string `toml:"country"` // code as in the request form: "DE", "UK"
	Name    string `toml:"name"`
	Address string `toml:"address"`
	Email   string `toml:"email"`
	// Coordinator marks the organisation that runs the website and the shared inbox.
	Coordinator bool `toml:"coordinator"`
	// DPO is the e-mail address of the organisation's data protection officer, if it has one.
	DPO string `toml:"dpo"`
	// Authority and AuthorityURL name the data protection authority of the country.
	Authority    string `toml:"authority"`
	AuthorityURL string `toml:"authorityURL"`
	// Transfer is the safeguard when the country is outside the EEA, as for Service.
	Transfer string `toml:"transfer"`
}

// Service is an organisation outside the controllers that receives personal data.
type Service struct {
	// Role is hosting, email, form, meeting or video; the notice says what the service does from it.
	Role    string `toml:"role"`
	Name    string `toml:"name"`
	Country string `toml:"country"` // where it processes the data: "DE", "US"
	// Transfer is the safeguard when Country is outside the EEA: "adequacy",
	// "scc" (standard contractual clauses), "dpf" (EU-US Data Privacy
	// Framework), or "own" for an independent service that moves data under
	// its own safeguards; empty inside the EEA.
	Transfer string `toml:"transfer"`
	// Independent marks a service that decides itself how it uses the data
	// it receives (its own privacy policy applies), rather than acting only
	// on the controllers' instructions.
	Independent bool   `toml:"independent"`
	PolicyURL   string `toml:"policyURL"`
}

// serviceRoles are the roles a privacy service may have.
func serviceRoles() []string { return []string{"hosting", "email", "form", "meeting", "video"} }

// transfers are the safeguards a service outside the EEA may rely on.
func transfers() []string { return []string{"adequacy", "scc", "dpf", "own"} }

// FallbackController returns the controller who answers people from
// countries without a controller of their own, or nil.
func (p Privacy) FallbackController() *Controller {
	for i, c := range p.Controllers {
		if strings.EqualFold(c.Country, p.Fallback) {
			return &p.Controllers[i]
		}
	}
	return nil
}

// HasController reports whether a country has a controller of its own.
func (p Privacy) HasController(country string) bool {
	return slices.ContainsFunc(p.Controllers, func(c Controller) bool { return strings.EqualFold(c.Country, country) })
}

func (p Privacy) validate(file string, lines keyLines) diag.List {
	var l diag.List
	bad := func(key, hint, format string, args ...any) {
		l.Add(diag.Errorf(file, lines.of(key), hint, format, args...))
	}
	if len(p.Controllers) == 0 {
		return nil
	}
	if p.Email != "" && !isEmail(p.Email) {
		bad("email", `write a plain address such as "privacy@example.org"`, "privacy: email %q is not an e-mail address", p.Email)
	}
	seen := map[string]bool{}
	for _, c := range p.Controllers {
		code := strings.ToUpper(c.Country)
		switch {
		case c.Country == "" || c.Name == "" || c.Email == "":
			bad("controllers", "give every [[privacy.controllers]] a country, a name, an address and an email", "privacy: a controller lacks its country, name or e-mail")
		case seen[code]:
			bad("controllers", "keep one controller per country", "privacy: two controllers for country %q", c.Country)
		case !isEmail(c.Email):
			bad("controllers", `write a plain address such as "privacy@example.org"`, "privacy: controller %s: email %q is not an e-mail address", c.Country, c.Email)
		case c.DPO != "" && !isEmail(c.DPO):
			bad("dpo", `write a plain address such as "dpo@example.org"`, "privacy: controller %s: dpo %q is not an e-mail address", c.Country, c.DPO)
		case c.Transfer != "" && !slices.Contains(transfers(), c.Transfer):
			bad("transfer", "use adequacy, scc or dpf, or leave it empty inside the EEA", "privacy: controller %s has unknown transfer %q", c.Country, c.Transfer)
		case c.AuthorityURL != "" && !isHTTP(c.AuthorityURL):
			bad("authorityURL", "use the https:// address of the authority's website", "privacy: controller %s: authorityURL %q is not an http(s) URL", c.Country, c.AuthorityURL)
		}
		seen[code] = true
	}
	if p.Fallback != "" && !seen[strings.ToUpper(p.Fallback)] {
		bad("fallback", "set fallback to the country code of one of the [[privacy.controllers]]", "privacy: fallback %q is not the country of a controller", p.Fallback)
	}
	for _, s := range p.Services {
		switch {
		case !slices.Contains(serviceRoles(), s.Role):
			bad("role", "use one of "+strings.Join(serviceRoles(), ", "), "privacy: service %q has unknown role %q", s.Name, s.Role)
		case s.Name == "":
			bad("services", "give every [[privacy.services]] a name", "privacy: a %s service has no name", s.Role)
		case s.Transfer != "" && !slices.Contains(transfers(), s.Transfer):
			bad("transfer", "use adequacy, scc, dpf or own, or leave it empty inside the EEA", "privacy: service %q has unknown transfer %q", s.Name, s.Transfer)
		case s.PolicyURL != "" && !isHTTP(s.PolicyURL):
			bad("policyURL", "use the https:// address of the service's privacy policy", "privacy: service %q: policyURL %q is not an http(s) URL", s.Name, s.PolicyURL)
		}
	}
	return l
}

func isEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s
}

func isHTTP(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}
