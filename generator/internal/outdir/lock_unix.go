//go:build linux || darwin || freebsd || openbsd || netbsd || dragonfly

package outdir

import (
	"os"

	"golang.org/x/sys/unix"
)

// lock takes the marker's lock, which the system releases when the process ends.
func lock(f *os.File) error { return unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) }

// tryLock takes the marker's lock if no running process holds it.
func tryLock(f *os.File) error { return unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) }
