package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/outdir"
	"github.com/oersite/oersite/generator/internal/site"
)

// cmdExport writes modules as packages for learning platforms.
func cmdExport(ctx context.Context, c *cli, args []string) error {
	fs := newFlags(c, "export", "export cartridge|scorm [--source DIR] [--out DIR] [--lang CODE,...] [--now DATE] [MODULE ...]")
	source := fs.String("source", ".", "site folder holding config.toml, content/ and themes/")
	out := fs.String("out", "exports", "folder for the packages (created if missing)")
	langs := fs.String("lang", "", "languages to package, comma-separated (default every language)")
	now := fs.String("now", "", "build date (default SOURCE_DATE_EPOCH or today)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 || (pos[0] != site.ExportCartridge && pos[0] != site.ExportSCORM) {
		fs.Usage()
		return fmt.Errorf("%w: %w", errUsage, diag.Phrasef("say which package: `oersite export cartridge` (IMS Common Cartridge 1.1, .imscc) or `oersite export scorm` (SCORM 1.2, .zip)"))
	}
	when, err := build.NowFrom(*now, os.Getenv, time.Now)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	var langList []string
	if *langs != "" {
		langList = strings.Split(*langs, ",")
	}
	say := c.say().Phrases()
	res, files, err := build.Export(ctx, build.Options{Source: *source, Now: when}, pos[0], langList, pos[1:])
	printDiags(c, c.say(), res.Diags, true, false)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return diag.Phrasef("no module with lessons to package")
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		if err := outdir.ReplaceFile(filepath.Join(*out, f.Name), f.Data); err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, say.Sayf("%s (%d KB) from /%s", filepath.Join(*out, f.Name), (len(f.Data)+512)/1024, f.Module))
	}
	fmt.Fprintln(c.stdout, say.Countf(len(files), "wrote %d package; the README says how to import it into Moodle and Canvas", "wrote %d packages; the README says how to import them into Moodle and Canvas", len(files)))
	return nil
}
