package tmpstat

import (
	"context"
	"os"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/oersite/oersite/generator/internal/build"
)

func TestProf(t *testing.T) {
	site := os.Getenv("SITE")
	if site == "" {
		t.Skip()
	}
	os.RemoveAll(site + "/.oersite")
	f, _ := os.Create("/tmp/cpu.prof")
	pprof.StartCPUProfile(f)
	res, err := build.Build(context.Background(), build.Options{Source: site, Dest: "/tmp/prof-public", Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	pprof.StopCPUProfile()
	if err != nil {
		t.Fatal(err)
	}
	for _, tm := range res.Timings {
		t.Logf("%s %v", tm.Stage, tm.Took)
	}
}
