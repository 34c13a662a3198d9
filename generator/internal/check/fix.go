package check

import (
	"bytes"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/outdir"
)

// ApplyFixes writes into the site at source the corrections that
// diagnostics carry (diag.Diagnostic.Fix: line Line as it should be
// written), as `oersite check --fix` asks: each such line replaced whole,
// its line end and the file's byte order mark kept, every other byte of the
// file as it was. A file is written once, through a temporary file renamed
// over it, and only when a line changed. It returns the corrections it
// made, in file and line order.
func ApplyFixes(source string, l diag.List) (diag.List, error) {
	byFile := map[string]diag.List{}
	for _, d := range l {
		if d.Fix != "" && d.Line > 0 && filepath.IsLocal(filepath.FromSlash(d.File)) && !strings.ContainsAny(d.Fix, "\r\n") {
			byFile[d.File] = append(byFile[d.File], d)
		}
	}
	if len(byFile) == 0 {
		return nil, nil
	}
	root, err := os.OpenRoot(source)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	var applied diag.List
	for _, file := range slices.Sorted(maps.Keys(byFile)) {
		data, err := root.ReadFile(filepath.FromSlash(file))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return applied, err
		}
		out, done := fixLines(data, byFile[file])
		if len(done) == 0 {
			continue
		}
		if err := outdir.ReplaceFile(filepath.Join(source, filepath.FromSlash(file)), out); err != nil {
			return applied, err
		}
		applied = append(applied, done...)
	}
	return applied, nil
}

// fixLines is data with each fix's line replaced by its Fix, and the fixes
// that changed a line.
func fixLines(data []byte, fixes diag.List) ([]byte, diag.List) {
	lines := bytes.SplitAfter(data, []byte("\n"))
	var done diag.List
	for _, d := range fixes {
		if d.Line > len(lines) {
			continue
		}
		old := lines[d.Line-1]
		end := old[len(bytes.TrimRight(old, "\r\n")):]
		var line []byte
		if d.Line == 1 && bytes.HasPrefix(old, []byte("\uFEFF")) {
			line = append(line, "\uFEFF"...)
		}
		line = append(append(line, d.Fix...), end...)
		if !bytes.Equal(line, old) {
			lines[d.Line-1] = line
			done = append(done, d)
		}
	}
	return bytes.Join(lines, nil), done
}
