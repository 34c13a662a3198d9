package build_test

import (
	"bytes"
	"testing"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/sitetest"
)

// now is the build date of every test: 2026-11-23.
var now = sitetest.Now

// writeSite writes a txtar archive into a new site folder and returns it.
func writeSite(t testing.TB, archive string) string {
	t.Helper()
	return sitetest.Write(t, archive)
}

// buildSite builds dir into dir/public and fails the test on error.
func buildSite(t testing.TB, dir string) *build.Result {
	t.Helper()
	return sitetest.Build(t, dir)
}

// read returns a file of the output.
func read(t testing.TB, dir, p string) string {
	t.Helper()
	return sitetest.Read(t, dir, p)
}

// assertContains fails unless every want is in the file.
func assertContains(t testing.TB, dir, p string, wants ...string) {
	t.Helper()
	sitetest.Contains(t, dir, p, wants...)
}

func assertNotContains(t testing.TB, dir, p string, bad ...string) {
	t.Helper()
	sitetest.NotContains(t, dir, p, bad...)
}

func exists(dir, p string) bool {
	return sitetest.Exists(dir, p)
}

// snapshot returns every file under root with its bytes.
func snapshot(t testing.TB, root string) map[string][]byte {
	t.Helper()
	return sitetest.Snapshot(t, root)
}

func sameTree(a, b map[string][]byte) (string, bool) {
	if len(a) != len(b) {
		return "different number of files", false
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			return k, false
		}
	}
	return "", true
}

// baseConfig is a two-language config used by most tests.
const baseConfig = `-- config.toml --
baseURL = "https://example.org/oer/"
title = "Test OER"
properNames = ["Test OER"]
defaultLanguage = "en"
[languages.en]
name = "English"
weight = 1
[languages.it]
name = "Italiano"
weight = 2
[vocabulary.audiences]
sme-workers = "professional"
young-tutors = "peerTutor"
`
