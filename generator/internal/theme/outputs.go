package theme

import (
	"bytes"
	"encoding/xml"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	"path"
	"slices"
	"strings"
	texttemplate "text/template"

	"github.com/oersite/oersite/generator/internal/diag"
	"github.com/oersite/oersite/generator/internal/site"
	"github.com/oersite/oersite/themes"
)

// OutputNames are the templates of the machine-readable files, at the top
// of a layouts folder. A site's layouts/ overrides them file by file, as
// it does page layouts; a theme that lacks one gets the default theme's.
// The .xml and .txt ones are text/template files (escape values with the
// xml function); alias.html, the page an old address redirects from, is
// an html/template file without baseof.html.
func OutputNames() []string {
	return []string{"sitemap.xml", "sitemapindex.xml", "robots.txt", "feed.xml", "oai-pmh.xml", AliasLayout}
}

// AliasLayout is the template of alias redirect pages.
const AliasLayout = "alias.html"

// IsOutput reports whether a file name at the top of a layouts folder is
// the template of a machine-readable file rather than a page layout.
func IsOutput(name string) bool { return slices.Contains(OutputNames(), name) }

// outputs are a theme's templates of machine-readable files.
type outputs struct {
	text  *texttemplate.Template
	alias *htmltemplate.Template
}

// loadOutputs parses the output templates found in files (name -> path in
// fsys), taking the missing ones from the built-in default theme.
func loadOutputs(fsys fs.FS, files map[string]string) (outputs, diag.List) {
	var diags diag.List
	var o outputs
	o.text = texttemplate.New("").Funcs(texttemplate.FuncMap{"xml": xmlEscape, "join": strings.Join})
	for _, name := range OutputNames() {
		file, src, err := readOutput(fsys, files, name)
		if err != nil {
			diags.Add(diag.Errorf(file, 0, "", "cannot read: %v", err))
			continue
		}
		if name == AliasLayout {
			o.alias, err = htmltemplate.New(name).Parse(src)
		} else {
			_, err = o.text.New(name).Parse(src)
		}
		if err != nil {
			diags.Add(templateError(file, err))
		}
	}
	return o, diags
}

// readOutput reads an output template from the theme or site, else from the built-in default theme.
func readOutput(fsys fs.FS, files map[string]string, name string) (file, src string, err error) {
	if p, ok := files[name]; ok {
		data, err := fs.ReadFile(fsys, p)
		return p, string(data), err
	}
	p := path.Join("default/layouts", name)
	data, err := fs.ReadFile(themes.Default, p)
	return "themes/" + p, string(data), err
}

// xmlEscape escapes text for XML content and attribute values.
func xmlEscape(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// ExecuteOutput renders the template of a machine-readable file (sitemap.xml,
// robots.txt, feed.xml, oai-pmh.xml...) with data into w.
func (t *Theme) ExecuteOutput(w *bytes.Buffer, name string, data any) error {
	if err := t.outputs.text.ExecuteTemplate(w, name, data); err != nil {
		return fmt.Errorf("layouts/%s: %w", name, err)
	}
	return nil
}

// Alias is what alias.html receives: an old address of a page.
type Alias struct {
	Page *site.Page // the alias page (its Lang and Title)
	// Target is the relative link to the page's address; Canonical its absolute address.
	Target, Canonical string
}

// ExecuteAlias renders the redirect page at one of a page's old addresses.
func (t *Theme) ExecuteAlias(w *bytes.Buffer, p *site.Page) error {
	a := Alias{Page: p, Target: p.Rel(p.AliasTarget.URL), Canonical: p.AliasTarget.Permalink()}
	if err := t.outputs.alias.Execute(w, a); err != nil {
		return fmt.Errorf("layouts/%s: %w", AliasLayout, err)
	}
	return nil
}
