package content

import (
	"bytes"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// decodeSimpleYAML decodes the plain shape most front matter has, one
// "key: value" per line, where a value is a plain or quoted scalar, a flow
// list of them ([a, "b"]) or a block list of them ("- item" lines), with
// the values and key lines gopkg.in/yaml.v3 gives for the same text. It
// reports false for anything else (nested maps, multi-line or escaped
// strings, anchors, comments after values, numbers other than plain
// integers, duplicate keys, syntax errors...), which yaml.v3 then decodes:
// the fast path only ever decides what yaml.v3 would decide the same way.
// It exists because yaml.v3 spent about 35 µs on a dozen such lines, the
// largest cost of reading a site of small pages.
func decodeSimpleYAML(text []byte, startLine int) (decoded, bool) {
	d := decoded{values: map[string]any{}, lines: map[string]int{}}
	lines := bytes.Split(text, []byte("\n"))
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if !plainLine(line) {
			return d, false
		}
		trimmed := bytes.TrimRight(line, " ")
		if len(trimmed) == 0 || trimmed[0] == '#' {
			continue
		}
		colon := bytes.IndexByte(trimmed, ':')
		if colon <= 0 || !simpleKey(trimmed[:colon]) {
			return d, false
		}
		key, keyLine := string(trimmed[:colon]), startLine+i
		if _, dup := d.values[key]; dup {
			return d, false
		}
		rest := trimmed[colon+1:]
		var val any
		switch {
		case len(rest) == 0:
			// a block list on the following lines, or nothing (null)
			var items []any
			indent := -1
			for i+1 < len(lines) {
				next := bytes.TrimRight(lines[i+1], " ")
				if !plainLine(lines[i+1]) {
					return d, false
				}
				body := bytes.TrimLeft(next, " ")
				item, ok := bytes.CutPrefix(body, []byte("- "))
				if !ok {
					if len(body) != len(next) {
						return d, false // indented, and not a list item
					}
					break
				}
				if indent >= 0 && len(next)-len(body) != indent || bytes.HasPrefix(item, []byte(" ")) {
					return d, false
				}
				indent = len(next) - len(body)
				v, ok := simpleScalar(item, false)
				if !ok {
					return d, false
				}
				items = append(items, v)
				i++
			}
			if items != nil {
				val = items
			}
		case rest[0] != ' ':
			return d, false
		default:
			rest = rest[1:]
			if bytes.HasPrefix(rest, []byte(" ")) {
				return d, false
			}
			// an indented line after the value continues it: yaml.v3's business
			if i+1 < len(lines) && bytes.HasPrefix(lines[i+1], []byte(" ")) && len(bytes.TrimSpace(lines[i+1])) > 0 {
				return d, false
			}
			v, ok := simpleValue(rest)
			if !ok {
				return d, false
			}
			val = v
		}
		d.values[key] = normalise(val)
		d.lines[key] = keyLine
	}
	return d, true
}

// plainLine reports whether a line holds only printable characters and
// spaces: no tabs, control characters, or the Unicode line breaks YAML knows.
func plainLine(l []byte) bool {
	for i := 0; i < len(l); {
		c := l[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7F {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(l[i:])
		// YAML's printable set, less the line breaks and the byte order mark
		if r == utf8.RuneError || r < 0xA0 || r == 0x2028 || r == 0x2029 || r == 0xFEFF || r > 0xFFFD && r < 0x10000 {
			return false
		}
		i += size
	}
	return true
}

func simpleKey(k []byte) bool {
	if len(k) == 0 || !(k[0] >= 'a' && k[0] <= 'z' || k[0] >= 'A' && k[0] <= 'Z') {
		return false
	}
	for _, c := range k {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// simpleValue decodes a value on the key's line.
func simpleValue(v []byte) (any, bool) {
	if v[0] != '[' {
		return simpleScalar(v, false)
	}
	if v[len(v)-1] != ']' {
		return nil, false
	}
	inner := bytes.TrimSpace(v[1 : len(v)-1])
	items := []any{}
	if len(inner) == 0 {
		return items, true
	}
	for _, part := range bytes.Split(inner, []byte(",")) {
		part = bytes.Trim(part, " ")
		if len(part) == 0 {
			return nil, false
		}
		s, ok := simpleScalar(part, true)
		if !ok {
			return nil, false
		}
		items = append(items, s)
	}
	return items, true
}

// simpleScalar decodes one scalar, in a flow list when inFlow.
func simpleScalar(v []byte, inFlow bool) (any, bool) {
	switch v[0] {
	case '"':
		s := v[1:]
		if len(s) == 0 || s[len(s)-1] != '"' {
			return nil, false
		}
		s = s[:len(s)-1]
		if bytes.ContainsAny(s, `"\`) {
			return nil, false
		}
		return string(s), true
	case '\'':
		s := v[1:]
		if len(s) == 0 || s[len(s)-1] != '\'' {
			return nil, false
		}
		s = s[:len(s)-1]
		if bytes.Contains(s, []byte("'")) {
			return nil, false
		}
		return string(s), true
	}
	// A plain scalar: it may not start with an indicator, hold ": " or
	// " #", or end with ":"; in a list, no brackets, braces or commas.
	if bytes.IndexByte([]byte("-?:,[]{}#&*!|>'\"%@`"), v[0]) >= 0 ||
		bytes.Contains(v, []byte(": ")) || bytes.Contains(v, []byte(" #")) || v[len(v)-1] == ':' {
		return nil, false
	}
	if inFlow && bytes.ContainsAny(v, "[]{},") {
		return nil, false
	}
	return resolvePlain(string(v))
}

// resolvePlain gives a plain scalar the value yaml.v3 gives it when decoded
// into an interface, or reports false where that takes more than this knows.
func resolvePlain(s string) (any, bool) {
	switch s {
	case "true", "True", "TRUE":
		return true, true
	case "false", "False", "FALSE":
		return false, true
	case "~", "null", "Null", "NULL":
		return nil, true
	}
	c := s[0]
	switch {
	case c == '.' || c == '+' || c == '<':
		return nil, false
	case c >= '0' && c <= '9':
		if isDate(s) {
			return s, true // a timestamp, which yaml.v3 hands to interfaces as its text
		}
		if strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }) < 0 {
			if len(s) > 1 && s[0] == '0' {
				return nil, false // octal in yaml.v3
			}
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil || n != int64(int(n)) {
				return nil, false
			}
			return int(n), true
		}
		// digits then letters ("2h", "90 minutes"): a string unless it
		// reads as a number in some base or notation
		if strings.ContainsAny(s, "_xXoObBeE.") || strings.HasPrefix(s, "0") {
			return nil, false
		}
		if strings.Contains(s, "-") {
			return nil, false // could be a timestamp of another shape
		}
		return s, true
	}
	return s, true
}

// isDate reports whether s is a plain date that yaml.v3 resolves as a timestamp.
func isDate(s string) bool {
	if len(s) < 8 || len(s) > 10 || s[4] != '-' {
		return false
	}
	_, err := time.Parse("2006-1-2", s)
	return err == nil
}
