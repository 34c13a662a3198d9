package devserver_test

import (
	"bufio"
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/oersite/oersite/generator/internal/devserver"
	"github.com/oersite/oersite/generator/internal/synth"
)

// BenchmarkEditToReload measures, on a synthetic 5-language site
// (OERSITE_BENCH_PAGES pages per language, default 400), the time from saving
// a file to the reload event the open tab receives: a body-only edit written
// in place, the same saved as many editors save (a temporary file renamed
// over the page), a title edit, and a title edit that moves the module to
// the top of the lists sorted by title; five of each, 3 seconds apart; it
// reports the medians. The site is synthetic (OERSITE_BENCH_PAGES per
// language), or a copy of OERSITE_BENCH_SITE editing OERSITE_BENCH_FILE.
func BenchmarkEditToReload(b *testing.B) {
	pages := 400
	if s := os.Getenv("OERSITE_BENCH_PAGES"); s != "" {
		pages, _ = strconv.Atoi(s)
	}
	defer debug.SetGCPercent(debug.SetGCPercent(devserver.GCPercent)) // as `oersite serve` runs
	dir := b.TempDir()
	file := filepath.Join(dir, "content/en/modules/module-00007.md")
	if site := os.Getenv("OERSITE_BENCH_SITE"); site != "" {
		// A copy of a site of real text (cmd/searchbench writes one),
		// and the page to edit in it.
		if err := os.CopyFS(dir, os.DirFS(site)); err != nil {
			b.Fatal(err)
		}
		file = filepath.Join(dir, filepath.FromSlash(os.Getenv("OERSITE_BENCH_FILE")))
	} else if err := synth.Write(dir, synth.Spec{Pages: pages, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	srv := devserver.New(devserver.Options{Source: dir, Port: 0, Debounce: 20 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	defer func() { cancel(); <-done }()
	<-srv.Ready()
	resp, err := http.Get("http://" + srv.Addr() + "/_oersite/events")
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	events := make(chan string, 8)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "event: ") {
				events <- strings.TrimPrefix(sc.Text(), "event: ")
			}
		}
	}()
	<-events // hello
	orig, err := os.ReadFile(file)
	if err != nil || !bytes.Contains(orig, []byte("title: \"")) {
		b.Fatalf("the page to edit, %s, cannot be read or has no quoted title (%v)", file, err)
	}
	pause := 3 * time.Second
	inPlace := func(data []byte) { os.WriteFile(file, data, 0o644) }
	renamedOver := func(data []byte) {
		tmp := file + ".tmp" + strconv.Itoa(len(data))
		os.WriteFile(tmp, data, 0o644)
		os.Rename(tmp, file)
	}
	measure := func(save func([]byte), edit func(i int) []byte) float64 {
		var ms []float64
		for i := 0; i < 5; i++ {
			data := edit(i)
			t0 := time.Now()
			save(data)
			for ev := range events {
				if ev == "reload" {
					break
				}
			}
			ms = append(ms, float64(time.Since(t0).Microseconds())/1000)
			// An author pauses between saves: the server updates the search
			// index and the site-wide files meanwhile.
			time.Sleep(pause)
		}
		sort.Float64s(ms)
		return ms[len(ms)/2]
	}
	for i := 0; i < b.N; i++ {
		body := measure(inPlace, func(i int) []byte {
			return append(append([]byte(nil), orig...), []byte("\nOne more line "+strconv.Itoa(i)+".\n")...)
		})
		renamed := measure(renamedOver, func(i int) []byte {
			return append(append([]byte(nil), orig...), []byte("\nA line saved by rename "+strconv.Itoa(i)+".\n")...)
		})
		title := measure(inPlace, func(i int) []byte {
			return []byte(strings.Replace(string(orig), "title: \"", "title: \"Edited "+strconv.Itoa(i)+" ", 1))
		})
		reorder := measure(inPlace, func(i int) []byte {
			return []byte(strings.Replace(string(orig), "title: \"", "title: \"0"+strconv.Itoa(i)+" first ", 1))
		})
		b.ReportMetric(body, "body_edit_ms")
		b.ReportMetric(renamed, "body_renamed_over_ms")
		b.ReportMetric(title, "title_edit_ms")
		b.ReportMetric(reorder, "title_reorder_ms")
	}
	os.WriteFile(file, orig, 0o644)
}

// BenchmarkTemplateEditToReload measures, on the same synthetic site, saving
// a partial every page uses (re-renders every page, reading no content) and
// saving config.toml (a full rebuild), three of each, 3 seconds apart.
func BenchmarkTemplateEditToReload(b *testing.B) {
	defer debug.SetGCPercent(debug.SetGCPercent(devserver.GCPercent))
	pages := 400
	if s := os.Getenv("OERSITE_BENCH_PAGES"); s != "" {
		pages, _ = strconv.Atoi(s)
	}
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Spec{Pages: pages, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	partial := filepath.Join(dir, "layouts/partials/footer.html")
	os.MkdirAll(filepath.Dir(partial), 0o755)
	os.WriteFile(partial, []byte(`<footer class="site-footer"><p>Footer 0</p></footer>`), 0o644)
	config := filepath.Join(dir, "config.toml")
	conf, _ := os.ReadFile(config)
	srv := devserver.New(devserver.Options{Source: dir, Port: 0, Debounce: 20 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	defer func() { cancel(); <-done }()
	<-srv.Ready()
	resp, err := http.Get("http://" + srv.Addr() + "/_oersite/events")
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	events := make(chan string, 8)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "event: ") {
				events <- strings.TrimPrefix(sc.Text(), "event: ")
			}
		}
	}()
	<-events // hello
	measure := func(file string, edit func(i int) []byte) float64 {
		var ms []float64
		for i := 1; i <= 3; i++ {
			t0 := time.Now()
			os.WriteFile(file, edit(i), 0o644)
			for ev := range events {
				if ev == "reload" {
					break
				}
			}
			ms = append(ms, float64(time.Since(t0).Microseconds())/1000)
			time.Sleep(3 * time.Second)
		}
		sort.Float64s(ms)
		return ms[len(ms)/2]
	}
	for i := 0; i < b.N; i++ {
		tmpl := measure(partial, func(i int) []byte {
			return []byte(`<footer class="site-footer"><p>Footer ` + strconv.Itoa(i) + `</p></footer>`)
		})
		full := measure(config, func(i int) []byte {
			return append(append([]byte(nil), conf...), []byte("\n# edit "+strconv.Itoa(i)+"\n")...)
		})
		b.ReportMetric(tmpl, "partial_edit_ms")
		b.ReportMetric(full, "config_edit_ms")
	}
}
