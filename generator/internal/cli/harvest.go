package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/oersite/oersite/generator/internal/config"
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
	cfg, diags, err := config.Load(filepath.Join(*source, config.FileName), config.FileName)
	printDiags(c, c.say(), diags, true, false)
	if err != nil {
		return err
	}
	if len(cfg.Partners) == 0 {
		fmt.Fprintln(c.stdout, "config.toml names no partners: add [[partners]] entries (see README, \"Partners\")")
		return nil
	}
	for _, id := range only {
		if _, ok := cfg.PartnerByID(id); !ok {
			return fmt.Errorf("%w: config.toml has no partner %q", errUsage, id)
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
		switch r.Status {
		case harvest.Updated:
			fmt.Fprintf(c.stdout, "%s: updated: %d items, %d events (%d files, %d bytes downloaded)\n", r.ID, r.Items, r.Events, r.Downloaded, r.Bytes)
		case harvest.Unchanged:
			fmt.Fprintf(c.stdout, "%s: unchanged (%d items, %d events)\n", r.ID, r.Items, r.Events)
		default:
			failed++
			fmt.Fprintf(c.stderr, "warning: %s: not harvested, its last data (%d items, %d events) is kept: %v\n", r.ID, r.Items, r.Events, r.Err)
		}
	}
	fmt.Fprintf(c.stdout, "review and commit data/partners/ to publish the changes with the next build\n")
	if failed > 0 && *strict {
		return exitError{1}
	}
	return nil
}
