package build

import (
	"errors"
	"io/fs"
	"strings"

	"github.com/oersite/oersite/themes"
)

// themeOverlay serves themes/default from the copy built into oersite when
// the site has no themes/default folder of its own.
type themeOverlay struct {
	site fs.FS
}

func (o themeOverlay) Open(name string) (fs.File, error) {
	if rest, ok := strings.CutPrefix(name, "themes/default"); ok && (rest == "" || rest[0] == '/') {
		return themes.Default.Open("default" + rest)
	}
	return o.site.Open(name)
}

// withThemes returns fsys, falling back to the built-in default theme when
// the site lacks themes/default.
func withThemes(fsys fs.FS, theme string) fs.FS {
	if theme != "default" {
		return fsys
	}
	if _, err := fs.Stat(fsys, "themes/default"); err == nil || !errors.Is(err, fs.ErrNotExist) {
		return fsys
	}
	return themeOverlay{site: fsys}
}
