// Package harvest is `oersite harvest`: it fetches the catalogues and
// calendars of the partners named in config.toml ([[partners]]) and writes
// them, normalised, into data/partners/<id>/, where git keeps them and the
// build reads them offline.
//
// It reads any oersite site (catalog.json and the calendars its mirror.json
// lists), an OAI-PMH static repository, an AMB catalogue in JSON, an Atom
// feed or an iCalendar feed. Every partner is fetched with the limits of
// Options (see fetcher) and staged beside its folder: its folder is replaced
// only when the whole harvest of that partner succeeded, so a partner that
// fails or disappears keeps its last data, and the run says so. A partner
// whose files did not change (304 Not Modified, or the same bytes) changes
// nothing on disk. Nothing is written outside data/partners/.
package harvest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/partner"
)

// Options tune a harvest. Zero values take the defaults.
type Options struct {
	// Concurrency is how many partners are fetched at once (default 4).
	Concurrency int
	// Timeout bounds each request, its whole body included (default 30s).
	Timeout time.Duration
	// Retries are the extra attempts after a network error, 5xx or 429
	// (default 2); -1 for none.
	Retries int
	// Backoff is the pause before the first retry; it doubles (default 1s).
	Backoff time.Duration
	// MaxBytes is the largest file accepted when a partner sets none
	// (default 32 MiB), counted after decompression.
	MaxBytes int64
	// MaxRecords is the most items or events one file may hold (default 20,000).
	MaxRecords int
	// Client replaces the HTTP client (tests); redirects and the time
	// limit are set on a copy of it.
	Client *http.Client
	// Only harvests these partner ids; empty: all.
	Only []string
	// Now is the date recorded when a partner is found gone (default: the clock).
	Now func() time.Time
}

func (o *Options) defaults() {
	if o.Concurrency <= 0 {
		o.Concurrency = 4
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	switch {
	case o.Retries < 0:
		o.Retries = 0
	case o.Retries == 0:
		o.Retries = 2
	}
	if o.Backoff <= 0 {
		o.Backoff = time.Second
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = 32 << 20
	}
	if o.MaxRecords <= 0 {
		o.MaxRecords = 20000
	}
	if o.Now == nil {
		o.Now = time.Now
	}
}

// Status is what a harvest did to one partner's folder.
type Status string

// The outcomes of one partner's harvest.
const (
	Updated   Status = "updated"   // new data written
	Unchanged Status = "unchanged" // the partner's files had not changed: nothing written
	Failed    Status = "failed"    // nothing written: the last data stays
)

// Result reports one partner.
type Result struct {
	ID         string
	Status     Status
	Items      int
	Events     int
	Downloaded int   // files downloaded (answers 200)
	Bytes      int64 // bytes downloaded, after decompression
	Err        error // set when Status is Failed
}

// Run harvests the partners of a site (the folder holding config.toml)
// and returns one result per partner, in config order. Failures of
// partners are in their results, not in the error, which is kept for
// problems with the site itself.
func Run(ctx context.Context, siteDir string, partners []config.Partner, opt Options) ([]Result, error) {
	opt.defaults()
	root := filepath.Join(siteDir, filepath.FromSlash(partner.Dir))
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, err
	}
	var todo []config.Partner
	for _, p := range partners {
		if len(opt.Only) == 0 || contains(opt.Only, p.ID) {
			todo = append(todo, p)
		}
	}
	results := make([]Result, len(todo))
	sem := make(chan struct{}, opt.Concurrency)
	var wg sync.WaitGroup
	for i, p := range todo {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			results[i] = harvestOne(ctx, root, p, opt)
		}()
	}
	wg.Wait()
	return results, nil
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// harvestOne fetches one partner and, when something changed, swaps its
// new folder in. A reader that fails on the partner's data in a way
// nobody foresaw fails this partner only, not the others of the run.
func harvestOne(ctx context.Context, root string, p config.Partner, opt Options) (res Result) {
	res = Result{ID: p.ID}
	defer func() {
		if r := recover(); r != nil {
			res.Status = Failed
			res.Err = fmt.Errorf("oersite stopped on this partner's data (%v): its folder keeps the last harvest; please report it to oersite's developers with the partner's address", r)
		}
	}()
	dir := filepath.Join(root, p.ID)
	if err := repair(root, p.ID); err != nil {
		res.Status, res.Err = Failed, err
		return res
	}
	old := readOld(dir)
	start, err := url.Parse(p.URL)
	if err != nil || (start.Scheme != "http" && start.Scheme != "https") || start.Host == "" {
		res.Status, res.Err = Failed, fmt.Errorf("url %q is not an http(s) address", p.URL)
		return res
	}
	max := p.MaxBytes
	if max <= 0 {
		max = opt.MaxBytes
	}
	f := newFetcher(opt, start, p.RedirectHosts, max)
	h := &partnerHarvest{p: p, f: f, old: old, max: opt.MaxRecords}
	changed, err := h.run(ctx)
	res.Downloaded, res.Bytes = f.fetched, f.bytes
	if err != nil {
		res.Status, res.Err = Failed, err
		res.Items, res.Events = len(old.items), len(old.events)
		if gone(err) && old.ok && old.state.Gone == "" {
			res.Err = errors.Join(err, markGone(root, p.ID, old, opt.Now()))
		}
		return res
	}
	res.Items, res.Events = len(h.items), len(h.events)
	if !changed {
		res.Status = Unchanged
		res.Items, res.Events = len(old.items), len(old.events)
		return res
	}
	if err := write(root, p.ID, h.items, h.events, h.state); err != nil {
		res.Status, res.Err = Failed, err
		return res
	}
	res.Status = Updated
	return res
}

