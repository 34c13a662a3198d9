// Package cli is the oersite command line: one file per subcommand, each
// parsing its flags and calling the stages in generator/internal. It owns
// what the user reads on the terminal and the exit codes; it holds no
// generator logic of its own.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"unicode"
	"unicode/utf8"

	"github.com/oersite/oersite/generator/internal/authorwords"
	"github.com/oersite/oersite/generator/internal/diag"
)

// cli carries what every subcommand may use: where to print.
type cli struct {
	stdout io.Writer
	stderr io.Writer
	// getenv reads the locale that picks the language of the diagnostics
	// printed (see authorwords.ForLocale); nil is English.
	getenv func(string) string
	// words are the locale's, read once (see say).
	words     authorwords.Words
	wordsOnce sync.Once
}

// say returns the words for what is printed, in the locale's language
// (English, without reading the catalogue, for an English locale).
func (c *cli) say() authorwords.Words {
	c.wordsOnce.Do(func() {
		if c.getenv != nil {
			c.words = authorwords.Locale(c.getenv)
		}
	})
	return c.words
}

// command is one subcommand: its one-line help and its entry point.
type command struct {
	summary string
	run     func(ctx context.Context, c *cli, args []string) error
}

// errUsage marks an error that is the user's invocation, answered with exit code 2.
var errUsage = errors.New("usage")

// exitError carries a specific exit code (for example check's 1 on findings).
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

func commands() map[string]command {
	return map[string]command{
		"build":      command{"build the site into the destination directory", cmdBuild},
		"serve":      command{"build, serve on 127.0.0.1 and rebuild on change", cmdServe},
		"search":     command{"query the site's search index from the terminal", cmdSearch},
		"new":        command{"create a module, lesson, webinar, resource or translation", cmdNew},
		"check":      command{"check content for errors, broken links and translation coverage", cmdCheck},
		"translated": command{"mark a translation as up to date with its source (translatedFrom)", cmdTranslated},
		"export":     command{"package modules for learning platforms: Common Cartridge or SCORM", cmdExport},
		"import":     command{"copy a Hugo, MkDocs, Docusaurus or Jekyll site's content into this site", cmdImport},
		"mirror":     command{"sync an offline copy of a site from its mirror.json", cmdMirror},
		"harvest":    command{"fetch the partners' catalogues and events into data/partners/", cmdHarvest},
		"version":    command{"print the version", cmdVersion},
	}
}

// Main runs the command line as the oersite program does: Ctrl-C or SIGTERM
// stop the command within moments (a build leaves the previous output as it
// was); a second one ends the process at once.
func Main(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // the next signal takes its default course: the process ends
	}()
	return Run(ctx, args, stdout, stderr)
}

// Run dispatches args to a subcommand, printing to stdout and stderr, and
// returns the process exit code.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return run(ctx, args, &cli{stdout: stdout, stderr: stderr, getenv: os.Getenv})
}

// run dispatches args to a subcommand and returns the process exit code.
func run(ctx context.Context, args []string, c *cli) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(c.stdout, c.say().Phrases(), cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(c.stderr, "oersite: unknown command %q\n\n", args[0])
		usage(c.stderr, c.say().Phrases(), cmds)
		return 2
	}
	err := cmd.run(ctx, c, args[1:])
	var ee exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.code
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		say := c.say().Phrases()
		text := say.Error(err)
		if rest, ok := strings.CutPrefix(text, errUsage.Error()+": "); ok {
			text = say.Sayf("usage") + ": " + rest // errUsage's own word, in the author's language too
		}
		fmt.Fprintf(c.stderr, "oersite %s: %s\n", args[0], diag.Escape(text))
		return 2
	default:
		fmt.Fprintf(c.stderr, "oersite %s: %s\n", args[0], diag.Escape(c.say().Phrases().Error(err)))
		return 1
	}
}

func usage(w io.Writer, p diag.Phrases, cmds map[string]command) {
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString(p.Sayf("oersite builds static sites for open educational resources.") + "\n\n" +
		p.Sayf("Usage: oersite <command> [flags]") + "\n\n" + p.Sayf("Commands:") + "\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  %-10s %s\n", n, p.Format(cmds[n].summary))
	}
	b.WriteString("\n" + p.Sayf("Run 'oersite <command> -h' for a command's flags.") + "\n")
	io.WriteString(w, b.String())
}

// newFlags returns a FlagSet that reports errors instead of exiting.
func newFlags(c *cli, name, usageLine string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.Usage = func() { io.WriteString(c.stderr, flagHelp(c.say().Phrases(), usageLine, fs)) }
	return fs
}

// flagHelp is a command's help: its usage line and its flags, laid out as
// the flag package does, in p's words. The usage line is said whole, its
// placeholders too (DIR, FILE); a flag's argument is named as the line
// names it (--source DIR: -source DIR), else by its type.
func flagHelp(p diag.Phrases, usageLine string, fs *flag.FlagSet) string {
	line := p.Format(usageLine)
	named := usageArgs(line)
	var b strings.Builder
	b.WriteString(p.Sayf("Usage: oersite %s", line) + "\n\n" + p.Sayf("Flags:") + "\n")
	fs.VisitAll(func(f *flag.Flag) {
		kind, help := flag.UnquoteUsage(&flag.Flag{Name: f.Name, Usage: p.Format(f.Usage), Value: f.Value})
		b.WriteString("  -" + f.Name)
		if arg := argName(p, kind, named[f.Name]); arg != "" {
			b.WriteString(" " + arg)
		}
		b.WriteString("\n    \t" + strings.ReplaceAll(help, "\n", "\n    \t"))
		if def := f.DefValue; def != "" && def != "false" && def != "0" && def != "0s" {
			if kind == "string" {
				def = strconv.Quote(def)
			}
			b.WriteString(" " + p.Sayf("(default %s)", def))
		}
		b.WriteString("\n")
	})
	return b.String()
}

// usageArgs reads a usage line's placeholders for flags' arguments: "--name
// ARG" where ARG begins with a capital letter (DIR, DIR|off, ORDNER), in the
// same brackets.
func usageArgs(line string) map[string]string {
	out := map[string]string{}
	words := strings.Fields(line)
	for i := 0; i+1 < len(words); i++ {
		flag := strings.TrimPrefix(words[i], "[")
		if !strings.HasPrefix(flag, "-") || strings.HasSuffix(flag, "]") {
			continue
		}
		arg := strings.TrimSuffix(words[i+1], "]")
		if r, _ := utf8.DecodeRuneInString(arg); unicode.IsUpper(r) {
			out[strings.TrimLeft(flag, "-")] = arg
		}
	}
	return out
}

// argName is what a flag's help calls its argument: the usage line's
// placeholder, else the flag package's word for its type (string, int),
// said in p's words; nothing for a flag that takes none.
func argName(p diag.Phrases, kind, placeholder string) string {
	switch {
	case kind == "":
		return ""
	case placeholder != "":
		return placeholder
	}
	switch kind {
	case "string":
		return p.Sayf("string")
	case "int":
		return p.Sayf("int")
	case "duration":
		return p.Sayf("duration")
	case "value":
		return p.Sayf("value")
	}
	return kind
}

// parseInterspersed parses flags that may appear before or after positional arguments.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
