package build

import (
	"bytes"
	"context"
	"encoding/json"

	"github.com/oersite/oersite/generator/internal/publish"
	"github.com/oersite/oersite/generator/internal/site"
)

// writePartners writes the partners' catalogue for the catalogue page's
// script (a classic script, so that it also loads from disk).
func (w *writer) writePartners(_ context.Context, out publish.Writer) error {
	s := w.res.Site
	if len(s.PartnerItems) == 0 {
		return nil
	}
	var b bytes.Buffer
	b.WriteString("window.oersitePartners=")
	enc := json.NewEncoder(&b)
	if err := enc.Encode(s.CatalogueData()); err != nil {
		return err
	}
	b.WriteString(";\n")
	return out.WriteFile(site.CataloguePath, b.Bytes())
}
