package cartridge

import (
	"regexp"
	"strconv"
	"strings"
)

// keywords are the course's keywords, each once, in their order.
func (l lom) keywords() []string {
	var out []string
	seen := map[string]bool{}
	for _, k := range l.Keywords {
		w := oneLine(k.text())
		if w != "" && !seen[strings.ToLower(w)] && len(out) < 32 {
			seen[strings.ToLower(w)] = true
			out = append(out, w)
		}
	}
	return out
}

// authors are the people the course names as its authors (a contribution
// whose role is "author"), by their vCards' full names, each once.
func (l lom) authors() []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range append(l.Contribute, l.Contrib2004...) {
		if !strings.EqualFold(c.Role.text(), "author") {
			continue
		}
		for _, card := range append(c.Entities, c.Entity...) {
			if name := vcardName(card); name != "" && !seen[name] && len(out) < 32 {
				seen[name] = true
				out = append(out, name)
			}
		}
	}
	return out
}

// vcardName is a vCard's full name (its FN line, its escapes undone), or
// the text itself when it is a name and no vCard.
func vcardName(card string) string {
	card = strings.ReplaceAll(strings.ReplaceAll(card, "\r\n", "\n"), "\r", "\n")
	if !strings.Contains(strings.ToUpper(card), "BEGIN:VCARD") {
		return oneLine(card)
	}
	for _, line := range strings.Split(card, "\n") {
		line = strings.TrimSpace(line)
		key, value, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.SplitN(key, ";", 2)[0], "FN") {
			return oneLine(strings.NewReplacer(`\,`, ",", `\;`, ";", `\\`, `\`, `\n`, " ").Replace(value))
		}
	}
	return ""
}

// isoDuration is an ISO 8601 duration as LOM writes a learning time.
var isoDuration = regexp.MustCompile(`^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$`)

// lomDuration is a learning time ("PT1H30M") as a module's front matter
// writes it ("1h30m"); "" for none, zero, or one it cannot read.
func lomDuration(iso string) string {
	m := isoDuration.FindStringSubmatch(strings.ToUpper(iso))
	if m == nil {
		return ""
	}
	n := func(s string) int {
		v, _ := strconv.Atoi(s)
		return v
	}
	minutes := n(m[1])*24*60 + n(m[2])*60 + n(m[3])
	if minutes <= 0 || minutes > 10000*60 {
		return ""
	}
	out := ""
	if h := minutes / 60; h > 0 {
		out = strconv.Itoa(h) + "h"
	}
	if mm := minutes % 60; mm > 0 {
		out += strconv.Itoa(mm) + "m"
	}
	return out
}

// languageCode is a language tag as a package writes it ("de", "es-ES",
// "en_GB"), trimmed; "" for none, for "und" or "x-none" (no language), or
// for what is no tag.
func languageCode(tag string) string {
	tag = strings.TrimSpace(tag)
	if tag == "" || len(tag) > 35 || strings.EqualFold(tag, "und") || strings.EqualFold(tag, "x-none") {
		return ""
	}
	for _, r := range tag {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return ""
		}
	}
	return strings.ReplaceAll(tag, "_", "-")
}
