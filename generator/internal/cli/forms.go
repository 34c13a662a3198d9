package cli

import (
	"io"
	"os"
	"path/filepath"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/forms"
)

// formsReceiver prepares the local receiver for the forms of the site's
// config, appending to file. The dev server tells it, after each build,
// the choices the site's pages offer.
func formsReceiver(source, file string, log io.Writer) (*forms.Receiver, error) {
	cfg, _, err := config.Load(filepath.Join(source, config.FileName), config.FileName)
	if err != nil {
		return nil, err
	}
	if len(cfg.Forms) == 0 {
		return nil, diag.Phrasef("config.toml has no [forms.<name>] table: there is no form to receive")
	}
	if top := build.InputFolder(file, source); top != "" {
		return nil, diag.Phrasef("--forms %s is inside the site's %s folder: the submissions would be read or published with the site; keep them outside it", file, top)
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, &diag.Phrased{Format: "cannot write submissions to %s: %v", Args: []any{file, err}, Err: err}
	}
	f.Close()
	return &forms.Receiver{Store: &forms.FileStore{Path: file}, Log: log}, nil
}
