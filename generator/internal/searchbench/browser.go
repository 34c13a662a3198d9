package searchbench

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/oersite/oersite/generator/internal/browsertest"
)

// counter counts what the server sent: compressed bytes and requests, for
// the search files and for everything else (the page's own document aside).
type counter struct {
	mu                      sync.Mutex
	searchBytes, otherBytes int64
	searchReqs, otherReqs   int
	inFlight                int
	last                    time.Time
	paths                   []string // the search files requested
}

func (c *counter) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.searchBytes, c.otherBytes, c.searchReqs, c.otherReqs, c.paths = 0, 0, 0, 0, nil
}

// idle reports whether no request has run for d.
func (c *counter) idle(d time.Duration) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.inFlight == 0 && time.Since(c.last) > d
}

// countingWriter counts the bytes written to the connection.
type countingWriter struct {
	http.ResponseWriter
	n int64
}

func (w *countingWriter) Write(p []byte) (int, error) {
	n, err := w.ResponseWriter.Write(p)
	w.n += int64(n)
	return n, err
}

// gzipTypes are the types a static host compresses.
var gzipTypes = map[string]string{".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".html": "text/html; charset=utf-8", ".svg": "image/svg+xml", ".json": "application/json"}

// server serves root like a static host: gzip for text types when the
// browser accepts it, directory addresses answered by their index.html.
func server(root string, c *counter) http.Handler {
	files := http.FileServer(http.Dir(root))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.mu.Lock()
		c.inFlight++
		c.mu.Unlock()
		cw := &countingWriter{ResponseWriter: w}
		p := r.URL.Path
		if strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		typ, text := gzipTypes[path.Ext(p)]
		if text && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			data, err := os.ReadFile(root + path.Clean("/"+p))
			if err != nil {
				http.NotFound(cw, r)
			} else {
				w.Header().Set("Content-Type", typ)
				w.Header().Set("Content-Encoding", "gzip")
				w.Header().Set("Cache-Control", "no-store")
				gz := gzip.NewWriter(cw)
				_, _ = gz.Write(data)
				_ = gz.Close()
			}
		} else {
			files.ServeHTTP(cw, r)
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		c.inFlight--
		c.last = time.Now()
		switch {
		case strings.Contains(p, "/_search/"):
			c.searchBytes += cw.n
			c.searchReqs++
			c.paths = append(c.paths, path.Base(p))
		case strings.HasSuffix(p, "/search/index.html"):
		default:
			c.otherBytes += cw.n
			c.otherReqs++
		}
	})
}

// browserQueries runs each query on the default language's search page, once
// with excerpts and once with the excerpt files refused, and prints what it cost.
func (r run) browserQueries(public, lang string) error {
	c := &counter{}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: server(public, c)}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	bin := browsertest.Find()
	if bin == "" {
		return errors.New("no Chromium installed (apt-get install chromium): the queries are measured in it")
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), browsertest.Options(bin)...)
	defer cancelAlloc()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Do(bctx); err != nil {
		return fmt.Errorf("cannot start Chromium (%s): %w", bin, err)
	}
	base := "http://" + ln.Addr().String() + "/" + lang + "/search/"
	fmt.Fprintf(r.out, "queries (%s search page; bytes gzipped as served; search files = _search/*, other = the page's CSS, scripts, icons):\n", lang)
	fmt.Fprintf(r.out, "  %-28s %-8s %12s %6s %12s %6s %8s  %s\n", "query", "excerpts", "search KB", "reqs", "all KB", "reqs", "results", "first result")
	for _, q := range r.queries {
		for _, excerpts := range []bool{false, true} {
			m, err := measureQuery(bctx, c, base+"?q="+url.QueryEscape(q), excerpts)
			if err != nil {
				return fmt.Errorf("query %q: %w", q, err)
			}
			yes := map[bool]string{true: "yes", false: "no"}[excerpts]
			fmt.Fprintf(r.out, "  %-28q %-8s %12.1f %6d %12.1f %6d %8s  %s\n", q, yes, kb(m.searchBytes), m.searchReqs,
				kb(m.searchBytes+m.otherBytes), m.searchReqs+m.otherReqs, m.status, m.first)
			if r.verbose {
				fmt.Fprintf(r.out, "      %s\n", strings.Join(m.paths, " "))
			}
		}
	}
	return nil
}

