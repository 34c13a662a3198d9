package config

import (
	"bytes"
	"reflect"
	"strconv"
	"strings"

	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/htmltext"
)

// dropControls leaves out of every setting the characters a web page
// cannot hold (see htmltext), as pages' own text has them left out: TOML
// refuses a control character written as it is, but an escape in a string
// ("\u000b", "\e") makes one, and a file converted with the wrong encoding
// holds noncharacters. It warns once, at the line of the first.
func (c *Config) dropControls(displayName string, data []byte) diag.List {
	first := cleanStrings(reflect.ValueOf(c).Elem())
	if first < 0 {
		return nil
	}
	return diag.List{htmltext.LeftOut(displayName, forbiddenLine(data), first, `remove the escape that makes it (such as \u000b or \e)`)}
}

// cleanStrings leaves the characters htmltext forbids out of every string
// v holds (its exported fields, elements, map values, and what interfaces
// hold), and returns the first it found, -1 for none.
func cleanStrings(v reflect.Value) rune {
	first := rune(-1)
	note := func(r rune) {
		if first < 0 {
			first = r
		}
	}
	switch v.Kind() {
	case reflect.String:
		if clean, r := htmltext.Clean(v.String()); r >= 0 {
			v.SetString(clean)
			note(r)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				note(cleanStrings(v.Field(i)))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			note(cleanStrings(v.Index(i)))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			note(cleanStrings(v.Elem()))
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			if e, r := cleanCopy(it.Value()); r >= 0 {
				v.SetMapIndex(it.Key(), e)
				note(r)
			}
		}
	case reflect.Interface:
		if !v.IsNil() {
			if e, r := cleanCopy(v.Elem()); r >= 0 {
				v.Set(e)
				note(r)
			}
		}
	}
	return first
}

// cleanCopy is cleanStrings on a settable copy of v (a map's value or an
// interface's cannot be changed where they are).
func cleanCopy(v reflect.Value) (reflect.Value, rune) {
	e := reflect.New(v.Type()).Elem()
	e.Set(v)
	return e, cleanStrings(e)
}

// forbiddenLine is the first line of a TOML file, comments left aside,
// that holds a character htmltext forbids, written as it is or as an escape
// (\uXXXX, \UXXXXXXXX, \xHH, \e, \b), or 0.
func forbiddenLine(data []byte) int {
	for i, line := range bytes.Split(data, []byte("\n")) {
		if bytes.HasPrefix(bytes.TrimSpace(line), []byte("#")) {
			continue
		}
		if htmltext.FirstForbidden(bytes.TrimSuffix(line, []byte("\r"))) >= 0 || forbiddenEscape(string(line)) {
			return i + 1
		}
	}
	return 0
}

// forbiddenEscape reports whether a line holds an escape that makes a
// character htmltext forbids (an escaped backslash, \\, makes none).
func forbiddenEscape(line string) bool {
	for i := strings.IndexByte(line, '\\'); i >= 0 && i+1 < len(line); i = nextBackslash(line, i) {
		r := rune(-1)
		switch line[i+1] {
		case 'e':
			r = 0x1b
		case 'b':
			r = '\b'
		case 'u', 'U', 'x':
			n := map[byte]int{'u': 4, 'U': 8, 'x': 2}[line[i+1]]
			if i+2+n <= len(line) {
				if v, err := strconv.ParseUint(line[i+2:i+2+n], 16, 32); err == nil {
					r = rune(v)
				}
			}
		}
		if r >= 0 && htmltext.Forbidden(r) {
			return true
		}
	}
	return false
}

// nextBackslash is the index of the backslash after the escape at i, or -1.
func nextBackslash(line string, i int) int {
	j := strings.IndexByte(line[i+2:], '\\')
	if j < 0 {
		return -1
	}
	return i + 2 + j
}
