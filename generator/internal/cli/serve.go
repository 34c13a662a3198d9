package cli

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"time"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/devserver"
	"github.com/oersite/oersite/generator/internal/editor"
	formspkg "github.com/oersite/oersite/generator/internal/forms"
)

func cmdServe(ctx context.Context, c *cli, args []string) error {
	fs := newFlags(c, "serve", "serve [--source DIR] [--port 1313] [--bind 127.0.0.1] [--drafts] [--future] [--expired] [--forms FILE] [--edit] [--poll 1s]")
	source := fs.String("source", ".", "site folder")
	port := fs.Int("port", 1313, "port to listen on (0 picks a free one)")
	bind := fs.String("bind", "127.0.0.1", "address to listen on; the default keeps the server to this computer")
	drafts := fs.Bool("drafts", false, "include pages marked draft")
	future := fs.Bool("future", false, "include pages whose date or publishDate is after today")
	expired := fs.Bool("expired", false, "include pages whose expiryDate has passed")
	now := fs.String("now", "", "build date deciding upcoming webinars (default: the clock)")
	edit := fs.Bool("edit", false, "turn on the browser editor at /_edit/ (an address with a token made for this run is printed)")
	forms := fs.String("forms", "", "turn on the form receiver at /_forms/<form>, appending submissions to this JSON-lines file")
	poll := fs.Duration("poll", 0, "look for changed files at this interval (e.g. 1s) instead of being told by the system: for network drives and containers where edits go unnoticed")
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
	var receiver *formspkg.Receiver
	if *forms != "" {
		rc, err := formsReceiver(*source, *forms, c.stderr)
		if err != nil {
			return err
		}
		receiver = rc
		fmt.Fprintln(c.stderr, c.say().Phrases().Sayf("form receiver on: submissions are appended to %s", *forms))
	}
	editLink := ""
	var listening func(addr string) // announces the editor where the server listens
	if *edit {
		if ip := net.ParseIP(*bind); *bind != "localhost" && (ip == nil || !ip.IsLoopback()) {
			return fmt.Errorf("%w: --edit changes files on this computer: it works with --bind 127.0.0.1 (or another loopback address) only", errUsage)
		}
		ed, err := editor.New(editor.Options{Source: *source, Now: clock})
		if err != nil {
			return err
		}
		mounts[editor.Prefix] = ed
		editLink = editor.Prefix + "?token=" + ed.Token()
		listening = func(addr string) {
			fmt.Fprintln(c.stderr, c.say().Phrases().Sayf("editor on: open %s (only on this computer; the address holds this run's key)", ed.URL("http://"+addr)))
		}
	}
	if os.Getenv("GOGC") == "" {
		// The server keeps the whole site in memory for hours: collect
		// garbage sooner (peak memory about 1.5 times the live site rather
		// than twice); rebuilds are mostly incremental, so this costs little.
		debug.SetGCPercent(devserver.GCPercent)
	}
	srv := devserver.New(devserver.Options{Source: *source, Bind: *bind, Port: *port, Drafts: *drafts, Future: *future, Expired: *expired, Now: clock, Log: c.stderr, LogWords: c.say(), Mounts: mounts, Forms: receiver, EditLink: editLink, Listening: listening, Poll: *poll})
	return srv.Run(ctx)
}
