package build

import (
	"bufio"
	"cmp"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/oersite/oersite/generator/internal/bincode"
	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/outdir"
	"github.com/oersite/oersite/generator/internal/partner"
	"github.com/oersite/oersite/generator/internal/publish"
	"github.com/oersite/oersite/generator/internal/sitefs"
	"github.com/oersite/oersite/generator/internal/spill"
)

// A build that has nothing new to write leaves the output as it is. After
// each build written to a folder, a record in the cache folder keeps what
// decided that output: a digest of every input (each file the build may
// read, by content; the options; the oersite program itself), the span of
// build dates in which every date comparison gives the same answer, and the
// size and time of every file written. The next build into the same
// folder first computes the digest again (reading only the files whose size
// or modification time changed, as git trusts its index): when it, the date and the files
// on disk all match, the output is what a full build would write, byte for
// byte, and the build stops there, repeating the first build's warnings.
// Anything else (an edited page, a webinar that has ended since, a file
// changed in the output, another oersite) builds in full. --cache off keeps
// no record.

// recordMagic opens every record; it changes whenever what a record holds,
// or what decides that a build is up to date, does.
const recordMagic = "oersite build record 9"

// buildRecord is what a successful build into a folder leaves for the next.
type buildRecord struct {
	Magic string
	// Inputs is everything the build read (see inputState).
	Inputs inputState
	// From and Until bound the build dates giving the same output (site.Horizon).
	From, Until time.Time
	// Output is every file and folder under the destination after the build.
	Output []fileStamp
	// Kept are the files the build kept in the cache folder (search documents).
	Kept []fileStamp
	// Entries, Pages and Diags are the build's Result, told again.
	Entries []publish.Entry
	Pages   int
	Diags   diag.List
	// Surfaces are the pages' surfaces (site.Page.Surface), by source
	// file: what decides whether a patch build may follow (see patch.go).
	Surfaces map[string][sha256.Size]byte
	// Bodies names the build's spill file, kept beside the record, and
	// RenderingsAt is where in it the pages' renderings are (see
	// writeRenderings), whose HTML and text it holds: a patch build takes
	// those still valid instead of rendering again.
	Bodies       string
	RenderingsAt spill.Span
	// BodiesStamp is the kept file as the build left it: a file changed
	// since is not read.
	BodiesStamp fileStamp
	// Meta is what decided the metadata files (see metaRecord).
	Meta *metaRecord
	// Parsed is the file of the sources the build parsed, kept for the
	// next (see keepParsed); ParsedInexact are those it does not give
	// back exactly.
	Parsed        fileStamp
	ParsedInexact []string
	// ParsedPatch is the file of the sources that differ from Parsed's
	// (none when Parsed holds them all).
	ParsedPatch fileStamp
	// Spare tells what the output's previous version, kept in the cache
	// folder after a patch build, holds (see spare.go); empty when none
	// was kept.
	Spare spareRecord
}

// fileStamp is a file as the system describes it: changed contents change
// its size or its modification time.
type fileStamp struct {
	Path    string
	Size    int64
	ModTime int64
	Mode    fs.FileMode
}

// recordFile is where the record of builds into dest is kept.
func recordFile(cacheDir, dest string) (string, error) {
	abs, err := outdir.Resolve(dest)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(cacheDir, "builds", hex.EncodeToString(sum[:8])+".gob"), nil
}

// recorded reports whether opt asks for a build whose output a record can
// vouch for: one written to a folder, with a cache folder to keep the record in.
func recorded(opt Options) bool {
	return opt.Output == nil && !opt.DryRun && !opt.SearchInMemory && opt.CacheDir != ""
}

