package theme

// ExportSize is the size in bytes of a package for learning platforms
// written by this build (a path from the site root), or 0 when unknown.
func (v *View) ExportSize(path string) int64 {
	sizes, _ := v.Extra["exportSizes"].(map[string]int64)
	return sizes[path]
}
