package build

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/oersite/oersite/generator/internal/bincode"
	"github.com/oersite/oersite/generator/internal/content"
	"github.com/oersite/oersite/generator/internal/outdir"
)

// A recorded build keeps the sources it parsed (content.Source without its
// body: front matter, digests, warnings) in a file beside its record. A
// patch build, whose check found every content file but the edited pages
// unchanged, takes their sources from there instead of reading and parsing
// 10,000 files again; a page whose rendering cannot be taken from the last
// build reads its body when it renders (content.Source.Markdown).
//
// Only what the file gives back exactly is taken: each source is decoded
// again after it is written and compared with what the build parsed
// (reflect.DeepEqual, which tells an empty list from none, a time zone from
// another); those that differ are named in the record and parsed again by
// the next build. A source that a section's cascade changed is not kept.

// parsedFile is where the sources beside a record are kept.
func parsedFile(record string) string { return strings.TrimSuffix(record, ".gob") + ".sources" }

// A build whose sources mostly came from the last build's file leaves that
// file as it is and writes beside it, in the same form, only the sources
// that differ from it (parsedPatchFile): those it parsed, and those it
// took from the last patch file. Patch builds then write a few sources
// each, not every one; a build that would put more than a quarter of them
// in the patch file writes the whole file again.

// parsedPatchFile is where the sources that differ from parsedFile's are kept.
func parsedPatchFile(record string) string {
	return strings.TrimSuffix(record, ".gob") + ".sources-patch"
}

// lastSources is what the last build's files of sources gave a build:
// whether they were read (the record's stamps matched), and the sources
// taken from the patch file, by path.
type lastSources struct {
	read      bool
	fromPatch map[string]bool
}

// parsedKept is what keepParsed kept: the file's stamp (no path when
// nothing was kept), the patch file's (none when there is none) and the
// sources they do not give back exactly.
type parsedKept struct {
	stamp   fileStamp
	patch   fileStamp
	inexact []string
}

// keepParsedBeside writes the build's parsed sources beside the record of
// builds into opt.Dest (see keepParsed, keepPatch) while the build goes on
// (they change no more once the site is assembled), and returns what
// waits for it. last is what the last build's files gave (nil: nothing).
func keepParsedBeside(opt Options, sources []*content.Source, last *lastSources, rec *buildRecord) func() parsedKept {
	name, err := recordFile(opt.CacheDir, opt.Dest)
	if err != nil {
		return func() parsedKept { return parsedKept{} }
	}
	done := make(chan parsedKept, 1)
	go func() {
		if last != nil && last.read {
			if kept, ok := keepPatch(name, sources, last, rec.Parsed); ok {
				done <- kept
				return
			}
		}
		_ = os.Remove(parsedPatchFile(name))
		stamp, inexact, ok := keepParsed(parsedFile(name), sources)
		if !ok {
			stamp = fileStamp{}
		}
		done <- parsedKept{stamp: stamp, inexact: inexact}
	}()
	return sync.OnceValue(func() parsedKept { return <-done })
}

// keepPatch leaves the last build's file of sources (as base, its stamp,
// says) and writes the sources that differ from it into the patch file:
// those this build parsed, and those it took from the last patch file. ok
// is false when it did not: too many differ, or the file could not be
// written (the whole file is then written again).
func keepPatch(record string, sources []*content.Source, last *lastSources, base fileStamp) (parsedKept, bool) {
	var kept, differ, parsed []*content.Source
	for _, src := range sources {
		if src.Cascaded {
			continue
		}
		kept = append(kept, src)
		if !src.Reused() || last.fromPatch[src.Path] {
			differ = append(differ, src)
		}
		if !src.Reused() {
			parsed = append(parsed, src)
		}
	}
	if len(differ) > len(kept)/4 {
		return parsedKept{}, false
	}
	name := parsedPatchFile(record)
	if err := outdir.ReplaceFileWith(name, func(w io.Writer) error { return writeParsed(w, differ) }); err != nil {
		_ = os.Remove(name)
		return parsedKept{}, false
	}
	inexact, err := inexactOf(parsed)
	stamps, serr := stampFiles([]string{name})
	if err != nil || serr != nil {
		_ = os.Remove(name)
		return parsedKept{}, false
	}
	return parsedKept{stamp: base, patch: stamps[0], inexact: inexact}, true
}

