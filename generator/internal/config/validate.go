package config

import (
	"maps"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/oersite/oersite/generator/internal/diag"
)

var langCode = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`) })
var fieldTypes = map[string]bool{
	"text": true, "email": true, "tel": true, "number": true, "textarea": true,
	"select": true, "multiselect": true, "radio": true, "checkbox": true, "url": true,
}

// Validate checks the configuration and returns every problem found, each
// naming the line of config.toml where it can be fixed. data is the file's
// text, used only to find lines; it may be nil.
func (c Config) Validate(file string, data []byte) diag.List {
	var l diag.List
	lines := newKeyLines(data)
	bad := complain(&l, file, lines)
	if !validBaseURL(c.BaseURL) {
		bad("baseURL", `write it as "https://example.org/" (or "https://example.org/sub/path/")`, "baseURL %q is not an absolute http(s) URL", c.BaseURL)
	}
	l = append(l, c.validateLanguages(file, lines)...)
	if c.Theme == "" || strings.ContainsAny(c.Theme, `/\`) || c.Theme == "." || c.Theme == ".." {
		bad("theme", `name a folder under themes/, such as "default"`, "theme %q is not a folder name", c.Theme)
	}
	if !validSizes(c.Markup.PictureSizes) {
		bad("pictureSizes", `write media conditions and widths as HTML's sizes attribute does, e.g. "(min-width: 42rem) 40rem, 100vw"`,
			"pictureSizes %q is not a list of widths", c.Markup.PictureSizes)
	}
	c.validateTaxonomies(bad)
	c.Vocabulary.validate(bad)
	l = append(l, c.OER.validate(file, lines)...)
	l = append(l, c.validatePublisherLogo(file, lines)...)
	l = append(l, c.Limits.validate(file, lines)...)
	if c.Contact != "" && !isEmail(c.Contact) {
		bad("contact", `write a plain address such as "info@example.org"`, "contact %q is not an e-mail address", c.Contact)
	}
	for _, name := range slices.Sorted(maps.Keys(c.Forms)) {
		f := c.Forms[name]
		l = append(l, f.validate(file, lines, name)...)
		if f.Endpoint == "" && c.Contact == "" { // a warning: the form still shows, and partners' recipients may take some requests
			l.Add(diag.Warnf(file, lines.of(name), `write contact = "requests@example.org" at the top of config.toml, or give the form an endpoint (a form service's https:// address)`,
				"forms.%s composes an e-mail (its endpoint is empty), and the site has no contact address to send it to", name))
		}
	}
	l = append(l, c.Colors.validate(file, lines)...)
	l = append(l, c.Privacy.validate(file, lines)...)
	l = append(l, c.validatePartners(file, lines)...)
	return l
}

// validatePublisherLogo warns when the logo search engines are given for
// the publisher (publisherLogo, else logo) is a vector image: Google's
// Organization and Event results take a raster image (PNG, JPEG, WebP, GIF)
// of 112 px or more.
func (c Config) validatePublisherLogo(file string, lines keyLines) diag.List {
	key, logo := "publisherLogo", c.OER.PublisherLogo
	if logo == "" {
		key, logo = "logo", c.Logo
	}
	if !strings.HasSuffix(strings.ToLower(strings.SplitN(logo, "?", 2)[0]), ".svg") {
		return nil
	}
	var l diag.List
	l.Add(diag.Warnf(file, lines.of(key), `set [oer] publisherLogo = "logo.png": a PNG, JPEG or WebP of 112 px or more, square`,
		"search engines do not show an SVG as the publisher's logo (%s = %q)", key, logo))
	return l
}

// complain returns a function that adds to l an error at the line of
// config.toml (file) that sets key.
func complain(l *diag.List, file string, lines keyLines) func(key, hint, format string, args ...any) {
	return func(key, hint, format string, args ...any) {
		l.Add(diag.Errorf(file, lines.of(key), hint, format, args...))
	}
}

// validBaseURL reports whether baseURL is "/" (a site served from any
// address) or an absolute http(s) URL.
func validBaseURL(baseURL string) bool {
	return baseURL == "/" || isHTTP(baseURL)
}

