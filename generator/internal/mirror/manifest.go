// Package mirror keeps offline copies of a site current: every build writes
// mirror.json (each file's path, size and SHA-256), and Sync makes a local
// folder an exact copy of a hosted or local site, downloading only what
// changed, verifying every file, and swapping the new copy in only when it is
// complete. It also writes the deterministic zip of an offline build.
package mirror

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// ManifestName is the manifest's file name at the site root.
const ManifestName = "mirror.json"

// File is one file of a site.
type File struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Manifest lists a site's files.
type Manifest struct {
	Name    string `json:"name"`
	Version string `json:"version"` // a hash over every path and hash: changes when any file does
	Files   []File `json:"files"`
}

// NewManifest returns the manifest of a site's files, sorted by path.
func NewManifest(name string, files []File) Manifest {
	fs := append([]File(nil), files...)
	sort.Slice(fs, func(i, j int) bool { return fs[i].Path < fs[j].Path })
	out := fs[:0]
	for _, f := range fs {
		if f.Path != ManifestName {
			out = append(out, f)
		}
	}
	h := sha256.New()
	var line []byte
	for _, f := range out {
		line = append(append(line[:0], f.Path...), 0)
		line = append(append(strconv.AppendInt(line, f.Size, 10), 0), f.SHA256...)
		h.Write(append(line, '\n'))
	}
	return Manifest{Name: name, Version: hex.EncodeToString(h.Sum(nil))[:16], Files: out}
}

// Marshal returns mirror.json's bytes: indented, stable, ending in a
// newline; the bytes json.MarshalIndent(m, "", " ") gives, written
// without reflection (a 10k-page site lists 16,000 files, and the
// manifest is the last file a build writes).
func (m Manifest) Marshal() ([]byte, error) {
	const perFile = len("  {\n   \"path\": \"\",\n   \"size\": ,\n   \"sha256\": \"\"\n  },\n") + 64 + 12
	b := make([]byte, 0, 64+len(m.Name)+len(m.Version)+len(m.Files)*(perFile+48))
	b = appendString(append(b, "{\n \"name\": "...), m.Name)
	b = appendString(append(b, ",\n \"version\": "...), m.Version)
	b = append(b, ",\n \"files\": "...)
	switch {
	case m.Files == nil:
		b = append(b, "null"...)
	case len(m.Files) == 0:
		b = append(b, "[]"...)
	default:
		b = append(b, '[')
		for i, f := range m.Files {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(append(b, "\n  {\n   \"path\": "...), f.Path)
			b = strconv.AppendInt(append(b, ",\n   \"size\": "...), f.Size, 10)
			b = appendString(append(b, ",\n   \"sha256\": "...), f.SHA256)
			b = append(b, "\n  }"...)
		}
		b = append(b, "\n ]"...)
	}
	return append(b, "\n}\n"...), nil
}

// appendString appends s as encoding/json writes it: as it is between
// quotes when it holds only printable ASCII that needs no escape (paths
// and digests always do), else through encoding/json itself.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string always marshals
			return append(b, q...)
		}
	}
	return append(append(append(b, '"'), s...), '"')
}

var hexSHA = regexp.MustCompile(`^[0-9a-f]{64}$`)

// MaxFileSize bounds one file of a manifest (1 GiB).
const MaxFileSize = 1 << 30

// ParseManifest reads and checks a manifest: every path must be a clean
// relative path inside the site, listed once, never both a file and a folder.
func ParseManifest(data []byte, maxFiles int) (Manifest, error) {
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return m, fmt.Errorf("mirror.json does not parse: %v", err)
	}
	if maxFiles > 0 && len(m.Files) > maxFiles {
		return m, fmt.Errorf("mirror.json lists %d files, more than the %d allowed", len(m.Files), maxFiles)
	}
	seen := map[string]bool{}
	dirs := map[string]bool{}
	for i, f := range m.Files {
		if err := CheckPath(f.Path); err != nil {
			return m, fmt.Errorf("mirror.json entry %d: %v", i+1, err)
		}
		if f.Path == ManifestName {
			return m, fmt.Errorf("mirror.json entry %d lists mirror.json itself", i+1)
		}
		if seen[f.Path] {
			return m, fmt.Errorf("mirror.json lists %q twice", f.Path)
		}
		seen[f.Path] = true
		if f.Size < 0 || f.Size > MaxFileSize {
			return m, fmt.Errorf("mirror.json entry %q has an impossible size %d", f.Path, f.Size)
		}
		if !hexSHA.MatchString(f.SHA256) {
			return m, fmt.Errorf("mirror.json entry %q has no valid SHA-256", f.Path)
		}
		for d := path.Dir(f.Path); d != "."; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	for p := range seen {
		if dirs[p] {
			return m, fmt.Errorf("mirror.json lists %q both as a file and as a folder", p)
		}
	}
	return m, nil
}

// CheckPath refuses paths that are empty, absolute, climb with "..", or use
// backslashes, NUL or other characters that could leave the folder.
func CheckPath(p string) error {
	switch {
	case p == "":
		return fmt.Errorf("empty path")
	case strings.HasPrefix(p, "/") || (len(p) > 1 && p[1] == ':'):
		return fmt.Errorf("path %q is absolute", p)
	case strings.ContainsAny(p, "\\\x00\r\n"):
		return fmt.Errorf("path %q has a forbidden character", p)
	case path.Clean(p) != p:
		return fmt.Errorf("path %q is not clean", p)
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." || seg == "" {
			return fmt.Errorf("path %q leaves the folder", p)
		}
		if strings.HasSuffix(seg, ".oersite-part") {
			return fmt.Errorf("path %q uses a reserved name", p)
		}
	}
	return nil
}
