package build

import (
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/oersite/oersite/generator/internal/publish"
)

// A patch build's output is staged as links to the last output's files,
// then swapped in, and the previous version removed: two file operations
// for every file of the site, where the patch itself writes a few hundred.
// So a patch build keeps the previous version it swapped out (the spare)
// in the cache folder instead of removing it, and the next patch build
// stages from it: the spare differs from the output only where the last
// build wrote (and at the files it dropped), so staging costs a few file
// operations per change (publish.NewStagingFromTree).
//
// The spare is taken only as its record describes it: every folder's
// modification time as it was left (a file added, removed or renamed in a
// folder changes it); its files are links to the output's, which the
// build's check compares with the record, but at the paths changed, which
// are made anew. Anything else, and it is removed instead. A full build
// removes the spare: it rewrites every file, so the spare would serve no
// patch.

// spareRecord is what a record says of the spare kept beside it; empty
// when none was kept.
type spareRecord struct {
	// Folders are the stamps of every folder of the spare, modification
	// time included.
	Folders []fileStamp
	// Changed are the paths at which the spare differs from the output
	// the record describes: the files the build wrote or dropped.
	Changed []string
}

// spareDir is where the spare beside a record is kept.
func spareDir(record string) string { return strings.TrimSuffix(record, ".gob") + ".spare" }

// fromSpare makes b's patch build's staging folder from the spare the last
// build kept; nil when there is none it may take (a patch build then links
// every file instead).
func (b *patchBase) fromSpare(opt Options) *publish.Staging {
	if len(b.rec.Spare.Folders) == 0 {
		return nil
	}
	name, err := recordFile(opt.CacheDir, opt.Dest)
	if err != nil {
		return nil
	}
	dir := spareDir(name)
	if now, err := stampUnder(dir, stampPaths(b.rec.Spare.Folders)); err != nil || !slices.Equal(now, b.rec.Spare.Folders) {
		return nil
	}
	s, err := publish.NewStagingFromTree(opt.Dest, dir, b.rec.Entries, b.rec.Spare.Changed)
	if err != nil {
		return nil
	}
	return s
}

// keepSpare, right after a build's Swap, keeps the previous version as the
// spare when the build was a patch build (plan), and moves any older spare
// into the staging folder, to be removed with it. It returns what to
// record of the spare once the folders are stamped (beside the rest of the
// keep stage).
func keepSpare(opt Options, staging *publish.Staging, plan *patchPlan, files []publish.Entry) func() spareRecord {
	none := func() spareRecord { return spareRecord{} }
	if !recorded(opt) {
		return none
	}
	name, err := recordFile(opt.CacheDir, opt.Dest)
	if err != nil {
		return none
	}
	dir := spareDir(name)
	if _, err := os.Lstat(dir); err == nil && staging.Discard(dir) != nil {
		// Not on the output's file system (moved since): removed here, and
		// no spare is kept, as none could be taken up.
		_ = os.RemoveAll(dir)
		return none
	}
	if plan == nil || staging.KeepPrevious(dir) != nil {
		return none
	}
	var folders []string // the previous version's, as the check found them
	for _, f := range plan.base.rec.Output {
		if f.Mode.IsDir() {
			folders = append(folders, f.Path)
		}
	}
	changed := spareChanges(staging.Written(), plan.base.rec.Entries, files)
	done := make(chan spareRecord, 1)
	go func() {
		stamps, err := stampUnder(dir, folders)
		if err != nil {
			done <- spareRecord{}
			return
		}
		done <- spareRecord{Folders: stamps, Changed: changed}
	}()
	return sync.OnceValue(func() spareRecord { return <-done })
}

// spareChanges lists the paths at which the previous output (last) and
// the new one (now) differ: those the build wrote, and those it dropped.
func spareChanges(written []string, last, now []publish.Entry) []string {
	have := make(map[string]bool, len(now))
	for _, e := range now {
		have[e.Path] = true
	}
	out := slices.Clone(written)
	for _, e := range last {
		if !have[e.Path] {
			out = append(out, e.Path)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
