package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/oersite/oersite/generator/internal/authorwords"
)

// TestHelpInTheAuthorsLanguage: oersite's list of commands and a command's
// flags are said in the locale's language, laid out as the flag package
// lays them out; in English they are as written in the code.
func TestHelpInTheAuthorsLanguage(t *testing.T) {
	help := func(getenv func(string) string, args ...string) string {
		var stdout, stderr bytes.Buffer
		run(context.Background(), args, &cli{stdout: &stdout, stderr: &stderr, getenv: getenv})
		return stdout.String() + stderr.String()
	}
	english := help(nil, "new", "--help")
	for _, want := range []string{"Usage: oersite new module|lesson", "\nFlags:\n", "  -title string\n    \tthe page's title, e.g. --title \"Using WhatsApp Business\" (default: from the name)\n",
		"  -source string\n    \tsite folder (default \".\")\n"} {
		if !strings.Contains(english, want) {
			t.Errorf("English help lacks %q:\n%s", want, english)
		}
	}
	bg := func(k string) string { return map[string]string{"LANG": "bg_BG.UTF-8"}[k] }
	say := authorwords.Builtin().ForLocale(bg).Phrases()
	got := help(bg, "new", "--help")
	for _, want := range []string{say.Sayf("Usage: oersite %s", "new module|lesson"), say.Sayf("Flags:"),
		say.Format(`the page's title, e.g. --title "Using WhatsApp Business" (default: from the name)`), say.Sayf("(default %s)", `"."`)} {
		if !strings.Contains(got, want) || strings.Contains(got, "Flags:") {
			t.Errorf("Bulgarian help lacks %q:\n%s", want, got)
		}
	}
	if list := help(bg); !strings.Contains(list, say.Format("build the site into the destination directory")) || strings.Contains(list, "Commands:") {
		t.Errorf("Bulgarian list of commands:\n%s", list)
	}
}
