package cli

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/forms"
)

// formsHandler builds the local receiver for every form of the site's config.
func formsHandler(source, file string, drafts bool) (http.Handler, error) {
	cfg, _, err := config.Load(filepath.Join(source, config.FileName), config.FileName)
	if err != nil {
		return nil, err
	}
	if len(cfg.Forms) == 0 {
		return nil, fmt.Errorf("config.toml has no [forms.<name>] table: there is no form to receive")
	}
	if top := build.InputFolder(file, source); top != "" {
		return nil, fmt.Errorf("--forms %s is inside the site's %s folder: the submissions would be read or published with the site; keep them outside it", file, top)
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot write submissions to %s: %w", file, err)
	}
	f.Close()
	// The options a form shows come from the site model (a module's slug,
	// whatever its folder is called): ask the same model what to accept.
	res, err := build.Build(context.Background(), build.Options{Source: source, Drafts: drafts, DryRun: true})
	if err != nil {
		return nil, fmt.Errorf("the form receiver needs the site's modules: %w", err)
	}
	values := func(from string) []string {
		var out []string
		for _, c := range res.Site.Choices(from, "") {
			out = append(out, c.Value)
		}
		return out
	}
	modules := values("modules")
	specs := map[string]forms.Spec{}
	for name, form := range cfg.Forms {
		specs[name] = forms.Resolve(name, form, modules, values("languages"))
	}
	return &forms.Receiver{Specs: specs, Store: &forms.FileStore{Path: file}}, nil
}
