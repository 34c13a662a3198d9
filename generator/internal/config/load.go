package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/oersite/oersite/generator/internal/diag"
)

// FileName is the configuration file at the root of a site.
const FileName = "config.toml"

// Default returns the configuration every site starts from.
func Default() Config {
	return Config{
		Title:             "oersite",
		Theme:             "default",
		DefaultLanguage:   "en",
		Languages:         map[string]Language{"en": {Name: "English", Weight: 1}},
		FallbackToDefault: true,
		Paginate:          50,
		Markup:            Markup{Typographer: true, PictureSizes: DefaultPictureSizes},
		OER:               OER{DefaultLicence: "CC-BY-SA-4.0", Currency: "EUR"},
		Vocabulary: Vocabulary{
			Audiences: map[string]string{
				"learners": "student", "trainers": "teacher", "tutors": "peerTutor",
			},
			Levels:        []string{"beginner", "intermediate", "advanced"},
			ResourceTypes: []string{"checklist", "worksheet", "template", "slides", "glossary", "guide", "video", "audio", "handout", "case-study"},
		},
		Offline: Offline{ZipName: "offline.zip"},
		Limits:  DefaultLimits(),
	}
}

// Load reads path (usually config.toml) over Default and validates the result.
// Errors name the file and line. Unknown keys are returned as warnings.
func Load(path, displayName string) (Config, diag.List, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		d := diag.Errorf(displayName, 0, "create config.toml at the site root, or pass --source with the folder that holds it", "no configuration file")
		return Config{}, nil, diag.List{d}.Err()
	}
	if err != nil {
		return Config{}, nil, err
	}
	return Parse(data, displayName)
}

// Parse decodes config.toml's bytes over Default and validates the result.
func Parse(data []byte, displayName string) (Config, diag.List, error) {
	cfg := Default()
	md, err := toml.Decode(string(data), &struct{}{})
	if err == nil {
		// Tables a site defines replace the defaults instead of adding to
		// them: asked of the parsed file, so a comment or a string that
		// mentions a table changes nothing.
		if md.IsDefined("languages") {
			cfg.Languages = nil
		}
		if md.IsDefined("vocabulary", "audiences") {
			cfg.Vocabulary.Audiences = nil
		}
		md, err = toml.Decode(string(data), &cfg)
	}
	if err != nil {
		line := 0
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line = pe.Position.Line
			err = errors.New(pe.Message)
		}
		d := diag.Errorf(displayName, line, "fix the TOML syntax at that line (strings need quotes, tables look like [name])", "config.toml does not parse: %v", err)
		return Config{}, nil, diag.List{d}.Err()
	}
	var warns diag.List
	lines := newKeyLines(data)
	unknown := 0
	for _, k := range md.Undecoded() {
		key := k.String()
		if strings.HasPrefix(key, "params.") || key == "params" {
			continue
		}
		if unknown++; unknown > 20 { // bounded work and output, whatever the file holds
			continue
		}
		warns.Add(diag.Warnf(displayName, lines.of(k[len(k)-1]), "remove it, or check its spelling against the README's config reference", "unknown setting %q is ignored", key))
	}
	if unknown > 20 {
		warns.Add(diag.Warnf(displayName, 0, "check the file against the README's config reference", "%d more unknown settings are ignored", unknown-20))
	}
	if cfg.Params == nil {
		cfg.Params = map[string]any{}
	}
	warns = append(warns, cfg.dropControls(displayName, data)...)
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/") + "/"
	cfg.lines = lines
	errs := cfg.Validate(displayName, data)
	all := append(warns, errs...)
	return cfg, all, errs.Err()
}

// keyLines finds the line where a key is assigned or a table opened, for
// messages. The file is split once, whatever the number of lookups.
type keyLines struct{ lines []string }

func newKeyLines(data []byte) keyLines { return keyLines{lines: strings.Split(string(data), "\n")} }

// of returns the first line (1-based) mentioning key as a key or table, or 0.
func (k keyLines) of(key string) int {
	for i, l := range k.lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "#") {
			continue
		}
		if strings.HasPrefix(t, key) || strings.HasPrefix(t, "["+key) || strings.Contains(t, "."+key+"]") || strings.HasPrefix(t, `"`+key+`"`) {
			return i + 1
		}
	}
	return 0
}

// inTable returns the line (1-based) where key is set inside the table
// [table] or one of the entries [[table]] (the top level when table is
// ""), on a line that also holds value when value is not empty; or 0.
func (k keyLines) inTable(table, key, value string) int {
	current := ""
	for i, l := range k.lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "#") {
			continue
		}
		if strings.HasPrefix(t, "[") {
			current = strings.TrimSpace(strings.Trim(t, "[]"))
			continue
		}
		rest, ok := strings.CutPrefix(t, key)
		if ok && current == table && strings.HasPrefix(strings.TrimLeft(rest, " \t"), "=") && strings.Contains(t, value) {
			return i + 1
		}
	}
	return 0
}

// LanguageCodes returns the site's language codes: the default language first,
// then by weight, then by code.
func (c Config) LanguageCodes() []string {
	codes := make([]string, 0, len(c.Languages))
	for code := range c.Languages {
		codes = append(codes, code)
	}
	sort.Slice(codes, func(i, j int) bool {
		a, b := codes[i], codes[j]
		if (a == c.DefaultLanguage) != (b == c.DefaultLanguage) {
			return a == c.DefaultLanguage
		}
		wa, wb := c.Languages[a].Weight, c.Languages[b].Weight
		if wa != wb {
			return wa < wb
		}
		return a < b
	})
	return codes
}

// SiteTitle returns the site's name in a language.
func (c Config) SiteTitle(lang string) string {
	if t := c.Languages[lang].Title; t != "" {
		return t
	}
	return c.Title
}

// HasLevel reports whether level is in the vocabulary.
func (c Config) HasLevel(level string) bool {
	for _, l := range c.Vocabulary.Levels {
		if l == level {
			return true
		}
	}
	return false
}

// HasResourceType reports whether t is an allowed resource type.
func (c Config) HasResourceType(t string) bool {
	for _, v := range c.Vocabulary.ResourceTypes {
		if v == t {
			return true
		}
	}
	return false
}

// String renders a short description for logs.
func (c Config) String() string {
	return fmt.Sprintf("%s (%s, %d languages)", c.Title, c.BaseURL, len(c.Languages))
}
