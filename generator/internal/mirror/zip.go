package mirror

import (
	"archive/zip"
	"io"
	"sort"
	"time"
)

// ZipFile is one file for WriteZip.
type ZipFile struct {
	Path string
	Data []byte
}

// WriteZip writes files as a zip under the folder prefix, deterministically:
// sorted paths, a fixed time, fixed permissions, so that the zip's bytes
// change only when a file does.
func WriteZip(w io.Writer, files []ZipFile, prefix string, modTime time.Time) error {
	fs := append([]ZipFile(nil), files...)
	sort.Slice(fs, func(i, j int) bool { return fs[i].Path < fs[j].Path })
	zw := zip.NewWriter(w)
	for _, f := range fs {
		if err := CheckPath(f.Path); err != nil {
			return err
		}
		h := &zip.FileHeader{Name: prefix + f.Path, Method: zip.Deflate, Modified: modTime.UTC()}
		h.SetMode(0o644)
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.Data); err != nil {
			return err
		}
	}
	return zw.Close()
}
