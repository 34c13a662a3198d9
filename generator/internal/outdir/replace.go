package outdir

import (
	"os"
	"path/filepath"
)

// ReplaceFile writes data over the file at p in one step (a temporary file
// beside it, renamed over it), keeping its permissions (0644 for a new
// file): a failure leaves what was there before, and a dev server or an
// editor reading at the same moment sees the old text or the new, never half.
func ReplaceFile(p string, data []byte) error {
	mode := os.FileMode(0o644)
	if info, err := os.Stat(p); err == nil {
		mode = info.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".oersite-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), p)
}
