package harvest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/harvest"
)

// ambRecords returns an AMB catalogue of n records, in four languages.
func ambRecords(n int) []byte {
	langs := []string{"en", "it", "bg", "es"}
	types := []string{"course", "worksheet", "video", "text"}
	recs := make([]map[string]any, n)
	for i := range recs {
		recs[i] = map[string]any{
			"id":                   fmt.Sprintf("https://oer.example.eu/r/%05d", i),
			"name":                 fmt.Sprintf("Resource %d: selling online for small shops, part %d", i, i%40),
			"description":          "A short guide for small businesses: photos, prices, delivery and answering customers, with exercises.",
			"inLanguage":           []string{langs[i%4]},
			"license":              map[string]string{"id": "https://creativecommons.org/licenses/by/4.0/"},
			"creator":              []map[string]string{{"type": "Organization", "name": fmt.Sprintf("Partner team %d", i%12)}},
			"learningResourceType": []map[string]string{{"id": "https://w3id.org/kim/hcrt/" + types[i%4]}},
			"datePublished":        fmt.Sprintf("2026-%02d-%02d", 1+i%12, 1+i%28),
		}
	}
	b, _ := json.Marshal(recs)
	return b
}

// BenchmarkHarvestAndBuild5000 harvests a partner catalogue of 5,000
// records from 127.0.0.1, then builds a two-language site that shows them
// (catalogue pages, filters, search). It reports the harvest's and the
// build's time and the heap in use after the build. Run alone, in a quiet
// hour: go test ./generator/internal/harvest -run '^$' -bench HarvestAndBuild5000 -benchtime 1x -benchmem
func BenchmarkHarvestAndBuild5000(b *testing.B) {
	const n = 5000
	f := newFixture(b, map[string][]byte{"catalogue.json": ambRecords(n)})
	ps := []config.Partner{{ID: "big", Name: "Big Partner", Country: "EU", URL: f.URL + "/catalogue.json", Format: "amb", Licence: "CC-BY-4.0"}}
	opt := harvest.Options{Timeout: time.Minute, MaxBytes: 64 << 20}
	for b.Loop() {
		b.StopTimer()
		dir := harvestingSite(b, ps)
		b.StartTimer()
		t0 := time.Now()
		res, err := harvest.Run(context.Background(), dir, ps, opt)
		if err != nil || res[0].Status != harvest.Updated || res[0].Items != n {
			b.Fatalf("harvest: %+v %v", res, err)
		}
		harvested := time.Since(t0)
		t1 := time.Now()
		if _, err := build.Build(context.Background(), build.Options{Source: dir, Now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC), SearchInMemory: true}); err != nil {
			b.Fatal(err)
		}
		built := time.Since(t1)
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(harvested.Seconds(), "harvest-s")
		b.ReportMetric(built.Seconds(), "build-s")
		b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MiB")
		b.ReportMetric(float64(ms.TotalAlloc)/(1<<20), "alloc-total-MiB")
	}
}
