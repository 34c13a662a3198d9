package build

import (
	"encoding/json"

	"github.com/oersite/oersite/generator/publish"
)

// extraStages are the outputs written after the pages.
func (w *writer) extraStages() []stage {
	return []stage{
		{"search", w.writeSearch},
		{"metadata", w.writeMetadata},
		{"manifest", w.writeManifest},
	}
}

// writeMetadata writes sitemap, robots.txt, feeds, calendars, OAI-PMH and catalogues.
func (w *writer) writeMetadata() error {
	warns, err := w.metadata().WriteFiles(w.out.WriteFile)
	w.res.Diags = append(w.res.Diags, warns...)
	return err
}

// writeManifest writes mirror.json from every file written so far.
func (w *writer) writeManifest() error {
	rec, ok := w.out.(interface{ Entries() []publish.Entry })
	if !ok {
		return nil
	}
	data, err := json.MarshalIndent(rec.Entries(), "", " ")
	if err != nil {
		return err
	}
	return w.out.WriteFile(publish.MarkerFile, data)
}
