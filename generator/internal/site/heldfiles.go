package site

import (
	"path"
	"strings"

	"github.com/oersite/oersite/generator/internal/content"
)

// dropHeldBundleFiles keeps the files of a page bundle (a folder with an
// index.md: a module, a resource, a page with its charts' data) out of
// the site when the bundle's page is not published: a draft, a page with
// placeholder text, one scheduled for later or expired. Its attachments
// and data are as unfinished as its text.
func (s *Site) dropHeldBundleFiles(sources []*content.Source) {
	published := map[string]bool{}
	for _, p := range s.Pages {
		if p.Source != nil {
			published[p.Source.Path] = true
		}
	}
	var held []string
	for _, src := range sources {
		if path.Base(src.Rel) == "index.md" && !published[src.Path] {
			held = append(held, path.Dir(src.Path)+"/")
		}
	}
	if len(held) == 0 {
		return
	}
	kept := s.Assets[:0]
	for _, a := range s.Assets {
		if inAny(a.Src, held) {
			delete(s.assetURL, a.URL)
			delete(s.assetFiles, a.URL)
			continue
		}
		kept = append(kept, a)
	}
	s.Assets = kept
}

// inAny reports whether file lies in one of the folders (each ending in "/").
func inAny(file string, folders []string) bool {
	for _, f := range folders {
		if strings.HasPrefix(file, f) {
			return true
		}
	}
	return false
}
