package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/content"
	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/scaffold"
	"github.com/oersite/oersite/generator/internal/sitefs"
)

func cmdNew(_ context.Context, c *cli, args []string) error {
	fs := newFlags(c, "new", "new site DIR [--title NAME] [--lang en,de] [--url ADDRESS] [--contact EMAIL] | new module|lesson|webinar|resource|translation ... [--lang en] [--source DIR]")
	source := fs.String("source", ".", "site folder")
	lang := fs.String("lang", "", "language tree to write into (default: the default language; for translation: required; for a new site: its languages, the default first, e.g. en,de)")
	title := fs.String("title", "", `the page's title, e.g. --title "Using WhatsApp Business" (default: from the name); a new site's name`)
	address := fs.String("url", "", "a new site's public address, e.g. https://digital-steps.example.org/ (default: a stand-in to change)")
	contact := fs.String("contact", "", "the e-mail address a new site's request form writes to, e.g. requests@digital-steps.example.org (default: a stand-in to change)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		fs.Usage()
		return fmt.Errorf("%w: %w", errUsage, diag.Phrasef("say what to create, e.g. oersite new module writing-posts"))
	}
	if pos[0] == "site" {
		return newSite(c, pos[1], *title, *lang, *address, *contact)
	}
	cfg, _, err := config.Load(filepath.Join(*source, config.FileName), config.FileName)
	if err != nil {
		return err
	}
	l := *lang
	if l == "" && pos[0] != "translation" {
		l = cfg.DefaultLanguage
	}
	if l != "" {
		if _, ok := cfg.Languages[l]; !ok {
			return fmt.Errorf("%w: %w", errUsage, diag.Phrasef("language %q is not in config.toml (languages: %s)", l, strings.Join(cfg.LanguageCodes(), ", ")))
		}
	}
	// today's date for new pages; SOURCE_DATE_EPOCH fixes it, as for builds
	now, err := build.NowFrom("", os.Getenv, time.Now)
	if err != nil {
		return err
	}
	// Every file is read and written through the site folder's root: no
	// argument, and no link inside the site, can lead outside it.
	root, err := os.OpenRoot(*source)
	if err != nil {
		return err
	}
	defer root.Close()
	site := siteDir{root: root, display: *source}
	switch kind := pos[0]; {
	case slices.Contains(scaffold.Kinds(), kind):
		name, module := pos[1], ""
		if kind == "lesson" {
			if len(pos) < 3 {
				return fmt.Errorf("%w: %w", errUsage, diag.Phrasef("oersite new lesson <module> <lesson-name>"))
			}
			module, name = pos[1], pos[2]
		}
		if !scaffold.ValidName(name) {
			return fmt.Errorf("%w: %w", errUsage, diag.Phrasef("%q: use lower-case letters, digits and dashes, e.g. writing-posts", name))
		}
		langDir := filepath.Join(*source, "content", l)
		rel, err := scaffold.Create(langDir, kind, name, module, withTitle(scaffold.NewData(cfg, l, name, now), *title))
		if err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, c.say().Phrases().Sayf("created %s", filepath.Join(langDir, filepath.FromSlash(rel))))
		return nil
	case kind == "translation":
		if l == "" {
			return fmt.Errorf("%w: %w", errUsage, diag.Phrasef("say which language with --lang, e.g. --lang it"))
		}
		return newTranslations(c, site, cfg, pos[1], l, now)
	default:
		return fmt.Errorf("%w: %w", errUsage, diag.Phrasef("cannot create %q: use site, module, lesson, webinar, resource or translation", kind))
	}
}

// siteDir is the site folder that new writes into, and how to name it.
type siteDir struct {
	root    *os.Root
	display string // --source as given, for messages
}

// Stat reports on a file of the site, by slash-separated path.
func (d siteDir) Stat(p string) (fs.FileInfo, error) { return d.root.Stat(filepath.FromSlash(p)) }

// name is how to show a path of the site.
func (d siteDir) name(p string) string { return filepath.Join(d.display, filepath.FromSlash(p)) }

// writeNew creates p (slash-separated, from the site root) holding data.
func writeNew(c *cli, site siteDir, p string, data []byte) error {
	if err := site.root.MkdirAll(filepath.FromSlash(path.Dir(p)), 0o755); err != nil {
		return err
	}
	f, err := site.root.OpenFile(filepath.FromSlash(p), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return &diag.Phrased{Format: "%s already exists; nothing was changed", Args: []any{site.name(p)}, Err: errExists}
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, c.say().Phrases().Sayf("created %s", site.name(p)))
	return nil
}

// errExists: new does not write over a file.
var errExists = errors.New("already exists")

