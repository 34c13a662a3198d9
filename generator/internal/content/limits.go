package content

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"

	"github.com/oersite/oersite/generator/internal/diag"
)

// Limits bound the Markdown files read; zero means no limit.
type Limits struct {
	FileBytes int64 // the largest file
	LineBytes int   // the longest line
}

// Read reads a Markdown file of fsys within the limits: a file over one
// is reported, not returned, and a file too large is not read beyond the
// limit (the build's memory stays bounded whatever the file holds).
func Read(fsys fs.FS, p string, lim Limits) ([]byte, diag.List) {
	var l diag.List
	f, err := fsys.Open(p)
	if err != nil {
		l.Add(diag.Errorf(p, 0, "check the file's permissions", "cannot read: %v", unwrapPathError(err)))
		return nil, l
	}
	defer f.Close()
	var r io.Reader = f
	size := int64(0)
	if info, err := f.Stat(); err == nil {
		size = info.Size()
	}
	if lim.FileBytes > 0 {
		if size > lim.FileBytes {
			l.Add(fileTooLarge(p, fmt.Sprintf("%d bytes", size), lim.FileBytes))
			return nil, l
		}
		r = io.LimitReader(f, lim.FileBytes+1)
	}
	data, err := readSized(r, size)
	if err != nil {
		l.Add(diag.Errorf(p, 0, "check the file's permissions", "cannot read: %v", unwrapPathError(err)))
		return nil, l
	}
	if lim.FileBytes > 0 && int64(len(data)) > lim.FileBytes {
		l.Add(fileTooLarge(p, "larger", lim.FileBytes)) // it grew while read
		return nil, l
	}
	if d, ok := longLine(p, data, lim.LineBytes); ok {
		l.Add(d)
		return nil, l
	}
	return data, nil
}

func fileTooLarge(p, size string, max int64) diag.Diagnostic {
	return diag.Errorf(p, 0, "split it into several pages, or raise fileBytes under [limits] in config.toml",
		"the file is %s, over the limit of %d bytes (limits.fileBytes); it is not read", size, max)
}

// longLine reports the first line of data longer than max bytes.
func longLine(p string, data []byte, max int) (diag.Diagnostic, bool) {
	if max <= 0 || len(data) <= max {
		return diag.Diagnostic{}, false
	}
	for n, rest := 1, data; len(rest) > 0; n++ {
		end := bytes.IndexByte(rest, '\n')
		if end < 0 {
			end = len(rest)
		}
		if end > max {
			return diag.Errorf(p, n, "break the line into shorter ones, or raise lineBytes under [limits] in config.toml",
				"this line is %d bytes long, over the limit of %d bytes (limits.lineBytes); the file is not read", end, max), true
		}
		rest = rest[min(end+1, len(rest)):]
	}
	return diag.Diagnostic{}, false
}

// readSized reads r to its end into a buffer made for size bytes (the
// file's size when opened), as os.ReadFile does, so that a file is read
// without the buffer growing several times; one that grew meanwhile is
// still read whole.
func readSized(r io.Reader, size int64) ([]byte, error) {
	buf := make([]byte, 0, size+1) // +1: the end is seen without growing
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}