// validateLanguages checks that there are languages, that each has a
// valid code, direction and texts, and that the default language is one of them.
func (c Config) validateLanguages(file string, lines keyLines) diag.List {
	var l diag.List
	bad := complain(&l, file, lines)
	if len(c.Languages) == 0 {
		bad("languages", `add at least one table such as [languages.en] with name = "English"`, "no languages configured")
	}
	for code, lang := range c.Languages {
		if !langCode().MatchString(code) {
			bad("languages."+code, "use a BCP 47 code such as en, it, de, pt-BR", "language code %q is not a valid language tag", code)
		}
		if lang.Direction != "" && lang.Direction != "ltr" && lang.Direction != "rtl" {
			bad("direction", `use "ltr" or "rtl"`, "language %s: direction %q is neither ltr nor rtl", code, lang.Direction)
		}
		l = append(l, c.validateTexts(file, lines, code)...)
	}
	if _, ok := c.Languages[c.DefaultLanguage]; !ok && len(c.Languages) > 0 {
		bad("defaultLanguage", "set defaultLanguage to one of the codes under [languages]", "defaultLanguage %q is not one of the configured languages", c.DefaultLanguage)
	}
	return l
}

// validateTaxonomies checks that every audience has an id and that the
// taxonomies listed are ones oersite knows.
func (c Config) validateTaxonomies(bad func(key, hint, format string, args ...any)) {
	for role := range c.Vocabulary.Audiences {
		if role == "" {
			bad("audiences", "give every audience an id", "empty audience id")
		}
	}
	known := []string{"audience", "level", "digcomp", "keywords", "categories"}
	for _, t := range c.Taxonomies {
		if !slices.Contains(known, t) {
			bad("taxonomies", "use audience, level, digcomp, keywords and categories", "unknown taxonomy %q", t)
		}
	}
}

func (f Form) validate(file string, lines keyLines, name string) diag.List {
	var l diag.List
	bad := func(key, hint, format string, args ...any) {
		l.Add(diag.Errorf(file, lines.of(key), hint, format, args...))
	}
	if f.Endpoint != "" && f.Endpoint != "local" {
		u, err := url.Parse(f.Endpoint)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			bad("endpoint", `use an https:// URL of your form service, "local" for oersite serve's receiver, or leave it empty to send by email`, "forms.%s: endpoint %q is not an http(s) URL", name, f.Endpoint)
		}
	}
	intents := map[string]bool{}
	for _, in := range f.Intents {
		intents[in.ID] = true
	}
	seen := map[string]bool{}
	for _, fd := range f.Fields {
		if fd.Name == "" || strings.ContainsAny(fd.Name, " \"'<>&") {
			bad("name", "field names are simple words like organisation or email", "forms.%s: field name %q is not valid", name, fd.Name)
		}
		if seen[fd.Name] {
			bad(fd.Name, "give each field a unique name", "forms.%s: field %q appears twice", name, fd.Name)
		}
		seen[fd.Name] = true
		if !fieldTypes[fd.Type] {
			bad(fd.Name, "use one of text, email, tel, url, number, textarea, select, multiselect, radio, checkbox", "forms.%s: field %q has unknown type %q", name, fd.Name, fd.Type)
		}
		for _, in := range fd.Intents {
			if !intents[in] {
				bad(fd.Name, diag.Hintf("list the intent under [[forms.%s.intents]] or fix its spelling", name), "forms.%s: field %q names unknown intent %q", name, fd.Name, in)
			}
		}
		if fd.OptionsFrom != "" && fd.OptionsFrom != "modules" && fd.OptionsFrom != "languages" {
			bad(fd.Name, `use "modules" or "languages"`, "forms.%s: field %q has unknown optionsFrom %q", name, fd.Name, fd.OptionsFrom)
		}
	}
	if f.Honeypot != "" && seen[f.Honeypot] {
		bad("honeypot", "pick a honeypot name no real field uses, such as website", "forms.%s: honeypot %q is also a real field", name, f.Honeypot)
	}
	l = append(l, f.validateRecipients(file, lines, name)...)
	return l
}

