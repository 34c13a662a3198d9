// Package outdir owns the folders oersite replaces as a whole: a build's
// output and a mirror's copy. It decides which folders may be replaced
// (CheckReplaceable, Inside), assembles the next version in a staging folder
// beside the destination, swaps it in with one atomic exchange where the
// system offers one, and repairs or cleans up what an interrupted run left
// behind (Recover). It never removes a folder it cannot recognise as its own.
package outdir

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// MarkerFile is the manifest every build and mirror writes at the top of the
// folder: a folder holding oersite's manifest may be replaced.
const MarkerFile = "mirror.json"

// CheckReplaceable refuses a destination that oersite must not replace: one
// that is not a folder (a file, a link), or a folder holding files without
// oersite's manifest. A missing or empty folder may be replaced.
func CheckReplaceable(dest string) error {
	info, err := os.Lstat(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	switch {
	case info.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("destination %s is a symbolic link; give the folder it points to, or another folder", dest)
	case !info.IsDir():
		return fmt.Errorf("destination %s is a file, not a folder; choose a folder", dest)
	}
	f, err := os.Open(dest)
	if err != nil {
		return err
	}
	names, err := f.Readdirnames(1)
	f.Close()
	if errors.Is(err, io.EOF) || len(names) == 0 {
		return nil
	}
	if err != nil {
		return err
	}
	if isManifest(filepath.Join(dest, MarkerFile)) {
		return nil
	}
	return fmt.Errorf("destination %s already holds files that oersite did not write (no %s of oersite's); empty it or choose another folder", dest, MarkerFile)
}

// isManifest reports whether p is a regular file holding a manifest as
// oersite writes it: a JSON object with a version and a list of files. It
// reads the file up to the list when the version comes before it, as
// oersite writes it: a 100,000-page site's manifest is 18 MB, and every
// build asks.
func isManifest(p string) bool {
	info, err := os.Lstat(p)
	if err != nil || !info.Mode().IsRegular() || info.Size() > 64<<20 {
		return false
	}
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReader(f))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	version, files := false, false
	for dec.More() && !(version && files) {
		t, err := dec.Token()
		if _, ok := t.(string); err != nil || !ok {
			return false
		}
		switch t {
		case "version":
			var v string
			if dec.Decode(&v) != nil {
				return false
			}
			version = v != ""
		case "files":
			if t, err := dec.Token(); err != nil || t != json.Delim('[') {
				return false
			}
			files = true
			if !version && !skipRest(dec) {
				return false
			}
		default:
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return false
			}
		}
	}
	return version && files
}

// skipRest reads what is left of a JSON list whose opening bracket dec has
// read, and its closing bracket.
func skipRest(dec *json.Decoder) bool {
	for dec.More() {
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return false
		}
	}
	t, err := dec.Token()
	return err == nil && t == json.Delim(']')
}

// Resolve returns p as an absolute path with every symbolic link of the part
// that exists resolved, so that two spellings of one folder ("." and
// "$PWD/", or a path through a link) compare equal.
func Resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; {
		if real, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(real, rest), nil
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// Inside reports whether p is dir or lies inside it, both resolved first.
func Inside(p, dir string) (bool, error) {
	rp, err := Resolve(p)
	if err != nil {
		return false, err
	}
	rd, err := Resolve(dir)
	if err != nil {
		return false, err
	}
	return within(rp, rd), nil
}

// within reports whether the clean absolute path p is dir or below it.
func within(p, dir string) bool {
	if p == dir {
		return true
	}
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	return strings.HasPrefix(p, dir)
}

// CheckApart refuses a destination that is, contains or lies inside the
// source folder it is made from: replacing it would delete or read itself.
func CheckApart(dest, source string) error {
	if in, err := Inside(source, dest); err != nil {
		return err
	} else if in {
		return fmt.Errorf("destination %s is or contains the source %s; choose a folder outside it", dest, source)
	}
	if in, err := Inside(dest, source); err != nil {
		return err
	} else if in {
		return fmt.Errorf("destination %s is inside the source %s; choose a folder outside it", dest, source)
	}
	return nil
}
