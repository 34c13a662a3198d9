package search

// posting is one (document, field) occurrence of a term as bleve stores it.
type posting struct {
	doc  int32  // document number in export order
	freq uint32 // occurrences in the field
}

// fieldPostings are the postings of one field and bleve's statistics for it.
type fieldPostings struct {
	// avgLen is what bleve's BM25 divides field lengths by: the field's
	// number of distinct terms over the number of documents, rounded up.
	avgLen float64
	terms  map[string][]posting
	// norms are bleve's field-length norm of each document, 1/sqrt(length),
	// in the float32 bleve keeps it in; by document number. One per
	// document, not per posting: the postings take half the memory.
	norms []float32
}

// corpus is what the export works from: the documents in export order and
// every field's postings, as an analysis pass makes them.
type corpus struct {
	docs   []Doc
	fields []fieldPostings // in fieldWeights order
	// words are each document's section bodies' words for its excerpts,
	// in the order of docs; nil for a document whose text they cut again.
	words []excerptWords
}