// check is the build's first stage when a record can vouch for its output
// (see recorded): it returns the build's Result when the output is up to
// date; else it forgets the last record and returns the inputs read (nil
// when they could not be, or when no record is kept), to record once the
// build is published.
//
// When the only inputs changed are pages' Markdown files, it also returns
// the last build to patch (see patch.go), if the assembled site allows.
func check(ctx context.Context, opt Options, res *Result, start time.Time) (read *inputState, done *Result, base *patchBase) {
	if !recorded(opt) {
		return nil, nil, nil
	}
	t0 := time.Now()
	// The inputs are walked while the last record is read: neither needs
	// the other, and each takes a few milliseconds per thousand files.
	walked := make(chan walkedInputs, 1)
	go func() {
		files, err := walkAllInputs(ctx, opt.Source)
		walked <- walkedInputs{at: t0, files: files, err: err}
	}()
	rec := lastBuild(opt)
	in, err := readInputs(ctx, opt, rec, <-walked)
	if ctx.Err() != nil {
		return nil, nil, nil // stopped: the record stays for the next build
	}
	var current bool
	if err == nil && !opt.Full && sameRun(opt, rec, in) {
		switch changed, onlyPages := changedPages(rec.Inputs.Files, in.Files); {
		case len(changed) == 0 && rec.Inputs.Digest == in.Digest:
			current = outputAsRecorded(opt, rec)
		case len(changed) > 0 && onlyPages:
			// The output is compared with the record while the site loads.
			asRecorded := make(chan bool, 1)
			go func() { asRecorded <- outputAsRecorded(opt, rec) }()
			base = &patchBase{rec: rec, changed: changed, asRecorded: asRecorded}
		}
	}
	if current {
		// The inputs are those of a build that succeeded: its config loads.
		res.Config, _, _ = config.Load(filepath.Join(opt.Source, config.FileName), config.FileName)
	}
	res.Timings = append(res.Timings, Timing{Stage: "check", Took: time.Since(t0)})
	if current {
		return nil, rec.told(res, start), nil
	}
	forgetBuild(opt)
	if err != nil {
		return nil, nil, nil
	}
	return &in, nil, base
}

// sameRun reports whether rec, the record of the last build into
// opt.Dest, was made by this oersite with these options, for a build date
// at which every date comparison gives what it gave then.
func sameRun(opt Options, rec *buildRecord, in inputState) bool {
	if rec == nil || rec.Inputs.Options != in.Options {
		return false
	}
	return !opt.Now.Before(rec.From) && (rec.Until.IsZero() || opt.Now.Before(rec.Until))
}

// outputAsRecorded reports whether the destination, and the files the
// last build kept in the cache, are as rec says that build left them.
func outputAsRecorded(opt Options, rec *buildRecord) bool {
	out, err := stampTree(opt.Dest)
	if err != nil || !slices.Equal(out, rec.Output) {
		return false
	}
	kept, err := stampFiles(stampPaths(rec.Kept))
	return err == nil && slices.Equal(kept, rec.Kept)
}

// lastBuild reads the record of the last build into opt.Dest, if any.
func lastBuild(opt Options) *buildRecord {
	name, err := recordFile(opt.CacheDir, opt.Dest)
	if err != nil {
		return nil
	}
	rec, err := readRecord(name)
	if err != nil {
		return nil
	}
	return rec
}

func stampPaths(stamps []fileStamp) []string {
	paths := make([]string, len(stamps))
	for i, s := range stamps {
		paths[i] = s.Path
	}
	return paths
}

// A record is a sequence of gob messages: the record without its long
// lists (recordHead), then each list in chunks of at most recordChunk
// items (see encodeChunks). gob reads a message whole into a buffer of its
// own, one above 10 MB in pieces it copies as it grows: a 100,000-page
// site's record in one message (44 MB) took 1.2-1.7 s to read, most of it
// copying and touching fresh memory; in chunks, 0.2 s.
const recordChunk = 1 << 14

// recordHead is a record's first message: the record without its long
// lists, and their lengths.
type recordHead struct {
	Record buildRecord
	// Output, Entries, Files (Record.Inputs.Files), Folders
	// (Record.Spare.Folders) and Surfaces are the lists' lengths.
	Output, Entries, Files, Folders, Surfaces int
}

// surface is one of a record's Surfaces.
type surface struct {
	Source string
	Sum    [sha256.Size]byte
}

