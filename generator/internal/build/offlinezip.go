package build

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/oersite/oersite/generator/internal/mirror"
	"github.com/oersite/oersite/generator/internal/outdir"
	"github.com/oersite/oersite/generator/internal/publish"
	"github.com/oersite/oersite/generator/internal/site"
)

// offlineZip is the path of the offline copy, when the site offers one.
func (w *writer) offlineZip() string {
	c := w.in.cfg.Offline
	if !c.Zip || w.opt.Offline || c.ZipName == "" {
		return ""
	}
	return c.ZipName
}

// writeOfflineZip builds the site again for opening from disk, in memory,
// and writes it into out as one deterministic zip (timestamps from the
// build date). The files the last zip in the destination holds unchanged
// are not compressed again (see zipRecord); in a patch build, the offline
// copy is patched too, and the files it keeps are not even built (see
// offlinePatch).
func (w *writer) writeOfflineZip(ctx context.Context, out publish.Writer) error {
	name := w.offlineZip()
	if name == "" {
		return nil
	}
	prefix := publish.SafeName(w.in.cfg.Title) + "-offline/"
	last, closeLast := w.lastZip(name)
	defer closeLast()
	mem := publish.NewMemory()
	opt := w.opt
	opt.Offline, opt.Output, opt.SearchInMemory, opt.Render, opt.Indexes = true, mem, true, nil, nil
	opt.offline = newOfflinePatch(w.patch, last, prefix)
	if report := w.opt.Progress; report != nil {
		opt.Progress = func(p Progress) {
			p.Stage = "offline copy, " + p.Stage
			report(p)
		}
	}
	copyRes, copyWriter, err := run(ctx, opt)
	if err != nil {
		return err
	}
	var files []mirror.ZipFile
	for p, data := range mem.Files {
		files = append(files, mirror.ZipFile{Path: p, Data: data})
	}
	patched := ""
	if copyWriter != nil && copyWriter.patch != nil {
		patched = fmt.Sprintf("the copy's pages written again: %d; ", copyRes.Patched)
		for _, e := range opt.offline.files {
			if mem.Inherited(e.Path) {
				last.Keep = append(last.Keep, e.Path)
			}
		}
	}
	stamp := w.opt.horizon.Day(w.opt.Now)
	return publish.Stream(out, name, func(f io.Writer) error {
		zw := bufio.NewWriterSize(f, 256<<10)
		sums, taken, err := mirror.PackZip(zw, files, prefix, stamp, last)
		if err == nil {
			err = zw.Flush()
		}
		if err != nil {
			return err
		}
		w.zipSums = sums
		var notes []string
		if copyWriter != nil && copyWriter.copied.made > 0 { // not taken from this build's: a cache lost between them
			notes = append(notes, "smaller copies of "+pictures(copyWriter.copied.made)+" made again")
		}
		if last != nil {
			notes = append(notes, fmt.Sprintf("%s%d of %d files taken from the last zip", patched, taken, len(sums)))
		}
		w.zipNote = strings.Join(notes, "; ")
		return nil
	})
}

// zipRecord is what a build that published an offline zip keeps about it
// in the cache folder, beside the build record: the zip as the system
// describes it and its files' digests. The next build into the same folder
// takes the compressed bytes of every file unchanged from that zip, when
// the zip is still as recorded and the program was built by the same Go
// (whose compressor wrote them).
type zipRecord struct {
	Go   string
	Zip  fileStamp
	Sums mirror.ZipSums
}

// zipRecordFile is where the zip record of builds into opt.Dest is kept
// ("" when builds into it keep none: see recorded).
func zipRecordFile(opt Options) string {
	if !recorded(opt) {
		return ""
	}
	name, err := recordFile(opt.CacheDir, opt.Dest)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(name, ".gob") + ".zip.gob"
}

