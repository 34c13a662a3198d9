package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/publish"
)

// A patch build keeps the last search index of a language it indexes again
// in its staging folder until the new export is written: then the files the
// export no longer writes (it cut the index into other files) are dropped,
// those it wrote stay, and other languages' indexes are not touched.
func TestPatchDropsSearchFilesTheExportNoLongerWrites(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	first, err := publish.NewStaging(dest)
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range map[string]string{
		"_search/en/x-0.js": "kept", "_search/en/x-1.js": "gone", "_search/fr/x-0.js": "french",
		"_search/search.js": "client", "en/index.html": "page", publish.MarkerFile: `{"version": "1", "files": []}`,
	} {
		if err := first.WriteFile(p, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	last := first.Entries()
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	s, err := publish.NewStagingFrom(dest, last, nil)
	if err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	defer s.Abort()
	plan := &patchPlan{base: &patchBase{rec: &buildRecord{Entries: last}}, langs: map[string]bool{"en": true}}
	written := map[string]bool{}
	for p, data := range map[string]string{"_search/en/x-0.js": "kept", "_search/en/x-2.js": "new"} {
		written[p] = true
		if err := s.WriteFile(p, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := plan.dropUnwritten(s, "en", written); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, e := range s.Entries() {
		paths = append(paths, e.Path)
	}
	want := "_search/en/x-0.js _search/en/x-2.js _search/fr/x-0.js _search/search.js en/index.html mirror.json"
	if got := strings.Join(paths, " "); got != want {
		t.Errorf("entries %s\nwant %s", got, want)
	}
	if _, err := os.Stat(filepath.Join(s.Dir(), "_search/en/x-1.js")); err == nil {
		t.Error("the file the export no longer writes is still in the staging folder")
	}
	for _, p := range []string{"_search/en/x-0.js", "_search/fr/x-0.js"} {
		if _, err := os.Stat(filepath.Join(s.Dir(), p)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}
