package outdir

import (
	"os"
	"path/filepath"
	"time"
)

// StaleAfter is the age after which a temporary file that a run writes and
// removes itself (a prepared search snapshot, a spill file) is taken for
// one that a run killed outright left behind: no build takes that long.
const StaleAfter = 6 * time.Hour

// RemoveStale removes the regular files in dir matching pattern (a
// filepath.Match pattern, as os.CreateTemp's) older than StaleAfter.
func RemoveStale(dir, pattern string) {
	old, _ := filepath.Glob(filepath.Join(dir, pattern))
	for _, p := range old {
		if info, err := os.Lstat(p); err == nil && info.Mode().IsRegular() && time.Since(info.ModTime()) > StaleAfter {
			os.Remove(p)
		}
	}
}
