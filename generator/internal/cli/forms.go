package cli

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"

	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/forms"
)

// formsHandler builds the local receiver for every form of the site's config.
func formsHandler(source, file string) (http.Handler, error) {
	cfg, _, err := config.Load(filepath.Join(source, config.FileName), config.FileName)
	if err != nil {
		return nil, err
	}
	if len(cfg.Forms) == 0 {
		return nil, fmt.Errorf("config.toml has no [forms.<name>] table: there is no form to receive")
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot write submissions to %s: %w", file, err)
	}
	f.Close()
	var modules []string
	entries, _ := os.ReadDir(filepath.Join(source, "content", cfg.DefaultLanguage, "modules"))
	for _, e := range entries {
		if e.IsDir() {
			modules = append(modules, e.Name())
		}
	}
	sort.Strings(modules)
	specs := map[string]forms.Spec{}
	for name, form := range cfg.Forms {
		specs[name] = forms.Resolve(name, form, modules, cfg.LanguageCodes())
	}
	return &forms.Receiver{Specs: specs, Store: &forms.FileStore{Path: file}}, nil
}
