package build

import (
	"bufio"
	"bytes"
	"encoding/gob"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

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

// registerParamTypes names the types front matter values take inside
// content.Meta.Params for gob. Registering a type again is harmless.
func registerParamTypes() {
	gob.Register(map[string]any{})
	gob.Register([]any{})
	gob.Register(time.Time{})
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
	registerParamTypes()
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
	err := decodeParsed(&buf, func(i int, src *content.Source) {
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
	registerParamTypes()
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

// writeParsed encodes sources (without their bodies) for decodeParsed.
func writeParsed(w io.Writer, sources []*content.Source) error {
	enc := gob.NewEncoder(w)
	if err := enc.Encode(len(sources)); err != nil {
		return err
	}
	for _, src := range sources {
		c := src.Parsed()
		if err := enc.Encode(&c); err != nil {
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
	return decodeParsed(bufio.NewReaderSize(f, 1<<16), each)
}

// decodeParsed decodes what writeParsed wrote, calling each with every
// source and its number.
func decodeParsed(r io.Reader, each func(int, *content.Source)) error {
	registerParamTypes()
	dec := gob.NewDecoder(r)
	var n int
	if err := dec.Decode(&n); err != nil {
		return err
	}
	for i := range n {
		var src content.Source
		if err := dec.Decode(&src); err != nil {
			return err
		}
		each(i, &src)
	}
	return nil
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