// inexactOf returns the paths of the sources that a file of sources does
// not give back exactly (encoded and decoded apart, in memory).
func inexactOf(sources []*content.Source) ([]string, error) {
	var inexact []string
	var buf bytes.Buffer
	if err := writeParsed(&buf, sources); err != nil {
		return nil, err
	}
	err := decodeParsed(bytes.NewReader(buf.Bytes()), int64(buf.Len()), func(i int, src *content.Source) {
		if i >= len(sources) || !reflect.DeepEqual(*src, sources[i].Parsed()) {
			inexact = append(inexact, src.Path)
		}
	})
	return inexact, err
}

// keepParsed writes the parsed sources of the build (those no cascade
// changed) into name, and returns the file's stamp and the paths of the
// sources it does not give back exactly. ok is false when nothing could be
// kept.
func keepParsed(name string, sources []*content.Source) (stamp fileStamp, inexact []string, ok bool) {
	// Each source is copied (without its body) only while it is written or
	// compared: copies of them all would cost a large site's build hundreds
	// of megabytes at its peak.
	var kept []*content.Source
	for _, src := range sources {
		if !src.Cascaded {
			kept = append(kept, src)
		}
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return fileStamp{}, nil, false
	}
	err := outdir.ReplaceFileWith(name, func(w io.Writer) error { return writeParsed(w, kept) })
	if err != nil {
		_ = os.Remove(name)
		return fileStamp{}, nil, false
	}
	// A source taken from the last build's file comes back exactly (it was
	// decoded from one): only those this build parsed are checked, through
	// the file when it parsed them all, else apart in memory.
	compare := func(want []*content.Source) func(int, *content.Source) {
		return func(i int, src *content.Source) {
			if i >= len(want) || !reflect.DeepEqual(*src, want[i].Parsed()) {
				inexact = append(inexact, src.Path)
			}
		}
	}
	parsed := slices.DeleteFunc(slices.Clone(kept), (*content.Source).Reused)
	if len(parsed) == len(kept) {
		err = readParsed(name, compare(kept))
	} else {
		inexact, err = inexactOf(parsed)
	}
	stamps, serr := stampFiles([]string{name})
	if err != nil || serr != nil {
		_ = os.Remove(name)
		return fileStamp{}, nil, false
	}
	return stamps[0], inexact, true
}

// A file of sources is cut in parts, so that a patch build decodes them on
// every core: after sourcesMagic come the parts, each led by its length (8
// bytes, little-endian); a part holds the number of its sources (a
// uvarint), then the sources (content.AppendSource).

// sourcesMagic opens a file of sources; it changes whenever its form does.
const sourcesMagic = "oersite sources 4\n"

// sourcesPerPart returns how many sources each part of a file of n holds:
// enough parts for 16 cores, none of fewer than 64 sources or more than
// 1,024 (a reader holds a few parts at a time, see decodeParsed).
func sourcesPerPart(n int) int { return min(1024, max(64, (n+15)/16)) }

// writeParsed encodes sources (without their bodies) for decodeParsed.
func writeParsed(w io.Writer, sources []*content.Source) error {
	if _, err := io.WriteString(w, sourcesMagic); err != nil {
		return err
	}
	var part []byte
	for chunk := range slices.Chunk(sources, sourcesPerPart(len(sources))) {
		c, n := bincode.NewEncoder(part[:0]), uint64(len(chunk))
		c.Uvarint(&n)
		part = c.Bytes()
		for _, src := range chunk {
			part = content.AppendSource(part, src)
		}
		if _, err := w.Write(binary.LittleEndian.AppendUint64(nil, uint64(len(part)))); err != nil {
			return err
		}
		if _, err := w.Write(part); err != nil {
			return err
		}
	}
	return nil
}

// readParsed decodes the sources kept in name, calling each with its number.
func readParsed(name string, each func(int, *content.Source)) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	return decodeParsed(f, info.Size(), each)
}