// withTitle sets the title the author gave with --title, if any.
func withTitle(d scaffold.Data, title string) scaffold.Data {
	if t := strings.TrimSpace(title); t != "" {
		d.Title = strings.NewReplacer(`\`, `\\`, `"`, "'").Replace(t)
	}
	return d
}

// newTranslations copies a page, or every page of a folder (a module with
// its lessons), into another language tree, marked as needing translation;
// in a folder, a page already translated is left as it is. It names the
// files beside the pages that the translation's folder lacks.
func newTranslations(c *cli, site siteDir, cfg config.Config, p, lang string, now time.Time) error {
	pages := []string{p}
	if from, rel, ok := translationSource(site.display, cfg, p); ok && fs.ValidPath(rel) {
		dir := path.Join("content", from, rel)
		if info, err := site.Stat(dir); err == nil && info.IsDir() {
			if pages, err = pagesIn(site, dir); err != nil {
				return err
			}
		}
	}
	var srcDir, dstDir string
	for _, page := range pages {
		src, dst, err := newTranslation(c, site, cfg, page, lang, now)
		if errors.Is(err, errExists) && len(pages) > 1 {
			fmt.Fprintln(c.stdout, c.say().Phrases().Sayf("%s is already there: left as it is", site.name(dst)))
			continue
		}
		if err != nil {
			return err
		}
		srcDir, dstDir = path.Dir(src), path.Dir(dst)
	}
	if left := filesLeftBehind(site, srcDir, dstDir); len(left) > 0 {
		fmt.Fprintln(c.stdout, c.say().Phrases().Countf(len(left), "beside it, %s is shown from %s/ until you put a translated copy in %s/",
			"beside it, %s are shown from %s/ until you put a translated copy in %s/", strings.Join(left, ", "), site.name(srcDir), site.name(dstDir)))
	}
	return nil
}

// pagesIn lists the pages (.md files) of a folder of the site, by path.
func pagesIn(site siteDir, dir string) ([]string, error) {
	entries, err := fs.ReadDir(site.root.FS(), filepath.FromSlash(dir))
	if err != nil {
		return nil, err
	}
	var pages []string
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasSuffix(e.Name(), ".md") {
			pages = append(pages, path.Join(dir, e.Name()))
		}
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("%w: %w", errUsage, diag.Phrasef("%s holds no page (.md file) to translate", site.name(dir)))
	}
	return pages, nil
}

// newTranslation copies one page into another language tree, marked as
// needing translation, and returns the source's and the copy's paths (the
// copy's also when it already exists).
func newTranslation(c *cli, site siteDir, cfg config.Config, p, lang string, now time.Time) (srcPath, dst string, err error) {
	from, inLang, ok := translationSource(site.display, cfg, p)
	if !ok || !fs.ValidPath(inLang) || !strings.HasSuffix(inLang, ".md") {
		return "", "", fmt.Errorf("%w: %w", errUsage, diag.Phrasef("give the page's path inside the site, e.g. content/en/modules/writing-posts/index.md or modules/writing-posts/index.md, or a module's folder"))
	}
	rel := from + "/" + inLang
	if from == lang {
		return "", "", fmt.Errorf("%w: %w", errUsage, diag.Phrasef("the page is already in %s", lang))
	}
	srcPath = path.Join("content", from, inLang)
	data, err := sitefs.New(site.root, cfg.Theme).ReadFile(srcPath)
	if err != nil {
		return "", "", &diag.Phrased{Format: "cannot read %s: %v", Args: []any{site.name(srcPath), err}, Err: err}
	}
	var diags diag.List
	src := content.ParseSource("content/"+rel, from, inLang, data, &diags)
	if src == nil {
		return "", "", diags.Err()
	}
	out, err := scaffold.Translation(data, translationDate(src.Meta, now))
	if err != nil {
		return "", "", fmt.Errorf("%s: %w", site.name(srcPath), err)
	}
	dst = path.Join("content", lang, inLang)
	return srcPath, dst, writeNew(c, site, dst, out)
}

// filesLeftBehind lists the files other than pages (pictures, drawings,
// data, downloads) in the source page's folder that the translation's
// folder lacks: the translation shows the source's until it has its own.
func filesLeftBehind(site siteDir, srcDir, dstDir string) []string {
	if srcDir == "" {
		return nil
	}
	entries, err := fs.ReadDir(site.root.FS(), filepath.FromSlash(srcDir))
	if err != nil {
		return nil
	}
	var left []string
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasSuffix(e.Name(), ".md") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if _, err := site.Stat(path.Join(dstDir, e.Name())); errors.Is(err, fs.ErrNotExist) {
			left = append(left, e.Name())
		}
	}
	return left
}

// translationDate is the date a translation records as its source's: the
// source's lastmod or date, else today (a section index often has neither;
// check then never finds the translation older than its source).
func translationDate(source content.Meta, now time.Time) time.Time {
	if d := source.Changed(); !d.IsZero() {
		return d
	}
	return now
}

// translationSource finds the page to translate from the path an author
// gives: from the site folder (content/en/modules/x/index.md), from the
// content folder (en/modules/x/index.md), from the default language's tree
// (modules/x/index.md), or absolute; a page or a folder. It returns the
// language and the path inside its tree; ok is false for a path outside
// content/.
func translationSource(source string, cfg config.Config, p string) (lang, rel string, ok bool) {
	if filepath.IsAbs(p) {
		root, err := filepath.Abs(filepath.Join(source, "content"))
		if err != nil {
			return "", "", false
		}
		if p, err = filepath.Rel(root, p); err != nil {
			return "", "", false
		}
	} else {
		p = strings.TrimPrefix(filepath.ToSlash(filepath.Clean(p)), filepath.ToSlash(filepath.Clean(source))+"/")
	}
	p = strings.TrimPrefix(filepath.ToSlash(filepath.Clean(p)), "content/")
	if p == "." || p == ".." || strings.HasPrefix(p, "../") {
		return "", "", false
	}
	if first, rest, found := strings.Cut(p, "/"); found {
		if _, isLang := cfg.Languages[first]; isLang {
			return first, rest, true
		}
	}
	return cfg.DefaultLanguage, p, true
}
