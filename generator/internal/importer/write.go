package importer

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/oersite/oersite/generator/internal/diag"
)

// stageAndSwap writes everything into a folder beside the site's content,
// then moves it in: the site's content/ and static/ (moved aside first when
// forced) and, when the site has none, config.toml.
func stageAndSwap(opt Options, src fs.FS, pr *project, rep *Report) error {
	if err := os.MkdirAll(opt.Site, 0o755); err != nil {
		return err
	}
	stage, err := os.MkdirTemp(opt.Site, ".oersite-import-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(stage)
	// Pages are written through os.Root: nothing lands outside the stage.
	out, err := os.OpenRoot(stage)
	if err != nil {
		return err
	}
	defer out.Close()
	for _, f := range pr.files {
		if err := writeFile(out, src, f, rep); err != nil {
			return err
		}
	}
	parts := []string{"content"}
	if exists(os.DirFS(stage), "static") {
		parts = append(parts, "static")
	}
	configPath := filepath.Join(opt.Site, "config.toml")
	if _, err := os.Stat(configPath); errors.Is(err, fs.ErrNotExist) {
		if err := os.WriteFile(filepath.Join(stage, "config.toml"), configFor(pr), 0o644); err != nil {
			return err
		}
		parts = append(parts, "config.toml")
		rep.Config = true
	} else {
		missingLanguages(configPath, pr.langs, rep)
	}
	return swap(opt.Site, stage, parts, opt.Force, rep)
}

// writeFile writes one page (its front matter mapped) or copies one file
// into the stage.
func writeFile(stage *os.Root, src fs.FS, f *file, rep *Report) error {
	dst := f.targetPath()
	if !fs.ValidPath(dst) {
		rep.Skipped = append(rep.Skipped, Problem{File: f.src, What: diag.Phrasef("its place in the site, %s, is outside the site's folders: left out", dst)})
		return nil
	}
	if err := stage.MkdirAll(path.Dir(dst), 0o755); err != nil {
		return err
	}
	if _, err := stage.Stat(dst); err == nil {
		rep.Skipped = append(rep.Skipped, Problem{File: f.src, What: diag.Phrasef("another file of the source goes to %s: this one is left out", dst)})
		return nil
	}
	if f.page && f.fm != nil {
		data, err := writePage(f.fm, f.body)
		if err != nil {
			return fmt.Errorf("%s: %w", f.src, err)
		}
		rep.Pages++
		return stage.WriteFile(dst, data, 0o644)
	}
	if f.body != nil {
		rep.Pages++
		return stage.WriteFile(dst, f.body, 0o644)
	}
	in, err := src.Open(f.src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := stage.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	rep.Files++
	return out.Close()
}

// swap moves the staged parts into the site. What the site had in their
// place is moved to <name>.before-import (when forced); if a move fails,
// the moves already made are undone.
func swap(site, stage string, parts []string, force bool, rep *Report) error {
	type move struct{ from, to string }
	var done []move
	undo := func() {
		for i := len(done) - 1; i >= 0; i-- {
			_ = os.Rename(done[i].to, done[i].from)
		}
	}
	do := func(from, to string) error {
		if err := os.Rename(from, to); err != nil {
			undo()
			return err
		}
		done = append(done, move{from, to})
		return nil
	}
	for _, part := range parts {
		if target := filepath.Join(site, part); !force && !emptyDir(target) {
			return diag.Phrasef("%s is not empty: add --force to move it to %s.before-import/ first", target, part)
		}
	}
	for _, part := range parts {
		target := filepath.Join(site, part)
		if _, err := os.Stat(target); err == nil {
			backup := freeName(target + ".before-import")
			if err := do(target, backup); err != nil {
				return err
			}
			rep.Backups = append(rep.Backups, backup)
		}
		if err := do(filepath.Join(stage, part), target); err != nil {
			return err
		}
	}
	return nil
}

// freeName returns p, or p-2, p-3... whichever does not exist yet.
func freeName(p string) string {
	if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
		return p
	}
	for i := 2; ; i++ {
		c := fmt.Sprintf("%s-%d", p, i)
		if _, err := os.Stat(c); errors.Is(err, fs.ErrNotExist) {
			return c
		}
	}
}

// configFor writes a config.toml for the imported languages.
func configFor(pr *project) []byte {
	base := pr.baseURL
	if base == "" {
		base = "https://example.org/"
	}
	title := pr.title
	if title == "" {
		title = "Imported site"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# Written by oersite import: check baseURL, title and the languages' names.\nbaseURL = %s\ntitle = %s\ndefaultLanguage = %s\n",
		quote(base), quote(title), quote(pr.langs[0]))
	for i, l := range pr.langs {
		fmt.Fprintf(&b, "\n[languages.%s]\nname = %s\nweight = %d\n", tomlKey(l), quote(languageName(l)), i+1)
	}
	return []byte(b.String())
}

func quote(s string) string { return strconv.Quote(s) }

func tomlKey(k string) string {
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return strconv.Quote(k)
		}
	}
	return k
}

// languageName is a language's name in itself ("Deutsch"), or its code.
func languageName(code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	if n := display.Self.Name(tag); n != "" {
		return n
	}
	return code
}

// missingLanguages reports the imported languages config.toml lacks.
func missingLanguages(configPath string, langs []string, rep *Report) {
	var cfg struct {
		Languages map[string]any `toml:"languages"`
	}
	if _, err := toml.DecodeFile(configPath, &cfg); err != nil {
		return
	}
	for _, l := range langs {
		if _, ok := cfg.Languages[l]; !ok {
			rep.Skipped = append(rep.Skipped, Problem{File: "config.toml", What: diag.Phrasef("language %q is imported into content/%s but config.toml has no [languages.%s]: add it", l, l, l)})
		}
	}
}
