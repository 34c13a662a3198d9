// Package config reads a site's config.toml into a typed Config: defaults,
// Load and Validate. It does no I/O beyond reading that one file and knows
// nothing about content or themes.
package config

// Config is a site's configuration. Default returns one with every default
// filled in; Load reads config.toml over it.
type Config struct {
	// BaseURL is the site's public address, used only where an absolute URL
	// is required (canonical links, sitemap, feeds, JSON-LD ids).
	BaseURL string `toml:"baseURL"`
	// Title is the site's name, unless a language overrides it.
	Title string `toml:"title"`
	// Theme is the folder under themes/ whose layouts, i18n and static files are used.
	Theme string `toml:"theme"`
	// DefaultLanguage is the language whose pages stand in for missing translations.
	DefaultLanguage string `toml:"defaultLanguage"`
	// Languages maps a language code (content/<code>/) to its settings.
	Languages map[string]Language `toml:"languages"`
	// FallbackToDefault renders a default-language page, with a visible note,
	// where a language has no translation of it.
	FallbackToDefault bool `toml:"fallbackToDefault"`
	// Logo is a path under static/ shown in the header instead of the
	// theme's own logo, optional.
	Logo string `toml:"logo"`
	// ProperNames are shown texts that stay the same in every language (the
	// site's or the project's name): check does not ask to translate them.
	ProperNames []string `toml:"properNames"`
	// Taxonomies lists the taxonomies that get list pages, out of audience,
	// level, digcomp, keywords and categories. Nil means all; [] means none.
	Taxonomies []string `toml:"taxonomies"`
	// Paginate is how many entries a list page shows before it continues on
	// page/2/, page/3/...; 0 shows every entry on one page.
	Paginate int `toml:"paginate"`
	// Contact is the address the request form falls back to (mailto) and the footer shows.
	Contact string `toml:"contact"`

	Markup     Markup            `toml:"markup"`
	OER        OER               `toml:"oer"`
	Vocabulary Vocabulary        `toml:"vocabulary"`
	Colors     Colors            `toml:"colors"`
	Footer     Footer            `toml:"footer"`
	Forms      map[string]Form   `toml:"forms"`
	Offline    Offline           `toml:"offline"`
	Export     Export            `toml:"export"`
	Search     Search            `toml:"search"`
	Privacy    Privacy           `toml:"privacy"`
	Limits     Limits            `toml:"limits"`
	Params     map[string]any    `toml:"params"`
	Menus      map[string][]Menu `toml:"menus"`
	// Partners are the sites `oersite harvest` fetches catalogues and
	// events from, shown as "From our partners".
	Partners []Partner `toml:"partners"`

	// lines finds where a key is written in config.toml, for messages.
	lines keyLines
}

// Language is one language of the site.
type Language struct {
	Name   string `toml:"name"`   // its own name for itself: "Italiano"
	Weight int    `toml:"weight"` // order in the language switcher
	Title  string `toml:"title"`  // site title in this language; empty means Config.Title
	// Direction is "ltr" or "rtl".
	Direction string `toml:"direction"`
	// LanguageTexts are the shown settings written for this language:
	// [languages.it.oer] publisher = "...", [languages.it.forms.request] recipient = "...".
	LanguageTexts
}

// Markup configures Markdown rendering.
type Markup struct {
	// UnsafeHTML lets raw HTML in Markdown through. Off by default: raw HTML is
	// shown escaped, as text, and reported as a warning.
	UnsafeHTML bool `toml:"unsafeHTML"`
	// Typographer turns straight quotes and dashes into typographic ones.
	Typographer bool `toml:"typographer"`
	// PictureSizes is the sizes attribute of a picture offered with smaller
	// copies (srcset): how wide the theme shows it, from which the browser
	// chooses the copy to load. The default is the default theme's column
	// (DefaultPictureSizes); a theme with a wider one sets its own.
	PictureSizes string `toml:"pictureSizes"`
}

// DefaultPictureSizes is the default theme's text column: 40rem wide,
// the screen less its margins on a phone.
const DefaultPictureSizes = "(min-width: 42rem) 40rem, calc(100vw - 2rem)"