func readRecord(name string) (*buildRecord, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dec := gob.NewDecoder(bufio.NewReaderSize(f, 1<<16))
	var head recordHead
	if err := dec.Decode(&head); err != nil {
		return nil, err
	}
	rec := &head.Record
	if rec.Magic != recordMagic {
		return nil, errors.New("record of another version")
	}
	if rec.Output, err = decodeChunks(dec, head.Output, codeFileStamp); err != nil {
		return nil, err
	}
	if rec.Entries, err = decodeChunks(dec, head.Entries, codeEntry); err != nil {
		return nil, err
	}
	if rec.Inputs.Files, err = decodeChunks(dec, head.Files, codeInputFile); err != nil {
		return nil, err
	}
	if rec.Spare.Folders, err = decodeChunks(dec, head.Folders, codeFileStamp); err != nil {
		return nil, err
	}
	surfaces, err := decodeChunks(dec, head.Surfaces, codeSurface)
	if err != nil {
		return nil, err
	}
	if surfaces != nil {
		rec.Surfaces = make(map[string][sha256.Size]byte, len(surfaces))
		for _, s := range surfaces {
			rec.Surfaces[s.Source] = s.Sum
		}
	}
	return rec, nil
}

// decodeChunks reads a list of n items written by encodeChunks with the
// same code.
func decodeChunks[T any](dec *gob.Decoder, n int, code func(*bincode.Coder, *T)) ([]T, error) {
	if n < 0 {
		return nil, errors.New("record: a list of negative length")
	}
	if n == 0 {
		return nil, nil
	}
	out := make([]T, 0, min(n, 64*recordChunk)) // a damaged length reserves no more
	for len(out) < n {
		var chunk []byte
		if err := dec.Decode(&chunk); err != nil {
			return nil, err
		}
		if len(chunk) == 0 {
			return nil, errors.New("record: an empty chunk")
		}
		c := bincode.NewDecoder(string(chunk))
		for len(c.Rest()) > 0 && c.Err() == nil && len(out) < n {
			var item T
			code(c, &item)
			out = append(out, item)
		}
		if c.Err() != nil || len(c.Rest()) > 0 {
			return nil, errors.New("record: a list's chunks do not add up to its length")
		}
	}
	return out, nil
}

// encodeChunks writes list in chunks of at most recordChunk items, each
// a message of bytes where code wrote the items (package bincode: gob
// reads a digest byte by byte, the list's whole cost).
func encodeChunks[T any](enc *gob.Encoder, list []T, code func(*bincode.Coder, *T)) error {
	var buf []byte
	for i := 0; i < len(list); i += recordChunk {
		c := bincode.NewEncoder(buf[:0])
		for k := i; k < min(i+recordChunk, len(list)); k++ {
			code(c, &list[k])
		}
		buf = c.Bytes()
		if err := enc.Encode(buf); err != nil {
			return err
		}
	}
	return nil
}

func codeFileStamp(c *bincode.Coder, s *fileStamp) {
	c.Str(&s.Path)
	c.Varint(&s.Size)
	c.Varint(&s.ModTime)
	bincode.Unsigned(c, &s.Mode)
}

func codeInputFile(c *bincode.Coder, f *inputFile) {
	c.Str(&f.Path)
	c.Str(&f.Link)
	c.Varint(&f.Size)
	c.Varint(&f.ModTime)
	c.Digest(&f.Sum)
}

func codeEntry(c *bincode.Coder, e *publish.Entry) {
	c.Str(&e.Path)
	c.Varint(&e.Size)
	c.Str(&e.SHA256)
}

func codeSurface(c *bincode.Coder, s *surface) {
	c.Str(&s.Source)
	c.Digest(&s.Sum)
}

