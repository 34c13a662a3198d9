package build

import (
	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/markdown"
)

// MarkdownRenderer is the Markdown renderer the site's config asks for:
// builds, the dev server's page edits and the browser editor's preview all
// render with it.
func MarkdownRenderer(cfg config.Config) *markdown.Renderer {
	return markdown.New(markdownOptions(cfg))
}
