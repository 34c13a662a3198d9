package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/check"
	"github.com/oersite/oersite/generator/internal/history"
)

func cmdCheck(ctx context.Context, c *cli, args []string) error {
	fs := newFlags(c, "check", "check [--source DIR] [--format text|json] [--warnings] [--verbose]")
	source := fs.String("source", ".", "site folder")
	format := fs.String("format", "text", "text or json")
	warnings := fs.Bool("warnings", true, "list warnings too (text format)")
	drafts := fs.Bool("drafts", true, "check pages marked draft, dated in the future or expired too")
	verbose := fs.Bool("verbose", false, "list every warning in full instead of one line per kind")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return fmt.Errorf("%w: --format must be text or json", errUsage)
	}
	now, err := build.NowFrom("", os.Getenv, time.Now)
	if err != nil {
		return err
	}
	res, err := build.Build(ctx, build.Options{Source: *source, Drafts: *drafts, Future: *drafts, Expired: *drafts, Now: now, DryRun: true})
	var r check.Report
	if res.Site != nil && (err == nil || len(build.Diagnostics(err)) > 0) {
		r = check.Run(res.Site, res.Diags)
	} else if err != nil {
		if len(build.Diagnostics(err)) == 0 {
			return err
		}
		r = check.Run(nil, res.Diags)
	}
	if err := r.AddHistory(sourceHistory(ctx, *source), lastChanged(ctx, *source, now)); err != nil {
		return err
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			return err
		}
	default:
		shown, say := r, c.say()
		shown.Errors, shown.Warnings = say.Diagnostics(r.Errors), say.Diagnostics(r.Warnings)
		fmt.Fprint(c.stdout, shown.Text(say.Phrases(), *warnings, *verbose))
	}
	if len(r.Errors) > 0 {
		return exitError{1}
	}
	return nil
}

// sourceHistory reads what changed in a source file since a date from the
// site's git history; without git or history it answers nothing, and check
// keeps to comparing dates.
func sourceHistory(ctx context.Context, dir string) func(source, since string) (*history.Change, error) {
	return func(source, since string) (*history.Change, error) {
		day, err := time.Parse("2006-01-02", since)
		if err != nil {
			return nil, nil
		}
		ch, err := history.Since(ctx, dir, source, day)
		if errors.Is(err, history.ErrNoHistory) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		return &ch, nil
	}
}

// lastChanged reads the day each file of the site last changed from its git
// history; without git or history it answers nothing.
func lastChanged(ctx context.Context, dir string, today time.Time) func() (map[string]string, error) {
	return func() (map[string]string, error) {
		last, err := history.LastChanged(ctx, dir, today)
		if errors.Is(err, history.ErrNoHistory) {
			return nil, nil
		}
		return last, err
	}
}