// gone reports an answer saying that the partner's file is no longer
// there (404, 410): the partner has moved or closed, unlike a server that
// fails, drips or sends what does not parse, which may mend by itself.
func gone(err error) bool {
	var pe permanentError
	return errors.As(err, &pe) && (pe.status == http.StatusNotFound || pe.status == http.StatusGone)
}

// markGone records in the partner's state the day it was first found
// gone; its items and events stay as they are, and the build shows them
// with a warning. The record stays the same on later failed harvests, so
// that they change nothing on disk; a good harvest clears it.
func markGone(root, id string, old previous, now time.Time) error {
	st := old.state
	st.Gone = now.UTC().Format("2006-01-02")
	return write(root, id, old.items, old.events, st)
}

// previous is what the last harvest left in a partner's folder.
type previous struct {
	items  []partner.Item
	events []partner.Event
	state  partner.State
	ok     bool // the folder held data
}

func readOld(dir string) previous {
	var o previous
	fsys := os.DirFS(dir)
	if _, err := os.Stat(dir); err != nil {
		return o
	}
	o.ok = true
	_ = readJSON(fsys, partner.ItemsFile, &o.items)
	_ = readJSON(fsys, partner.EventsFile, &o.events)
	_ = readJSON(fsys, partner.StateFile, &o.state)
	return o
}

// partnerHarvest is the work on one partner: its sources, fetched and
// parsed, and what they give.
type partnerHarvest struct {
	p      config.Partner
	f      *fetcher
	old    previous
	max    int
	items  []partner.Item
	events []partner.Event
	state  partner.State
	// changed is set when a source's bytes differ from the last harvest.
	changed bool
}

// run fetches the partner's sources by format. It reports whether the
// result differs from the last harvest.
func (h *partnerHarvest) run(ctx context.Context) (bool, error) {
	format := h.p.Format
	if format == "" {
		format = formatFromURL(h.p.URL)
	}
	var err error
	if format == "oersite" {
		err = h.oersite(ctx)
	} else {
		err = h.single(ctx, h.p.URL, format)
	}
	if err != nil {
		return false, err
	}
	if !h.changed && h.old.ok && h.old.state.Gone == "" {
		return false, nil // a partner found gone before and back now is written, without the mark
	}
	for i := range h.items {
		if !h.items[i].Clean() {
			h.items[i].Title = "" // marked for removal
		}
	}
	h.items = keepItems(h.items)
	h.events = keepEvents(h.events)
	h.items, h.events = partner.Sort(h.items, h.events)
	return true, nil
}

// formatFromURL guesses a format from the address; "" means: look at the file.
func formatFromURL(u string) string {
	p := strings.ToLower(u)
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	switch {
	case strings.HasSuffix(p, "/mirror.json"), strings.HasSuffix(p, "/catalog.json"), strings.HasSuffix(p, "/"):
		return "oersite"
	case strings.HasSuffix(p, ".ics"):
		return "ical"
	}
	return ""
}

// fetchSource fetches one address; body is nil when it did not change
// since the last harvest (a 304, or the same bytes).
func (h *partnerHarvest) fetchSource(ctx context.Context, u string) ([]byte, error) {
	return h.fetch(ctx, u, true)
}

