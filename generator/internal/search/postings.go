package search

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

// corpus is what the export works from: the documents in export order and
// every field's postings, as an analysis pass makes them.
type corpus struct {
	docs   []Doc
	fields []fieldPostings // in fieldWeights order
}
