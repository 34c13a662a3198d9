package build

import (
	"bytes"
	"context"
	"time"

	"github.com/oersite/oersite/generator/internal/mirror"
	"github.com/oersite/oersite/generator/internal/publish"
)

// extraStages are the outputs written after the pages (and the search
// index, which is written while the pages are).
func (w *writer) extraStages() []stage {
	return []stage{
		{"partners", w.writePartners},
		{"offline zip", w.writeOfflineZip},
		{"manifest", w.writeManifest},
	}
}

// writeMetadata writes sitemap, robots.txt, feeds, calendars, OAI-PMH and catalogues.
func (w *writer) writeMetadata() error {
	warns, err := w.metadata().WriteFiles(w.out.WriteFile)
	w.res.Diags = append(w.res.Diags, warns...)
	return err
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
// and writes it as one deterministic zip (timestamps from the build date).
func (w *writer) writeOfflineZip(ctx context.Context) error {
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
	stamp := w.opt.Now.UTC().Truncate(24 * time.Hour)
	prefix := publish.SafeName(w.in.cfg.Title) + "-offline/"
	if err := mirror.WriteZip(&buf, files, prefix, stamp); err != nil {
		return err
	}
	return w.out.WriteFile(name, buf.Bytes())
}

// writeManifest writes mirror.json from every file written so far.
func (w *writer) writeManifest(context.Context) error {
	rec, ok := w.out.(interface{ Entries() []publish.Entry })
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
	return w.out.WriteFile(publish.MarkerFile, data)
}
