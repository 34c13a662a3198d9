package outdir

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
)

// ReplaceFile writes data over the file at p in one step (a temporary file
// beside it, renamed over it), keeping its permissions (0644 for a new
// file): a failure leaves what was there before, and a dev server or an
// editor reading at the same moment sees the old text or the new, never half.
func ReplaceFile(p string, data []byte) error {
	return ReplaceFileWith(p, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// ReplaceFileWith is ReplaceFile for what write writes, streamed into the
// temporary file: nothing replaces p when write fails.
func ReplaceFileWith(p string, write func(io.Writer) error) error {
	mode := os.FileMode(0o644)
	if info, err := os.Stat(p); err == nil {
		mode = info.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".oersite-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	buf := bufio.NewWriterSize(tmp, 1<<16)
	if err := write(buf); err != nil {
		tmp.Close()
		return err
	}
	if err := buf.Flush(); err != nil {
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
