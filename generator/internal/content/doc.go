// Package content reads a site's content/ tree through an fs.FS: one folder
// per language, Markdown files with front matter (YAML, TOML or JSON) decoded
// into typed metadata, and the other files (attachments, images) to copy as
// they are. Every problem is a diagnostic naming the file and line.
//
// It does not render Markdown, compute URLs or know about templates: the
// site package assembles what this package reads.
package content
