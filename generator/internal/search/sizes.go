package search

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"slices"
	"sync"

	"github.com/oersite/oersite/generator/internal/outdir"
)

// Sizes remembers, from one build to the next, the gzipped sizes the
// export estimated (see sizer), by the SHA-256 of the bytes compressed. A
// build after a one-page edit packs mostly the same files as the last one
// (on a 10k-page site of real text, after each of four one-sentence edits,
// 800 to 938 of the English index's 947 estimates): their sizes are looked up instead of compressed again. A
// size is a fact about the bytes and the compressor alone, so the file
// carries a key that names the compressor (the build gives the program's
// digest): a file of another key is not read. Safe for concurrent use: the
// export's phases share one.
type Sizes struct {
	mu    sync.Mutex
	known map[sizeKey]int32 // read from the file
	asked map[sizeKey]int32 // what this export estimated: what Write keeps
	hits  int               // sizes found rather than compressed
}

// sizeKey names compressed bytes: the first half of their SHA-256.
type sizeKey [16]byte

// sizesMagic starts a file of sizes; a file of another version is not read.
const sizesMagic = "oersite search sizes 1\n"

// maxSizesBytes bounds the file read: the English index of a 10k-page
// site of real text asks for 947 sizes (19 KB), so this is far beyond any
// site's.
const maxSizesBytes = 64 << 20

// sizeRecord is the length of one size in the file: its key and the size.
const sizeRecord = len(sizeKey{}) + 4

// NewSizes returns an empty memory of sizes.
func NewSizes() *Sizes {
	return &Sizes{known: map[sizeKey]int32{}, asked: map[sizeKey]int32{}}
}

// ReadSizes reads the sizes Write kept in path under key. A file that is
// missing, of another key or version, or damaged gives an empty memory:
// the export then compresses as without one.
func ReadSizes(path, key string) *Sizes {
	s := NewSizes()
	// Only a regular file of a plausible length: a link is not followed.
	info, err := os.Lstat(path)
	if err != nil || !info.Mode().IsRegular() || info.Size() > maxSizesBytes {
		return s
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return s
	}
	head := sizesMagic + key + "\n"
	body, ok := bytes.CutPrefix(data, []byte(head))
	if !ok || len(body) < 4 {
		return s
	}
	n := uint64(binary.LittleEndian.Uint32(body))
	body = body[4:]
	if len(body)%sizeRecord != 0 || uint64(len(body)/sizeRecord) != n {
		return s
	}
	known := make(map[sizeKey]int32, len(body)/sizeRecord)
	for i := 0; i < len(body); i += sizeRecord {
		size := int32(binary.LittleEndian.Uint32(body[i+len(sizeKey{}):]))
		if size <= 0 {
			return s // not what Write writes
		}
		known[sizeKey(body[i:i+len(sizeKey{})])] = size
	}
	s.known = known
	return s
}

// Write keeps in path, under key, the sizes this memory was asked for
// since it was made or read (those of the last export, not every size
// ever seen), whole or not at all.
func (s *Sizes) Write(path, key string) error {
	s.mu.Lock()
	keys := make([]sizeKey, 0, len(s.asked))
	for k := range s.asked {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b sizeKey) int { return bytes.Compare(a[:], b[:]) })
	sizes := make([]int32, len(keys))
	for i, k := range keys {
		sizes[i] = s.asked[k]
	}
	s.mu.Unlock()
	if len(key) == 0 || bytes.ContainsRune([]byte(key), '\n') {
		return errors.New("search sizes: the key must be one line")
	}
	return outdir.ReplaceFileWith(path, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		bw.WriteString(sizesMagic + key + "\n")
		var rec [sizeRecord]byte
		binary.LittleEndian.PutUint32(rec[:4], uint32(len(keys)))
		bw.Write(rec[:4])
		for i, k := range keys {
			copy(rec[:], k[:])
			binary.LittleEndian.PutUint32(rec[len(sizeKey{}):], uint32(sizes[i]))
			bw.Write(rec[:])
		}
		return bw.Flush()
	})
}

// Found tells how many sizes the exports found here rather than
// compressing the bytes, of Asked.
func (s *Sizes) Found() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits
}

// Asked tells how many different sizes the exports asked for.
func (s *Sizes) Asked() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.asked)
}

// lookup returns the key of data and its size, if known.
func (s *Sizes) lookup(data []byte) (sizeKey, int, bool) {
	sum := sha256.Sum256(data)
	k := sizeKey(sum[:len(sizeKey{})])
	s.mu.Lock()
	defer s.mu.Unlock()
	n, ok := s.known[k]
	if !ok {
		n, ok = s.asked[k]
	} else {
		s.asked[k] = n
	}
	if ok {
		s.hits++
	}
	return k, int(n), ok
}

// remember records the size of the bytes named k.
func (s *Sizes) remember(k sizeKey, n int) {
	s.mu.Lock()
	s.asked[k] = int32(n)
	s.mu.Unlock()
}
