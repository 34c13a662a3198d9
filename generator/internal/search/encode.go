package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"
)

// digits are the 64 characters of the compact number encoding: letters,
// digits, "-" and "_", none of which needs escaping in a JavaScript string.
const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// varints appends unsigned numbers to b, five bits per character, the sixth
// bit saying that more characters follow: 0-31 take one character, up to
// 1023 two, up to 32767 three. The client reads them back (search.js: nums).
type varints struct{ strings.Builder }

func (v *varints) put(n int) {
	if n < 0 {
		n = 0
	}
	for n >= 32 {
		v.WriteByte(digits[32|n&31])
		n >>= 5
	}
	v.WriteByte(digits[n])
}

// decodeVarints reads numbers written by varints (for tests and the Go reader).
func decodeVarints(s string) []int {
	var out []int
	n, shift := 0, 0
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(digits, s[i])
		n |= (d & 31) << shift
		if d&32 != 0 {
			shift += 5
			continue
		}
		out = append(out, n)
		n, shift = 0, 0
	}
	return out
}

// jsonBody encodes a file's data.
func jsonBody(data any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(data); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// appendMarshalled appends v as encoding/json's Marshal writes it, byte for
// byte: a shard member's value (a number, a string or a list of strings),
// written without Marshal's reflection when no character needs escaping,
// which is nearly always (the encoded numbers, the terms): one value for
// every word form and term of a language.
func appendMarshalled(b []byte, v any) []byte {
	switch v := v.(type) {
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case string:
		if plainJSON(v) {
			return append(append(append(b, '"'), v...), '"')
		}
	case []string:
		if v != nil && !slices.ContainsFunc(v, func(s string) bool { return !plainJSON(s) }) {
			b = append(b, '[')
			for i, s := range v {
				if i > 0 {
					b = append(b, ',')
				}
				b = append(append(append(b, '"'), s...), '"')
			}
			return append(b, ']')
		}
	}
	m, _ := json.Marshal(v)
	return append(b, m...)
}

// plainJSON tells whether Marshal writes s between quotes unchanged: valid
// UTF-8 without control characters, quotes, backslashes, the characters it
// escapes for HTML (<, >, &) or U+2028 and U+2029.
func plainJSON(s string) bool {
	wide := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&':
			return false
		case c >= 0x80:
			wide = true
		}
	}
	return !wide || utf8.ValidString(s) && !strings.Contains(s, "\u2028") && !strings.Contains(s, "\u2029")
}

// appendString appends s as a JSON string that is also safe in a
// JavaScript file (U+2028 and U+2029 escaped).
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x20 && c != '"' && c != '\\' && c != 0xe2 {
			continue // most bytes: kept as they are
		}
		var esc string
		switch c := s[i]; {
		case c == '"':
			esc = `\"`
		case c == '\\':
			esc = `\\`
		case c == '\n':
			esc = `\n`
		case c < 0x20:
			esc = fmt.Sprintf(`\u%04x`, c)
		case c == 0xe2 && strings.HasPrefix(s[i:], "\u2028"):
			esc = `\u2028`
		case c == 0xe2 && strings.HasPrefix(s[i:], "\u2029"):
			esc = `\u2029`
		default:
			continue
		}
		b = append(append(b, s[start:i]...), esc...)
		if s[i] == 0xe2 {
			i += 2 // the rest of U+2028 or U+2029
		}
		start = i + 1
	}
	return append(append(b, s[start:]...), '"')
}

// appendStrings appends a JSON array of strings.
func appendStrings(b []byte, list []string) []byte {
	b = append(b, '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// wrapperBytes bounds what jsFile adds around a body.
const wrapperBytes = 48

// jsFile is one file of the static index: a classic script that hands its
// data to the client, so that it also loads from disk (file://).
func jsFile(lang, name string, body []byte) []byte {
	b := make([]byte, 0, len(body)+len(lang)+len(name)+32)
	b = strconv.AppendQuote(append(b, "oersiteSearch.add("...), lang)
	b = strconv.AppendQuote(append(b, ','), name)
	return append(append(append(b, ','), body...), ");\n"...)
}

// sizer estimates the size of files as a static host serves them (gzip).
// It compresses with klauspost/compress's level 3, which on real index
// files is 2.3 times as fast as the standard library's fastest level and
// closer to what gzip's default level gives (6% above it in total against
// 8%, and above it on each of the 965 files of the English index of a
// 10k-page site of real text): the check that each file fits was half of
// the export's CPU. Only the bytes are counted; one compressor is reused
// for every file. With a memory of sizes (see Sizes), bytes whose size it
// knows are not compressed again.
type sizer struct {
	w    *flate.Writer
	n    byteCounter
	memo *Sizes // nil: none
}

func (z *sizer) compressed(data []byte) int {
	var k sizeKey
	if z.memo != nil {
		var n int
		var ok bool
		if k, n, ok = z.memo.lookup(data); ok {
			return n
		}
	}
	n := z.compress(data)
	if z.memo != nil {
		z.memo.remember(k, n)
	}
	return n
}

// compress returns the gzipped size of data.
func (z *sizer) compress(data []byte) int {
	z.n = 0
	if z.w == nil {
		z.w, _ = flate.NewWriter(&z.n, 3)
	} else {
		z.w.Reset(&z.n)
	}
	_, _ = z.w.Write(data)
	_ = z.w.Close()
	return int(z.n) + 18 // gzip header and trailer
}

// byteCounter is a writer that only counts what it is given.
type byteCounter int

func (c *byteCounter) Write(p []byte) (int, error) {
	*c += byteCounter(len(p))
	return len(p), nil
}
