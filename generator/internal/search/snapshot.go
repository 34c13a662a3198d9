package search

import (
	"bufio"
	"encoding/gob"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/oersite/oersite/generator/internal/outdir"
)

// A build keeps, for `oersite search`, the documents it exported: a
// snapshot file per language in the cache folder. `oersite search` brings
// its bleve index up to date from it (only the documents whose content
// changed are indexed again) and answers from bleve. The build itself needs
// no bleve index: the static index comes from its own analysis.

// snapshotMagic starts a snapshot file; a file of another version is not read.
const snapshotMagic = "oersite search documents 2\n"

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
	_, err = w.WriteString(snapshotMagic)
	enc := gob.NewEncoder(w)
	if err == nil {
		err = enc.Encode(len(docs))
	}
	// One document at a time: gob encodes a value whole in memory first.
	for i := 0; i < len(docs) && err == nil; i++ {
		d := docs[i].withText()
		err = enc.Encode(&d)
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

// ReadSnapshot reads the documents a build kept at path.
func ReadSnapshot(path string) ([]Doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<16)
	magic := make([]byte, len(snapshotMagic))
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != snapshotMagic {
		return nil, fmt.Errorf("%s was written by another version of oersite: build the site again", path)
	}
	dec := gob.NewDecoder(r)
	var n int
	if err := dec.Decode(&n); err != nil || n < 0 {
		return nil, fmt.Errorf("%s cannot be read (%v): build the site again", path, err)
	}
	docs := make([]Doc, 0, min(n, 1<<16))
	for range n {
		var d Doc
		if err := dec.Decode(&d); err != nil {
			return nil, fmt.Errorf("%s cannot be read (%v): build the site again", path, err)
		}
		docs = append(docs, d)
	}
	return docs, nil
}
