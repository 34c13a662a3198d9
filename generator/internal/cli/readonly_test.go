package cli

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// nobody is the user a root test runs a command as, so that permissions hold.
const nobody = 65534

// asUser runs cmd as an unprivileged user when the test runs as root
// (root writes anywhere, so a read-only folder would not be).
func asUser(cmd *exec.Cmd) {
	if os.Getuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	}
}

// openDir makes a folder the unprivileged user may enter and, if writable, write.
func openDir(t *testing.T, dir string, writable bool) {
	t.Helper()
	mode := os.FileMode(0o755)
	if writable {
		mode = 0o777
	}
	if err := os.Chmod(dir, mode); err != nil {
		t.Fatal(err)
	}
}

// copyExecutable copies the oersite the tests run to where every user may run it.
func copyExecutable(t *testing.T, dir string) string {
	t.Helper()
	self, err := exec.LookPath("oersite")
	if err != nil {
		t.Skip("no oersite executable on PATH")
	}
	in, err := os.Open(self)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	bin := filepath.Join(dir, "oersite")
	out, err := os.OpenFile(bin, os.O_WRONLY|os.O_CREATE, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	out.Close()
	return bin
}

// A checkout nobody may write to builds: the index goes to the user's cache.
func TestReadOnlyCheckoutBuilds(t *testing.T) {
	tmp := t.TempDir()
	openDir(t, filepath.Dir(tmp), false)
	openDir(t, tmp, false)
	bin := copyExecutable(t, tmp)
	site := filepath.Join(tmp, "site")
	files := map[string]string{
		"config.toml":          "baseURL = \"https://example.org/\"\ntitle = \"RO\"\n[languages.en]\nname = \"English\"\n",
		"content/en/_index.md": "---\ntitle: Home\n---\nWelcome.\n",
		"content/en/bakery.md": "---\ntitle: Opening a bakery online\n---\nSourdough and calendars.\n",
	}
	for p, data := range files {
		full := filepath.Join(site, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		os.WriteFile(full, []byte(data), 0o444)
	}
	filepath.WalkDir(site, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			os.Chmod(p, 0o555)
		}
		return nil
	})
	t.Cleanup(func() {
		filepath.WalkDir(site, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				os.Chmod(p, 0o755)
			}
			return nil
		})
	})
	home := filepath.Join(tmp, "home")
	out := filepath.Join(tmp, "out")
	for _, d := range []string{home, out} {
		os.Mkdir(d, 0o777)
		openDir(t, d, true)
	}
	env := append(os.Environ(), "HOME="+home, "XDG_CACHE_HOME="+filepath.Join(home, "cache"), "SOURCE_DATE_EPOCH=1795392000")
	run := func(args ...string) string {
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		asUser(cmd)
		b, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("oersite %s: %v\n%s", strings.Join(args, " "), err, b)
		}
		return string(b)
	}
	run("build", "--source", site, "--dest", filepath.Join(out, "public"))
	if _, err := os.Stat(filepath.Join(out, "public", "en", "bakery", "index.html")); err != nil {
		t.Fatalf("nothing built: %v", err)
	}
	if _, err := os.Stat(filepath.Join(site, ".oersite")); err == nil {
		t.Error(".oersite was written into the read-only site")
	}
	got := run("search", "--source", site, "sourdough")
	if !strings.Contains(got, "Opening a bakery online") {
		t.Errorf("search did not find the index the build kept:\n%s", got)
	}
	run("build", "--source", site, "--dest", filepath.Join(out, "public2"), "--cache", "off")
}