// validateRecipients checks [forms.<name>.recipients]: each names a value
// of the routing field and has a name and a working e-mail address.
func (f Form) validateRecipients(file string, lines keyLines, name string) diag.List {
	var l diag.List
	route := f.RouteField()
	if route == "" {
		return nil
	}
	var field *Field
	for i := range f.Fields {
		if f.Fields[i].Name == route {
			field = &f.Fields[i]
		}
	}
	if field == nil {
		l.Add(diag.Errorf(file, lines.of("recipients"), `add the field, or set recipientField to the field whose value picks the recipient`,
			"forms.%s: recipients are chosen by the field %q, which the form does not have", name, route))
		return l
	}
	for _, key := range slices.Sorted(maps.Keys(f.Recipients)) {
		r := f.Recipients[key]
		if len(field.Options) > 0 && !slices.Contains(field.Options, key) {
			l.Add(diag.Errorf(file, lines.of(key), diag.Hintf("use one of: %s", strings.Join(field.Options, ", ")),
				"forms.%s: recipients.%s is not an option of the field %q", name, key, route))
		}
		if strings.TrimSpace(r.Name) == "" {
			l.Add(diag.Errorf(file, lines.of(key), `add name = "…": the consent text names who receives the request`,
				"forms.%s: recipients.%s has no name", name, key))
		}
		if a, err := mail.ParseAddress(r.Email); err != nil || a.Address != r.Email || !strings.Contains(r.Email[strings.LastIndexByte(r.Email, '@'):], ".") {
			l.Add(diag.Errorf(file, lines.of(key), `write email = "partner@example.org"`,
				"forms.%s: recipients.%s has no valid e-mail address (%q)", name, key, r.Email))
		}
	}
	return l
}

// validateTexts warns about a language's texts that replace nothing: a form
// or a menu entry the site does not have.
func (c Config) validateTexts(file string, lines keyLines, code string) diag.List {
	var l diag.List
	texts := c.Languages[code].LanguageTexts
	for name := range texts.Forms {
		if _, ok := c.Forms[name]; !ok {
			l.Add(diag.Warnf(file, lines.of("languages."+code+".forms."+name), "name a form configured under [forms.<name>]", "[languages.%s.forms.%s] translates a form the site does not have", code, name))
		}
	}
	check := func(table string, entries, site []Menu) {
		for _, m := range entries {
			if !slices.ContainsFunc(site, func(s Menu) bool { return s.URL == m.URL }) {
				l.Add(diag.Warnf(file, lines.of(m.URL), diag.Hintf("give the url of an entry of [%s], so that its name can be replaced", table), "[languages.%s.%s]: no entry has url %q", code, table, m.URL))
			}
		}
	}
	for name, entries := range texts.Menus {
		check("menus."+name, entries, c.Menus[name])
	}
	check("footer.links", texts.Footer.Links, c.Footer.Links)
	return l
}

func (lim Limits) validate(file string, lines keyLines) diag.List {
	var l diag.List
	for _, k := range []struct {
		key string
		v   int64
	}{{"fileBytes", lim.FileBytes}, {"lineBytes", int64(lim.LineBytes)}, {"tableCells", int64(lim.TableCells)}, {"nestingDepth", int64(lim.NestingDepth)}, {"pageBytes", lim.PageBytes}} {
		if k.v <= 0 {
			l.Add(diag.Errorf(file, lines.of(k.key), "give a positive number, or remove the line to keep the default", "limits.%s must be a positive number, not %d", k.key, k.v))
		}
	}
	return l
}

// validSizes says whether s can be a sizes attribute: media conditions and
// lengths (letters, digits, spaces and "(),.:+-*/%"), at most 500 bytes,
// its parentheses balanced; "" is not.
func validSizes(s string) bool {
	if strings.TrimSpace(s) == "" || len(s) > 500 {
		return false
	}
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')':
			if depth--; depth < 0 {
				return false
			}
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', strings.ContainsRune(" ,.:+-*/%", r):
		default:
			return false
		}
	}
	return depth == 0
}
