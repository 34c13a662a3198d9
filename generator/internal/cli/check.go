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
	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/history"
)

func cmdCheck(ctx context.Context, c *cli, args []string) error {
	fs := newFlags(c, "check", "check [--source DIR] [--format text|json] [--warnings] [--verbose] [--fix]")
	source := fs.String("source", ".", "site folder")
	format := fs.String("format", "text", "text or json")
	warnings := fs.Bool("warnings", true, "list warnings too (text format)")
	drafts := fs.Bool("drafts", true, "check pages marked draft, dated in the future or expired too")
	verbose := fs.Bool("verbose", false, "list every warning in full instead of one line per kind")
	fix := fs.Bool("fix", false, "write check's sure corrections into the files (a value put in quotes, a quotation mark closed), then check again")
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
	r, err := checkSite(ctx, *source, *drafts, now)
	if err != nil {
		return err
	}
	var fixed diag.List
	// A page stops at its first front matter mistake: each round can
	// correct the next one (bounded, whatever the files hold).
	for round := 0; *fix && round < 20; round++ {
		done, err := check.ApplyFixes(*source, r.Errors)
		if err != nil {
			return err
		}
		if len(done) == 0 {
			break
		}
		fixed = append(fixed, done...)
		if r, err = checkSite(ctx, *source, *drafts, now); err != nil {
			return err
		}
	}
	fixed.Sort()
	r.Fixed = fixed
	switch *format {
	case "json":
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			return err
		}
	default:
		shown, say := r, c.say()
		printFixed(c, say.Phrases(), fixed)
		shown.Errors, shown.Warnings = say.Diagnostics(r.Errors), say.Diagnostics(r.Warnings)
		fmt.Fprint(c.stdout, shown.Text(say.Phrases(), *warnings, *verbose))
	}
	if len(r.Errors) > 0 {
		return exitError{1}
	}
	return nil
}

// checkSite reads the site at source as check does (nothing written) and
// reports what it finds, with what changed in sources since their
// translations (from git, where there is history).
func checkSite(ctx context.Context, source string, drafts bool, now time.Time) (check.Report, error) {
	res, err := build.Build(ctx, build.Options{Source: source, Drafts: drafts, Future: drafts, Expired: drafts, Now: now, DryRun: true})
	var r check.Report
	if res.Site != nil && (err == nil || len(build.Diagnostics(err)) > 0) {
		r = check.Run(res.Site, res.Diags)
	} else if err != nil {
		if len(build.Diagnostics(err)) == 0 {
			return r, err
		}
		r = check.Run(nil, res.Diags)
	}
	return r, r.AddHistory(sourceHistory(ctx, source), lastChanged(ctx, source, now))
}

// printFixed lists the lines --fix corrected, each at its place with the
// line as it is now, and how many.
func printFixed(c *cli, say diag.Phrases, fixed diag.List) {
	if len(fixed) == 0 {
		return
	}
	files := map[string]bool{}
	for _, d := range fixed {
		files[d.File] = true
		fmt.Fprintln(c.stdout, say.Sayf("%s:%d: corrected: %s", d.File, d.Line, diag.Escape(d.Fix)))
	}
	fmt.Fprintln(c.stdout, say.Countf(len(fixed), "%d line corrected in %s", "%d lines corrected in %s", len(fixed),
		say.Countf(len(files), "%d file", "%d files", len(files))))
	fmt.Fprintln(c.stdout)
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
