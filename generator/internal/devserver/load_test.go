package devserver_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/oersite/oersite/generator/internal/devserver"
	"github.com/oersite/oersite/generator/internal/synth"
)

// BenchmarkServeLoad serves a synthetic 1,000-page site with oersite serve's
// server and runs a bounded local load against 127.0.0.1: 50 concurrent
// clients for OERSITE_LOAD_SECONDS (default 5; the figure uses 30).
// It reports requests per second, latency percentiles and errors.
func BenchmarkServeLoad(b *testing.B) {
	secs := 5
	if s := os.Getenv("OERSITE_LOAD_SECONDS"); s != "" {
		secs, _ = strconv.Atoi(s)
	}
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Spec{Pages: 200, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	srv := devserver.New(devserver.Options{Source: dir, Port: 0, Now: func() time.Time { return time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC) }})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	defer func() { cancel(); <-done }()
	<-srv.Ready()
	paths := []string{"/en/", "/it/modules/", "/de/modules/module-00042/", "/fr/modules/module-00100/", "/es/level/beginner/", "/en/modules/module-00007/", "/nope/"}
	for i := 0; i < b.N; i++ {
		lat, errs := load(srv.Addr(), paths, 50, time.Duration(secs)*time.Second)
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
		b.ReportMetric(float64(len(lat))/float64(secs), "req/s")
		b.ReportMetric(pct(0.50), "p50_ms")
		b.ReportMetric(pct(0.99), "p99_ms")
		b.ReportMetric(float64(errs), "errors")
		if errs > 0 {
			b.Errorf("%d failed requests", errs)
		}
	}
}

// load runs clients against addr for d and returns every latency and the error count.
func load(addr string, paths []string, clients int, d time.Duration) ([]time.Duration, int) {
	deadline := time.Now().Add(d)
	var mu sync.Mutex
	var all []time.Duration
	errs := 0
	var wg sync.WaitGroup
	tr := &http.Transport{MaxIdleConnsPerHost: clients}
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			var mine []time.Duration
			bad := 0
			for i := c; time.Now().Before(deadline); i++ {
				p := paths[i%len(paths)]
				t0 := time.Now()
				resp, err := client.Get(fmt.Sprintf("http://%s%s", addr, p))
				if err != nil {
					bad++
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				want := http.StatusOK
				if p == "/nope/" {
					want = http.StatusNotFound
				}
				if resp.StatusCode != want {
					bad++
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			all = append(all, mine...)
			errs += bad
			mu.Unlock()
		}(c)
	}
	wg.Wait()
	tr.CloseIdleConnections()
	return all, errs
}
