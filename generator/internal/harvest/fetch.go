package harvest

import (
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/oersite/oersite/generator/internal/partner"
)

// fetcher downloads one partner's files with the limits of Options: only
// http(s), redirects only to the partner's own host (or the hosts it is
// trusted with), a time limit per request that a slow drip cannot
// stretch, a size limit on the bytes after decompression (so a gzip bomb
// stops at the limit), retries with growing pauses, and conditional
// requests from the last harvest's validators.
type fetcher struct {
	client  *http.Client
	opt     Options
	maxSize int64
	// fetched counts the bodies downloaded (200s), for reports and tests.
	fetched int
	bytes   int64
}

// errNotModified says that the server answered 304: the file is as last time.
var errNotModified = errors.New("not modified")

// permanentError is an answer that retrying will not change (404, a
// refused redirect, a file too large).
type permanentError struct {
	err    error
	status int // the HTTP status, when the server answered
}

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }

func newFetcher(opt Options, start *url.URL, extraHosts []string, maxSize int64) *fetcher {
	base := opt.Client
	if base == nil {
		base = &http.Client{Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DisableCompression:    true, // we ask for gzip ourselves and bound what it inflates to
			TLSHandshakeTimeout:   10 * time.Second,
			ResponseHeaderTimeout: opt.Timeout,
			MaxIdleConnsPerHost:   2,
		}}
	}
	c := *base
	c.Timeout = opt.Timeout // the whole exchange, body included: a slow drip ends here
	allowed := append([]string{start.Host}, extraHosts...)
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return permanentError{err: fmt.Errorf("redirect to a %s: address refused", req.URL.Scheme)}
		}
		if !slices.Contains(allowed, req.URL.Host) {
			return permanentError{err: fmt.Errorf("redirect to another host (%s) refused; list it in the partner's redirectHosts if it is theirs", req.URL.Host)}
		}
		if len(via) > 5 {
			return permanentError{err: errors.New("more than 5 redirects")}
		}
		return nil
	}
	return &fetcher{client: &c, opt: opt, maxSize: maxSize}
}

// get fetches u, retrying what may pass (network errors, 5xx, 429) with
// pauses that double each time. It returns errNotModified when the server
// says the file is unchanged since prev.
func (f *fetcher) get(ctx context.Context, u string, prev partner.Source) ([]byte, partner.Source, error) {
	var last error
	pause := f.opt.Backoff
	for attempt := 0; attempt <= f.opt.Retries; attempt++ {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return nil, prev, ctx.Err()
			case <-time.After(pause):
			}
			pause *= 2
		}
		body, src, err := f.once(ctx, u, prev)
		if err == nil || errors.Is(err, errNotModified) {
			return body, src, err
		}
		last = err
		var perm permanentError
		if errors.As(err, &perm) || ctx.Err() != nil {
			break
		}
	}
	return nil, prev, last
}

// once is one request.
func (f *fetcher) once(ctx context.Context, u string, prev partner.Source) ([]byte, partner.Source, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, prev, permanentError{err: err}
	}
	req.Header.Set("User-Agent", "oersite-harvest (+https://github.com/oersite/oersite)")
	req.Header.Set("Accept-Encoding", "gzip")
	if prev.ETag != "" {
		req.Header.Set("If-None-Match", prev.ETag)
	}
	if prev.LastModified != "" {
		req.Header.Set("If-Modified-Since", prev.LastModified)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		var perm permanentError
		if errors.As(err, &perm) {
			return nil, prev, perm
		}
		return nil, prev, err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return nil, prev, errNotModified
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return nil, prev, fmt.Errorf("%s answered %s", u, resp.Status)
	case resp.StatusCode != http.StatusOK:
		return nil, prev, permanentError{err: fmt.Errorf("%s answered %s", u, resp.Status), status: resp.StatusCode}
	}
	if resp.ContentLength > f.maxSize && resp.Header.Get("Content-Encoding") == "" {
		return nil, prev, permanentError{err: fmt.Errorf("%s is %d bytes, more than the %d accepted (maxBytes)", u, resp.ContentLength, f.maxSize)}
	}
	var r io.Reader = resp.Body
	switch strings.ToLower(resp.Header.Get("Content-Encoding")) {
	case "", "identity":
	case "gzip", "x-gzip":
		gz, err := gzip.NewReader(io.LimitReader(resp.Body, f.maxSize+1))
		if err != nil {
			return nil, prev, permanentError{err: fmt.Errorf("%s: the compressed file is damaged: %v", u, err)}
		}
		defer gz.Close()
		r = gz
	default:
		return nil, prev, permanentError{err: fmt.Errorf("%s: unknown Content-Encoding %q", u, resp.Header.Get("Content-Encoding"))}
	}
	body, err := io.ReadAll(io.LimitReader(r, f.maxSize+1))
	if err != nil {
		return nil, prev, fmt.Errorf("%s: %w", u, err)
	}
	if int64(len(body)) > f.maxSize {
		return nil, prev, permanentError{err: fmt.Errorf("%s is larger than the %d bytes accepted (maxBytes)", u, f.maxSize)}
	}
	f.fetched++
	f.bytes += int64(len(body))
	sum := sha256.Sum256(body)
	src := partner.Source{URL: u, ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"), SHA256: hex.EncodeToString(sum[:])}
	if len(src.ETag) > 200 {
		src.ETag = ""
	}
	if len(src.LastModified) > 100 {
		src.LastModified = ""
	}
	return body, src, nil
}
