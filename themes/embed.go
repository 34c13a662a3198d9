// Package themes embeds the default theme into the oersite binary, so that a
// site without its own themes/default folder still builds. A site's own
// themes/<name> folder always wins.
package themes

import "embed"

// Default holds default/layouts, default/i18n, default/assets and default/static.
//
//go:embed all:default
var Default embed.FS