// keepBodies gives a build's spill file a lasting name beside its record
// (named record), and returns that name ("" when it cannot be kept).
func keepBodies(record string, bodies *spill.File) string {
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	name := strings.TrimSuffix(filepath.Base(record), ".gob") + "-" + hex.EncodeToString(rnd[:]) + bodiesExt
	if err := os.MkdirAll(filepath.Dir(record), 0o755); err != nil {
		return ""
	}
	if bodies.Keep(filepath.Join(filepath.Dir(record), name)) != nil {
		return ""
	}
	return name
}

// bodiesExt ends the name of a kept spill file.
const bodiesExt = ".bodies"

// removeOtherBodies removes the spill files kept for earlier records of
// the same destination (named record), all but keep.
func removeOtherBodies(record, keep string) {
	old, _ := filepath.Glob(strings.TrimSuffix(record, ".gob") + "-*" + bodiesExt)
	for _, f := range old {
		if filepath.Base(f) != keep {
			_ = os.Remove(f)
		}
	}
}

// forgetBuild removes the record of builds into opt.Dest: done before the
// output changes, so that no record ever vouches for an output it did not see.
func forgetBuild(opt Options) {
	if name, err := recordFile(opt.CacheDir, opt.Dest); err == nil {
		_ = os.Remove(name)
	}
}

// recordBuild writes the record of the build that has just published res
// into opt.Dest. A record that cannot be written is no loss: the next
// build is then a full one.
// output lists what the build left in opt.Dest (see stampTree).
func recordBuild(opt Options, inputs inputState, res *Result, output func() ([]fileStamp, error), kept []string, bodies *spill.File, renderings func() (spill.Span, bool), meta *metaRecord, parsed func() parsedKept, spare func() spareRecord) {
	name, err := recordFile(opt.CacheDir, opt.Dest)
	if err != nil {
		return
	}
	rec := buildRecord{Magic: recordMagic, Inputs: inputs, Entries: res.Files, Pages: res.Pages, Diags: res.Diags,
		Surfaces: surfaces(res.Site), Meta: meta}
	rec.From, rec.Until = opt.horizon.Span()
	if rec.Output, err = output(); err == nil {
		rec.Kept, err = stampFiles(kept)
	}
	if err == nil && bodies != nil && renderings != nil {
		if at, ok := renderings(); ok {
			rec.Bodies, rec.RenderingsAt = keepBodies(name, bodies), at
		}
		if rec.Bodies != "" {
			stamps, serr := stampFiles([]string{filepath.Join(filepath.Dir(name), rec.Bodies)})
			if serr != nil {
				rec.Bodies = ""
			} else {
				rec.BodiesStamp = stamps[0]
			}
		}
	}
	if err == nil {
		if parsed != nil {
			kept := parsed()
			rec.Parsed, rec.ParsedPatch, rec.ParsedInexact = kept.stamp, kept.patch, kept.inexact
		}
		rec.Spare = spare() // its folders stamped beside the rest
		err = writeRecord(name, &rec)
	}
	if err != nil {
		forgetBuild(opt)
	}
	removeOtherBodies(name, rec.Bodies)
}

func writeRecord(name string, rec *buildRecord) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	head := recordHead{Record: *rec, Output: len(rec.Output), Entries: len(rec.Entries), Files: len(rec.Inputs.Files),
		Folders: len(rec.Spare.Folders), Surfaces: len(rec.Surfaces)}
	head.Record.Output, head.Record.Entries, head.Record.Inputs.Files, head.Record.Spare.Folders, head.Record.Surfaces = nil, nil, nil, nil, nil
	surfaces := make([]surface, 0, len(rec.Surfaces))
	for src, sum := range rec.Surfaces {
		surfaces = append(surfaces, surface{src, sum})
	}
	slices.SortFunc(surfaces, func(a, b surface) int { return strings.Compare(a.Source, b.Source) })
	return outdir.ReplaceFileWith(name, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<16)
		enc := gob.NewEncoder(bw)
		for _, part := range []func() error{
			func() error { return enc.Encode(&head) },
			func() error { return encodeChunks(enc, rec.Output, codeFileStamp) },
			func() error { return encodeChunks(enc, rec.Entries, codeEntry) },
			func() error { return encodeChunks(enc, rec.Inputs.Files, codeInputFile) },
			func() error { return encodeChunks(enc, rec.Spare.Folders, codeFileStamp) },
			func() error { return encodeChunks(enc, surfaces, codeSurface) },
		} {
			if err := part(); err != nil {
				return err
			}
		}
		return bw.Flush()
	})
}

