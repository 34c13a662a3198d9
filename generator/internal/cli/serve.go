package cli

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"runtime/debug"
	"time"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/devserver"
)

func cmdServe(ctx context.Context, c *cli, args []string) error {
	fs := newFlags(c, "serve", "serve [--source DIR] [--port 1313] [--bind 127.0.0.1] [--drafts] [--future] [--expired] [--forms FILE]")
	source := fs.String("source", ".", "site folder")
	port := fs.Int("port", 1313, "port to listen on (0 picks a free one)")
	bind := fs.String("bind", "127.0.0.1", "address to listen on; the default keeps the server to this computer")
	drafts := fs.Bool("drafts", false, "include pages marked draft")
	future := fs.Bool("future", false, "include pages whose date or publishDate is after today")
	expired := fs.Bool("expired", false, "include pages whose expiryDate has passed")
	now := fs.String("now", "", "build date deciding upcoming webinars (default: the clock)")
	forms := fs.String("forms", "", "turn on the form receiver at /_forms/<form>, appending submissions to this JSON-lines file")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	clock := time.Now
	if *now != "" {
		t, err := build.NowFrom(*now, func(string) string { return "" }, time.Now)
		if err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		clock = func() time.Time { return t }
	}
	mounts := map[string]http.Handler{}
	if *forms != "" {
		h, err := formsHandler(*source, *forms)
		if err != nil {
			return err
		}
		mounts["/_forms/"] = h
		fmt.Fprintf(c.stderr, "form receiver on: submissions are appended to %s\n", *forms)
	}
	if os.Getenv("GOGC") == "" {
		// The server keeps the whole site in memory for hours: collect
		// garbage sooner (peak memory about 1.5 times the live site rather
		// than twice); rebuilds are mostly incremental, so this costs little.
		debug.SetGCPercent(devserver.GCPercent)
	}
	srv := devserver.New(devserver.Options{Source: *source, Bind: *bind, Port: *port, Drafts: *drafts, Future: *future, Expired: *expired, Now: clock, Log: c.stderr, Mounts: mounts, LocalForms: *forms != ""})
	return srv.Run(ctx)
}
