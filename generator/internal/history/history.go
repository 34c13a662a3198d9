// Package history reads what changed in a file since a date from the site's
// git history, so that a translator sees what changed in the source since
// they translated it. It runs the git command when one is installed and the
// site is a git work tree, and says so (ErrNoHistory) otherwise; callers then
// keep to comparing dates.
package history

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// ErrNoHistory says there is no git history to read: git is not installed,
// the folder is not a git work tree, or the file was never committed.
var ErrNoHistory = errors.New("no git history")

// errNoCommit is a work tree of no commit yet (git init, then files): no
// file has a history, each is new.
var errNoCommit = fmt.Errorf("%w: no commit yet", ErrNoHistory)

// Change is what happened to a file since a date.
type Change struct {
	File    string   `json:"file"`    // slash-separated, from the site folder
	Since   string   `json:"since"`   // YYYY-MM-DD
	Base    string   `json:"base"`    // the commit the file is compared with ("" when it did not exist then)
	Commits []Commit `json:"commits"` // the commits that changed it since, newest first
	Diff    string   `json:"diff"`    // a unified diff from Base to the file as it is now
}

// Commit is one commit that changed the file.
type Commit struct {
	Hash    string `json:"hash"`
	Date    string `json:"date"`
	Subject string `json:"subject"`
}

// maxDiff bounds the diff kept per file: enough for a translator to see what
// changed, never the whole history of a rewritten file.
const maxDiff = 64 << 10

// Since returns how file (relative to dir, the site folder) changed after
// the day since: the diff between the file as committed at the end of that
// day and the file as it is now (uncommitted edits included), and the
// commits in between. Git runs with options that keep a repository's own
// configuration from running programs (external diff, text conversion,
// file-system monitor, pager).
func Since(ctx context.Context, dir, file string, since time.Time) (Change, error) {
	c := Change{File: file, Since: since.Format("2006-01-02"), Commits: []Commit{}}
	end := time.Date(since.Year(), since.Month(), since.Day(), 23, 59, 59, 0, time.UTC)
	if _, err := gitOutput(ctx, dir, "ls-files", "--error-unmatch", "--", file); err != nil {
		return c, err
	}
	base, err := gitOutput(ctx, dir, "rev-list", "-1", "--before="+end.Format(time.RFC3339), "HEAD", "--", file)
	if err != nil {
		return c, err
	}
	c.Base = strings.TrimSpace(base)
	log, err := gitOutput(ctx, dir, "log", "--no-decorate", "--format=%H%x09%cs%x09%s", "--after="+end.Format(time.RFC3339), "HEAD", "--", file)
	if err != nil {
		return c, err
	}
	for _, line := range strings.Split(strings.TrimSpace(log), "\n") {
		if f := strings.SplitN(line, "\t", 3); len(f) == 3 {
			c.Commits = append(c.Commits, Commit{Hash: f[0][:min(12, len(f[0]))], Date: f[1], Subject: f[2]})
		}
	}
	diff, err := gitOutput(ctx, dir, "diff", "--no-ext-diff", "--no-textconv", "--no-color", "-U2", c.From(), "--", file)
	if err != nil {
		return c, err
	}
	if len(diff) > maxDiff {
		diff = diff[:maxDiff] + "\n[… the rest of the diff is left out]\n"
	}
	c.Diff = diff
	return c, nil
}

// From is what the diff was taken from: Base, or the empty tree when the
// file did not exist at the date.
func (c Change) From() string { return cmp.Or(c.Base, EmptyTree) }

// EmptyTree is git's id of the empty tree: a file that did not exist at the
// date is compared with nothing.
const EmptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"

// gitOutput runs git in dir and returns its standard output; a missing git
// or a folder outside a work tree is ErrNoHistory.
func gitOutput(ctx context.Context, dir string, args ...string) (string, error) {
	// core.quotePath=false: file names as written ("fréttir.md"), not quoted in octal
	safe := []string{"-c", "core.fsmonitor=false", "-c", "core.pager=cat", "-c", "diff.external=", "-c", "core.quotePath=false", "--no-pager", "-C", dir}
	cmd := exec.CommandContext(ctx, "git", append(safe, args...)...)
	cmd.Env = append(cmd.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0", "LC_ALL=C")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if errors.Is(err, exec.ErrNotFound) {
		return "", ErrNoHistory
	}
	if err != nil {
		msg := strings.TrimSpace(errOut.String())
		if strings.Contains(msg, "bad revision 'HEAD'") {
			return "", errNoCommit
		}
		if strings.Contains(msg, "not a git repository") || strings.Contains(msg, "did not match any file") || strings.Contains(msg, "unknown revision") {
			return "", ErrNoHistory
		}
		return "", fmt.Errorf("git %s: %v: %s", args[0], err, msg)
	}
	return out.String(), nil
}

// Changed lists the files under dir that differ from the last commit
// (modified, added, deleted or new), slash-separated from dir; ErrNoHistory
// outside a git work tree.
func Changed(ctx context.Context, dir string) ([]string, error) {
	out, err := gitOutput(ctx, dir, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", ".")
	if err != nil {
		return nil, err
	}
	prefix, err := gitOutput(ctx, dir, "rev-parse", "--show-prefix")
	if err != nil {
		return nil, err
	}
	prefix = strings.TrimSpace(prefix)
	var files []string
	entries := strings.Split(out, "\x00")
	for i := 0; i < len(entries); i++ {
		e := entries[i]
		if len(e) < 4 {
			continue
		}
		if e[0] == 'R' || e[0] == 'C' {
			i++ // the name it had before follows
		}
		files = append(files, strings.TrimPrefix(e[3:], prefix))
	}
	return files, nil
}

// LastChanged is the day (YYYY-MM-DD) each file under dir last changed,
// slash-separated from dir: the date of its last commit, or today for a file
// edited and not committed yet. It lets check tell a translation older than
// a source that carries no date. ErrNoHistory outside a git work tree.
func LastChanged(ctx context.Context, dir string, today time.Time) (map[string]string, error) {
	log, err := gitOutput(ctx, dir, "log", "--relative", "--no-decorate", "--no-renames", "--format=%x00%cs", "--name-only", "HEAD", "--", ".")
	if err != nil && !errors.Is(err, errNoCommit) { // before the first commit every file is today's
		return nil, err
	}
	last := map[string]string{}
	for _, rec := range strings.Split(log, "\x00") {
		lines := strings.Split(strings.TrimSpace(rec), "\n")
		day := lines[0]
		for _, f := range lines[1:] {
			if f = strings.TrimSpace(f); f != "" && last[f] == "" {
				last[f] = day // the log runs newest first
			}
		}
	}
	edited, err := Changed(ctx, dir)
	if err != nil {
		return nil, err
	}
	for _, f := range edited {
		last[f] = today.Format("2006-01-02")
	}
	return last, nil
}
