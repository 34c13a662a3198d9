package search

import (
	"context"
	"encoding/binary"
	"math"

	bleveindex "github.com/blevesearch/bleve_index_api"
)

// posting is one (document, field) occurrence of a term as bleve stores it.
type posting struct {
	doc  int32   // document number in export order
	freq uint32  // occurrences in the field
	norm float64 // bleve's field-length norm, 1/sqrt(length)
}

// fieldPostings are the postings of one field and bleve's statistic for it.
type fieldPostings struct {
	// avgLen is what bleve's BM25 divides field lengths by: the field's
	// number of distinct terms over the number of documents, rounded up.
	avgLen float64
	terms  map[string][]posting
}

// corpus is what the export reads back from bleve: the documents in export
// order and every field's postings.
type corpus struct {
	docs   []Doc
	fields []fieldPostings // in fieldWeights order
}

// readPostings reads every term of every searched field from bleve's index,
// with the statistics bleve scores with, for the documents of docs (already
// in export order). Deleted documents not yet merged away are skipped. It
// stops between terms when ctx ends.
func readPostings(ctx context.Context, r bleveindex.IndexReader, docs []Doc) (corpus, error) {
	c := corpus{docs: docs, fields: make([]fieldPostings, len(fieldWeights))}
	num := make(map[uint64]int32, len(docs))
	for i, d := range docs {
		id, err := r.InternalID(d.URL)
		if err != nil {
			return c, err
		}
		if len(id) == 8 {
			num[binary.BigEndian.Uint64(id)] = int32(i)
		}
	}
	count, err := r.DocCount()
	if err != nil {
		return c, err
	}
	for fi, f := range fieldWeights {
		fp, err := readField(ctx, r, f.name, num)
		if err != nil {
			return c, err
		}
		if count > 0 {
			fp.avgLen = math.Ceil(float64(len(fp.terms)) / float64(count))
		}
		c.fields[fi] = fp
	}
	return c, nil
}

// readField reads one field's dictionary and postings.
func readField(ctx context.Context, r bleveindex.IndexReader, field string, num map[uint64]int32) (fieldPostings, error) {
	fp := fieldPostings{terms: map[string][]posting{}}
	dict, err := r.FieldDict(field)
	if err != nil {
		return fp, err
	}
	defer dict.Close()
	var td bleveindex.TermFieldDoc
	for {
		if err := ctx.Err(); err != nil {
			return fp, err // told to stop
		}
		e, err := dict.Next()
		if err != nil || e == nil {
			return fp, err
		}
		tfr, err := r.TermFieldReader(ctx, []byte(e.Term), field, true, true, false)
		if err != nil {
			return fp, err
		}
		ps := make([]posting, 0, e.Count)
		for {
			got, err := tfr.Next(&td)
			if err != nil {
				tfr.Close()
				return fp, err
			}
			if got == nil {
				break
			}
			if len(got.ID) != 8 {
				continue
			}
			if d, ok := num[binary.BigEndian.Uint64(got.ID)]; ok {
				ps = append(ps, posting{doc: d, freq: uint32(got.Freq), norm: got.Norm})
			}
			td.Reset()
		}
		tfr.Close()
		if len(ps) > 0 {
			fp.terms[e.Term] = ps
		}
	}
}
