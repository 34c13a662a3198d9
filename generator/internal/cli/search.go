package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/search"
)

func cmdSearch(ctx context.Context, c *cli, args []string) error {
	fs := newFlags(c, "search", `search [--source DIR] [--cache DIR] [--lang CODE] [-n 10] "query words"`)
	source := fs.String("source", ".", "site folder")
	lang := fs.String("lang", "", "language to search (default: the site's default language)")
	n := fs.Int("n", 10, "number of results")
	var cache cacheFlag
	fs.Var(&cache, "cache", "folder the build kept the search index in (default: where builds keep it)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	q := strings.TrimSpace(strings.Join(pos, " "))
	if q == "" {
		return fmt.Errorf("%w: %w", errUsage, diag.Phrasef("give the words to search for, e.g. oersite search \"business page\""))
	}
	cfg, _, err := config.Load(filepath.Join(*source, config.FileName), config.FileName)
	if err != nil {
		return err
	}
	l := *lang
	if l == "" {
		l = cfg.DefaultLanguage
	}
	if _, ok := cfg.Languages[l]; !ok {
		return fmt.Errorf("%w: %w", errUsage, diag.Phrasef("language %q is not in config.toml (languages: %s)", l, strings.Join(cfg.LanguageCodes(), ", ")))
	}
	cacheDir := cache.dir
	if cache.off() {
		return fmt.Errorf("%w: %w", errUsage, diag.Phrasef("search reads the index a build kept: give its --cache folder"))
	}
	if !cache.set {
		if cacheDir, err = build.FindCacheDir(*source, l); err != nil {
			return err
		}
	}
	ix, err := build.OpenSearch(ctx, cacheDir, l)
	if err != nil {
		return err
	}
	defer ix.Close()
	hits, err := ix.Search(q, *n)
	if err != nil {
		return err
	}
	if len(hits) == 0 {
		fmt.Fprintln(c.stdout, c.say().Phrases().Sayf("nothing found for %q in %s", q, l))
		return nil
	}
	printHits(c.stdout, hits, strings.TrimRight(cfg.BaseURL, "/")+"/", q, l)
	return nil
}

// printHits lists search results under the site's address base. Titles,
// addresses and summaries are the site's text (or a partner's): escaped, so
// that none can drive the terminal.
func printHits(w io.Writer, hits []search.Hit, base, q, lang string) {
	for i, h := range hits {
		fmt.Fprintf(w, "%2d. %s  [%s]\n    %s%s\n", i+1, diag.Escape(h.Title), h.Kind, base, diag.Escape(h.URL))
		if h.Summary != "" {
			fmt.Fprintf(w, "    %s\n", diag.Escape(mark(h.Summary, q, lang)))
		}
	}
}

// mark surrounds the words of s that start like a query word with *stars*.
func mark(s, q, lang string) string {
	var qs []string
	for _, w := range strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len([]rune(w)) > 2 {
			qs = append(qs, search.Fold(lang, w))
		}
	}
	words := strings.Fields(s)
	for i, w := range words {
		core := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		f := search.Fold(lang, core)
		for _, qw := range qs {
			stem := qw
			if len([]rune(stem)) > 4 {
				stem = string([]rune(stem)[:len([]rune(stem))-2])
			}
			if core != "" && strings.HasPrefix(f, stem) {
				words[i] = strings.Replace(w, core, "*"+core+"*", 1)
				break
			}
		}
	}
	return strings.Join(words, " ")
}
