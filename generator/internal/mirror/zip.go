package mirror

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"fmt"
	"hash/crc32"
	"io"
	"runtime"
	"sort"
	"sync"
	"time"
	"unicode/utf8"
)

// ZipFile is one file for WriteZip.
type ZipFile struct {
	Path string
	Data []byte
}

// ZipSums are the SHA-256 digests of a zip's files, by path (without the
// zip's folder prefix).
type ZipSums map[string][sha256.Size]byte

// LastZip is a zip written before by PackZip, with the digests it
// returned: a new zip takes the compressed bytes of each file whose path
// and digest are unchanged instead of compressing it again. The caller
// vouches that Reader is the zip those digests were returned for.
type LastZip struct {
	Reader *zip.Reader
	Size   int64 // of the zip file
	Sums   ZipSums
	// Keep are files of the last zip (paths without its prefix) that the
	// new one holds as they are, though the caller does not give them
	// again: it knows them unchanged.
	Keep []string
}

// WriteZip writes files as a zip under the folder prefix, deterministically:
// sorted paths, a fixed time, fixed permissions, so that the zip's bytes
// change only when a file does.
func WriteZip(w io.Writer, files []ZipFile, prefix string, modTime time.Time) error {
	_, _, err := PackZip(w, files, prefix, modTime, nil)
	return err
}

// PackZip writes the zip WriteZip writes, compressing the files on every
// core, and taking from last (when not nil) the compressed bytes of the
// files it holds unchanged; the zip is the same either way, byte for byte.
// It returns the files' digests, for the next zip's LastZip, and how many
// files it took from last.
func PackZip(w io.Writer, files []ZipFile, prefix string, modTime time.Time, last *LastZip) (sums ZipSums, taken int, err error) {
	fs := make([]zipItem, 0, len(files))
	for _, f := range files {
		fs = append(fs, zipItem{ZipFile: f})
	}
	if last != nil {
		for _, p := range last.Keep {
			fs = append(fs, zipItem{ZipFile: ZipFile{Path: p}, kept: true})
		}
	}
	sort.Slice(fs, func(i, j int) bool { return fs[i].Path < fs[j].Path })
	for i, f := range fs {
		if err := CheckPath(f.Path); err != nil {
			return nil, 0, err
		}
		if i > 0 && fs[i-1].Path == f.Path {
			return nil, 0, fmt.Errorf("two files for %s in one zip", f.Path)
		}
	}
	entries := packEntries(fs, prefix, last)
	if b, ok := w.(interface{ Grow(int) }); ok { // a bytes.Buffer: grown once
		n := 22 // the end of the central directory
		for i, e := range entries {
			n += len(e.deflated) + 2*len(prefix+fs[i].Path) + 2*(46+9)
		}
		b.Grow(n)
	}
	sums = make(ZipSums, len(fs))
	zw := zip.NewWriter(w)
	for i, f := range fs {
		e := entries[i]
		if e.err != nil {
			return nil, 0, e.err
		}
		if e.taken {
			taken++
		}
		sums[f.Path] = e.sum
		h := entryHeader(prefix+f.Path, modTime, e)
		fw, err := zw.CreateRaw(h)
		if err != nil {
			return nil, 0, err
		}
		if _, err := fw.Write(e.deflated); err != nil {
			return nil, 0, err
		}
	}
	return sums, taken, zw.Close()
}

// zipItem is a file to put in a zip: given, or kept from the last zip.
type zipItem struct {
	ZipFile
	kept bool
}

// packed is one file's entry, ready to be written raw.
type packed struct {
	sum      [sha256.Size]byte
	crc      uint32
	size     uint64
	deflated []byte
	taken    bool // from the last zip
	err      error
}