// stampTree lists every file and folder under dir, in walk order (see
// walkOrder). dir must be a folder: a link to one would hide what changes
// behind it. The folders at its top are walked on every core.
func stampTree(dir string) ([]fileStamp, error) {
	info, err := os.Lstat(dir)
	if err != nil || !info.IsDir() {
		return nil, cmp.Or(err, errors.New(dir+" is not a folder"))
	}
	return walkEntries(dir, []fileStamp{folderStamp(".")}, func(name string) ([]fileStamp, error) {
		return stampWalk(dir, name)
	})
}

// walkEntries calls walk for each entry directly under dir (by name), on
// every core, and returns first followed by what they gave, in the
// entries' order: the order one walk of dir gives. An error stops it, the
// first in that order returned.
func walkEntries[T any](dir string, first []T, walk func(name string) ([]T, error)) ([]T, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	parts := make([][]T, len(entries))
	errs := make([]error, len(entries))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(entries)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(entries); i = int(next.Add(1)) - 1 {
				parts[i], errs[i] = walk(entries[i].Name())
			}
		})
	}
	wg.Wait()
	out := first
	for i := range parts {
		if errs[i] != nil {
			return nil, errs[i]
		}
		out = append(out, parts[i]...)
	}
	return out, nil
}

// stampWalk lists name, under dir, and everything under it, in walk order.
func stampWalk(dir, name string) ([]fileStamp, error) {
	var out []fileStamp
	err := filepath.WalkDir(filepath.Join(dir, name), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			out = append(out, folderStamp(filepath.ToSlash(rel)))
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		out = append(out, stamp(filepath.ToSlash(rel), info))
		return nil
	})
	return out, err
}

// folderStamp is a folder's stamp: its name. What changes in a folder
// changes the files listed under it; its own time would only say when
// the build made it.
func folderStamp(p string) fileStamp { return fileStamp{Path: p, Mode: fs.ModeDir} }

// stampFiles describes each of paths.
func stampFiles(paths []string) ([]fileStamp, error) { return stampUnder("", paths) }

