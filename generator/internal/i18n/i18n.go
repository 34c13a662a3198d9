// Package i18n holds a site's interface strings per language: the theme's
// i18n/<lang>.toml files overridden by the site's, with fallback to the
// default language and plural forms chosen by CLDR rules. It knows nothing
// about pages or templates.
package i18n

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/oersite/oersite/generator/internal/bincode"
	"github.com/oersite/oersite/generator/internal/diag"
)

// Message is one string, with plural forms when it has them.
type Message struct {
	Other string
	Forms map[string]string // "zero", "one", "two", "few", "many"
}

// Catalog holds the strings of every language. It is read-only after Load.
type Catalog struct {
	def   string
	langs map[string]map[string]Message
	tags  map[string]language.Tag
}

// Load reads <dir>/<lang>.toml from each dir in order (later dirs override
// earlier ones: pass the theme's i18n folder first, then the site's).
func Load(fsys fs.FS, dirs []string, langs []string, def string) (*Catalog, diag.List) {
	return LoadWith(fsys, dirs, langs, def, nil)
}

// LoadWith is Load taking the files kept holds instead of parsing them
// again, and keeping in it those it parses (kept may be nil).
func LoadWith(fsys fs.FS, dirs []string, langs []string, def string, kept *Parsed) (*Catalog, diag.List) {
	c := &Catalog{def: def, langs: map[string]map[string]Message{}, tags: map[string]language.Tag{}}
	if kept != nil {
		kept.used, kept.added = map[[sha256.Size]byte]bool{}, false
	}
	var diags diag.List
	for _, l := range langs {
		c.langs[l] = map[string]Message{}
		c.tags[l] = language.Make(l)
		shared := false // c.langs[l] is a file's own map, kept's too: copied before it is written to
		for _, dir := range dirs {
			p := path.Join(dir, l+".toml")
			data, err := fs.ReadFile(fsys, p)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				diags.Add(diag.Errorf(p, 0, "", "cannot read: %v", err))
				continue
			}
			msgs, err := kept.parse(data)
			if err != nil {
				line := 0
				var pe toml.ParseError
				if errors.As(err, &pe) {
					line = pe.Position.Line
					err = errors.New(pe.Message)
				}
				diags.Add(diag.Errorf(p, line, `write each string as key = "text", plurals as [key] with one = "..." and other = "..."`, "strings file does not parse: %v", err))
				continue
			}
			if len(c.langs[l]) == 0 {
				c.langs[l], shared = msgs, true // the first file: taken as it is, not copied
				continue
			}
			if shared {
				c.langs[l], shared = maps.Clone(c.langs[l]), false
			}
			for k, m := range msgs {
				c.langs[l][k] = m
			}
		}
	}
	return c, diags
}

// Parsed keeps strings files as LoadWith parsed them, by the SHA-256 of
// their bytes, so that the next build need not parse unchanged files
// again: parsing a theme's files took about 16 ms of every build's CPU.
// What it holds is read-only; one LoadWith at a time may use it.
type Parsed struct {
	files map[[sha256.Size]byte]map[string]Message
	used  map[[sha256.Size]byte]bool
	added bool
}

// NewParsed returns an empty Parsed.
func NewParsed() *Parsed {
	return &Parsed{files: map[[sha256.Size]byte]map[string]Message{}, used: map[[sha256.Size]byte]bool{}}
}

// parse returns the strings of a file's bytes, parsed or kept.
func (p *Parsed) parse(data []byte) (map[string]Message, error) {
	if p == nil {
		return parse(data)
	}
	sum := sha256.Sum256(data)
	if msgs, ok := p.files[sum]; ok {
		p.used[sum] = true
		return msgs, nil
	}
	msgs, err := parse(data)
	if err == nil {
		p.files[sum], p.used[sum], p.added = msgs, true, true
	}
	return msgs, err
}

// Changed reports whether the files the last LoadWith used are not those
// p held before it: p is then worth keeping again (see Append).
func (p *Parsed) Changed() bool { return p.added || len(p.used) != len(p.files) }

// Append appends to b the files the last LoadWith used, in package
// bincode's form, for DecodeParsed.
func (p *Parsed) Append(b []byte) []byte {
	c := bincode.NewEncoder(b)
	sums := slices.SortedFunc(maps.Keys(p.used), func(a, b [sha256.Size]byte) int { return bytes.Compare(a[:], b[:]) })
	n := uint64(len(sums))
	c.Uvarint(&n)
	for _, sum := range sums {
		c.Digest(&sum)
		msgs := p.files[sum]
		bincode.Map(c, &msgs, codeMessage)
	}
	return c.Bytes()
}

// DecodeParsed decodes what Append wrote.
func DecodeParsed(b []byte) (*Parsed, error) {
	p := NewParsed()
	c := bincode.NewDecoder(string(b))
	var n uint64
	c.Uvarint(&n)
	for i := uint64(0); i < n && c.Err() == nil; i++ {
		var sum [sha256.Size]byte
		var msgs map[string]Message
		c.Digest(&sum)
		bincode.Map(c, &msgs, codeMessage)
		p.files[sum] = msgs
	}
	if err := c.Err(); err != nil {
		return nil, err
	}
	if len(c.Rest()) != 0 {
		return nil, errors.New("kept strings run on")
	}
	return p, nil
}

