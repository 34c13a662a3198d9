package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/oersite/oersite/generator/internal/build"
	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/scaffold"
)

// languageCode is what a language code on the command line may hold
// before config.toml's own check (BCP 47: en, pt-BR).
var languageCode = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)

// newSite writes a new site into dir (see scaffold.Site): a folder that
// does not exist yet, or an empty one ("." too). Its config.toml is
// checked as a build reads it, the files are written into a folder beside
// dir and moved into it, so that a failure leaves nothing behind.
func newSite(c *cli, dir, title, langs, address string) error {
	if empty, err := emptyOrMissing(dir); err != nil {
		return err
	} else if !empty {
		return diag.Phrasef("%s already exists and is not empty; nothing was changed (give a new folder's name)", dir)
	}
	now, err := build.NowFrom("", os.Getenv, time.Now) // SOURCE_DATE_EPOCH fixes it, as for builds
	if err != nil {
		return err
	}
	d := scaffold.SiteData{Title: strings.TrimSpace(title), BaseURL: strings.TrimSpace(address), Languages: []string{"en"}, Date: now.Format("2006-01-02")}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if d.Title == "" {
		d.Title = scaffold.TitleFromSlug(filepath.Base(abs))
	}
	if langs != "" {
		d.Languages = nil
		for _, l := range strings.Split(langs, ",") {
			if l = strings.TrimSpace(l); !languageCode.MatchString(l) {
				return fmt.Errorf("%w: %w", errUsage, diag.Phrasef("%q is not a language code: give codes such as en,de,pt-BR, the default first", l))
			}
			if slices.Contains(d.Languages, l) {
				return fmt.Errorf("%w: %w", errUsage, diag.Phrasef("%q is given twice in --lang", l))
			}
			d.Languages = append(d.Languages, l)
		}
	}
	files, inEnglish, err := scaffold.Site(d)
	if err != nil {
		return err
	}
	if _, _, err := config.Parse(files[0].Data, "config.toml"); err != nil {
		return err // a language or address config.toml refuses, said at its line
	}
	parent := filepath.Dir(abs) // beside it, also for "."
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, ".oersite-new-site-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // gone once renamed
	root, err := os.OpenRoot(tmp)
	if err != nil {
		return err
	}
	defer root.Close()
	for _, f := range files {
		name := filepath.FromSlash(f.Path)
		if err := root.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		if err := root.WriteFile(name, f.Data, 0o644); err != nil {
			return err
		}
	}
	if err := moveInto(tmp, abs); err != nil {
		return err
	}
	say := c.say().Phrases()
	for _, f := range files {
		fmt.Fprintln(c.stdout, say.Sayf("created %s", filepath.Join(dir, filepath.FromSlash(f.Path))))
	}
	for _, l := range inEnglish {
		fmt.Fprintln(c.stdout, say.Sayf("oersite has no words in %q yet: its pages are in English, for you to translate", l))
	}
	if d.BaseURL == "" {
		fmt.Fprintln(c.stdout, say.Sayf("before publishing, write the site's address in config.toml (baseURL)"))
	}
	fmt.Fprintln(c.stdout, say.Sayf("next: cd %s, then oersite new module <name> for the first module, and oersite serve to see the site as you write", dir))
	return nil
}

// emptyOrMissing says whether dir is an empty folder or does not exist.
func emptyOrMissing(dir string) (bool, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	return len(entries) == 0, nil
}

// moveInto moves what the folder from holds into the folder to (made if
// missing), or, failing, moves back what it had moved.
func moveInto(from, to string) error {
	entries, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	_, statErr := os.Stat(to)
	if err := os.MkdirAll(to, 0o755); err != nil {
		return err
	}
	for i, e := range entries {
		if err := os.Rename(filepath.Join(from, e.Name()), filepath.Join(to, e.Name())); err != nil {
			for _, back := range entries[:i] {
				_ = os.Rename(filepath.Join(to, back.Name()), filepath.Join(from, back.Name()))
			}
			if errors.Is(statErr, fs.ErrNotExist) {
				_ = os.Remove(to) // the folder it made, empty again
			}
			return err
		}
	}
	return nil
}
