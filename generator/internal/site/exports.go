package site

import "strings"

// The formats a module is packaged in for learning platforms.
const (
	// ExportCartridge is an IMS Common Cartridge 1.1 package.
	ExportCartridge = "cartridge"
	// ExportSCORM is a SCORM 1.2 package.
	ExportSCORM = "scorm"
)

// Export is one package of a module for learning platforms.
type Export struct {
	Format string // ExportCartridge or ExportSCORM
	// Path is where the package is written, from the site root.
	Path string
	// MediaType is the package's media type, for metadata.
	MediaType string
}

// ExportPath is where a module's package in a format is written, from the
// site root, beside the module page: "en/modules/x/x.imscc" for a
// cartridge, "en/modules/x/x-scorm12.zip" for SCORM.
func (p *Page) ExportPath(format string) string {
	slug := strings.TrimSuffix(p.URL, "/")
	if i := strings.LastIndexByte(slug, '/'); i >= 0 {
		slug = slug[i+1:]
	}
	dir := p.URL
	if !strings.HasSuffix(dir, "/") {
		dir = dir[:strings.LastIndexByte(dir, '/')+1]
	}
	if format == ExportSCORM {
		return dir + slug + "-scorm12.zip"
	}
	return dir + slug + ".imscc"
}

// Exports lists the packages the site builds for a module ([export] in
// config.toml): none for other pages, for fallbacks (the default
// language's module is packaged once, in its own language) or for modules
// without lessons.
func (p *Page) Exports() []Export {
	if p.Kind != KindModule || p.FallbackOf != nil || len(p.Lessons) == 0 || p.site == nil || p.site.Offline {
		return nil
	}
	var out []Export
	if p.site.Config.Export.Cartridge {
		out = append(out, Export{ExportCartridge, p.ExportPath(ExportCartridge), "application/vnd.ims.imsccv1p1"})
	}
	if p.site.Config.Export.SCORM {
		out = append(out, Export{ExportSCORM, p.ExportPath(ExportSCORM), "application/zip"})
	}
	return out
}
