package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

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
	for _, want := range []string{"Usage: oersite new site DIR", "\nFlags:\n", "  -title NAME\n    \tthe page's title, e.g. --title \"Using WhatsApp Business\" (default: from the name); a new site's name\n",
		"  -source DIR\n    \tsite folder (default \".\")\n"} {
		if !strings.Contains(english, want) {
			t.Errorf("English help lacks %q:\n%s", want, english)
		}
	}
	bg := func(k string) string { return map[string]string{"LANG": "bg_BG.UTF-8"}[k] }
	say := authorwords.Builtin().ForLocale(bg).Phrases()
	got := help(bg, "new", "--help")
	for _, want := range []string{say.Sayf("Usage: oersite %s", "new site"), say.Sayf("Flags:"),
		say.Format(`the page's title, e.g. --title "Using WhatsApp Business" (default: from the name); a new site's name`), say.Sayf("(default %s)", `"."`)} {
		if !strings.Contains(got, want) || strings.Contains(got, "Flags:") {
			t.Errorf("Bulgarian help lacks %q:\n%s", want, got)
		}
	}
	if list := help(bg); !strings.Contains(list, say.Format("build the site into the destination directory")) || strings.Contains(list, "Commands:") {
		t.Errorf("Bulgarian list of commands:\n%s", list)
	}
}

// TestServeLogsInTheAuthorsLanguage: `oersite serve` under a Bulgarian
// locale writes its log (the first build, where it serves, the editor's
// address) in Bulgarian: the words the command line hands the dev server.
func TestServeLogsInTheAuthorsLanguage(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"config.toml":          "baseURL = \"https://example.org/\"\n[languages.en]\nname = \"English\"\n",
		"content/en/_index.md": "---\ntitle: Home\nsummary: Home.\n---\nHome.\n",
	})
	bg := func(k string) string { return map[string]string{"LANG": "bg_BG.UTF-8"}[k] }
	say := authorwords.Builtin().ForLocale(bg).Phrases()
	serving, _, _ := strings.Cut(say.Format("serving on http://%s/ (Ctrl+C to stop)"), "%s")
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuf{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--port", "0", "--source", dir, "--edit"}, &cli{stdout: out, stderr: out, getenv: bg})
	}()
	defer func() { cancel(); <-done }()
	editor, _, _ := strings.Cut(say.Format("editor on: open %s (only on this computer; the address holds this run's key)"), "%s")
	// the editor's line comes after the server's: wait for both (under
	// the race detector on a busy machine it came a moment later)
	for deadline := time.Now().Add(20 * time.Second); !(strings.Contains(out.String(), serving) && strings.Contains(out.String(), editor)) && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	log := out.String()
	for _, want := range []string{serving, say.Sayf("start") + ": ", editor} {
		if !strings.Contains(log, want) {
			t.Errorf("the log lacks %q:\n%s", want, log)
		}
	}
	if strings.Contains(log, "serving on") || strings.Contains(log, "rebuild,") {
		t.Errorf("English in the Bulgarian log:\n%s", log)
	}
	// With --port 0 the system chooses the port: the editor's line names
	// the one the server listens on (it said port 0 before).
	_, rest, _ := strings.Cut(log, serving)
	addr, _, _ := strings.Cut(rest, "/")
	if !strings.Contains(log, editor+"http://"+addr+"/_edit/") || strings.Contains(log, ":0/") {
		t.Errorf("the editor's line does not name the server's address %s:\n%s", addr, log)
	}
}

// TestUsageLinesKeepTheirFlags: in every language, each command's help
// says its usage line with the same flags as in English, and each flag of
// the list below takes the placeholder the line gives it (-source DIR, in
// Bulgarian -source ПАПКА), or its type's word.
func TestUsageLinesKeepTheirFlags(t *testing.T) {
	help := func(lang, cmd string) (line string, flags []string) {
		var stdout, stderr bytes.Buffer
		getenv := func(k string) string { return map[string]string{"LANG": lang}[k] }
		run(context.Background(), []string{cmd, "--help"}, &cli{stdout: &stdout, stderr: &stderr, getenv: getenv})
		out := strings.Split(stdout.String()+stderr.String(), "\n")
		for _, l := range out[1:] {
			if strings.HasPrefix(l, "  -") {
				flags = append(flags, strings.TrimPrefix(l, "  "))
			}
		}
		return out[0], flags
	}
	dashes := func(line string) []string {
		var out []string
		for _, w := range strings.Fields(strings.NewReplacer("[", " ", "]", " ").Replace(line)) {
			if strings.HasPrefix(w, "-") {
				out = append(out, w)
			}
		}
		return out
	}
	for name := range commands() {
		if name == "version" {
			continue
		}
		enLine, enFlags := help("C", name)
		if !strings.HasPrefix(enLine, "Usage: oersite "+name) || len(enFlags) == 0 {
			t.Errorf("%s: English help %q, flags %q", name, enLine, enFlags)
			continue
		}
		for _, lang := range []string{"bg", "de", "es", "fr", "is", "it", "nl"} {
			line, flags := help(lang+".UTF-8", name)
			if line == enLine && name != "version" {
				t.Errorf("%s in %s: the usage line is English: %q", name, lang, line)
			}
			if got, want := dashes(line), dashes(enLine); strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("%s in %s: flags %q, English %q", name, lang, got, want)
			}
			named := usageArgs(line)
			for i, f := range flags {
				flag, arg, _ := strings.Cut(f, " ")
				_, enArg, _ := strings.Cut(enFlags[i], " ")
				if (arg == "") != (enArg == "") || named[flag[1:]] != "" && arg != named[flag[1:]] {
					t.Errorf("%s in %s: %q, English %q, the usage line names it %q", name, lang, f, enFlags[i], named[flag[1:]])
				}
			}
		}
	}
}
