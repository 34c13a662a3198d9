package build

import (
	"github.com/oersite/oersite/generator/internal/config"
	"github.com/oersite/oersite/generator/internal/markdown"
)

// MarkdownRenderer is the Markdown renderer a build of a site with cfg
// uses, for previews of text not yet saved (the browser editor).
func MarkdownRenderer(cfg config.Config) *markdown.Renderer {
	return markdown.New(markdownOptions(cfg))
}
