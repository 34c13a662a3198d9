package search

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/oersite/oersite/generator/internal/bincode"
	"github.com/oersite/oersite/generator/internal/outdir"
)

// A build keeps, for `oersite search`, the documents it exported: a
// snapshot file per language in the cache folder. `oersite search` brings
// its bleve index up to date from it (only the documents whose content
// changed are indexed again) and answers from bleve. The build itself needs
// no bleve index: the static index comes from its own analysis.

// snapshotMagic starts a snapshot file; a file of another version is not read.
const snapshotMagic = "oersite search documents 3\n"

// maxSnapshotBytes bounds the file read: a language of 2,000 pages of
// real text makes 6.3 MB.
const maxSnapshotBytes = 4 << 30

// WriteSnapshot writes docs to path, whole or not at all: into a temporary
// file beside it, renamed over it (a symbolic link there is replaced, not
// followed).
func WriteSnapshot(path string, docs []Doc) error {
	pending, err := PrepareSnapshot(path, docs)
	if err != nil {
		return err
	}
	return CommitSnapshot(pending, path)
}

// PrepareSnapshot writes docs into a new file beside path and returns its
// name: CommitSnapshot puts it in place, os.Remove discards it. A build
// writes its documents as soon as a language is indexed, so that their
// text need not stay in memory until the build has succeeded.
func PrepareSnapshot(path string, docs []Doc) (string, error) {
	outdir.RemoveStale(filepath.Dir(path), pendingPattern)
	tmp, err := os.CreateTemp(filepath.Dir(path), pendingPattern)
	if err != nil {
		return "", err
	}
	w := bufio.NewWriterSize(tmp, 1<<16)
	n := uint64(len(docs))
	c := bincode.NewEncoder([]byte(snapshotMagic))
	c.Uvarint(&n)
	_, err = w.Write(c.Bytes())
	// One document at a time, with its text read for it and let go after.
	for i := 0; i < len(docs) && err == nil; i++ {
		d := docs[i].withText()
		c = bincode.NewEncoder(c.Bytes()[:0])
		codeDoc(c, &d)
		_, err = w.Write(c.Bytes())
	}
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	return tmp.Name(), nil
}

// pendingPattern names prepared snapshots (os.CreateTemp's pattern).
const pendingPattern = ".docs-*"

// CommitSnapshot puts a prepared snapshot in place at path.
func CommitSnapshot(pending, path string) error {
	if err := os.Rename(pending, path); err != nil {
		os.Remove(pending)
		return err
	}
	return nil
}

// ReadSnapshot reads the documents a build kept at path. Their strings
// are parts of one string holding the file.
func ReadSnapshot(path string) ([]Doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	again := fmt.Errorf("%s was written by another version of oersite or is damaged: build the site again", path)
	if info.Size() > maxSnapshotBytes {
		return nil, again
	}
	var sb strings.Builder
	sb.Grow(int(info.Size()))
	if _, err := io.Copy(&sb, io.LimitReader(f, maxSnapshotBytes)); err != nil {
		return nil, err
	}
	data, ok := strings.CutPrefix(sb.String(), snapshotMagic)
	if !ok {
		return nil, again
	}
	c := bincode.NewDecoder(data)
	var n uint64
	if c.Uvarint(&n); c.Err() != nil || n > uint64(len(c.Rest())) {
		return nil, again
	}
	docs := make([]Doc, 0, bincode.Room(n)) // made as they are read
	for ; n > 0 && c.Err() == nil; n-- {
		var d Doc
		codeDoc(c, &d)
		docs = append(docs, d)
	}
	if c.Err() != nil || c.Rest() != "" {
		return nil, again
	}
	return docs, nil
}

// codeDoc codes a document for a snapshot (Load is not kept).
func codeDoc(c *bincode.Coder, d *Doc) {
	for _, s := range []*string{&d.URL, &d.Lang, &d.Kind, &d.Title, &d.Summary, &d.Level, &d.Module, &d.Origin} {
		c.Str(s)
	}
	for _, l := range []*[]string{&d.Headings, &d.Keywords, &d.Audience, &d.Competences} {
		c.Strs(l)
	}
	codeText(c, d)
}

// codeText codes a document's body and sections. Sections that cut the
// body end to end, as a build's do, are coded without their text, which
// is the body's: the text is in the file once.
func codeText(c *bincode.Coder, d *Doc) {
	c.Str(&d.Body)
	cut := !c.Decoding() && cutsBody(d.Body, d.Sections)
	c.Bool(&cut)
	if !cut {
		bincode.List(c, &d.Sections, codeSection)
		return
	}
	at := 0
	bincode.List(c, &d.Sections, func(c *bincode.Coder, s *Section) {
		c.Str(&s.Anchor)
		c.Str(&s.Heading)
		n := len(s.Text)
		c.Int(&n)
		if !c.Decoding() {
			return
		}
		if n < 0 || n > len(d.Body)-at {
			c.Fail()
			return
		}
		s.Text = d.Body[at : at+n]
		at += n
	})
	if c.Decoding() && at != len(d.Body) {
		c.Fail()
	}
}

// codeSection codes a section with its text.
func codeSection(c *bincode.Coder, s *Section) {
	c.Str(&s.Anchor)
	c.Str(&s.Heading)
	c.Str(&s.Text)
}

// cutsBody reports whether sections' texts, end to end, are body (and
// there is at least one).
func cutsBody(body string, sections []Section) bool {
	if len(sections) == 0 {
		return false
	}
	for _, s := range sections {
		var ok bool
		if body, ok = strings.CutPrefix(body, s.Text); !ok {
			return false
		}
	}
	return body == ""
}
