package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"path"
	"runtime"
	"strings"

	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/oer"
	"github.com/oersite/oersite/generator/internal/publish"
	"github.com/oersite/oersite/generator/internal/sitefs"
	"github.com/oersite/oersite/generator/internal/theme"
)

// collect lists the files under dirs of fsys, later dirs overriding earlier
// ones at the same relative path: rel -> path in fsys. Hidden files are
// skipped; a symbolic link is listed only when it leads to a file the site
// may publish (see sitefs), else reported.
func collect(fsys fs.FS, dirs ...string) (map[string]string, diag.List) {
	files := map[string]string{}
	var diags diag.List
	for _, dir := range dirs {
		err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == dir {
					return fs.SkipDir
				}
				diags.Add(readError(p, err))
				return nil
			}
			if strings.HasPrefix(d.Name(), ".") && p != dir {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				info, err := fs.Stat(fsys, p)
				if err != nil {
					diags.Add(readError(p, err))
					return nil
				}
				if info.IsDir() {
					diags.Add(diag.Errorf(p, 0, "copy the folder into the site instead of linking it", "symbolic links to folders are not followed"))
					return nil
				}
			}
			if d.IsDir() {
				return nil
			}
			files[strings.TrimPrefix(p, dir+"/")] = p
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			diags.Add(readError(dir, err))
		}
	}
	return files, diags
}

// readError reports a file that cannot be read; a refused symbolic link
// says where it leads and what to do.
func readError(p string, err error) diag.Diagnostic {
	var le *sitefs.LinkError
	if errors.As(err, &le) {
		return diag.Errorf(p, 0, sitefs.LinkHint, "%v; it is not published", le)
	}
	return diag.Errorf(p, 0, "", "cannot read: %v", err)
}

// collectFiles lists the static files and theme assets of a site (a site's
// own override the theme's).
func (in *inputs) collectFiles() diag.List {
	var d1, d2 diag.List
	in.static, d1 = collect(in.fsys, in.themeFS+"/static", "static")
	in.assetFiles, d2 = collect(in.fsys, in.themeFS+"/assets", "assets")
	return append(d1, d2...)
}

// writeStatic copies static files, fingerprints theme assets and copies
// content files into out. It returns the fingerprinted path of each asset,
// by name ("css/site.css"), what went wrong, and ctx's error when stopped.
func (w *writer) writeStatic(ctx context.Context, out publish.Writer) (map[string]string, diag.List, error) {
	fsys := w.in.fsys
	var diags diag.List
	static := w.in.static
	for _, rel := range sortedKeys(static) {
		if err := ctx.Err(); err != nil {
			return nil, diags, err
		}
		if err := out.CopyFile(rel, fsys, static[rel]); err != nil {
			diags.Add(diag.Errorf(static[rel], 0, "", "cannot copy: %v", err))
		}
	}
	assets := w.in.assetFiles
	fingerprinted := map[string]string{}
	for _, rel := range sortedKeys(assets) {
		data, err := fs.ReadFile(fsys, assets[rel])
		if err != nil {
			diags.Add(diag.Errorf(assets[rel], 0, "", "cannot read: %v", err))
			continue
		}
		name := fingerprint("assets/"+rel, data)
		fingerprinted[rel] = name
		if err := out.WriteFile(name, data); err != nil {
			diags.Add(diag.Errorf(assets[rel], 0, "", "cannot write: %v", err))
		}
	}
	for _, a := range w.res.Site.Assets {
		if err := ctx.Err(); err != nil {
			return nil, diags, err
		}
		if err := out.CopyFile(a.URL, fsys, a.Src); err != nil {
			diags.Add(diag.Errorf(a.Src, 0, "", "cannot copy: %v", err))
		}
	}
	copies, err := w.writeCopies(ctx, out)
	return fingerprinted, append(diags, copies...), err
}

// fingerprint inserts a content hash before the extension: css/site.css -> css/site.1a2b3c4d.css.
func fingerprint(p string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(p)
	return strings.TrimSuffix(p, ext) + "." + hex.EncodeToString(sum[:4]) + ext
}

// shared returns what every page's view shares.
func (w *writer) shared() *theme.Shared {
	extra := map[string]any{}
	if z := w.offlineZip(); z != "" {
		extra["offlineZip"] = z
	}
	if len(w.exportSizes) > 0 {
		extra["exportSizes"] = w.exportSizes
	}
	return &theme.Shared{Site: w.res.Site, I18n: w.in.i18n, Assets: w.assets, Extra: extra, Head: w.metadata().Head}
}

// metadata returns the OER metadata builder of this build. It is made
// after the static files are written: JSON-LD names their SHA-256.
func (w *writer) metadata() *oer.Builder {
	if w.oer == nil {
		opt := oer.Options{Outputs: w.in.theme}
		w.published = w.publishedFiles()
		if w.published != nil {
			opt.File = w.asked.wrap(w.published) // see metaRecord
		}
		if w.patch != nil {
			// A patch build writes few pages: the metadata is most of what
			// it writes, on every core. A full build writes it beside the
			// pages, one file at a time, holding less memory.
			opt.Workers = runtime.GOMAXPROCS(0)
		}
		w.oer = oer.New(w.res.Site, w.in.i18n.T, opt)
	}
	return w.oer
}

// publishedFiles returns the SHA-256 and size of the files written so far,
// by path; the output records them for every file it writes.
func (w *writer) publishedFiles() func(string) (string, int64, bool) {
	rec, ok := w.out.(interface{ Entries() []publish.Entry })
	if !ok {
		return nil
	}
	byPath := map[string]publish.Entry{}
	for _, e := range rec.Entries() {
		byPath[e.Path] = e
	}
	return func(p string) (string, int64, bool) {
		e, ok := byPath[p]
		return e.SHA256, e.Size, ok
	}
}
