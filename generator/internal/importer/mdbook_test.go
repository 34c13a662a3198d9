package importer

import (
	"strings"
	"testing"
	"testing/fstest"
)

// A book whose files include each other many times over (each a hundred
// times, nine deep: 10^18 copies) stops at the page's limits, said once,
// instead of growing without end.
func TestIncludesThatMultiplyStop(t *testing.T) {
	fsys := fstest.MapFS{}
	for i := range 9 {
		fsys[string(rune('a'+i))+".md"] = &fstest.MapFile{Data: []byte(strings.Repeat("{{#include "+string(rune('a'+i+1))+".md}}\n", 100))}
	}
	fsys["j.md"] = &fstest.MapFile{Data: []byte("x\n")}
	rep := &Report{}
	in := &includer{src: fsys, rep: rep, used: map[string]bool{}}
	out, _ := in.expand("page.md", []byte("{{#include a.md}}\n"))
	if len(out) > maxIncludedBytes || len(rep.Skipped) != 1 || !strings.Contains(rep.Skipped[0].String(), "page.md:1: the page takes more than 10000 files or 32 MB") {
		t.Errorf("%d bytes, problems %v", len(out), rep.Skipped)
	}
}
