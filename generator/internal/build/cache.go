package build

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/oersite/oersite/generator/internal/outdir"
	"github.com/oersite/oersite/generator/internal/publish"
)

// SiteCache is the folder inside a site where builds keep the search index.
const SiteCache = ".oersite"

// errLinkedCache refuses a site whose .oersite is a symbolic link: a cloned
// repository could point it anywhere, and the index is written and deleted there.
var errLinkedCache = errors.New("the search cache " + SiteCache + " of the site is a symbolic link, which oersite does not follow: delete it (it holds only a cache), or pass --cache DIR")

// DefaultCacheDir decides where builds of source keep the search index: the
// site's .oersite folder; when the site folder is read-only, a folder in
// the user's cache ($XDG_CACHE_HOME/oersite/...); when neither can be
// written, nowhere (""): the index is then built in memory.
func DefaultCacheDir(source string) (string, error) {
	dir := filepath.Join(source, SiteCache)
	err := writableDir(dir, false)
	if err == nil || errors.Is(err, errLinkedCache) {
		return dir, err
	}
	user, uerr := UserCacheDir(source)
	if uerr == nil && writableDir(user, true) == nil {
		return user, nil
	}
	return "", nil
}

// FindCacheDir returns where an earlier build of source kept the search
// documents of lang, for reading: the site's .oersite, else the user's cache.
func FindCacheDir(source, lang string) (string, error) {
	dir := filepath.Join(source, SiteCache)
	if info, err := os.Lstat(dir); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return "", errLinkedCache
	}
	if _, err := os.Stat(SearchDocsFile(dir, lang)); err == nil {
		return dir, nil
	}
	if user, err := UserCacheDir(source); err == nil {
		if _, err := os.Stat(SearchDocsFile(user, lang)); err == nil {
			return user, nil
		}
	}
	return dir, nil
}

// UserCacheDir is the folder in the user's cache ($XDG_CACHE_HOME, else
// ~/.cache) for the site at source: one per site folder.
func UserCacheDir(source string) (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	abs, err := outdir.Resolve(source)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(base, "oersite", publish.SafeName(filepath.Base(abs))+"-"+hex.EncodeToString(sum[:6])), nil
}

// writableDir creates dir when missing (and its parents when asked) and
// checks that files can be written in it. The site's own cache folder may
// not be a symbolic link.
func writableDir(dir string, parents bool) error {
	info, err := os.Lstat(dir)
	switch {
	case err == nil && info.Mode()&fs.ModeSymlink != 0 && !parents:
		return errLinkedCache
	case err == nil && !info.IsDir():
		return fmt.Errorf("%s is not a folder", dir)
	case errors.Is(err, fs.ErrNotExist) && parents:
		err = os.MkdirAll(dir, 0o755)
	case errors.Is(err, fs.ErrNotExist):
		err = os.Mkdir(dir, 0o755)
	}
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".write-test-*")
	if err != nil {
		return err
	}
	f.Close()
	return os.Remove(f.Name())
}

// prepareIndexDir makes the folders of a language's index real folders:
// a symbolic link found on the way (search/ or <lang>.bleve) is removed, not
// followed, and a fresh index is built.
func prepareIndexDir(cacheDir, lang string) (string, error) {
	search := filepath.Join(cacheDir, "search")
	dir := SearchIndexDir(cacheDir, lang)
	for _, p := range []string{search, dir} {
		if info, err := os.Lstat(p); err == nil && !info.IsDir() {
			if err := os.Remove(p); err != nil {
				return "", err
			}
		}
	}
	return dir, os.MkdirAll(search, 0o755)
}
