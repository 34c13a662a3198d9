package history

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func git(t *testing.T, dir, date string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=T",
		"GIT_COMMITTER_EMAIL=t@example.org", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// TestARepositoryCannotRunPrograms: a repository whose own configuration
// names an external diff program, a text conversion and a pager (as a
// hostile checkout could) is read without running any of them.
func TestARepositoryCannotRunPrograms(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	ran := filepath.Join(dir, "ran")
	evil := filepath.Join(dir, "evil.sh")
	os.WriteFile(evil, []byte("#!/bin/sh\ntouch "+ran+"\n"), 0o755)
	git(t, dir, "2026-10-01T10:00:00Z", "init", "-q")
	for _, kv := range [][2]string{{"diff.external", evil}, {"core.pager", evil}, {"diff.md.textconv", evil}, {"core.fsmonitor", evil}} {
		git(t, dir, "2026-10-01T10:00:00Z", "config", kv[0], kv[1])
	}
	os.WriteFile(filepath.Join(dir, ".gitattributes"), []byte("*.md diff=md\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "page.md"), []byte("one\n"), 0o644)
	git(t, dir, "2026-10-01T10:00:00Z", "add", "-A")
	git(t, dir, "2026-10-01T10:00:00Z", "commit", "-q", "-m", "first")
	os.Remove(ran)
	os.WriteFile(filepath.Join(dir, "page.md"), []byte("one\ntwo\n"), 0o644)
	git(t, dir, "2026-11-10T10:00:00Z", "commit", "-q", "-am", "second")
	os.Remove(ran)
	ch, err := Since(context.Background(), dir, "page.md", time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ch.Diff, "+two") || len(ch.Commits) != 1 || ch.Commits[0].Subject != "second" {
		t.Errorf("change %+v", ch)
	}
	if _, err := os.Stat(ran); err == nil {
		t.Error("a program named by the repository's configuration ran")
	}
}

func TestOutsideARepositoryThereIsNoHistory(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "page.md"), []byte("one\n"), 0o644)
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	if _, err := Since(context.Background(), dir, "page.md", time.Now()); !errors.Is(err, ErrNoHistory) {
		t.Errorf("got %v, want ErrNoHistory", err)
	}
}

// TestLastChanged: each file's day is its last commit's, paths are from the
// site folder inside the repository, and an edit not committed is today's.
func TestLastChanged(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	repo := t.TempDir()
	site := filepath.Join(repo, "site")
	os.MkdirAll(filepath.Join(site, "content"), 0o755)
	git(t, repo, "2026-10-01T10:00:00Z", "init", "-q")
	for _, f := range []string{"a.md", "b.md", "c.md", "fréttir.md"} {
		os.WriteFile(filepath.Join(site, "content", f), []byte("one\n"), 0o644)
	}
	git(t, repo, "2026-10-01T10:00:00Z", "add", "-A")
	git(t, repo, "2026-10-01T10:00:00Z", "commit", "-q", "-m", "first")
	os.WriteFile(filepath.Join(site, "content", "b.md"), []byte("two\n"), 0o644)
	git(t, repo, "2026-11-10T10:00:00Z", "commit", "-q", "-am", "second")
	os.WriteFile(filepath.Join(site, "content", "c.md"), []byte("three\n"), 0o644)
	last, err := LastChanged(context.Background(), site, time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"content/a.md": "2026-10-01", "content/b.md": "2026-11-10", "content/c.md": "2026-12-03", "content/fréttir.md": "2026-10-01"}
	for f, d := range want {
		if last[f] != d {
			t.Errorf("%s: %q, want %q (all: %v)", f, last[f], d, last)
		}
	}
}

// TestBeforeTheFirstCommit: in a work tree of no commit yet (git init,
// then the first pages), every file is today's and none has a history; it
// was an error that stopped check.
func TestBeforeTheFirstCommit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	site := t.TempDir()
	git(t, site, "2026-10-01T10:00:00Z", "init", "-q")
	os.MkdirAll(filepath.Join(site, "content"), 0o755)
	os.WriteFile(filepath.Join(site, "content", "a.md"), []byte("one\n"), 0o644)
	today := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	last, err := LastChanged(context.Background(), site, today)
	if err != nil || last["content/a.md"] != "2026-12-03" {
		t.Errorf("LastChanged: %v, %v", last, err)
	}
	if _, err := Since(context.Background(), site, "content/a.md", today); !errors.Is(err, ErrNoHistory) {
		t.Errorf("Since: %v, want ErrNoHistory", err)
	}
}