// packEntries compresses, or takes from last, each file's entry, on every core.
func packEntries(fs []zipItem, prefix string, last *LastZip) []packed {
	out := make([]packed, len(fs))
	var old map[string]*zip.File
	if last != nil && last.Reader != nil {
		old = make(map[string]*zip.File, len(last.Reader.File))
		for _, f := range last.Reader.File {
			old[f.Name] = f
		}
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var z *flate.Writer
			for i := range next {
				f := fs[i]
				e := &out[i]
				if f.kept {
					o := old[prefix+f.Path]
					sum, known := last.Sums[f.Path]
					if o == nil || !known || o.Method != zip.Deflate {
						e.err = fmt.Errorf("%s is to be kept from the last zip, which does not hold it", f.Path)
					} else if e.deflated, e.err = rawBytes(o, last.Size); e.err == nil {
						e.sum, e.crc, e.size, e.taken = sum, o.CRC32, o.UncompressedSize64, true
					}
					continue
				}
				e.sum, e.size = sha256.Sum256(f.Data), uint64(len(f.Data))
				if last != nil && last.Sums[f.Path] == e.sum {
					if o := old[prefix+f.Path]; o != nil && o.Method == zip.Deflate && o.UncompressedSize64 == e.size {
						if e.deflated, e.err = rawBytes(o, last.Size); e.err == nil {
							e.crc, e.taken = o.CRC32, true
							continue
						}
					}
				}
				e.crc = crc32.ChecksumIEEE(f.Data)
				e.deflated, z, e.err = deflate(f.Data, z)
			}
		}()
	}
	for i := range fs {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// rawBytes reads the compressed bytes of a zip entry. A size the zip's
// file cannot hold is an error, not an allocation.
func rawBytes(f *zip.File, zipSize int64) ([]byte, error) {
	if f.CompressedSize64 > uint64(zipSize) {
		return nil, fmt.Errorf("%s: %d compressed bytes in a zip of %d", f.Name, f.CompressedSize64, zipSize)
	}
	r, err := f.OpenRaw()
	if err != nil {
		return nil, err
	}
	data := make([]byte, f.CompressedSize64)
	if _, err := io.ReadFull(r, data); err != nil {
		return nil, err
	}
	return data, nil
}

// deflate compresses data as zip.Deflate does, with z (made when nil).
func deflate(data []byte, z *flate.Writer) ([]byte, *flate.Writer, error) {
	var buf bytes.Buffer
	if z == nil {
		var err error
		if z, err = flate.NewWriter(&buf, flate.DefaultCompression); err != nil {
			return nil, nil, err
		}
	} else {
		z.Reset(&buf)
	}
	if _, err := z.Write(data); err != nil {
		return nil, z, err
	}
	if err := z.Close(); err != nil {
		return nil, z, err
	}
	return buf.Bytes(), z, nil
}

// entryHeader is the header of a deflated file, as zip.Writer's
// CreateHeader writes it for a file with a modification time, but with
// the sizes and checksum in front (so no data descriptor follows).
func entryHeader(name string, modTime time.Time, e packed) *zip.FileHeader {
	t := modTime.UTC()
	h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: t, CRC32: e.crc,
		CompressedSize64: uint64(len(e.deflated)), UncompressedSize64: e.size}
	h.SetMode(0o644)
	if !isASCII(name) && utf8.ValidString(name) {
		h.Flags |= 0x800 // the name is UTF-8
	}
	h.CreatorVersion = h.CreatorVersion&0xff00 | 20
	h.ReaderVersion = 20
	// CreateRaw writes the MS-DOS date and time as given (CreateHeader
	// derives them from Modified): readers on Windows show them.
	//lint:ignore SA1019 the fields CreateRaw writes
	h.ModifiedDate = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	//lint:ignore SA1019 the fields CreateRaw writes
	h.ModifiedTime = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	// the extended timestamp field (0x5455): flags 1 (modification time), seconds since 1970
	mt := uint32(t.Unix())
	h.Extra = []byte{0x55, 0x54, 5, 0, 1, byte(mt), byte(mt >> 8), byte(mt >> 16), byte(mt >> 24)}
	return h
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
