package build

import (
	"bytes"
	"context"

	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/mirror"
	"github.com/oersite/oersite/generator/internal/publish"
)

// extraStages are the outputs written after the pages (and the search
// index, which is written while the pages are).
func (w *writer) extraStages() []stage {
	return []stage{
		{"partners", func(ctx context.Context) error { return w.writePartners(ctx, w.out) }},
		{"offline zip", func(ctx context.Context) error { return w.writeOfflineZip(ctx, w.out) }},
		{"manifest", func(ctx context.Context) error { return w.writeManifest(ctx, w.out) }},
	}
}

// writeMetadata writes sitemap, robots.txt, feeds, calendars, OAI-PMH and
// catalogues into out, and returns their warnings. A stopped ctx writes
// nothing more.
func (w *writer) writeMetadata(ctx context.Context, out publish.Writer) (diag.List, error) {
	return w.metadata().WriteFiles(func(p string, data []byte) error {
		if err := ctx.Err(); err != nil {
			return err // stopped: write nothing more
		}
		return out.WriteFile(p, data)
	})
}

// offlineZip is the path of the offline copy, when the site offers one.
func (w *writer) offlineZip() string {
	c := w.in.cfg.Offline
	if !c.Zip || w.opt.Offline || c.ZipName == "" {
		return ""
	}
	return c.ZipName
}

// writeOfflineZip builds the site again for opening from disk, in memory,
// and writes it into out as one deterministic zip (timestamps from the
// build date).
func (w *writer) writeOfflineZip(ctx context.Context, out publish.Writer) error {
	name := w.offlineZip()
	if name == "" {
		return nil
	}
	mem := publish.NewMemory()
	opt := w.opt
	opt.Offline, opt.Output, opt.SearchInMemory, opt.Render, opt.Indexes = true, mem, true, nil, nil
	if report := w.opt.Progress; report != nil {
		opt.Progress = func(p Progress) {
			p.Stage = "offline copy, " + p.Stage
			report(p)
		}
	}
	if _, _, err := run(ctx, opt); err != nil {
		return err
	}
	var files []mirror.ZipFile
	for p, data := range mem.Files {
		files = append(files, mirror.ZipFile{Path: p, Data: data})
	}
	var buf bytes.Buffer
	stamp := w.opt.horizon.Day(w.opt.Now)
	prefix := publish.SafeName(w.in.cfg.Title) + "-offline/"
	if err := mirror.WriteZip(&buf, files, prefix, stamp); err != nil {
		return err
	}
	return out.WriteFile(name, buf.Bytes())
}

// entryLister is an output that lists what was written into it.
type entryLister interface {
	Entries() []publish.Entry
}

// writeManifest writes mirror.json into out from every file written there so far.
func (w *writer) writeManifest(_ context.Context, out publish.Writer) error {
	rec, ok := out.(entryLister)
	if !ok {
		return nil
	}
	var files []mirror.File
	for _, e := range rec.Entries() {
		files = append(files, mirror.File{Path: e.Path, Size: e.Size, SHA256: e.SHA256})
	}
	data, err := mirror.NewManifest(w.in.cfg.Title, files).Marshal()
	if err != nil {
		return err
	}
	return out.WriteFile(publish.MarkerFile, data)
}
