package devserver_test

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/oersite/oersite/generator/internal/devserver"
)

// TestRangeAndConditionalRequests: a PDF is served in parts (readers and
// video players seek with Range), and a file the browser already has
// answers 304 Not Modified.
func TestRangeAndConditionalRequests(t *testing.T) {
	dir := site(t)
	pdf := "%PDF-1.4\n" + strings.Repeat("0123456789", 1000) + "\n%%EOF\n"
	writeFile(t, dir, "static/handout.pdf", pdf)
	srv, _ := start(t, dir)
	url := "http://" + srv.Addr() + "/handout.pdf"

	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Range", "bytes=9-18")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusPartialContent || string(body) != "0123456789" {
		t.Fatalf("Range bytes=9-18: %d with %d bytes, want 206 with \"0123456789\"", resp.StatusCode, len(body))
	}
	if got, want := resp.Header.Get("Content-Range"), "bytes 9-18/"+itoa(len(pdf)); got != want {
		t.Errorf("Content-Range %q, want %q", got, want)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/pdf" {
		t.Errorf("Content-Type %q", ct)
	}

	resp, err = http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	etag := resp.Header.Get("ETag")
	if resp.StatusCode != 200 || !bytes.Equal(body, []byte(pdf)) || etag == "" || resp.Header.Get("Accept-Ranges") != "bytes" {
		t.Fatalf("GET: %d, %d bytes, ETag %q, Accept-Ranges %q", resp.StatusCode, len(body), etag, resp.Header.Get("Accept-Ranges"))
	}
	req, _ = http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("If-None-Match", etag)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match with the current ETag: %d, want 304", resp.StatusCode)
	}

	// a page: the reload script is in what is served, ranges included
	req, _ = http.NewRequest(http.MethodGet, "http://"+srv.Addr()+"/en/about/", nil)
	req.Header.Set("Range", "bytes=0-14")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusPartialContent || string(body) != "<!doctype html>" {
		t.Errorf("Range on a page: %d %q", resp.StatusCode, body)
	}
}

func itoa(n int) string {
	var b []byte
	for n > 0 || len(b) == 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// TestPollOptionRebuildsAndReloads: with Poll (oersite serve --poll 1s)
// the server finds edits by looking at the files, and reloads the tab.
func TestPollOptionRebuildsAndReloads(t *testing.T) {
	dir := site(t)
	log := &logBuf{}
	srv := devserver.New(devserver.Options{Source: dir, Port: 0, Log: log, Debounce: 20 * time.Millisecond, Poll: 20 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	defer func() { cancel(); <-done }()
	<-srv.Ready()
	ev := events(t, srv)
	writeFile(t, dir, "content/en/about.md", "---\ntitle: About\nsummary: About us.\n---\nPolled version, longer.\n")
	if e := next(t, ev); !strings.HasPrefix(e, "reload") {
		t.Fatalf("event %q, want reload", e)
	}
	if _, body := get(t, srv, "/en/about/"); !strings.Contains(body, "Polled version") {
		t.Errorf("the edit is not served")
	}
	writeFile(t, dir, "content/en/contact.md", "---\ntitle: Contact\nsummary: Write.\n---\nHello.\n")
	if e := next(t, ev); !strings.Contains(e, `"mode":"full"`) {
		t.Errorf("event %q, want a full reload", e)
	}
}

// TestSecurityHeadersAndHostCheck: every answer (pages, files, the reload
// script, errors, the form receiver) carries the security headers, and a
// request naming another host (DNS rebinding) is refused.
func TestSecurityHeadersAndHostCheck(t *testing.T) {
	dir := site(t)
	writeFile(t, dir, "static/handout.pdf", "%PDF-1.4\n%%EOF\n")
	srv, _ := start(t, dir)
	_, port, _ := strings.Cut(srv.Addr(), ":")
	for _, p := range []string{"/en/about/", "/handout.pdf", "/_oersite/live.js", "/nope/"} {
		resp, err := http.Get("http://" + srv.Addr() + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		h := resp.Header
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "'unsafe-eval'") {
			t.Errorf("%s: Content-Security-Policy %q", p, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" || h.Get("Referrer-Policy") == "" {
			t.Errorf("%s: headers %v", p, h)
		}
	}
	for host, want := range map[string]int{
		"127.0.0.1:" + port: 200, "localhost:" + port: 200, "LOCALHOST:" + port: 200, "[::1]:" + port: 200, "localhost": 200,
		"evil.example:" + port: 421, "evil.example": 421, "127.0.0.1.evil.example:" + port: 421, "localhost.evil.example": 421,
		"192.168.1.20:" + port: 421,
	} {
		req, _ := http.NewRequest(http.MethodGet, "http://"+srv.Addr()+"/en/about/", nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %q: %d, want %d", host, resp.StatusCode, want)
		}
	}
}

// TestSlowClientsAreCutOff: a client sending its headers or its body a
// byte at a time (slow loris) loses the connection once the read time
// limit is over, instead of holding it forever.
func TestSlowClientsAreCutOff(t *testing.T) {
	dir := site(t)
	srv := devserver.New(devserver.Options{Source: dir, Port: 0, Log: io.Discard, ReadTimeout: 400 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	defer func() { cancel(); <-done }()
	<-srv.Ready()
	for name, head := range map[string]string{
		"headers": "GET /en/about/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ",
		"body":    "POST /_forms/request HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nname=",
	} {
		t.Run(name, func(t *testing.T) {
			conn, err := net.Dial("tcp", srv.Addr())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			if _, err := conn.Write([]byte(head)); err != nil {
				t.Fatal(err)
			}
			closed := make(chan struct{})
			go func() {
				io.Copy(io.Discard, conn) // returns when the server closes the connection
				close(closed)
			}()
			start := time.Now()
			tick := time.NewTicker(50 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-closed:
					if took := time.Since(start); took > 3*time.Second {
						t.Errorf("cut off after %v", took)
					}
					return
				case <-tick.C:
					if time.Since(start) > 10*time.Second {
						t.Fatal("a client sending a byte every 50ms still holds its connection after 10s")
					}
					conn.Write([]byte("x"))
				}
			}
		})
	}
}
