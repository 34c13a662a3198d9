package oer

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// appendJSON appends v as encoding/json.Marshal writes it (keys sorted,
// HTML characters escaped), without reflection for the shapes JSON-LD
// objects are built from; anything else goes through encoding/json. Every
// page's head carries one such object, so this is on the build's hot path.
// It never changes v.
func appendJSON(b []byte, v any) []byte {
	switch x := v.(type) {
	case string:
		return appendJSONString(b, x)
	case bool:
		return strconv.AppendBool(b, x)
	case int:
		return strconv.AppendInt(b, int64(x), 10)
	case nil:
		return append(b, "null"...)
	case obj:
		return appendObj(b, x)
	case []obj:
		return appendList(b, x, appendObj)
	case []string:
		return appendList(b, x, appendJSONString)
	case []any:
		return appendList(b, x, appendJSON)
	case map[string]any:
		return appendMap(b, x, appendJSON)
	case map[string]string:
		return appendMap(b, x, appendJSONString)
	}
	data, err := json.Marshal(v)
	if err != nil {
		return append(b, "null"...)
	}
	return append(b, data...)
}

// appendObj writes an object with its keys sorted; the caller's fields stay in their order.
func appendObj(b []byte, x obj) []byte {
	var buf [32]int
	order := buf[:0]
	for i := range x {
		order = append(order, i)
	}
	slices.SortStableFunc(order, func(i, j int) int { return strings.Compare(x[i].k, x[j].k) })
	b = append(b, '{')
	for n, i := range order {
		if n > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, x[i].k)
		b = append(b, ':')
		b = appendJSON(b, x[i].v)
	}
	return append(b, '}')
}

// appendMap writes a map with its keys sorted.
func appendMap[V any](b []byte, m map[string]V, each func([]byte, V) []byte) []byte {
	b = append(b, '{')
	for i, k := range slices.Sorted(maps.Keys(m)) {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
		b = append(b, ':')
		b = each(b, m[k])
	}
	return append(b, '}')
}

// obj is a JSON object written with its keys sorted, as encoding/json
// writes a map; it is cheaper to build than a map, and JSON-LD objects are
// built for every page.
type obj []field

type field struct {
	k string
	v any
}

func appendList[T any](b []byte, list []T, each func([]byte, T) []byte) []byte {
	if list == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, e := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = each(b, e)
	}
	return append(b, ']')
}

const hexDigits = "0123456789abcdef"

// appendJSONString writes s as encoding/json does with HTML escaping on.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
