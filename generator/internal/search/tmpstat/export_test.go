package tmpstat

import (
	"fmt"
	"os"
	"runtime/pprof"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/oersite/oersite/generator/internal/realtext"
	"github.com/oersite/oersite/generator/internal/search"
)

func TestExportProf(t *testing.T) {
	if os.Getenv("CORPUS") == "" {
		t.Skip()
	}
	arts, _ := realtext.ReadCorpus(os.Getenv("CORPUS")+"/en", "en")
	pages := realtext.Pick(realtext.Pages(arts), 2000)
	var docs []search.Doc
	for i, p := range pages {
		d := search.Doc{URL: fmt.Sprintf("en/modules/page-%05d/", i), Kind: "module", Title: p.Title}
		for j, s := range p.Sections {
			text := s.Heading + "\n" + strings.Join(s.Paragraphs, "\n") + "\n"
			d.Body += text
			if s.Heading != "" {
				d.Headings = append(d.Headings, s.Heading)
			}
			d.Sections = append(d.Sections, search.Section{Anchor: fmt.Sprint("s", j), Heading: s.Heading, Text: text})
		}
		docs = append(docs, d)
	}
	ix, _ := search.OpenMemory("en")
	t0 := time.Now()
	c0 := cpu()
	ix.Update(docs)
	t1 := time.Now()
	t.Logf("update cpu %v", cpu()-c0)
	f, _ := os.Create("/tmp/export.prof")
	pprof.StartCPUProfile(f)
	st, err := ix.Export(func(string, []byte) error { return nil })
	pprof.StopCPUProfile()
	t.Logf("export cpu %v", cpu()-c0)
	t.Logf("update %v export %v %+v %v", t1.Sub(t0), time.Since(t1), st, err)
}

func cpu() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
