package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/content"
	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/scaffold"
)

var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

func cmdNew(_ context.Context, c *cli, args []string) error {
	fs := newFlags(c, "new", "new module|lesson|webinar|resource|translation ... [--lang en] [--source DIR]")
	source := fs.String("source", ".", "site folder")
	lang := fs.String("lang", "", "language tree to write into (default: the default language; for translation: required)")
	title := fs.String("title", "", `the page's title, e.g. --title "Using WhatsApp Business" (default: from the name)`)
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		fs.Usage()
		return fmt.Errorf("%w: say what to create, e.g. oersite new module writing-posts", errUsage)
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
			return fmt.Errorf("%w: language %q is not in config.toml (languages: %s)", errUsage, l, strings.Join(cfg.LanguageCodes(), ", "))
		}
	}
	// today's date for new pages; SOURCE_DATE_EPOCH fixes it, as for builds
	now, err := build.NowFrom("", os.Getenv, time.Now)
	if err != nil {
		return err
	}
	switch kind := pos[0]; kind {
	case "module", "webinar", "resource":
		slug := pos[1]
		if !slugPattern.MatchString(slug) {
			return fmt.Errorf("%w: %q: use lower-case letters, digits and dashes, e.g. writing-posts", errUsage, slug)
		}
		rel := map[string]string{"module": "modules/" + slug + "/index.md", "webinar": "webinars/" + slug + ".md", "resource": "resources/" + slug + "/index.md"}[kind]
		return create(c, *source, l, rel, kind, withTitle(scaffold.NewData(cfg, slug, now), *title))
	case "lesson":
		if len(pos) < 3 {
			return fmt.Errorf("%w: oersite new lesson <module> <lesson-slug>", errUsage)
		}
		module, slug := pos[1], pos[2]
		if !slugPattern.MatchString(slug) {
			return fmt.Errorf("%w: %q: use lower-case letters, digits and dashes", errUsage, slug)
		}
		dir := filepath.Join(*source, "content", l, "modules", module)
		if _, err := os.Stat(filepath.Join(dir, "index.md")); err != nil {
			return fmt.Errorf("module %q not found: create it first with oersite new module %s", module, module)
		}
		n, name := lessonName(dir, slug)
		d := withTitle(scaffold.NewData(cfg, slug, now), *title)
		d.Weight, d.Module = n, module
		return create(c, *source, l, "modules/"+module+"/"+name+".md", "lesson", d)
	case "translation":
		if l == "" {
			return fmt.Errorf("%w: say which language with --lang, e.g. --lang it", errUsage)
		}
		return newTranslation(c, *source, cfg, pos[1], l, now)
	default:
		return fmt.Errorf("%w: cannot create %q: use module, lesson, webinar, resource or translation", errUsage, kind)
	}
}

// create writes a new file from a template, refusing to overwrite anything.
func create(c *cli, source, lang, rel, kind string, d scaffold.Data) error {
	data, err := scaffold.File(kind, d)
	if err != nil {
		return err
	}
	return writeNew(c, filepath.Join(source, "content", lang, filepath.FromSlash(rel)), data)
}

func writeNew(c *cli, p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; nothing was changed", p)
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
	fmt.Fprintf(c.stdout, "created %s\n", p)
	return nil
}

// lessonName is the lesson's number and file name (without .md): a name
// that starts with a number keeps it ("01-setting-up"), any other gets the
// next number in the module ("setting-up" after 02-... is "03-setting-up").
func lessonName(dir, slug string) (int, string) {
	var k int
	if _, err := fmt.Sscanf(slug, "%d-", &k); err == nil && k > 0 {
		return k, slug
	}
	n := nextLessonNumber(dir)
	return n, fmt.Sprintf("%02d-%s", n, slug)
}

// nextLessonNumber is one more than the highest NN- prefix in a module folder.
func nextLessonNumber(dir string) int {
	entries, _ := os.ReadDir(dir)
	n := 0
	for _, e := range entries {
		var k int
		if _, err := fmt.Sscanf(e.Name(), "%d-", &k); err == nil && k > n {
			n = k
		}
	}
	return n + 1
}

// withTitle sets the title the author gave with --title, if any.
func withTitle(d scaffold.Data, title string) scaffold.Data {
	if t := strings.TrimSpace(title); t != "" {
		d.Title = strings.NewReplacer(`\`, `\\`, `"`, "'").Replace(t)
	}
	return d
}

// newTranslation copies a page into another language tree, marked as needing translation.
func newTranslation(c *cli, source string, cfg config.Config, p, lang string, now time.Time) error {
	from, inLang, ok := translationSource(source, cfg, p)
	if !ok {
		return fmt.Errorf("%w: give the page's path, e.g. content/en/modules/writing-posts/index.md or modules/writing-posts/index.md", errUsage)
	}
	rel := from + "/" + inLang
	if from == lang {
		return fmt.Errorf("%w: the page is already in %s", errUsage, lang)
	}
	srcPath := filepath.Join(source, "content", from, filepath.FromSlash(inLang))
	data, err := os.ReadFile(srcPath)
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", srcPath, err)
	}
	var diags diag.List
	src := content.ParseSource("content/"+rel, from, inLang, data, &diags)
	if src == nil {
		return diags.Err()
	}
	date := src.Meta.Lastmod
	if date.IsZero() {
		date = src.Meta.Date
	}
	if date.IsZero() {
		date = now
	}
	out, err := scaffold.Translation(data, date)
	if err != nil {
		return fmt.Errorf("%s: %w", srcPath, err)
	}
	return writeNew(c, filepath.Join(source, "content", lang, filepath.FromSlash(inLang)), out)
}

// translationSource finds the page to translate from the path an author
// gives: from the site folder (content/en/modules/x/index.md), from the
// content folder (en/modules/x/index.md), from the default language's tree
// (modules/x/index.md), or absolute. It returns the language and the path
// inside its tree; ok is false for a path outside content/.
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
	if p == "." || p == ".." || strings.HasPrefix(p, "../") || !strings.HasSuffix(p, ".md") {
		return "", "", false
	}
	if first, rest, found := strings.Cut(p, "/"); found {
		if _, isLang := cfg.Languages[first]; isLang {
			return first, rest, true
		}
	}
	return cfg.DefaultLanguage, p, true
}
