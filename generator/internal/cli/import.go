package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/importer"
)

func cmdImport(_ context.Context, c *cli, args []string) error {
	fs := newFlags(c, "import", "import hugo|zola|mkdocs|docusaurus|jekyll|gitbook SRC [--site DIR] [--lang en] [--force] [--verbose] | import word FILE.docx [--site DIR] [--lang LANG] [--in FOLDER | --module MODULE] | import cartridge COURSE.imscc|.zip|.mbz|.h5p [--site DIR] [--lang LANG] [--module MODULE]")
	site := fs.String("site", ".", "the oersite site folder that receives content/ (and config.toml when it has none)")
	lang := fs.String("lang", "", "the default language, when the source does not name one (en); for a Word document, the page's (the site's default)")
	force := fs.Bool("force", false, "move a non-empty content/ (and static/) aside to content.before-import/ instead of refusing")
	verbose := fs.Bool("verbose", false, "list every link that could not be mapped")
	in := fs.String("in", "", "for a Word document: the folder of the language's pages it goes into, e.g. news")
	module := fs.String("module", "", "for a Word document, an H5P file or a course of one module: make its lessons the next ones of this module, e.g. phone-basics")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 2 && (strings.EqualFold(pos[0], "word") || strings.EqualFold(pos[0], "docx")) {
		return importWord(c, pos[1], *site, *lang, *in, *module)
	}
	if len(pos) == 2 && (strings.EqualFold(pos[0], "cartridge") || strings.EqualFold(pos[0], "imscc") || strings.EqualFold(pos[0], "h5p")) {
		return importCartridge(c, pos[1], *site, *lang, *module)
	}
	if *lang == "" {
		*lang = "en"
	}
	if len(pos) != 2 {
		return fmt.Errorf("%w: %w", errUsage, diag.Phrasef("give the generator and the other site's folder: oersite import hugo ../old-site"))
	}
	d := importer.Dialect(strings.ToLower(pos[0]))
	known := false
	for _, k := range importer.Dialects {
		known = known || k == d
	}
	if !known {
		return fmt.Errorf("%w: %w", errUsage, diag.Phrasef("%q is not a generator oersite imports; use hugo, zola, mkdocs, docusaurus, jekyll or gitbook, word for a Word document, or cartridge for a course from a learning platform", pos[0]))
	}
	say := c.say().Phrases()
	rep, err := importer.Run(importer.Options{Dialect: d, Source: pos[1], Site: *site, Force: *force, Lang: *lang})
	if err != nil {
		return errors.New(say.Sayf("%s (nothing was written)", say.Error(err)))
	}
	printImportReport(c.stdout, say, rep, *site, *verbose)
	return nil
}

// importWord writes a Word document as a page and says what it wrote and
// left out.
func importWord(c *cli, file, site, lang, in, module string) error {
	say := c.say().Phrases()
	rep, err := importer.Word(importer.WordOptions{File: file, Site: site, Lang: lang, Section: in, Module: module})
	if err != nil {
		return errors.New(say.Sayf("%s (nothing was written)", say.Error(err)))
	}
	pictures := say.Countf(rep.Pictures, "%d picture", "%d pictures", rep.Pictures)
	fmt.Fprintln(c.stdout, say.Sayf("imported %q into %s, with %s", rep.Title, filepath.ToSlash(filepath.Join(site, rep.Page)), pictures))
	printLeftOut(c.stdout, say, rep.NoAlt, rep.Left)
	fmt.Fprintln(c.stdout, say.Sayf("next: oersite check --source %s, then open the page in the editor (oersite serve --edit)", site))
	return nil
}

