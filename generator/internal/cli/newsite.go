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
	"github.com/oersite/oersite/generator/internal/outdir"
	"github.com/oersite/oersite/generator/internal/scaffold"
)

// languageCode is what a language code on the command line may hold
// before config.toml's own check (BCP 47: en, pt-BR).
var languageCode = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)

// newSite writes a new site into dir (see scaffold.Site): a folder that
// does not exist yet, or an empty one ("." too). Its config.toml is
// checked as a build reads it before anything is written, and the files
// are staged beside dir (writeNewSite), so that a failure leaves nothing
// behind.
func newSite(c *cli, dir, title, langs, address, contact string) error {
	if empty, err := emptyOrMissing(dir); err != nil {
		return err
	} else if !empty {
		return diag.Phrasef("%s already exists and is not empty; nothing was changed (give a new folder's name)", dir)
	}
	now, err := build.NowFrom("", os.Getenv, time.Now) // SOURCE_DATE_EPOCH fixes it, as for builds
	if err != nil {
		return err
	}
	d := scaffold.SiteData{Title: strings.TrimSpace(title), BaseURL: strings.TrimSpace(address), Contact: strings.TrimSpace(contact), Languages: []string{"en"}, Date: now.Format("2006-01-02")}
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
		return err // a language, address or e-mail address config.toml refuses, said at its line
	}
	if err := writeNewSite(abs, files); err != nil {
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
	if d.Contact == "" {
		fmt.Fprintln(c.stdout, say.Sayf("before publishing, write in config.toml (contact) the e-mail address the request form writes to"))
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

// writeNewSite writes a new site's files into a staging folder beside dir
// (outdir.Staging: a run cut short leaves it for the next to remove) and
// puts them in place: the staged folder becomes dir when it does not exist;
// into an existing empty folder (".", the one a shell is in) its files are
// moved, so that the folder stays the same one.
func writeNewSite(dir string, files []scaffold.SiteFile) error {
	st, err := outdir.New(dir)
	if err != nil {
		return err
	}
	root, err := os.OpenRoot(st.Dir())
	if err != nil {
		_ = st.Abort()
		return err
	}
	for _, f := range files {
		name := filepath.FromSlash(f.Path)
		if err = root.MkdirAll(filepath.Dir(name), 0o755); err == nil {
			err = root.WriteFile(name, f.Data, 0o644)
		}
		if err != nil {
			root.Close()
			_ = st.Abort()
			return err
		}
	}
	root.Close()
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return st.Commit()
	}
	if err := moveInto(st.Dir(), dir); err != nil {
		_ = st.Abort()
		return err
	}
	return st.Abort() // the staging folder, empty now
}

// moveInto moves what the folder from holds into the folder to, or,
// failing, moves back what it had moved.
func moveInto(from, to string) error {
	entries, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	for i, e := range entries {
		if err := os.Rename(filepath.Join(from, e.Name()), filepath.Join(to, e.Name())); err != nil {
			for _, back := range entries[:i] {
				_ = os.Rename(filepath.Join(to, back.Name()), filepath.Join(from, back.Name()))
			}
			return err
		}
	}
	return nil
}
