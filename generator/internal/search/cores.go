package search

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// onCores starts calling fn(worker, i) for every i in [0, n), on one
// goroutine per core (at most n), and returns what waits for them all.
// worker numbers the goroutine, from 0 to below runtime.GOMAXPROCS(0), for
// state of its own that no other goroutine touches meanwhile.
func onCores(n int, fn func(worker, i int)) (wait func()) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				fn(w, i)
			}
		}()
	}
	return wg.Wait
}

// runItems is how many items (terms, posting lists, documents) a core
// takes at a time in inRuns: few enough to share the work evenly, enough
// that taking one costs nothing beside its work.
const runItems = 512

// inRuns starts calling fn(lo, hi) for runs of runItems of the items [0, n),
// on every core (see onCores), and returns what waits for them all.
func inRuns(n int, fn func(lo, hi int)) (wait func()) {
	return onCores((n+runItems-1)/runItems, func(_, k int) { fn(k*runItems, min(n, (k+1)*runItems)) })
}
