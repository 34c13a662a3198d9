package scaffold

import (
	"bytes"
	_ "embed" // siteConfig
	"strconv"
	"strings"
	"text/template"
	"unicode"
)

// A new site (oersite new site) is what another programme needs to start
// its own: config.toml (its name, address, languages, publisher and
// licence, the menu, the request form and where requests go) and, in each
// language oersite has words in, a home page, the three sections the menu
// leads to (training modules, webinars, open resources), the request page
// (a business asks for training, someone offers to tutor), the page a
// form service leads to once a request is sent and the privacy notice
// (written from config.toml: the site and its contact address until the
// organisation's details are given), in that language, each ready to
// publish as it is. A language oersite has no words in shows the default
// language's pages, with a note, until its own are written; a default
// language oersite has no words in gets the English pages to translate.

// siteConfig is a new site's config.toml, a text/template filled by Site.
//
//go:embed siteconfig.toml
var siteConfig string

// SiteData fills a new site's files.
type SiteData struct {
	Title     string   // the programme's name
	BaseURL   string   // its public address, "" for a stand-in to change
	Contact   string   // the e-mail address requests go to, "" for a stand-in to change
	Languages []string // language codes, the default first
	Date      string   // today, YYYY-MM-DD: the translations' translatedFrom
}

// SiteFile is a file of a new site: its slash-separated path from the
// site folder, and its text.
type SiteFile struct {
	Path string
	Data []byte
}

// sitePages are the pages each language gets: its template's name under
// text/<lang>/, and the page's path under content/<lang>/.
var sitePages = []struct{ template, path string }{
	{"site-home.md", "_index.md"},
	{"site-modules.md", "modules/_index.md"},
	{"site-webinars.md", "webinars/_index.md"},
	{"site-resources.md", "resources/_index.md"},
	{"site-request.md", "request.md"},
	{"site-thanks.md", "thanks.md"},
	{"site-privacy.md", "privacy.md"},
}

// Site returns the files of a new site, config.toml first; the languages
// it wrote in English for want of words of their own.
func Site(d SiteData) (files []SiteFile, inEnglish []string, err error) {
	title := quoted(d.Title)
	base := d.BaseURL
	if base == "" {
		base = "https://example.org/"
	}
	type lang struct {
		Code, Name string
		Weight     int
	}
	var langs []lang
	for i, code := range d.Languages {
		langs = append(langs, lang{Code: code, Name: quoted(LanguageName(code)), Weight: i + 1})
	}
	contact := d.Contact
	if contact == "" {
		contact = "requests@example.org"
	}
	config, err := execute("config.toml", siteConfig, map[string]any{"Title": title, "BaseURL": quoted(base), "StandIn": d.BaseURL == "",
		"Contact": quoted(contact), "ContactStandIn": d.Contact == "", "Date": d.Date, "Default": d.Languages[0], "Languages": langs})
	if err != nil {
		return nil, nil, err
	}
	files = append(files, SiteFile{"config.toml", config})
	for i, code := range d.Languages {
		words := TextLanguage(code)
		if words != strings.ToLower(code) && !strings.HasPrefix(strings.ToLower(code), words+"-") {
			if i > 0 {
				continue // shown in the default language until written
			}
			inEnglish = append(inEnglish, code)
		}
		for _, p := range sitePages {
			data, err := fill("text/"+words+"/"+p.template, map[string]any{"Title": title})
			if err != nil {
				return nil, nil, err
			}
			if i > 0 { // a translation of today's default-language page, which check can date
				data = bytes.Replace(data, []byte("\n---\n"), []byte("\ntranslatedFrom: "+d.Date+"\n---\n"), 1)
			}
			files = append(files, SiteFile{"content/" + code + "/" + p.path, data})
		}
	}
	return files, inEnglish, nil
}

// fill executes the template of texts at name with data.
func fill(name string, data any) ([]byte, error) {
	src, err := texts.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return execute(name, string(src), data)
}

// execute executes the template src with data.
func execute(name, src string, data any) ([]byte, error) {
	t, err := template.New(name).Option("missingkey=error").Parse(src)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// quoted is s as the inside of a double-quoted string that both TOML and
// YAML read back as s: control characters dropped, quotes and backslashes
// escaped, other characters that cannot be printed as \u escapes.
func quoted(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	q := strconv.Quote(s)
	return q[1 : len(q)-1]
}

// LanguageName is a language's name in its own words ("Deutsch"), for the
// language switcher; the code itself for a language not listed.
func LanguageName(code string) string {
	base, _, _ := strings.Cut(strings.ToLower(code), "-")
	if name, ok := languageNames[base]; ok {
		return name
	}
	return code
}

// languageNames are the names of Europe's languages (and its neighbours')
// in their own words.
var languageNames = map[string]string{
	"bg": "Български", "ca": "Català", "cs": "Čeština", "cy": "Cymraeg", "da": "Dansk", "de": "Deutsch",
	"el": "Ελληνικά", "en": "English", "es": "Español", "et": "Eesti", "eu": "Euskara", "fi": "Suomi",
	"fr": "Français", "ga": "Gaeilge", "gl": "Galego", "hr": "Hrvatski", "hu": "Magyar", "is": "Íslenska",
	"it": "Italiano", "lb": "Lëtzebuergesch", "lt": "Lietuvių", "lv": "Latviešu", "mk": "Македонски",
	"mt": "Malti", "nb": "Norsk bokmål", "nl": "Nederlands", "nn": "Norsk nynorsk", "no": "Norsk",
	"pl": "Polski", "pt": "Português", "ro": "Română", "ru": "Русский", "sk": "Slovenčina",
	"sl": "Slovenščina", "sq": "Shqip", "sr": "Српски", "sv": "Svenska", "tr": "Türkçe", "uk": "Українська",
	"ar": "العربية", "fa": "فارسی",
}
