package build

import (
	"context"
	"io"

	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/mirror"
	"github.com/oersite/oersite/generator/internal/oer"
	"github.com/oersite/oersite/generator/internal/publish"
)

// extraStages are the outputs written after the pages (and the search
// index, which is written while the pages are).
func (w *writer) extraStages() []stage {
	return []stage{
		{"partners", func(ctx context.Context) error { return w.writePartners(ctx, w.out) }, nil},
		{"offline zip", func(ctx context.Context) error { return w.writeOfflineZip(ctx, w.out) }, func() string { return w.zipNote }},
		{"manifest", func(ctx context.Context) error { return w.writeManifest(ctx, w.out) }, nil},
	}
}

// writeMetadata writes sitemap, robots.txt, feeds, calendars, OAI-PMH and
// catalogues into out, and returns their warnings; a patch build keeps the
// last build's when they would be the same (see keptMetadata). A stopped
// ctx writes nothing more.
func (w *writer) writeMetadata(ctx context.Context, out publish.Writer) (diag.List, error) {
	if last, ok := w.keptMetadata(); ok {
		w.meta, w.metaKept = last, true
		return last.Warns, nil
	}
	warns, err := w.metadata().WriteFiles(oer.Out{
		Put: func(p string, data []byte) error {
			if err := ctx.Err(); err != nil {
				return err // stopped: write nothing more
			}
			return out.WriteFile(p, data)
		},
		Stream: func(p string, write func(io.Writer) error) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			return publish.Stream(out, p, write)
		},
	})
	w.meta = &metaRecord{Asked: w.asked.list(), Warns: warns}
	return warns, err
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
