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

// validate checks the privacy settings (only when controllers are
// configured): the contact address, each controller and service (see
// controllerRules and serviceRules; the first rule an entry breaks is
// reported), and that the fallback country has a controller.
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
	rules := controllerRules(seen)
	for _, c := range p.Controllers {
		if r, broken := firstBroken(rules, c); broken {
			bad(r.key, r.hint, r.format, r.args(c)...)
		}
		seen[strings.ToUpper(c.Country)] = true
	}
	if p.Fallback != "" && !seen[strings.ToUpper(p.Fallback)] {
		bad("fallback", "set fallback to the country code of one of the [[privacy.controllers]]", "privacy: fallback %q is not the country of a controller", p.Fallback)
	}
	for _, s := range p.Services {
		if r, broken := firstBroken(serviceRules(), s); broken {
			bad(r.key, r.hint, r.format, r.args(s)...)
		}
	}
	return l
}

// rule is one check of a config entry of type T: an entry that breaks it
// is reported at key's line with hint and the message format filled with args.
type rule[T any] struct {
	key, hint, format string
	breaks            func(T) bool
	args              func(T) []any
}

// firstBroken returns the first of rules that v breaks.
func firstBroken[T any](rules []rule[T], v T) (rule[T], bool) {
	for _, r := range rules {
		if r.breaks(v) {
			return r, true
		}
	}
	return rule[T]{}, false
}

// controllerRules are the checks of a [[privacy.controllers]] entry, in
// order; seen holds the countries (upper case) of the controllers before it.
func controllerRules(seen map[string]bool) []rule[Controller] {
	country := func(c Controller) []any { return []any{c.Country} }
	return []rule[Controller]{
		{"controllers", "give every [[privacy.controllers]] a country, a name, an address and an email", "privacy: a controller lacks its country, name or e-mail",
			func(c Controller) bool { return c.Country == "" || c.Name == "" || c.Email == "" }, func(Controller) []any { return nil }},
		{"controllers", "keep one controller per country", "privacy: two controllers for country %q",
			func(c Controller) bool { return seen[strings.ToUpper(c.Country)] }, country},
		{"controllers", `write a plain address such as "privacy@example.org"`, "privacy: controller %s: email %q is not an e-mail address",
			func(c Controller) bool { return !isEmail(c.Email) }, func(c Controller) []any { return []any{c.Country, c.Email} }},
		{"dpo", `write a plain address such as "dpo@example.org"`, "privacy: controller %s: dpo %q is not an e-mail address",
			func(c Controller) bool { return c.DPO != "" && !isEmail(c.DPO) }, func(c Controller) []any { return []any{c.Country, c.DPO} }},
		{"transfer", "use adequacy, scc or dpf, or leave it empty inside the EEA", "privacy: controller %s has unknown transfer %q",
			func(c Controller) bool { return c.Transfer != "" && !slices.Contains(transfers(), c.Transfer) }, func(c Controller) []any { return []any{c.Country, c.Transfer} }},
		{"authorityURL", "use the https:// address of the authority's website", "privacy: controller %s: authorityURL %q is not an http(s) URL",
			func(c Controller) bool { return c.AuthorityURL != "" && !isHTTP(c.AuthorityURL) }, func(c Controller) []any { return []any{c.Country, c.AuthorityURL} }},
	}
}

// serviceRules are the checks of a [[privacy.services]] entry, in order.
func serviceRules() []rule[Service] {
	return []rule[Service]{
		{"role", diag.Hintf("use one of %s", strings.Join(serviceRoles(), ", ")), "privacy: service %q has unknown role %q",
			func(s Service) bool { return !slices.Contains(serviceRoles(), s.Role) }, func(s Service) []any { return []any{s.Name, s.Role} }},
		{"services", "give every [[privacy.services]] a name", "privacy: a %s service has no name",
			func(s Service) bool { return s.Name == "" }, func(s Service) []any { return []any{s.Role} }},
		{"transfer", "use adequacy, scc, dpf or own, or leave it empty inside the EEA", "privacy: service %q has unknown transfer %q",
			func(s Service) bool { return s.Transfer != "" && !slices.Contains(transfers(), s.Transfer) }, func(s Service) []any { return []any{s.Name, s.Transfer} }},
		{"policyURL", "use the https:// address of the service's privacy policy", "privacy: service %q: policyURL %q is not an http(s) URL",
			func(s Service) bool { return s.PolicyURL != "" && !isHTTP(s.PolicyURL) }, func(s Service) []any { return []any{s.Name, s.PolicyURL} }},
	}
}

func isEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s
}

func isHTTP(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}
