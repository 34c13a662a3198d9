package build

import (
	"slices"
	"strings"
	"sync"

	"github.com/oersite/oersite/generator/internal/diag"
)

// The site-wide metadata files (sitemap, feeds, calendars, OAI-PMH,
// catalogues) are made from the site model and from the size and SHA-256
// of files published before them (packages, attachments). A patch build
// changes no page's surface (see patch.go), so its metadata files are the
// last build's, byte for byte, when every file the last build's metadata
// asked about is published as it was then: they are kept, as the other
// files of the last output are, and not made again.

// metaAsk is one question the metadata asked of the published files, with
// its answer.
type metaAsk struct {
	Path, SHA256 string
	Size         int64
	Known        bool
}

// metaRecord is what a build keeps of its metadata for the next: the
// questions asked of the published files, and the warnings.
type metaRecord struct {
	Asked []metaAsk
	Warns diag.List
}

// askLog records the questions asked of the published files.
type askLog struct {
	mu sync.Mutex
	m  map[string]metaAsk
}

// wrap returns files, recording each question asked of it.
func (l *askLog) wrap(files func(string) (string, int64, bool)) func(string) (string, int64, bool) {
	return func(p string) (string, int64, bool) {
		sum, n, ok := files(p)
		l.mu.Lock()
		if l.m == nil {
			l.m = map[string]metaAsk{}
		}
		l.m[p] = metaAsk{Path: p, SHA256: sum, Size: n, Known: ok}
		l.mu.Unlock()
		return sum, n, ok
	}
}

// list returns the questions asked so far, by path.
func (l *askLog) list() []metaAsk {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]metaAsk, 0, len(l.m))
	for _, a := range l.m {
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b metaAsk) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// keptMetadata returns the last build's metadata record when this build is
// a patch build whose metadata files would be the last build's.
func (w *writer) keptMetadata() (*metaRecord, bool) {
	if w.patch == nil || w.opt.Offline {
		return nil, false
	}
	last, files := w.patch.base.rec.Meta, w.published // the metadata builder's answers (see metadata)
	if last == nil || files == nil {
		return nil, false
	}
	for _, a := range last.Asked {
		if sum, n, ok := files(a.Path); sum != a.SHA256 || n != a.Size || ok != a.Known {
			return nil, false
		}
	}
	return last, true
}
