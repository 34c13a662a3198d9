//go:build !(linux || darwin || freebsd || openbsd || netbsd || dragonfly)

package outdir

import (
	"errors"
	"os"
	"time"
)

// lock does nothing where there is no advisory lock: staleness is told by age.
func lock(*os.File) error { return nil }

// tryLock treats a staging folder as abandoned once its marker is a day old.
func tryLock(f *os.File) error {
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if time.Since(info.ModTime()) < 24*time.Hour {
		return errors.New("in use")
	}
	return nil
}
