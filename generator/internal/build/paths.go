package build

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/oersite/oersite/generator/internal/outdir"
	"github.com/oersite/oersite/generator/internal/sitefs"
)

// siteFS is the site folder as every stage reads it: confined to the folder,
// links followed only into input folders, hidden files never read, and the
// built-in default theme where the site has none of its own.
func siteFS(root *os.Root, theme string) fs.FS {
	return withThemes(sitefs.New(root, theme), theme)
}

// checkDest refuses an output folder that a build must not replace: one
// that is or contains the site, one inside a folder the build reads
// (content/, static/, ...: each build would read the last one's output) or
// inside a hidden folder of the site (.git, .oersite).
func checkDest(dest, source string) error {
	rs, err := outdir.Resolve(source)
	if err != nil {
		return err
	}
	rd, err := outdir.Resolve(dest)
	if err != nil {
		return err
	}
	if in, _ := outdir.Inside(rs, rd); in {
		return fmt.Errorf("destination %s contains the site's source; choose an output folder such as %s", dest, filepath.Join(source, "public"))
	}
	switch top := InputFolder(dest, source); {
	case strings.HasPrefix(top, "."):
		return fmt.Errorf("destination %s is inside the hidden folder %s of the site; choose an output folder such as %s", dest, top, filepath.Join(source, "public"))
	case top != "":
		return fmt.Errorf("destination %s is inside the site's %s/ folder, which every build reads: choose an output folder outside it, such as %s", dest, top, filepath.Join(source, "public"))
	}
	return nil
}

// InputFolder returns the folder of the site at source that p lies in when
// it is one a build reads (content, static, ...) or a hidden one (.git),
// else "". A file written there would be read, or published, by the next
// build.
func InputFolder(p, source string) string {
	rs, err := outdir.Resolve(source)
	if err != nil {
		return ""
	}
	rp, err := outdir.Resolve(p)
	if err != nil {
		return ""
	}
	rel, err := filepath.Rel(rs, rp)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	top, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	if strings.HasPrefix(top, ".") || slices.Contains(sitefs.InputDirs(), top) {
		return top
	}
	return ""
}

// checkCache refuses a cache folder inside the output (each build would
// replace it) or inside a folder the build reads.
func checkCache(cache, dest, source string) error {
	if cache == "" {
		return nil
	}
	if in, _ := outdir.Inside(cache, dest); in {
		return fmt.Errorf("cache folder %s is inside the output folder %s, which every build replaces; choose another", cache, dest)
	}
	if top := InputFolder(cache, source); top != "" && top != SiteCache {
		return fmt.Errorf("cache folder %s is inside the site's %s/ folder, which builds read; choose another", cache, top)
	}
	return nil
}