// stampUnder describes each of paths (slash-separated, from root; root ""
// takes them as they are), named as given, on every core when they are
// many (a spare's folders: about one a page).
func stampUnder(root string, paths []string) ([]fileStamp, error) {
	out := make([]fileStamp, len(paths))
	parts := min(runtime.GOMAXPROCS(0), max(1, len(paths)/512))
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for w := range parts {
		wg.Go(func() {
			for i := w * len(paths) / parts; i < (w+1)*len(paths)/parts; i++ {
				info, err := os.Lstat(filepath.Join(root, filepath.FromSlash(paths[i])))
				if err != nil {
					errs[w] = err
					return
				}
				out[i] = stamp(paths[i], info)
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

func stamp(p string, info fs.FileInfo) fileStamp {
	s := fileStamp{Path: p, Mode: info.Mode(), ModTime: info.ModTime().UnixNano()}
	if info.Mode().IsRegular() {
		s.Size = info.Size()
	}
	return s
}

// told is the Result of a build that found its output up to date: the
// recorded build's, with this one's timings.
func (r *buildRecord) told(res *Result, start time.Time) *Result {
	res.UpToDate = true
	res.Files, res.Pages = r.Entries, r.Pages
	res.Diags = append(res.Diags, r.Diags...)
	res.Duration = time.Since(start)
	return res
}

// inputState is what decides a build's output besides its date: the
// oersite program, the options, config.toml and every file under the
// folders a build reads (sitefs.InputDirs and the partners' harvested
// data), by path and content. Hidden files, which no build reads, are left
// out; a symbolic link counts by where it leads.
type inputState struct {
	Digest [sha256.Size]byte
	// Options is the digest of the program and the options alone (part of Digest).
	Options [sha256.Size]byte
	// Files are the inputs, in walk order, with each file's digest.
	Files []inputFile
	// HashedAt is when the files were read: a file changed since then, or
	// in the same moment, has a later modification time.
	HashedAt time.Time
	// Program is the running program's file, with its digest (part of
	// Options; see programDigest).
	Program inputFile
}

// inputFile is one input: a file (by content), a folder ("/") or a link.
type inputFile struct {
	Path          string
	Link          string // a link's target; "/" for a folder; "absent" for a missing top folder
	Size, ModTime int64
	Sum           [sha256.Size]byte
}

// stampSlack is how much earlier than the record's reading a file's
// modification time must be for its recorded digest to be trusted without
// reading it again (as git trusts its index): file systems whose clocks
// are coarse (2 s on FAT) could otherwise hide an edit made in the same moment.
const stampSlack = 3 * time.Second

// walkedInputs are the inputs as walkAllInputs found them, before any is
// read, and when the walk began.
type walkedInputs struct {
	at    time.Time
	files []inputFile
	err   error
}

// walkAllInputs returns every input of a build of source (see inputState),
// in walk order, without reading files.
func walkAllInputs(ctx context.Context, source string) ([]inputFile, error) {
	tops := append([]string{config.FileName, partner.Dir}, sitefs.InputDirs()...)
	slices.Sort(tops)
	var all []inputFile
	for _, top := range tops {
		files, err := walkInputs(ctx, source, top)
		if err != nil {
			return nil, err
		}
		all = append(all, files...)
	}
	return all, nil
}

// readInputs reads the inputs of a build of opt, as walked. Files whose
// size and modification time are those prev recorded, well before it read
// them, keep their recorded digest; the others are read, on every core. It
// stops with ctx's error when ctx ends.
func readInputs(ctx context.Context, opt Options, prev *buildRecord, walked walkedInputs) (inputState, error) {
	// Read as of the walk's start: a file changed after its walk saw it
	// has a later time.
	st := inputState{HashedAt: walked.at}
	if walked.err != nil {
		return st, walked.err
	}
	trusted := map[string]inputFile{}
	if prev != nil {
		before := prev.Inputs.HashedAt.Add(-stampSlack).UnixNano()
		for _, f := range prev.Inputs.Files {
			if f.Link == "" && f.ModTime < before {
				trusted[f.Path] = f
			}
		}
	}
	st.Files = walked.files
	var unread []int
	for i, f := range st.Files {
		if f.Link != "" {
			continue
		}
		if t, ok := trusted[f.Path]; ok && t.Size == f.Size && t.ModTime == f.ModTime {
			st.Files[i].Sum = t.Sum
		} else {
			unread = append(unread, i)
		}
	}
	if err := hashFiles(ctx, opt.Source, st.Files, unread); err != nil {
		return st, err
	}
	prog, err := programDigest(prev)
	if err != nil {
		return st, err
	}
	st.Program = prog
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%t %t %t %t %t\x00", recordMagic, opt.Drafts, opt.Future, opt.Expired, opt.Offline, opt.LocalForms)
	h.Write(prog.Sum[:])
	h.Sum(st.Options[:0])
	h.Reset()
	h.Write(st.Options[:])
	var line []byte
	for _, f := range st.Files {
		line = append(append(append(line[:0], f.Path...), 0), f.Link...)
		line = append(hex.AppendEncode(append(line, 0), f.Sum[:]), 0)
		h.Write(line)
	}
	h.Sum(st.Digest[:0])
	return st, nil
}

// programDigest describes the running program's file with its digest:
// another oersite (or a changed theme compiled into it) builds in full. The
// digest is that of the build ID the go command wrote into the file (see
// programSum), else of the file's bytes (about 40 MB); either is taken
// from prev when it recorded the same file, size and modification time
// well before it read it, as for inputs.
func programDigest(prev *buildRecord) (inputFile, error) {
	exe, err := os.Executable()
	if err != nil {
		return inputFile{}, err
	}
	f, err := os.Open(exe)
	if err != nil {
		return inputFile{}, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return inputFile{}, err
	}
	prog := inputFile{Path: exe, Size: info.Size(), ModTime: info.ModTime().UnixNano()}
	if prev != nil {
		last := prev.Inputs.Program
		if last.Path == prog.Path && last.Size == prog.Size && last.ModTime == prog.ModTime &&
			last.ModTime < prev.Inputs.HashedAt.Add(-stampSlack).UnixNano() {
			prog.Sum = last.Sum
			return prog, nil
		}
	}
	prog.Sum, err = programSum(f, prog.Size)
	return prog, err
}

// walkInputs returns every input under source/top, in walk order, without
// reading files. A missing top is an input too. The entries directly under
// a top folder are walked on every core (a site's content folder holds a
// folder per language), their lists joined in the order a walk of the
// whole would give.
func walkInputs(ctx context.Context, source, top string) ([]inputFile, error) {
	root := filepath.Join(source, filepath.FromSlash(top))
	info, err := os.Lstat(root)
	if errors.Is(err, fs.ErrNotExist) {
		return []inputFile{{Path: top, Link: "absent"}}, nil
	}
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return walkTree(ctx, source, root)
	}
	return walkEntries(root, []inputFile{{Path: top, Link: "/"}}, func(name string) ([]inputFile, error) {
		if strings.HasPrefix(name, ".") {
			return nil, nil // hidden: no build reads it
		}
		return walkTree(ctx, source, filepath.Join(root, name))
	})
}

// walkTree returns the inputs under root (root included), in walk order,
// hidden files and folders below root left out.
func walkTree(ctx context.Context, source, root string) ([]inputFile, error) {
	var out []inputFile
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if err != nil {
			return err
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(source, p)
		f := inputFile{Path: filepath.ToSlash(rel)}
		switch {
		case d.IsDir():
			f.Link = "/"
		case d.Type()&fs.ModeSymlink != 0:
			if f.Link, err = os.Readlink(p); err != nil {
				return err
			}
			f.Link = "-> " + f.Link
		case d.Type().IsRegular():
			info, err := d.Info()
			if err != nil {
				return err
			}
			f.Size, f.ModTime = info.Size(), info.ModTime().UnixNano()
		default:
			f.Link = d.Type().String()
		}
		out = append(out, f)
		return nil
	})
	return out, err
}

// hashFiles reads the files files[i] for each i of which, on every core,
// and sets their digests; once ctx ends, it reads no other file.
func hashFiles(ctx context.Context, source string, files []inputFile, which []int) error {
	workers := min(runtime.GOMAXPROCS(0), max(1, len(which)))
	next := make(chan int)
	errs := make(chan error, workers)
	for range workers {
		go func() {
			buf := make([]byte, 64<<10)
			var err error
			for i := range next {
				if err == nil {
					err = ctx.Err()
				}
				if err == nil {
					files[i].Sum, err = fileDigest(filepath.Join(source, filepath.FromSlash(files[i].Path)), buf)
				}
			}
			errs <- err
		}()
	}
	for _, i := range which {
		next <- i
	}
	close(next)
	var err error
	for range workers {
		err = cmp.Or(err, <-errs)
	}
	return err
}

func fileDigest(p string, buf []byte) (sum [sha256.Size]byte, err error) {
	f, err := os.Open(p)
	if err != nil {
		return sum, err
	}
	defer f.Close()
	return readerDigest(f, buf)
}

// readerDigest is the SHA-256 of what r gives, read through buf (nil: a
// buffer of io.CopyBuffer's own).
func readerDigest(r io.Reader, buf []byte) (sum [sha256.Size]byte, err error) {
	h := sha256.New()
	if _, err := io.CopyBuffer(h, struct{ io.Reader }{r}, buf); err != nil {
		return sum, err
	}
	h.Sum(sum[:0])
	return sum, nil
}