// lastZip opens the offline zip named name in the destination, when a zip
// record vouches for it; close closes it.
func (w *writer) lastZip(name string) (last *mirror.LastZip, close func()) {
	none := func() {}
	rec := readZipRecord(zipRecordFile(w.opt))
	if rec == nil || rec.Go != runtime.Version() {
		return nil, none
	}
	p := filepath.Join(w.opt.Dest, filepath.FromSlash(name))
	f, err := os.Open(p)
	if err != nil {
		return nil, none
	}
	info, err := f.Stat()
	if err != nil || stamp(p, info) != rec.Zip {
		f.Close()
		return nil, none
	}
	r, err := zip.NewReader(f, info.Size())
	if err != nil {
		f.Close()
		return nil, none
	}
	return &mirror.LastZip{Reader: r, Size: info.Size(), Sums: rec.Sums}, func() { f.Close() }
}

func readZipRecord(name string) *zipRecord {
	if name == "" {
		return nil
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil
	}
	var rec zipRecord
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&rec) != nil {
		return nil
	}
	return &rec
}

// keepZipRecord writes the zip record of the offline zip this build has
// published (none when it wrote no zip: an older record is removed).
// Failing to is no loss: the next build compresses every file.
func (w *writer) keepZipRecord() {
	name := zipRecordFile(w.opt)
	if name == "" {
		return
	}
	zipName := w.offlineZip()
	if zipName == "" || w.zipSums == nil {
		_ = os.Remove(name)
		return
	}
	stamps, err := stampFiles([]string{filepath.Join(w.opt.Dest, filepath.FromSlash(zipName))})
	if err != nil {
		_ = os.Remove(name)
		return
	}
	var buf bytes.Buffer
	err = gob.NewEncoder(&buf).Encode(zipRecord{Go: runtime.Version(), Zip: stamps[0], Sums: w.zipSums})
	if err == nil {
		err = os.MkdirAll(filepath.Dir(name), 0o755)
	}
	if err == nil {
		err = outdir.ReplaceFile(name, buf.Bytes())
	}
	if err != nil {
		_ = os.Remove(name)
	}
}

// offlinePatch is what the offline copy of a patch build follows: that
// build's plan, and the files of the last zip, which the recorded build
// that plan patches wrote (a zip record vouches for both: see lastZip).
// The copy writes again the pages of the plan's addresses and the search
// index of its languages, as the build does; the zip keeps the others'
// compressed bytes as they are.
type offlinePatch struct {
	plan *patchPlan
	// files are the last zip's files (paths without its prefix).
	files []publish.Entry
}

// newOfflinePatch returns what the offline copy of the patch build plan
// may follow; nil when it must be built in full.
func newOfflinePatch(plan *patchPlan, last *mirror.LastZip, prefix string) *offlinePatch {
	if plan == nil || last == nil {
		return nil
	}
	o := &offlinePatch{plan: plan}
	for _, f := range last.Reader.File {
		p, ok := strings.CutPrefix(f.Name, prefix)
		sum, known := last.Sums[p]
		if !ok || !known {
			return nil
		}
		o.files = append(o.files, publish.Entry{Path: p, Size: int64(f.UncompressedSize64), SHA256: hex.EncodeToString(sum[:])})
	}
	return o
}

// onto returns the plan of the offline copy s: the pages at the addresses
// the build's plan writes, and its languages. The files of the last zip
// the plan keeps are the output's until written (see publish.Memory.Inherit).
// Nil when s lacks one of those pages (the copy is then built in full).
func (o *offlinePatch) onto(s *site.Site, out publish.Writer) *patchPlan {
	mem, ok := out.(*publish.Memory)
	if o == nil || s == nil || !ok {
		return nil
	}
	want := make(map[string]bool, len(o.plan.pages))
	for _, p := range o.plan.pages {
		want[p.URL] = true
	}
	plan := &patchPlan{base: o.plan.base, langs: o.plan.langs}
	for _, p := range s.Pages {
		if want[p.URL] {
			plan.pages = append(plan.pages, p)
			delete(want, p.URL)
		}
	}
	if len(want) > 0 {
		return nil
	}
	var kept []publish.Entry
	for _, e := range o.files {
		if plan.keeps(e.Path) {
			kept = append(kept, e)
		}
	}
	mem.Inherit(kept)
	return plan
}
