package i18n

import "strings"

// Part is a piece of a message: literal Text, or Slot, the name of a
// {placeholder} that a template fills with its own markup (a link in a
// sentence whose word order each language chooses).
type Part struct {
	Text string
	Slot string
}

// Parts returns key's string in lang cut at its {name} placeholders.
func (c *Catalog) Parts(lang, key string) []Part { return Split(c.T(lang, key)) }

// Split cuts a message at its {name} placeholders (a name is lower-case
// letters, digits and dots); any other brace is text.
func Split(msg string) []Part {
	var parts []Part
	text := 0
	for i := 0; i < len(msg); i++ {
		if msg[i] != '{' {
			continue
		}
		end := strings.IndexByte(msg[i+1:], '}')
		if end <= 0 || !slotName(msg[i+1:i+1+end]) {
			continue
		}
		if text < i {
			parts = append(parts, Part{Text: msg[text:i]})
		}
		parts = append(parts, Part{Slot: msg[i+1 : i+1+end]})
		i += end + 1
		text = i + 1
	}
	if text < len(msg) {
		parts = append(parts, Part{Text: msg[text:]})
	}
	return parts
}

func slotName(s string) bool {
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '.' {
			return false
		}
	}
	return true
}
