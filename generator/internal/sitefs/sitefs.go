// Package sitefs is a site folder as a build reads it: an fs.FS over
// os.Root, so that nothing outside the folder is reachable, which follows a
// symbolic link only to a file inside the site's input folders (content/,
// static/, assets/, layouts/, i18n/ and the theme's folder) and never reads
// a hidden file or folder (.git, .oersite, .github, any .name). A link
// committed to content cannot publish the repository's secrets.
package sitefs

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// InputDirs are the folders of a site that builds read, besides config.toml.
func InputDirs() []string {
	return []string{"content", "static", "assets", "layouts", "i18n", "themes"}
}

// LinkHint says what to do about a refused link.
const LinkHint = "copy the file into content/, static/ or assets/ instead of linking it, or delete the link"

// LinkError is a symbolic link the build does not follow.
type LinkError struct {
	Target string // where the link leads: a path from the site root, or as written when it leaves the site
	Reason string
}

func (e *LinkError) Error() string {
	return fmt.Sprintf("symbolic link to %s: %s", e.Target, e.Reason)
}

// ErrHidden refuses a hidden file or folder as site input. It counts as
// fs.ErrNotExist: to a build, hidden files are not there.
var ErrHidden error = hiddenError{}

type hiddenError struct{}

func (hiddenError) Error() string {
	return "hidden files and folders (.git, .oersite, ...) are not site input"
}

func (hiddenError) Is(target error) bool { return target == fs.ErrNotExist }

// maxHops bounds the links followed for one path, as the system does.
const maxHops = 40

// FS reads a site folder. It is safe for concurrent use.
type FS struct {
	root  *os.Root
	theme string   // "themes/<name>"
	dirs  sync.Map // resolved paths known to be real folders
	// direct opens paths without links in one call to the system, where
	// it can (see direct.go); nil elsewhere.
	direct *direct
}

// New returns the site folder of root, whose theme is themes/<theme>.
func New(root *os.Root, theme string) *FS {
	return &FS{root: root, theme: path.Join("themes", theme), direct: newDirect(root)}
}

// Open implements fs.FS.
func (f *FS) Open(name string) (fs.File, error) {
	if file := f.direct.open(name); file != nil {
		return file, nil
	}
	p, err := f.Resolve(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return f.root.Open(filepath.FromSlash(p))
}

// Stat implements fs.StatFS.
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	p, err := f.Resolve(name)
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	return f.root.Stat(filepath.FromSlash(p))
}

// ReadFile implements fs.ReadFileFS.
func (f *FS) ReadFile(name string) ([]byte, error) {
	if file := f.direct.open(name); file != nil {
		defer file.Close()
		return io.ReadAll(file)
	}
	p, err := f.Resolve(name)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return f.root.ReadFile(filepath.FromSlash(p))
}

// Resolve returns the path name leads to once every symbolic link on the
// way is followed, or why it may not be read: ErrHidden, or a *LinkError
// for a link leading outside the site or the input folders.
func (f *FS) Resolve(name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", fs.ErrInvalid
	}
	if name == "." {
		return ".", nil
	}
	todo := strings.Split(name, "/")
	cur, linked, hops := "", "", 0
	for len(todo) > 0 {
		seg := todo[0]
		todo = todo[1:]
		switch {
		case seg == "" || seg == ".":
			continue
		case seg == "..":
			if cur == "" {
				return "", &LinkError{Target: linked, Reason: "it leads outside the site"}
			}
			cur = parent(cur)
			continue
		case strings.HasPrefix(seg, "."):
			if linked != "" {
				return "", &LinkError{Target: join(cur, seg, todo), Reason: "it leads into a hidden file or folder"}
			}
			return "", ErrHidden
		}
		next := path.Join(cur, seg)
		if _, ok := f.dirs.Load(next); ok && len(todo) > 0 {
			cur = next
			continue
		}
		info, err := f.root.Lstat(filepath.FromSlash(next))
		if err != nil {
			// let Open report it (not found, permission)
			return join(next, "", todo), nil
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			if info.IsDir() {
				f.dirs.Store(next, true)
			}
			cur = next
			continue
		}
		if hops++; hops > maxHops {
			return "", &LinkError{Target: next, Reason: "too many symbolic links in a row"}
		}
		target, err := f.readLink(next)
		if err != nil {
			return "", err
		}
		linked = target
		todo = append(strings.Split(target, "/"), todo...)
	}
	if linked != "" && !f.allowed(cur) {
		return "", &LinkError{Target: cur, Reason: "only links to files inside content/, static/, assets/, layouts/, i18n/ or the theme are followed"}
	}
	return cur, nil
}

// readLink returns a link's target, refusing one that is absolute.
func (f *FS) readLink(p string) (string, error) {
	target, err := f.root.Readlink(filepath.FromSlash(p))
	if err != nil {
		return "", err
	}
	target = filepath.ToSlash(target)
	if path.IsAbs(target) || filepath.IsAbs(target) {
		return "", &LinkError{Target: target, Reason: "it leads outside the site"}
	}
	return target, nil
}

// allowed reports whether a resolved path lies in an input folder.
func (f *FS) allowed(p string) bool {
	top, _, _ := strings.Cut(p, "/")
	if top != "themes" && slices.Contains(InputDirs(), top) {
		return true
	}
	return strings.HasPrefix(p, f.theme+"/")
}

func parent(p string) string {
	if d := path.Dir(p); d != "." {
		return d
	}
	return ""
}

// join is a path made of p, seg and the segments still to resolve, for messages.
func join(p, seg string, rest []string) string {
	return path.Join(append([]string{p, seg}, rest...)...)
}
