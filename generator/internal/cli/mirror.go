package cli

import (
	"context"
	"fmt"
	"os"
	"time"

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
		return fmt.Errorf("%w: give the site (a web address or a folder) and the folder for the copy", errUsage)
	}
	terminal := false
	if f, ok := c.stderr.(*os.File); ok {
		if info, err := f.Stat(); err == nil && info.Mode()&os.ModeCharDevice != 0 {
			terminal = true
		}
	}
	rep, err := mirror.Sync(ctx, pos[0], pos[1], mirror.Options{Concurrency: *conc, Timeout: *timeout, Retries: *retries, Progress: c.stderr, Terminal: terminal})
	if err != nil {
		return err
	}
	if rep.Unchanged {
		fmt.Fprintf(c.stdout, "%s is up to date (version %s, %d files)\n", pos[1], rep.Version, rep.Files)
		return nil
	}
	fmt.Fprintf(c.stdout, "%s now holds version %s: %d files, %d downloaded (%d bytes), %d removed\n", pos[1], rep.Version, rep.Files, rep.Downloaded, rep.Bytes, rep.Removed)
	return nil
}
