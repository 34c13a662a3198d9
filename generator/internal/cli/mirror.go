package cli

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/mirror"
)

func cmdMirror(ctx context.Context, c *cli, args []string) error {
	fs := newFlags(c, "mirror", "mirror [--concurrency 4] [--timeout 30s] [--retries 2] SOURCE DEST")
	conc := fs.Int("concurrency", 4, "downloads at once")
	timeout := fs.Duration("timeout", 30*time.Second, "time limit of each request")
	retries := fs.Int("retries", 2, "extra attempts for a file that fails or does not match")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		fs.Usage()
		return fmt.Errorf("%w: %w", errUsage, diag.Phrasef("give the site (a web address or a folder) and the folder for the copy"))
	}
	terminal := false
	if f, ok := c.stderr.(*os.File); ok {
		if info, err := f.Stat(); err == nil && info.Mode()&os.ModeCharDevice != 0 {
			terminal = true
		}
	}
	rep, err := mirror.Sync(ctx, pos[0], pos[1], mirror.Options{Concurrency: *conc, Timeout: *timeout, Retries: *retries, Progress: c.stderr, Terminal: terminal, Say: c.say().Phrases()})
	if err != nil {
		return err
	}
	say := c.say().Phrases()
	files := say.Countf(rep.Files, "%d file", "%d files", rep.Files)
	version := diag.Escape(rep.Version) // the copied site's own words
	if rep.Unchanged {
		fmt.Fprintln(c.stdout, say.Sayf("%s is up to date (version %s, %s)", pos[1], version, files))
		return nil
	}
	fmt.Fprintln(c.stdout, say.Sayf("%s now holds version %s: %s, %d downloaded (%d bytes), %d removed", pos[1], version, files, rep.Downloaded, rep.Bytes, rep.Removed))
	return nil
}
