package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/outdir"
	"github.com/oersite/oersite/generator/internal/scaffold"
	"github.com/oersite/oersite/generator/internal/site"
)

// cmdTranslated marks a translation as up to date with its source: its
// translatedFrom becomes the source's date (lastmod, else date, else today,
// as for new translation), and needsTranslation goes. The rest of the file is left byte for byte.
func cmdTranslated(ctx context.Context, c *cli, args []string) error {
	fs := newFlags(c, "translated", "translated <path of the translation> [--source DIR]")
	source := fs.String("source", ".", "site folder")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return fmt.Errorf("%w: %w", errUsage, diag.Phrasef("name the translated page, e.g. oersite translated content/it/modules/writing-posts/index.md"))
	}
	res, err := build.Build(ctx, build.Options{Source: *source, Drafts: true, Future: true, Expired: true, Now: time.Now(), DryRun: true})
	if err != nil {
		return err
	}
	rel := filepath.ToSlash(filepath.Clean(pos[0]))
	t := pageAt(res.Site, rel)
	if t == nil {
		return fmt.Errorf("%w: %w", errUsage, diag.Phrasef("%s is not a page of this site (give its path from the site folder, e.g. content/it/...)", rel))
	}
	o := t.Translation(res.Site.DefaultLanguage())
	if o == nil || o == t || o.Source == nil || o.FallbackOf != nil {
		return diag.Phrasef("%s is not a translation of a page in %s", rel, res.Site.DefaultLanguage())
	}
	// today's date when the source has none, as for new translation; SOURCE_DATE_EPOCH fixes it
	now, err := build.NowFrom("", os.Getenv, time.Now)
	if err != nil {
		return err
	}
	date := translationDate(*o.Meta, now)
	p := filepath.Join(*source, filepath.FromSlash(t.Source.Path))
	data, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	out, err := scaffold.MarkTranslated(data, date)
	if err != nil {
		return fmt.Errorf("%s: %w", t.Source.Path, err)
	}
	if err := outdir.ReplaceFile(p, out); err != nil {
		return err
	}
	tp, op := diag.Escape(t.Source.Path), diag.Escape(o.Source.Path) // files' names, shown on a terminal
	if o.Meta.Changed().IsZero() {
		fmt.Fprintln(c.stdout, c.say().Phrases().Sayf("%s: translatedFrom %s (today: %s has no date or lastmod)", tp, date.Format("2006-01-02"), op))
		return nil
	}
	fmt.Fprintln(c.stdout, c.say().Phrases().Sayf("%s: translatedFrom %s (the date of %s)", tp, date.Format("2006-01-02"), op))
	return nil
}

// pageAt is the page read from the file at rel (from the site folder).
func pageAt(s *site.Site, rel string) *site.Page {
	for _, p := range s.Pages {
		if p.Source != nil && p.FallbackOf == nil && p.Source.Path == rel {
			return p
		}
	}
	return nil
}
