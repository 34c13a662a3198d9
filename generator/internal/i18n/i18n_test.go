package i18n

import (
	"crypto/sha256"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
)

func TestPluralsFallbackAndOverride(t *testing.T) {
	fsys := fstest.MapFS{
		"theme/en.toml": {Data: []byte("hello = \"Hello\"\nonly_en = \"English only\"\n[lessons]\none = \"{count} lesson\"\nother = \"{count} lessons\"\n")},
		"theme/bg.toml": {Data: []byte("hello = \"Здравейте\"\n[lessons]\none = \"{count} урок\"\nother = \"{count} урока\"\n")},
		"theme/pl.toml": {Data: []byte("[lessons]\none = \"{count} lekcja\"\nfew = \"{count} lekcje\"\nmany = \"{count} lekcji\"\nother = \"{count} lekcji\"\n")},
		"site/en.toml":  {Data: []byte("hello = \"Hi there\"\n")},
	}
	c, diags := Load(fsys, []string{"theme", "site"}, []string{"en", "bg", "pl"}, "en")
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	checks := []struct{ got, want string }{
		{c.T("en", "hello"), "Hi there"},
		{c.T("bg", "hello"), "Здравейте"},
		{c.T("bg", "only_en"), "English only"},
		{c.T("bg", "missing.key"), "missing.key"},
		{c.TN("en", "lessons", 1), "1 lesson"},
		{c.TN("en", "lessons", 4), "4 lessons"},
		{c.TN("pl", "lessons", 3), "3 lekcje"},
		{c.TN("pl", "lessons", 5), "5 lekcji"},
		{c.TN("bg", "lessons", 1), "1 урок"},
		{c.Format("en", "hello", "x", 1), "Hi there"},
		{c.Text("bg", "i18n:hello"), "Здравейте"},
		{c.Text("bg", "Learning2gether"), "Learning2gether"},
	}
	for i, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("check %d: got %q, want %q", i, ch.got, ch.want)
		}
	}
	if s, own := c.LookupText("bg", "i18n:only_en"); s != "English only" || own {
		t.Errorf("LookupText(bg, only_en) = %q, %v", s, own)
	}
	if s, own := c.LookupText("bg", "i18n:hello"); s != "Здравейте" || !own {
		t.Errorf("LookupText(bg, hello) = %q, %v", s, own)
	}
	if m := c.Missing("bg"); len(m) != 1 || m[0] != "only_en" {
		t.Errorf("Missing(bg) = %v", m)
	}
}

func TestBrokenStringsFileNamesLine(t *testing.T) {
	fsys := fstest.MapFS{"theme/en.toml": {Data: []byte("a = \"ok\"\nb = \n")}}
	_, diags := Load(fsys, []string{"theme"}, []string{"en"}, "en")
	if len(diags) != 1 || diags[0].Line != 2 || diags[0].File != "theme/en.toml" {
		t.Errorf("diags %v", diags)
	}
}

// A strings file of empty lines reserves no memory by its line count (the
// map's size hint, taken from it, is capped).
func TestEmptyLinesReserveNoMemory(t *testing.T) {
	data := []byte(strings.Repeat("\n", 4<<20) + "hello = \"Hello\"\n")
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	msgs, err := parse(data)
	runtime.ReadMemStats(&after)
	if err != nil || msgs["hello"].Other != "Hello" {
		t.Fatalf("parse: %v, %v", msgs, err)
	}
	// the text itself is copied once by the TOML decoder (4 MiB); a map
	// sized by the lines would add about 200 MiB
	if got := after.TotalAlloc - before.TotalAlloc; got > 32<<20 {
		t.Errorf("parsing 4 Mi empty lines allocated %d MiB", got>>20)
	}
}

// Files kept parsed give the same catalog as files parsed again, through
// their bincode form too; the site's override does not reach the kept
// theme strings; an edited file is parsed again, and what no load used is
// not kept.
func TestParsedFilesAreKept(t *testing.T) {
	fsys := fstest.MapFS{
		"theme/en.toml": {Data: []byte("hello = \"Hello\"\nbye = \"Bye\"\n[lessons]\none = \"{count} lesson\"\nother = \"{count} lessons\"\n")},
		"theme/fr.toml": {Data: []byte("hello = \"Bonjour\"\n")},
		"site/en.toml":  {Data: []byte("hello = \"Hi there\"\n")},
	}
	dirs, langs := []string{"theme", "site"}, []string{"en", "fr"}
	want, _ := Load(fsys, dirs, langs, "en")
	kept := NewParsed()
	first, diags := LoadWith(fsys, dirs, langs, "en", kept)
	if len(diags) > 0 || !reflect.DeepEqual(first, want) || !kept.Changed() {
		t.Fatalf("the first load: %v, changed %v", diags, kept.Changed())
	}
	again, err := DecodeParsed(kept.Append(nil))
	if err != nil {
		t.Fatal(err)
	}
	second, _ := LoadWith(fsys, dirs, langs, "en", again)
	if !reflect.DeepEqual(second, want) || again.Changed() {
		t.Errorf("the load from kept files: changed %v, catalog equal %v", again.Changed(), reflect.DeepEqual(second, want))
	}
	if got := again.files[sha256.Sum256(fsys["theme/en.toml"].Data)]["hello"].Other; got != "Hello" {
		t.Errorf("the site's override reached the kept theme strings: %q", got)
	}

	fsys["theme/fr.toml"] = &fstest.MapFile{Data: []byte("hello = \"Salut\"\n")}
	third, _ := LoadWith(fsys, dirs, langs, "en", again)
	if got := third.T("fr", "hello"); got != "Salut" || !again.Changed() {
		t.Errorf("an edited file gave %q (changed %v)", got, again.Changed())
	}
	if later, err := DecodeParsed(again.Append(nil)); err != nil || len(later.files) != 3 {
		t.Errorf("kept again: %d files (%v); want the 3 used", len(later.files), err)
	}
	b := kept.Append(nil)
	for cut := range len(b) {
		if _, err := DecodeParsed(b[:cut]); err == nil {
			t.Fatalf("kept strings cut at %d of %d bytes gave no error", cut, len(b))
		}
	}
}

func TestSplitCutsAtPlaceholders(t *testing.T) {
	for _, tc := range []struct {
		msg  string
		want []Part
	}{
		{"“{title}” by {authors} is licensed under {licence}.", []Part{{Text: "“"}, {Slot: "title"}, {Text: "” by "}, {Slot: "authors"}, {Text: " is licensed under "}, {Slot: "licence"}, {Text: "."}}},
		{"{title}", []Part{{Slot: "title"}}},
		{"no slots", []Part{{Text: "no slots"}}},
		{"a {} b {Not} c {x", []Part{{Text: "a {} b {Not} c {x"}}},
		{"", nil},
	} {
		if got := Split(tc.msg); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Split(%q) = %+v, want %+v", tc.msg, got, tc.want)
		}
	}
}
