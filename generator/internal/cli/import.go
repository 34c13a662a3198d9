package cli

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/oersite/oersite/generator/internal/importer"
)

func cmdImport(_ context.Context, c *cli, args []string) error {
	fs := newFlags(c, "import", "import hugo|mkdocs|docusaurus|jekyll SRC [--site DIR] [--lang en] [--force] [--verbose]")
	site := fs.String("site", ".", "the oersite site folder that receives content/ (and config.toml when it has none)")
	lang := fs.String("lang", "en", "the default language, when the source does not name one")
	force := fs.Bool("force", false, "move a non-empty content/ (and static/) aside to content.before-import/ instead of refusing")
	verbose := fs.Bool("verbose", false, "list every link that could not be mapped")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return fmt.Errorf("%w: give the generator and the other site's folder: oersite import hugo ../old-site", errUsage)
	}
	d := importer.Dialect(strings.ToLower(pos[0]))
	known := false
	for _, k := range importer.Dialects {
		known = known || k == d
	}
	if !known {
		return fmt.Errorf("%w: %q is not a generator oersite imports; use hugo, mkdocs, docusaurus or jekyll", errUsage, pos[0])
	}
	rep, err := importer.Run(importer.Options{Dialect: d, Source: pos[1], Site: *site, Force: *force, Lang: *lang})
	if err != nil {
		return fmt.Errorf("%w (nothing was written)", err)
	}
	printImportReport(c, rep, *site, *verbose)
	return nil
}

// printImportReport says what was imported and what could not be mapped.
func printImportReport(c *cli, r *importer.Report, site string, verbose bool) {
	w := c.stdout
	fmt.Fprintf(w, "imported %d pages and %d other files from %s into %s/content (languages: %s)\n", r.Pages, r.Files, r.Dialect, site, strings.Join(r.Languages, ", "))
	for _, b := range r.Backups {
		fmt.Fprintf(w, "what the site had is now in %s\n", b)
	}
	if r.Config {
		fmt.Fprintln(w, "wrote config.toml: check baseURL, title and the languages' names")
	}
	for _, n := range r.Notes {
		fmt.Fprintln(w, "note: "+n)
	}
	if len(r.Unmapped) > 0 {
		keys := make([]string, 0, len(r.Unmapped))
		for k := range r.Unmapped {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			if r.Unmapped[keys[i]] != r.Unmapped[keys[j]] {
				return r.Unmapped[keys[i]] > r.Unmapped[keys[j]]
			}
			return keys[i] < keys[j]
		})
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = fmt.Sprintf("%s (%d)", k, r.Unmapped[k])
		}
		fmt.Fprintf(w, "front matter oersite does not use, kept for templates (files): %s\n", strings.Join(parts, ", "))
	}
	if len(r.Links) > 0 {
		fmt.Fprintf(w, "links that point at nothing in the source (%d), left as written:\n", len(r.Links))
		for i, p := range r.Links {
			if i == 20 && !verbose {
				fmt.Fprintf(w, "  ... and %d more (--verbose lists them all)\n", len(r.Links)-20)
				break
			}
			fmt.Fprintln(w, "  "+p.String())
		}
	}
	for _, p := range r.Skipped {
		fmt.Fprintln(w, "not imported: "+p.String())
	}
	fmt.Fprintf(w, "next: oersite build --source %s\n", site)
}
