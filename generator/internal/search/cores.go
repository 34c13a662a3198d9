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