// decodeParsed decodes what writeParsed wrote (size bytes of r) and calls
// each with every source and its number, in order. Parts are decoded on
// every core, a few ahead of the one given to each: no more than those are
// held at a time.
func decodeParsed(r io.ReaderAt, size int64, each func(int, *content.Source)) error {
	parts, err := partsOf(r, size)
	if err != nil {
		return err
	}
	type decoded struct {
		sources []content.Source
		err     error
	}
	results := make([]chan decoded, len(parts))
	start := func(i int) {
		if i < len(parts) {
			results[i] = make(chan decoded, 1)
			go func() {
				sources, err := decodePart(parts[i])
				results[i] <- decoded{sources, err}
			}()
		}
	}
	ahead := runtime.GOMAXPROCS(0)
	for i := range ahead {
		start(i)
	}
	n := 0
	for i := range parts {
		d := <-results[i]
		start(i + ahead)
		if d.err != nil {
			for _, rest := range results[i+1 : min(i+1+ahead, len(parts))] {
				<-rest // no decoder outlives the file
			}
			return d.err
		}
		for k := range d.sources {
			each(n, &d.sources[k])
			n++
		}
	}
	return nil
}

// partsOf returns the parts of the file of sources in size bytes of r.
func partsOf(r io.ReaderAt, size int64) ([]*io.SectionReader, error) {
	head := make([]byte, max(len(sourcesMagic), 8))
	if _, err := r.ReadAt(head[:len(sourcesMagic)], 0); err != nil || string(head[:len(sourcesMagic)]) != sourcesMagic {
		return nil, errors.New("not a file of sources of this oersite")
	}
	var parts []*io.SectionReader
	for at := int64(len(sourcesMagic)); at < size; {
		if _, err := r.ReadAt(head[:8], at); err != nil {
			return nil, err
		}
		n := binary.LittleEndian.Uint64(head[:8])
		if n > uint64(size-at-8) {
			return nil, errors.New("a file of sources cut short")
		}
		parts = append(parts, io.NewSectionReader(r, at+8, int64(n)))
		at += 8 + int64(n)
	}
	return parts, nil
}

// decodePart decodes one part of a file of sources.
func decodePart(part *io.SectionReader) ([]content.Source, error) {
	// Read straight into the string the sources' strings will be parts of.
	var sb strings.Builder
	sb.Grow(int(part.Size()))
	if _, err := io.Copy(&sb, part); err != nil {
		return nil, err
	}
	c := bincode.NewDecoder(sb.String())
	var n uint64
	if c.Uvarint(&n); c.Err() != nil || n > uint64(len(c.Rest())) {
		return nil, errors.New("a part of a file of sources is damaged")
	}
	s := c.Rest()
	sources := make([]content.Source, 0, bincode.Room(n)) // made as they are read
	for range n {
		var src content.Source
		var err error
		if s, err = content.DecodeSource(&src, s); err != nil {
			return nil, err
		}
		sources = append(sources, src)
	}
	if len(s) != 0 {
		return nil, errors.New("a part of a file of sources runs on")
	}
	return sources, nil
}

// lastParsed returns the sources rec's build kept beside it (see keepParsed)
// by path, those of its patch file over the others, but those of changed
// files and those not kept exactly; nil when there are none, or the files
// are not as rec left them. last tells what was read.
func lastParsed(record string, rec *buildRecord, changed []string, last *lastSources) map[string]*content.Source {
	name, patch := parsedFile(record), parsedPatchFile(record)
	want := []fileStamp{rec.Parsed}
	if rec.ParsedPatch.Path != "" {
		want = append(want, rec.ParsedPatch)
	}
	if rec.Parsed.Path != name || (rec.ParsedPatch.Path != "" && rec.ParsedPatch.Path != patch) {
		return nil
	}
	if stamps, err := stampFiles(stampPaths(want)); err != nil || !slices.Equal(stamps, want) {
		return nil
	}
	skip := map[string]bool{}
	for _, p := range slices.Concat(rec.ParsedInexact, changed) {
		skip[p] = true
	}
	out := map[string]*content.Source{}
	err := readParsed(name, func(_ int, src *content.Source) {
		if !skip[src.Path] {
			out[src.Path] = src
		}
	})
	fromPatch := map[string]bool{}
	if err == nil && rec.ParsedPatch.Path != "" {
		err = readParsed(patch, func(_ int, src *content.Source) {
			fromPatch[src.Path] = true
			if skip[src.Path] {
				delete(out, src.Path) // the file's own is not the current one
			} else {
				out[src.Path] = src
			}
		})
	}
	if err != nil {
		return nil
	}
	last.read, last.fromPatch = true, fromPatch
	return out
}
