package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/harvest"
)

func cmdHarvest(ctx context.Context, c *cli, args []string) error {
	fs := newFlags(c, "harvest", "harvest [--source DIR] [--concurrency 4] [--timeout 30s] [--retries 2] [--strict] [PARTNER-ID...]")
	source := fs.String("source", ".", "site folder holding config.toml")
	conc := fs.Int("concurrency", 4, "partners fetched at once")
	timeout := fs.Duration("timeout", 30*time.Second, "time limit of each request, its whole body included")
	retries := fs.Int("retries", 2, "extra attempts after a network error or a server error")
	strict := fs.Bool("strict", false, "exit 1 when a partner could not be harvested")
	only, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	say := c.say().Phrases()
	cfg, diags, err := config.Load(filepath.Join(*source, config.FileName), config.FileName)
	printDiags(c, c.say(), diags, true, false)
	if err != nil {
		return err
	}
	if len(cfg.Partners) == 0 {
		fmt.Fprintln(c.stdout, say.Sayf("config.toml names no partners: add [[partners]] entries (see README, \"Partners\")"))
		return nil
	}
	for _, id := range only {
		if _, ok := cfg.PartnerByID(id); !ok {
			return fmt.Errorf("%w: %w", errUsage, diag.Phrasef("config.toml has no partner %q", id))
		}
	}
	if *retries == 0 {
		*retries = -1
	}
	results, err := harvest.Run(ctx, *source, cfg.Partners, harvest.Options{Concurrency: *conc, Timeout: *timeout, Retries: *retries, Only: only})
	if err != nil {
		return err
	}
	failed := 0
	for _, r := range results {
		id := diag.Escape(r.ID)
		items, events := say.Countf(r.Items, "%d item", "%d items", r.Items), say.Countf(r.Events, "%d event", "%d events", r.Events)
		switch r.Status {
		case harvest.Updated:
			files := say.Countf(r.Downloaded, "%d file", "%d files", r.Downloaded)
			fmt.Fprintln(c.stdout, say.Sayf("%s: updated: %s, %s (%s, %d bytes downloaded)", id, items, events, files, r.Bytes))
		case harvest.Unchanged:
			fmt.Fprintln(c.stdout, say.Sayf("%s: unchanged (%s, %s)", id, items, events))
		default:
			failed++
			// What a partner's server answered is its own text: escaped.
			fmt.Fprintln(c.stderr, say.Sayf("%s: %s: not harvested, its last data (%s, %s) is kept: %s", diag.Warning.Said(say), id, items, events, diag.Escape(say.Error(r.Err))))
		}
	}
	fmt.Fprintln(c.stdout, say.Sayf("review and commit data/partners/ to publish the changes with the next build"))
	if failed > 0 && *strict {
		return exitError{1}
	}
	return nil
}
