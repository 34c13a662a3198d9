package build

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// programBuildID returns the Go build ID the toolchain wrote into the
// program's file, or "" when it has none (linked with -buildid=) or it
// cannot be read. Its last part is the digest the go command takes of the
// linked file, so two programs with one ID are the same bytes, theme and
// all (as `go tool buildid` and the build cache rely on): reading it
// spares a build reading the whole file (about 40 MB) to tell whether
// another oersite made the last output, which the first builds after
// every `go build`, `go run` or upgrade did.
func programBuildID(f *os.File) string {
	if ef, err := elf.NewFile(f); err == nil {
		if s := ef.Section(".note.go.buildid"); s != nil {
			if data, err := s.Data(); err == nil {
				return elfBuildID(data, ef.ByteOrder)
			}
		}
		return ""
	}
	// Mach-O and PE files hold it as text near the start of the file.
	head := make([]byte, 32<<10)
	n, _ := io.ReadFull(io.NewSectionReader(f, 0, int64(len(head))), head)
	return textBuildID(head[:n])
}

// elfBuildID reads the build ID from the data of an ELF file's
// .note.go.buildid section: one note named "Go" (with two NULs) of type 4.
func elfBuildID(note []byte, order binary.ByteOrder) string {
	const goBuildIDTag = 4
	if len(note) < 16 {
		return ""
	}
	nameSize, descSize, kind := order.Uint32(note), order.Uint32(note[4:]), order.Uint32(note[8:])
	if nameSize != 4 || kind != goBuildIDTag || string(note[12:16]) != "Go\x00\x00" || uint64(len(note)-16) < uint64(descSize) {
		return ""
	}
	return string(note[16 : 16+descSize])
}

// textBuildID finds the build ID written as text in the head of a
// program's file: \xff Go build ID: "…"\n \xff.
func textBuildID(head []byte) string {
	const prefix, suffix = "\xff Go build ID: \"", "\"\n \xff"
	i := bytes.Index(head, []byte(prefix))
	if i < 0 {
		return ""
	}
	rest := head[i+len(prefix):]
	j := bytes.Index(rest, []byte(suffix))
	if j <= 0 {
		return ""
	}
	return string(rest[:j])
}

// goCommandID tells whether id has the form the go command gives a
// program: four parts (the actions' and the contents' digests), the last
// that of the linked file. Builders that write a constant instead (Bazel's
// rules_go writes "redacted") get their program read whole.
func goCommandID(id string) bool {
	parts := strings.Split(id, "/")
	return len(parts) == 4 && !slices.ContainsFunc(parts, func(p string) bool { return len(p) < 16 })
}

// programSum is the digest that stands for a program's file: of its build
// ID and size when the go command wrote the ID, else of its bytes.
func programSum(f *os.File, size int64) ([sha256.Size]byte, error) {
	if id := programBuildID(f); goCommandID(id) {
		return sha256.Sum256(fmt.Appendf(nil, "go build ID\x00%s\x00%d", id, size)), nil
	}
	return readerDigest(io.NewSectionReader(f, 0, 1<<62), nil)
}
