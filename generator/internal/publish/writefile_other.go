//go:build !unix

package publish

import "os"

// writeFile writes data to the file name, created or truncated.
func writeFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }
