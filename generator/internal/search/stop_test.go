package search

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
)

// stopAfter is a context that ends once its Err has been asked after times.
type stopAfter struct {
	context.Context
	after, asked int64
}

func (c *stopAfter) Err() error {
	if atomic.AddInt64(&c.asked, 1) > c.after {
		return context.Canceled
	}
	return nil
}

// The shard phase, the longest of an export (it compresses every file to
// measure it), asks its context before each file it makes, so that a build
// told to stop is not held up until the whole index is laid out (issue 13
// item 12); stopped at any of those moments, it returns context.Canceled.
func TestShardPhaseStopsBeforeTheNextFile(t *testing.T) {
	ix := index(t, "en", bigDocs(300))
	c, f := ix.corpus, ix.forms
	// Scoring stops too, and so does analysing the pages in Update.
	if _, err := score(&stopAfter{Context: context.Background()}, c, corpusTerms(c)); !errors.Is(err, context.Canceled) {
		t.Errorf("scoring told to stop: %v, want context.Canceled", err)
	}
	if _, err := ix.Update(&stopAfter{Context: context.Background(), after: 10}, bigDocs(301)); !errors.Is(err, context.Canceled) {
		t.Errorf("analysing told to stop: %v, want context.Canceled", err)
	}
	scores, err := score(context.Background(), c, corpusTerms(c))
	if err != nil {
		t.Fatal(err)
	}
	terms := foldTerms("en", scores)
	all := &stopAfter{Context: context.Background(), after: 1 << 40}
	var files atomic.Int64 // files come from two goroutines
	if err := shardFiles(all, "en", c, terms, f, nil, func(file) error { files.Add(1); return nil }); err != nil {
		t.Fatal(err)
	}
	if all.asked < files.Load() {
		t.Fatalf("the context was asked %d times for %d files", all.asked, files.Load())
	}
	for _, after := range []int64{0, 1, all.asked / 2, all.asked - 1} {
		ctx := &stopAfter{Context: context.Background(), after: after}
		if err := shardFiles(ctx, "en", c, terms, f, nil, func(file) error { return nil }); !errors.Is(err, context.Canceled) {
			t.Errorf("stopped after %d of %d checks: %v, want context.Canceled", after, all.asked, err)
		}
	}
}
