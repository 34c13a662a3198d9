package build

import (
	"bytes"
	"io"
	"os"
	"path/filepath"

	"github.com/oersite/oersite/generator/internal/i18n"
	"github.com/oersite/oersite/generator/internal/outdir"
)

// A build with a cache folder keeps its interface strings as it parsed
// them (i18n.Parsed), and the next takes the files whose bytes have not
// changed from there instead of parsing them again.

// keptStringsFile is where they are kept.
func keptStringsFile(cacheDir string) string { return filepath.Join(cacheDir, "builds", "strings") }

// stringsHead opens the file: its form, then the digest of the program
// that parsed them (another program's parse is not taken).
func stringsHead(read *inputState) []byte {
	return append([]byte("oersite strings 1\n"), read.Program.Sum[:]...)
}

// readStrings returns the strings the last build kept; an empty Parsed
// when there are none, or they are another program's or damaged; nil when
// the build keeps nothing.
func readStrings(opt Options, read *inputState) *i18n.Parsed {
	if read == nil || opt.SearchInMemory || opt.CacheDir == "" {
		return nil
	}
	head := stringsHead(read)
	if b, err := os.ReadFile(keptStringsFile(opt.CacheDir)); err == nil && bytes.HasPrefix(b, head) {
		if p, err := i18n.DecodeParsed(b[len(head):]); err == nil {
			return p
		}
	}
	return i18n.NewParsed()
}

// keepStrings keeps the strings the build parsed when they are not those
// it took. They only save the next build time: failing to keep them is no
// error.
func keepStrings(opt Options, read *inputState, p *i18n.Parsed) {
	if p == nil || !p.Changed() {
		return
	}
	name := keptStringsFile(opt.CacheDir)
	if os.MkdirAll(filepath.Dir(name), 0o755) != nil {
		return
	}
	err := outdir.ReplaceFileWith(name, func(w io.Writer) error {
		_, err := w.Write(p.Append(stringsHead(read)))
		return err
	})
	if err != nil {
		_ = os.Remove(name)
	}
}
