package build

import (
	"bufio"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/outdir"
	"github.com/oersite/oersite/generator/internal/partner"
	"github.com/oersite/oersite/generator/internal/publish"
	"github.com/oersite/oersite/generator/internal/site"
	"github.com/oersite/oersite/generator/internal/sitefs"
)

// A build that has nothing new to write leaves the output as it is. After
// each build written to a folder, a record in the cache folder keeps what
// decided that output: a digest of every input (each file the build may
// read, by content; the options; the oersite program itself), the span of
// build dates in which every date comparison gives the same answer, and the
// size and time of every file written. The next build into the same
// folder first computes the digest again: when it, the date and the files
// on disk all match, the output is what a full build would write, byte for
// byte, and the build stops there, repeating the first build's warnings.
// Anything else (an edited page, a webinar that has ended since, a file
// changed in the output, another oersite) builds in full. --cache off keeps
// no record.

// recordMagic opens every record; it changes whenever what a record holds,
// or what decides that a build is up to date, does.
const recordMagic = "oersite build record 1"

// buildRecord is what a successful build into a folder leaves for the next.
type buildRecord struct {
	Magic string
	// Inputs is the digest of everything the build read (see inputDigest).
	Inputs [sha256.Size]byte
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

// upToDate returns the record of the last build into opt.Dest when its
// output is what a build of inputs at opt.Now would write.
func upToDate(opt Options, inputs [sha256.Size]byte, known bool) (*buildRecord, bool) {
	if !known {
		return nil, false
	}
	name, err := recordFile(opt.CacheDir, opt.Dest)
	if err != nil {
		return nil, false
	}
	rec, err := readRecord(name)
	if err != nil || rec.Inputs != inputs {
		return nil, false
	}
	if opt.Now.Before(rec.From) || (!rec.Until.IsZero() && !opt.Now.Before(rec.Until)) {
		return nil, false
	}
	out, err := stampTree(opt.Dest)
	if err != nil || !slices.Equal(out, rec.Output) {
		return nil, false
	}
	kept, err := stampFiles(stampPaths(rec.Kept))
	if err != nil || !slices.Equal(kept, rec.Kept) {
		return nil, false
	}
	return rec, true
}

func stampPaths(stamps []fileStamp) []string {
	paths := make([]string, len(stamps))
	for i, s := range stamps {
		paths[i] = s.Path
	}
	return paths
}

func readRecord(name string) (*buildRecord, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rec buildRecord
	if err := gob.NewDecoder(bufio.NewReader(f)).Decode(&rec); err != nil {
		return nil, err
	}
	if rec.Magic != recordMagic {
		return nil, errors.New("record of another version")
	}
	return &rec, nil
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
func recordBuild(opt Options, inputs [sha256.Size]byte, h *site.Horizon, res *Result, kept []string) {
	name, err := recordFile(opt.CacheDir, opt.Dest)
	if err != nil {
		return
	}
	rec := buildRecord{Magic: recordMagic, Inputs: inputs, Entries: res.Files, Pages: res.Pages, Diags: res.Diags}
	rec.From, rec.Until = h.Span()
	if rec.Output, err = stampTree(opt.Dest); err == nil {
		rec.Kept, err = stampFiles(kept)
	}
	if err == nil {
		err = writeRecord(name, &rec)
	}
	if err != nil {
		forgetBuild(opt)
	}
}

func writeRecord(name string, rec *buildRecord) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".record-*")
	if err != nil {
		return err
	}
	w := bufio.NewWriter(tmp)
	err = gob.NewEncoder(w).Encode(rec)
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
	}
	return err
}

// stampTree lists every file and folder under dir, in walk order.
func stampTree(dir string) ([]fileStamp, error) {
	var out []fileStamp
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, stamp(filepath.ToSlash(rel), info))
		return nil
	})
	return out, err
}

// stampFiles describes each of paths.
func stampFiles(paths []string) ([]fileStamp, error) {
	out := make([]fileStamp, 0, len(paths))
	for _, p := range paths {
		info, err := os.Lstat(p)
		if err != nil {
			return nil, err
		}
		out = append(out, stamp(p, info))
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

// inputsOf returns inputDigest, and whether it could be computed (a file
// that cannot be read leaves the build to say so).
func inputsOf(opt Options) ([sha256.Size]byte, bool) {
	d, err := inputDigest(opt)
	return d, err == nil
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

// inputDigest is a digest of everything that decides a build's output
// besides its date: the oersite program, the options, config.toml and
// every file under the folders a build reads (sitefs.InputDirs and the
// partners' harvested data), by path and content. Hidden files, which no
// build reads, are left out; a symbolic link counts by where it leads.
func inputDigest(opt Options) ([sha256.Size]byte, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%t %t %t %t %t\x00", recordMagic, opt.Drafts, opt.Future, opt.Expired, opt.Offline, opt.LocalForms)
	if err := hashProgram(h); err != nil {
		return [sha256.Size]byte{}, err
	}
	tops := append([]string{config.FileName, partner.Dir}, sitefs.InputDirs()...)
	slices.Sort(tops)
	for _, top := range tops {
		if err := hashTree(h, opt.Source, top); err != nil {
			return [sha256.Size]byte{}, err
		}
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum, nil
}

// hashProgram adds the running program's own bytes: another oersite (or
// the same one built with another theme built in) may write other files.
func hashProgram(h hash.Hash) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	f, err := os.Open(exe)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(h, f)
	return err
}

// hashTree adds the files under source/top, in walk order: each one's path,
// then its contents' own digest (or a link's target). A missing top
// counts as missing.
func hashTree(h hash.Hash, source, top string) error {
	root := filepath.Join(source, filepath.FromSlash(top))
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == root {
			fmt.Fprintf(h, "%s absent\x00", top)
			return nil
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
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			fmt.Fprintf(h, "%s/\x00", rel)
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%s -> %s\x00", rel, target)
		case d.Type().IsRegular():
			sum, err := fileDigest(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%s %x\x00", rel, sum)
		default:
			fmt.Fprintf(h, "%s %v\x00", rel, d.Type())
		}
		return nil
	})
}

func fileDigest(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}
