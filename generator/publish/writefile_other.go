//go:build !unix

package publish

import "os"

// writeNewFile writes data to a file at full.
func writeNewFile(full string, data []byte) error { return os.WriteFile(full, data, 0o644) }
