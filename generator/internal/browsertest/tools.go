package browsertest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// toolsDir is where .ci/run installs the checkers the tests use (npm ci in
// .ci/tools). OERSITE_TOOLS names another folder with the same layout.
func toolsDir() string {
	if d := os.Getenv("OERSITE_TOOLS"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, ".ci", "tools")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// missing skips the test with a message saying how to install what is
// missing, or fails it when OERSITE_REQUIRE_BROWSER=1 (as in CI).
func missing(t testing.TB, what, install string) {
	t.Helper()
	if os.Getenv("OERSITE_REQUIRE_BROWSER") == "1" {
		t.Fatalf("%s is required (OERSITE_REQUIRE_BROWSER=1) but not found: %s", what, install)
	}
	t.Skipf("%s is not installed (%s); skipping", what, install)
}

// NodeModule returns the path of a file inside an npm package that .ci/run
// installs into .ci/tools/node_modules (for example "axe-core/axe.min.js").
// The test is skipped when it is absent, or fails under OERSITE_REQUIRE_BROWSER=1.
func NodeModule(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(toolsDir(), "node_modules", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		missing(t, rel, "npm ci --prefix .ci/tools")
	}
	return p
}

// Java returns the path of a Java runtime (for the Nu Html Checker), with the
// same skip-or-fail rule.
func Java(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("java")
	if err != nil {
		missing(t, "java", "apt-get install default-jre-headless")
	}
	return p
}

// Node returns the path of Node.js, with the same skip-or-fail rule.
func Node(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("node")
	if err != nil {
		missing(t, "node", "apt-get install nodejs")
	}
	return p
}
