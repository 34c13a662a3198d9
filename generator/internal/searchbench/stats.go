package searchbench

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// kindStats sums the files of one kind (the name before the first "-", or
// the whole name: "t" for shards, "index" for manifests).
type kindStats struct {
	files         int
	raw, gz       int64
	maxRaw, maxGz int64
	maxName       string
}

// stats describes an exported index.
type stats struct {
	files   int
	raw, gz int64
	kinds   map[string]*kindStats
}

// gzipSize is the size of data gzipped at the default level, as static hosts serve it.
func gzipSize(data []byte) int64 {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	_, _ = w.Write(data)
	_ = w.Close()
	return int64(b.Len())
}

// indexStats reads every file under dir (the output's _search folder).
func indexStats(dir string) (stats, error) {
	st := stats{kinds: map[string]*kindStats{}}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimSuffix(d.Name(), ".js")
		kind, _, _ := strings.Cut(name, "-")
		if filepath.Dir(p) == dir {
			kind = "client"
		}
		k := st.kinds[kind]
		if k == nil {
			k = &kindStats{}
			st.kinds[kind] = k
		}
		raw, gz := int64(len(data)), gzipSize(data)
		st.files++
		st.raw += raw
		st.gz += gz
		k.files++
		k.raw += raw
		k.gz += gz
		if gz > k.maxGz {
			rel, _ := filepath.Rel(dir, p)
			k.maxGz, k.maxRaw, k.maxName = gz, raw, rel
		}
		return nil
	})
	return st, err
}

func (st stats) print(w io.Writer) {
	fmt.Fprintf(w, "index: %d files, %.1f MiB (%.1f MiB gzipped)\n", st.files, mib(st.raw), mib(st.gz))
	kinds := make([]string, 0, len(st.kinds))
	for k := range st.kinds {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	fmt.Fprintf(w, "  %-8s %7s %10s %10s   %s\n", "kind", "files", "MiB", "MiB gz", "largest (raw / gzipped)")
	for _, name := range kinds {
		k := st.kinds[name]
		fmt.Fprintf(w, "  %-8s %7d %10.2f %10.2f   %s %.1f / %.1f KB\n", name, k.files, mib(k.raw), mib(k.gz), k.maxName, kb(k.maxRaw), kb(k.maxGz))
	}
}

func mib(n int64) float64 { return float64(n) / (1 << 20) }
func kb(n int64) float64  { return float64(n) / 1000 }