// OER holds the defaults of every open educational resource's metadata.
type OER struct {
	Publisher      string `toml:"publisher"`
	PublisherURL   string `toml:"publisherURL"`
	DefaultLicence string `toml:"defaultLicence"`
	// Funder names who funds the work, for metadata and, without the EU
	// emblem, in the footer.
	Funder    string `toml:"funder"`
	FunderURL string `toml:"funderURL"`
	// EUEmblem shows the European Union's emblem with "Co-funded by the
	// European Union" and the funding disclaimer (Erasmus+ and other EU
	// programmes require them) in the footer of every page.
	EUEmblem bool `toml:"euEmblem"`
	// GrantingAuthority names the body that awarded the grant, as the
	// disclaimer names it ("the European Education and Culture Executive
	// Agency (EACEA)" or the national agency).
	GrantingAuthority string `toml:"grantingAuthority"`
	AdminEmail        string `toml:"adminEmail"`
	// Authors used when a page names none.
	DefaultAuthors []string `toml:"defaultAuthors"`
	// PublisherLogo is the publisher's logo for search engines and
	// harvesters: a path under static/ or a web address. Empty means Logo.
	PublisherLogo string `toml:"publisherLogo"`
	// OAIGateway is the base address of an OAI-PMH static repository
	// gateway that serves oai-pmh.xml to harvesters; empty when harvesters
	// read the file itself.
	OAIGateway string `toml:"oaiGateway"`
	// Currency is the ISO 4217 code stated with free webinars' offers.
	Currency string `toml:"currency"`
}

// Vocabulary lists the values content may use, so that checks can catch typos.
type Vocabulary struct {
	// Audiences maps an audience id to its LRMI educational role
	// (http://purl.org/dcx/lrmi-vocabs/educationalAudienceRole/<role>).
	Audiences map[string]string `toml:"audiences"`
	// Levels lists the level ids in order, easiest first.
	Levels []string `toml:"levels"`
	// ResourceTypes lists the resource types allowed.
	ResourceTypes []string `toml:"resourceTypes"`
	// EducationalLevels maps a level id to a concept of the KIM educational
	// level vocabulary (level_C or https://w3id.org/kim/educationalLevel/level_C),
	// for metadata; pages keep showing the site's own levels.
	EducationalLevels map[string]string `toml:"educationalLevels"`
	// LearningResourceTypes maps a resource type to a concept of the HCRT
	// vocabulary (worksheet or https://w3id.org/kim/hcrt/worksheet); types
	// not named here use oersite's own mapping.
	LearningResourceTypes map[string]string `toml:"learningResourceTypes"`
	// Subjects maps a subject id that modules may name (`subjects:`) to a
	// concept of a subject vocabulary, e.g. the Destatis subject
	// classification https://w3id.org/kim/hochschulfaechersystematik/n021.
	Subjects map[string]string `toml:"subjects"`
	// DefaultSubjects are the subject ids of modules and resources that name none.
	DefaultSubjects []string `toml:"defaultSubjects"`
}

// Vocabularies the metadata draws on: the bases of their concept addresses.
const (
	// KIMEducationalLevel is the KIM educational level vocabulary AMB requires.
	KIMEducationalLevel = "https://w3id.org/kim/educationalLevel/"
	// HCRT is the Higher Education Resource Types vocabulary AMB uses.
	HCRT = "https://w3id.org/kim/hcrt/"
	// LRMIRole is LRMI's educational audience role vocabulary.
	LRMIRole = "http://purl.org/dcx/lrmi-vocabs/educationalAudienceRole/"
	// KIMDigComp is KIM's publication of the DigComp competences.
	KIMDigComp = "https://w3id.org/kim/digcomp/"
)

// AMBSubjectVocabularies are the subject vocabularies AMB accepts for `about`.
func AMBSubjectVocabularies() []string {
	return []string{"https://w3id.org/kim/hochschulfaechersystematik/", "http://w3id.org/kim/schulfaecher/"}
}

// Colors sets the theme's palette: [colors] for light mode, [colors.dark]
// for visitors whose device is set to dark mode. Empty values keep the
// theme's own colours.
type Colors struct {
	Palette
	Dark Palette `toml:"dark"`
}

// Palette is one set of colours, as CSS colours ("#0b4f6c").
type Palette struct {
	// Primary colours links, the header and outlines.
	Primary string `toml:"primary"`
	// Accent colours the one main action of a page (its button).
	Accent     string `toml:"accent"`
	Background string `toml:"background"`
	Text       string `toml:"text"`
}

// Footer holds what the footer shows besides the licence.
type Footer struct {
	// Text is shown in every language; use i18n keys for translated text.
	Text  string `toml:"text"`
	Links []Menu `toml:"links"`
}

// Menu is one navigation entry. URL is a path from the language root
// ("modules/") or an absolute http(s) URL.
type Menu struct {
	Name   string `toml:"name"`   // label, or an i18n key when it starts with "i18n:"
	URL    string `toml:"url"`    // "modules/" (inside the language) or "https://..."
	Weight int    `toml:"weight"` // order
}