// importCartridge writes the modules of a course exported from a
// learning platform and says what it wrote and left out.
func importCartridge(c *cli, file, site, lang, module string) error {
	say := c.say().Phrases()
	rep, err := importer.Cartridge(importer.CartridgeOptions{File: file, Site: site, Lang: lang, Module: module})
	if err != nil {
		return errors.New(say.Sayf("%s (nothing was written)", say.Error(err)))
	}
	if rep.Into {
		m := rep.Modules[0]
		fmt.Fprintln(c.stdout, say.Sayf("imported %q into %s, as %s with %s", rep.Course, filepath.ToSlash(filepath.Join(site, m.Folder)),
			say.Countf(m.Lessons, "%d lesson", "%d lessons", m.Lessons), say.Countf(rep.Files, "%d file", "%d files", rep.Files)))
	} else {
		fmt.Fprintln(c.stdout, say.Sayf("imported %q as %s, with %s:", rep.Course, say.Countf(len(rep.Modules), "%d module", "%d modules", len(rep.Modules)),
			say.Countf(rep.Files, "%d file", "%d files", rep.Files)))
		for _, m := range rep.Modules {
			fmt.Fprintln(c.stdout, "  "+say.Sayf("%s (%q, %s)", filepath.ToSlash(filepath.Join(site, m.Folder)), m.Title, say.Countf(m.Lessons, "%d lesson", "%d lessons", m.Lessons)))
		}
	}
	printLeftOut(c.stdout, say, rep.NoAlt, rep.Left)
	for _, n := range rep.Notes {
		fmt.Fprintln(c.stdout, say.Error(n))
	}
	fmt.Fprintln(c.stdout, say.Sayf("next: oersite check --source %s, then open the modules in the editor (oersite serve --edit)", site))
	return nil
}

// printLeftOut says how many pictures have no description and what the
// pages could not hold.
func printLeftOut(w io.Writer, say diag.Phrases, noAlt int, left []error) {
	if noAlt > 0 {
		fmt.Fprintln(w, say.Countf(noAlt, "%d picture has no description (alt text): write what it shows between its [ ] in the page",
			"%d pictures have no description (alt text): write what each shows between its [ ] in the page", noAlt))
	}
	if len(left) > 0 {
		words := make([]string, len(left))
		for i, l := range left {
			words[i] = say.Error(l)
		}
		list := words[0]
		if len(words) > 1 { // one a line: a kind may name the items left out
			list = "\n  - " + strings.Join(words, "\n  - ")
		}
		fmt.Fprintln(w, strings.ReplaceAll(say.Sayf("left out, as a web page cannot hold them: %s", list), " \n", "\n"))
	}
}

// printImportReport says what was imported and what could not be mapped,
// in say's words.
func printImportReport(w io.Writer, say diag.Phrases, r *importer.Report, site string, verbose bool) {
	pages, files := say.Countf(r.Pages, "%d page", "%d pages", r.Pages), say.Countf(r.Files, "%d other file", "%d other files", r.Files)
	fmt.Fprintln(w, say.Sayf("imported %s and %s from %s into %s (languages: %s)", pages, files, r.Dialect, site+"/content", strings.Join(r.Languages, ", ")))
	for _, b := range r.Backups {
		fmt.Fprintln(w, say.Sayf("what the site had is now in %s", b))
	}
	if r.Config {
		fmt.Fprintln(w, say.Sayf("wrote config.toml: check baseURL, title and the languages' names"))
	}
	for _, n := range r.Notes {
		fmt.Fprintln(w, say.Sayf("note: %s", say.Error(n)))
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
		fmt.Fprintln(w, say.Sayf("front matter oersite does not use, kept for templates (files): %s", strings.Join(parts, ", ")))
	}
	if len(r.Links) > 0 {
		fmt.Fprintln(w, say.Countf(len(r.Links), "%d link points at nothing in the source; it is left as written:", "%d links point at nothing in the source; they are left as written:", len(r.Links)))
		for i, p := range r.Links {
			if i == 20 && !verbose {
				fmt.Fprintln(w, "  "+say.Sayf("... and %d more (--verbose lists them all)", len(r.Links)-20))
				break
			}
			fmt.Fprintln(w, "  "+diag.Escape(p.Said(say)))
		}
	}
	for _, p := range r.Skipped { // each says what became of it ("not imported: …", "copied as it is")
		fmt.Fprintln(w, diag.Escape(p.Said(say)))
	}
	fmt.Fprintln(w, say.Sayf("next: %s", "oersite build --source "+site))
}
