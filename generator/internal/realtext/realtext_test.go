package realtext

import (
	"os"
	"testing"
)

func TestCorpusStats(t *testing.T) {
	dir := os.Getenv("OERSITE_CORPUS")
	if dir == "" {
		t.Skip("OERSITE_CORPUS not set")
	}
	for _, l := range []string{"en", "fr", "es", "pt", "it"} {
		arts, err := ReadCorpus(dir+"/"+l, l)
		if err != nil {
			t.Fatal(err)
		}
		ps := Pages(arts)
		w := 0
		for _, p := range ps {
			w += p.Words()
		}
		t.Logf("%s: %d articles, %d pages, %d words, e.g. %q", l, len(arts), len(ps), w, ps[len(ps)/3].Title)
	}
}
