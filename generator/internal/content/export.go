package content

import (
	"bytes"
	"errors"
	"sort"
)

// FrontMatter is a file's front matter as written, for tools that rewrite
// files (the importer): its format, its values, the line of each top-level
// key, and the body after it.
type FrontMatter struct {
	Format Format
	Values map[string]any
	Lines  map[string]int
	Body   []byte
	// BodyLine is the line of the file where Body starts.
	BodyLine int
}

// Keys returns the top-level keys in the order the file has them.
func (f FrontMatter) Keys() []string {
	keys := make([]string, 0, len(f.Values))
	for k := range f.Values {
		keys = append(keys, k)
	}
	sort.SliceStable(keys, func(i, j int) bool {
		li, lj := f.Lines[keys[i]], f.Lines[keys[j]]
		if li != lj {
			return li < lj
		}
		return keys[i] < keys[j]
	})
	return keys
}

// ReadFrontMatter splits and decodes a file's front matter (YAML, TOML or
// JSON) without reading it into Meta. Line endings become LF.
func ReadFrontMatter(data []byte) (FrontMatter, error) {
	if bytes.Contains(data, []byte("\r")) {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	rf, err := splitFrontMatter(data)
	if err != nil {
		return FrontMatter{}, frontMatterError(err)
	}
	d, err := decodeFrontMatter(rf)
	if err != nil {
		return FrontMatter{}, frontMatterError(err)
	}
	return FrontMatter{Format: rf.format, Values: d.values, Lines: d.lines, Body: rf.body, BodyLine: rf.bodyLine}, nil
}

// LineError is a front matter problem at a line of the file.
type LineError struct {
	Line int
	Msg  string
}

func (e *LineError) Error() string { return e.Msg }

func frontMatterError(err error) error {
	var fe *fmError
	if errors.As(err, &fe) {
		return &LineError{Line: fe.line, Msg: fe.msg()}
	}
	return err
}