func codeMessage(c *bincode.Coder, m *Message) {
	c.Str(&m.Other)
	bincode.Map(c, &m.Forms, (*bincode.Coder).Str)
}

func parse(data []byte) (map[string]Message, error) {
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		return nil, err
	}
	// About one string a line: made at that size, the map is not grown step
	// by step (capped: a file of empty lines must not reserve memory).
	out := make(map[string]Message, min(bytes.Count(data, []byte("\n")), 4096))
	var walk func(prefix string, m map[string]any) error
	walk = func(prefix string, m map[string]any) error {
		for k, v := range m {
			key := k
			if prefix != "" {
				key = prefix + "." + k
			}
			switch x := v.(type) {
			case string:
				out[key] = Message{Other: x}
			case map[string]any:
				if isPlural(x) {
					msg := Message{Forms: map[string]string{}}
					for f, s := range x {
						str, _ := s.(string)
						if f == "other" {
							msg.Other = str
						} else {
							msg.Forms[f] = str
						}
					}
					out[key] = msg
				} else if err := walk(key, x); err != nil {
					return err
				}
			default:
				return fmt.Errorf("%s: a string or a table of plural forms expected", key)
			}
		}
		return nil
	}
	return out, walk("", raw)
}

func isPlural(m map[string]any) bool {
	if _, ok := m["other"].(string); !ok {
		return false
	}
	for k, v := range m {
		if _, ok := v.(string); !ok {
			return false
		}
		switch k {
		case "zero", "one", "two", "few", "many", "other":
		default:
			return false
		}
	}
	return true
}

// Has reports whether lang itself defines key.
func (c *Catalog) Has(lang, key string) bool { _, ok := c.langs[lang][key]; return ok }

func (c *Catalog) lookup(lang, key string) (Message, bool) {
	if m, ok := c.langs[lang][key]; ok {
		return m, true
	}
	m, ok := c.langs[c.def][key]
	return m, ok
}

// T returns the string for key in lang, falling back to the default
// language; a key found nowhere is returned as it is, so a gap shows.
func (c *Catalog) T(lang, key string) string {
	if m, ok := c.lookup(lang, key); ok {
		return m.Other
	}
	return key
}

// Text returns a configured text as lang shows it: a value written as
// "i18n:key" is the string of key in lang (see T); any other value is
// returned as written.
func (c *Catalog) Text(lang, value string) string {
	if key, ok := strings.CutPrefix(value, "i18n:"); ok {
		return c.T(lang, key)
	}
	return value
}

// LookupText is Text that also reports whether lang's own strings define
// the key, so that a word spelled the same in two languages ("Modules" in
// English and French) is known to be translated. Values without "i18n:"
// are never lang's own.
func (c *Catalog) LookupText(lang, value string) (text string, own bool) {
	if key, ok := strings.CutPrefix(value, "i18n:"); ok {
		return c.T(lang, key), c.Has(lang, key)
	}
	return value, false
}

// TN returns the plural form of key for n in lang, with {count} replaced by n.
func (c *Catalog) TN(lang, key string, n int) string {
	m, ok := c.lookup(lang, key)
	if !ok {
		return key
	}
	s := m.Other
	if len(m.Forms) > 0 {
		form := PluralForm(c.tag(lang), n)
		if n == 0 {
			if z, ok := m.Forms["zero"]; ok {
				s = z
				form = ""
			}
		}
		if f, ok := m.Forms[form]; ok {
			s = f
		}
	}
	return strings.ReplaceAll(s, "{count}", strconv.Itoa(n))
}

// Forms returns key's plural forms in lang ("one", "few", ..., and
// "other"), for a client that chooses the form itself (with the same CLDR
// rules); a key without plural forms gives only "other".
func (c *Catalog) Forms(lang, key string) map[string]string {
	m, ok := c.lookup(lang, key)
	if !ok {
		return map[string]string{"other": key}
	}
	out := map[string]string{"other": m.Other}
	for f, s := range m.Forms {
		out[f] = s
	}
	return out
}

// Format returns key's string with {name} placeholders replaced, from pairs name, value.
func (c *Catalog) Format(lang, key string, pairs ...any) string {
	s := c.T(lang, key)
	for i := 0; i+1 < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, "{"+fmt.Sprint(pairs[i])+"}", fmt.Sprint(pairs[i+1]))
	}
	return s
}

func (c *Catalog) tag(lang string) language.Tag {
	if t, ok := c.tags[lang]; ok {
		return t
	}
	return language.Make(lang)
}

// PluralForm is the CLDR plural form ("one", "few", "other"...) that the
// count n takes in the language tag.
func PluralForm(tag language.Tag, n int) string {
	return formName(plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0))
}

func formName(f plural.Form) string {
	switch f {
	case plural.Zero:
		return "zero"
	case plural.One:
		return "one"
	case plural.Two:
		return "two"
	case plural.Few:
		return "few"
	case plural.Many:
		return "many"
	}
	return "other"
}

// Keys returns every key of a language, sorted.
func (c *Catalog) Keys(lang string) []string {
	keys := make([]string, 0, len(c.langs[lang]))
	for k := range c.langs[lang] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Missing returns the keys the default language has and lang lacks.
func (c *Catalog) Missing(lang string) []string {
	var out []string
	for _, k := range c.Keys(c.def) {
		if !c.Has(lang, k) {
			out = append(out, k)
		}
	}
	return out
}