// Form configures one static form (forms.request, ...).
type Form struct {
	// Endpoint is where the form posts: a form service URL, "local" for the
	// oersite serve receiver, or empty to compose an email to Contact instead.
	Endpoint string `toml:"endpoint"`
	// Netlify adds Netlify Forms markup.
	Netlify bool `toml:"netlify"`
	// Honeypot is the name of the field that must stay empty.
	Honeypot string `toml:"honeypot"`
	// MinSeconds is the time trap: posts sooner than this after the page loaded are refused.
	MinSeconds int `toml:"minSeconds"`
	// Recipient names who receives the data, shown beside the consent box.
	Recipient string `toml:"recipient"`
	// Recipients are the partners who receive a request instead, by the value
	// of RecipientField (a country code, say): the consent box names the one
	// chosen, and without a form service the e-mail is addressed to them.
	Recipients map[string]Recipient `toml:"recipients"`
	// RecipientField is the field whose value chooses among Recipients
	// (default "country").
	RecipientField string `toml:"recipientField"`
	// RetentionMonths is how long submissions are kept, shown beside the consent box.
	RetentionMonths int `toml:"retentionMonths"`
	// Intents are the purposes one form page offers ("training", "tutor").
	Intents []Intent `toml:"intents"`
	// Fields in display order.
	Fields []Field `toml:"fields"`
}

// Recipient is a partner who receives some of a form's requests.
type Recipient struct {
	Name  string `toml:"name" json:"name"`   // named beside the consent box: "Learning2gether Italia"
	Email string `toml:"email" json:"email"` // where the prepared e-mail goes when there is no form service
}

// RouteField is the field whose value chooses the recipient, or "" when the
// form has a single recipient.
func (f Form) RouteField() string {
	switch {
	case len(f.Recipients) == 0:
		return ""
	case f.RecipientField == "":
		return "country"
	}
	return f.RecipientField
}

// Intent is one purpose of a form; its fields name it in Field.Intents.
type Intent struct {
	ID string `toml:"id"` // labels come from i18n: form.<form>.intent.<id>
}

// Field is one form field. Labels and help texts come from i18n keys
// form.<form>.<name>.label and form.<form>.<name>.help.
type Field struct {
	Name     string `toml:"name"`
	Type     string `toml:"type"` // text, email, tel, number, textarea, select, multiselect, radio, checkbox
	Required bool   `toml:"required"`
	// Intents lists the intents the field belongs to; empty means all.
	Intents   []string `toml:"intents"`
	MaxLength int      `toml:"maxLength"`
	Min       *int     `toml:"min"`
	Max       *int     `toml:"max"`
	// Options are the allowed values; labels come from form.<form>.<name>.option.<value>.
	Options []string `toml:"options"`
	// OptionsFrom fills the options from the site: "modules" or "languages".
	OptionsFrom string `toml:"optionsFrom"`
	// Autocomplete is the HTML autocomplete token, e.g. "email".
	Autocomplete string `toml:"autocomplete"`
}

// Offline configures the offline copy offered for download.
type Offline struct {
	// Zip writes the site, built for opening from disk, as one zip file.
	Zip bool `toml:"zip"`
	// ZipName is the file name of that zip at the site root.
	ZipName string `toml:"zipName"`
}

// Export chooses the packages for learning platforms that a build writes
// beside each module page and offers in its "Use this module in your
// learning platform" box.
type Export struct {
	// Cartridge writes an IMS Common Cartridge 1.1 (.imscc) per module and language.
	Cartridge bool `toml:"cartridge"`
	// SCORM writes a SCORM 1.2 package (.zip) per module and language.
	SCORM bool `toml:"scorm"`
}

// Search configures the search index.
type Search struct {
	// Disabled turns off indexing and the search page.
	Disabled bool `toml:"disabled"`
}

// Limits bound what one file of content may cost a build, so that a page
// written carelessly or with intent cannot exhaust the memory or the time
// of CI or of the dev server. A file over a limit is an error naming the
// file, the line and the limit; raise a limit here when a real page needs it.
type Limits struct {
	// FileBytes is the largest Markdown file read.
	FileBytes int64 `toml:"fileBytes"`
	// LineBytes is the longest line of a Markdown file.
	LineBytes int `toml:"lineBytes"`
	// TableCells is the most table cells one page may hold, counted as its
	// tables lay them out: columns times rows.
	TableCells int `toml:"tableCells"`
	// NestingDepth is how deep lists and block quotes may nest in each other.
	NestingDepth int `toml:"nestingDepth"`
	// PageBytes is the largest HTML page written.
	PageBytes int64 `toml:"pageBytes"`
}

// DefaultLimits are generous for real pages: a long lesson is some 50 KB,
// a large table a few hundred cells, lists rarely nest five deep.
func DefaultLimits() Limits {
	return Limits{FileBytes: 1_000_000, LineBytes: 100_000, TableCells: 50_000, NestingDepth: 20, PageBytes: 10_000_000}
}