// queryResult is what one query cost and showed.
type queryResult struct {
	searchBytes, otherBytes int64
	searchReqs, otherReqs   int
	status, first           string
	paths                   []string
}

// doneJS holds when the search page has shown its results (the client marks
// the search root data-state="done"; an older client: a result or a status).
const doneJS = `(() => { const r = document.getElementById("oersite-search"); if (!r) return false;
  if (r.dataset.state !== undefined) return r.dataset.state === "done";
  const s = (document.querySelector("[data-status]") || {}).textContent || "";
  return document.querySelector("[data-results] li") !== null || (/\S/.test(s) && !/oad/.test(s)); })()`

func measureQuery(bctx context.Context, c *counter, u string, excerpts bool) (queryResult, error) {
	tab, cancel := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
	defer cancel()
	tab, cancelTime := context.WithTimeout(tab, 60*time.Second)
	defer cancelTime()
	if _, err := chromedp.Call(tab, network.Enable, network.EnableParams{}); err != nil {
		return queryResult{}, err
	}
	if _, err := chromedp.Call(tab, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		return queryResult{}, err
	}
	if !excerpts {
		block := []*network.BlockPattern{{URLPattern: "*://*:*/_search/*/x-*", Block: true}}
		if _, err := chromedp.Call(tab, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: block}); err != nil {
			return queryResult{}, err
		}
	}
	c.reset()
	if err := chromedp.Do(tab, chromedp.Navigate(u)); err != nil {
		return queryResult{}, err
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		done, err := chromedp.Run(tab, chromedp.Evaluate[bool](doneJS))
		if err == nil && done && c.idle(300*time.Millisecond) {
			break
		}
		if time.Now().After(deadline) {
			return queryResult{}, errors.New("the search page showed no results in 30 s")
		}
		time.Sleep(50 * time.Millisecond)
	}
	status, _ := chromedp.Run(tab, chromedp.Evaluate[string](`(document.querySelector("[data-status]") || {}).textContent || ""`))
	first, _ := chromedp.Run(tab, chromedp.Evaluate[string](`(document.querySelector("[data-results] li a") || {textContent: ""}).textContent`))
	c.mu.Lock()
	defer c.mu.Unlock()
	res := queryResult{searchBytes: c.searchBytes, otherBytes: c.otherBytes, searchReqs: c.searchReqs, otherReqs: c.otherReqs, first: first, paths: c.paths}
	// the count in "12 results" or "At least 20 results"
	for _, f := range strings.Fields(status) {
		if strings.Trim(f, "0123456789,.") == "" {
			res.status = f
			break
		}
	}
	return res, nil
}

// pagefind runs the queries through Pagefind with peers.sh and prints its lines.
func (r run) pagefind(site string) error {
	args := append([]string{r.peers, site}, r.queries...)
	cmd := exec.Command("bash", args...)
	cmd.Stderr = r.log
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	fmt.Fprintln(r.out, "Pagefind 1.6.0 through peers.sh (bytes as Chromium decoded them; Pagefind's index files are gzip files themselves):")
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		var q struct {
			Query    string `json:"query"`
			Bytes    int64  `json:"bytes"`
			Requests int    `json:"requests"`
			Results  int    `json:"results"`
		}
		line := sc.Text()
		if json.Unmarshal([]byte(line), &q) == nil && q.Query != "" {
			fmt.Fprintf(r.out, "  %-28q %12.1f KB %6d requests %8d results\n", q.Query, kb(q.Bytes), q.Requests, q.Results)
			continue
		}
		fmt.Fprintln(r.out, "  "+line)
	}
	return cmd.Wait()
}
