package sitefs

import (
	"errors"
	"os"
	"runtime"
	"strings"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// direct opens a file of the site folder in one call to the system
// (openat2), where os.Root walks the path a folder at a time: the kernel
// keeps the path beneath the folder and refuses any symbolic link on the
// way. A path it cannot open so (a link, a missing file, an older kernel)
// takes the walk, which follows the links the site allows and says why
// others are refused. Hidden names never take this path.
type direct struct {
	dir *os.File // the site folder, kept open for its descriptor fd
	fd  int
	off atomic.Bool
}

func newDirect(root *os.Root) *direct {
	dir, err := root.Open(".")
	if err != nil {
		return nil
	}
	return &direct{dir: dir, fd: int(dir.Fd())}
}

// open returns the file at name, or nil when the walk must decide.
func (d *direct) open(name string) *os.File {
	if d == nil || d.off.Load() || !plainPath(name) {
		return nil
	}
	how := unix.OpenHow{Flags: unix.O_RDONLY | unix.O_CLOEXEC,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS}
	fd, err := unix.Openat2(d.fd, name, &how)
	runtime.KeepAlive(d.dir) // the descriptor stays open until the call returns
	if err != nil {
		if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EPERM) {
			d.off.Store(true) // no openat2 here (an older kernel, a filter)
		}
		return nil
	}
	return os.NewFile(uintptr(fd), name)
}

// plainPath reports whether name is a valid path of the site folder with
// no hidden name in it.
func plainPath(name string) bool {
	if name == "." || name == "" || strings.HasPrefix(name, "/") {
		return false
	}
	for seg := range strings.SplitSeq(name, "/") {
		if seg == "" || seg[0] == '.' {
			return false
		}
	}
	return true
}