// fetch is fetchSource; data says whether a change of the file is a change
// of the partner's data (a manifest's is not: it lists every file of the
// partner's site, and changes when any of them does).
func (h *partnerHarvest) fetch(ctx context.Context, u string, data bool) ([]byte, error) {
	prev, _ := h.old.state.Find(u)
	body, src, err := h.f.get(ctx, u, prev)
	if errors.Is(err, errNotModified) {
		h.state.Sources = append(h.state.Sources, prev)
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if src.SHA256 == prev.SHA256 && h.old.ok {
		h.state.Sources = append(h.state.Sources, prev)
		return nil, nil
	}
	h.changed = h.changed || data
	h.state.Sources = append(h.state.Sources, src)
	return body, nil
}

// single harvests a partner with one file.
func (h *partnerHarvest) single(ctx context.Context, u, format string) error {
	body, err := h.fetchSource(ctx, u)
	if err != nil {
		return err
	}
	if body == nil { // unchanged: keep what the last harvest found
		h.items, h.events = h.old.items, h.old.events
		return nil
	}
	if format == "" {
		format = sniff(body)
	}
	switch format {
	case "amb", "oersite":
		h.items, err = parseAMB(body, h.max)
	case "oai-pmh":
		h.items, err = parseOAI(body, h.max)
	case "atom":
		h.items, err = parseAtom(body, h.max)
	case "ical":
		h.events, err = parseICal(body, u, h.max)
	default:
		err = errors.New("the file is none of the formats oersite reads (oersite, oai-pmh, amb, atom, ical): set format in [[partners]] or check the url")
	}
	if err != nil {
		return fmt.Errorf("%s: %w", u, err)
	}
	return nil
}

// sniff recognises a file by its first bytes.
func sniff(b []byte) string {
	s := strings.TrimLeft(string(b[:min(len(b), 4096)]), "\ufeff \t\r\n")
	switch {
	case strings.HasPrefix(s, "[") || strings.HasPrefix(s, "{"):
		return "amb"
	case strings.HasPrefix(s, "BEGIN:VCALENDAR"):
		return "ical"
	case strings.Contains(s, "<Repository"):
		return "oai-pmh"
	case strings.Contains(s, "<feed"):
		return "atom"
	}
	return ""
}

// oersite harvests another oersite site: catalog.json for its resources,
// and the language calendars its mirror.json lists for its webinars.
func (h *partnerHarvest) oersite(ctx context.Context) error {
	base := h.p.URL
	if i := strings.IndexAny(base, "?#"); i >= 0 {
		base = base[:i]
	}
	base = base[:strings.LastIndexByte(base, '/')+1]
	calendars, err := h.calendars(ctx, base+"mirror.json")
	if err != nil {
		return err
	}
	catalog := base + "catalog.json"
	body, err := h.fetchSource(ctx, catalog)
	if err != nil {
		return err
	}
	if body == nil {
		h.items = h.old.items
	} else if h.items, err = parseAMB(body, h.max); err != nil {
		return fmt.Errorf("%s: %w", catalog, err)
	}
	for _, c := range calendars {
		body, err := h.fetchSource(ctx, c)
		if err != nil {
			return err
		}
		if body == nil {
			for _, e := range h.old.events {
				if e.Feed == c {
					h.events = append(h.events, e)
				}
			}
			continue
		}
		evs, err := parseICal(body, c, h.max)
		if err != nil {
			return fmt.Errorf("%s: %w", c, err)
		}
		h.events = append(h.events, evs...)
	}
	if len(h.events) > h.max {
		return fmt.Errorf("the partner's calendars hold %d events, more than the %d accepted", len(h.events), h.max)
	}
	return nil
}

// calendars reads an oersite site's mirror.json for its language
// calendars (<lang>/webinars/webinars.ics). A site without mirror.json
// has none; an unchanged mirror.json lists the calendars of last time.
func (h *partnerHarvest) calendars(ctx context.Context, manifest string) ([]string, error) {
	body, err := h.fetch(ctx, manifest, false)
	var perm permanentError
	if errors.As(err, &perm) && (perm.status == http.StatusNotFound || perm.status == http.StatusGone) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	base := strings.TrimSuffix(manifest, "mirror.json")
	if body == nil {
		var out []string
		for _, s := range h.old.state.Sources {
			if strings.HasPrefix(s.URL, base) && strings.HasSuffix(s.URL, "/webinars/webinars.ics") {
				out = append(out, s.URL)
			}
		}
		return out, nil
	}
	paths, err := manifestCalendars(body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", manifest, err)
	}
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		out = append(out, base+p)
	}
	return out, nil
}

// manifestCalendars lists the language calendars of a mirror.json.
func manifestCalendars(body []byte) ([]string, error) {
	var m struct {
		Files []struct {
			Path string `json:"path"`
		} `json:"files"`
	}
	if err := jsonUnmarshal(body, &m); err != nil {
		return nil, fmt.Errorf("mirror.json does not parse: %v", err)
	}
	var out []string
	for _, f := range m.Files {
		dir, file := path.Split(f.Path)
		lang := strings.TrimSuffix(dir, "/webinars/")
		if file == "webinars.ics" && lang != dir && lang != "" && !strings.Contains(lang, "/") && !strings.Contains(lang, "..") {
			out = append(out, f.Path)
		}
		if len(out) > 64 {
			return nil, errors.New("mirror.json lists more than 64 language calendars")
		}
	}
	return out, nil
}

func keepItems(items []partner.Item) []partner.Item {
	out := items[:0]
	for _, it := range items {
		if it.Title != "" {
			out = append(out, it)
		}
	}
	return out
}

func keepEvents(evs []partner.Event) []partner.Event {
	out := evs[:0]
	for _, e := range evs {
		if e.Clean() {
			out = append(out, e)
		}
	}
	return out
}
