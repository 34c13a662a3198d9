package cli

import (
	"bytes"
	"fmt"
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"time"
)

// startProfiles starts a CPU profile into cpuFile and a heap watch for
// memFile, either of which may be empty; the returned stop writes and
// closes both. Errors writing the profiles at stop are not the build's
// errors: they are printed and ignored.
func startProfiles(cpuFile, memFile string) (stop func(), err error) {
	var cpu *os.File
	if cpuFile != "" {
		if cpu, err = os.Create(cpuFile); err != nil {
			return nil, fmt.Errorf("--cpuprofile: %w", err)
		}
		if err = pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			return nil, fmt.Errorf("--cpuprofile: %w", err)
		}
	}
	var peak *heapPeak
	if memFile != "" {
		peak = watchHeap(50 * time.Millisecond)
	}
	return func() {
		if cpu != nil {
			pprof.StopCPUProfile()
			cpu.Close()
		}
		if peak != nil {
			writeHeapProfile(memFile, peak.stop())
		}
	}, nil
}

// heapPeak keeps the heap profile taken when the live heap was largest:
// what a build holds at its peak, which the end of the build no longer
// shows.
type heapPeak struct {
	done chan struct{}
	wg   sync.WaitGroup
	prof bytes.Buffer
	// largest is the live heap when prof was taken, in bytes (atomic: a
	// caller may look while the watch goes on).
	largest atomic.Uint64
}

// watchHeap samples the live heap (as of the last collection, like the
// heap profile) every interval and snapshots the profile each time the
// live heap grows by a twentieth over the largest seen.
func watchHeap(every time.Duration) *heapPeak {
	h := &heapPeak{done: make(chan struct{})}
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-h.done:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			if live, largest := sample[0].Value.Uint64(), h.largest.Load(); live > largest+largest/20 {
				h.largest.Store(live)
				h.prof.Reset()
				_ = pprof.Lookup("heap").WriteTo(&h.prof, 0)
			}
		}
	}()
	return h
}

// stop ends the watch and returns the profile at the peak.
func (h *heapPeak) stop() []byte {
	close(h.done)
	h.wg.Wait()
	return h.prof.Bytes()
}

func writeHeapProfile(name string, prof []byte) {
	if len(prof) == 0 {
		var buf bytes.Buffer
		_ = pprof.Lookup("heap").WriteTo(&buf, 0)
		prof = buf.Bytes()
	}
	if err := os.WriteFile(name, prof, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "--memprofile:", err)
	}
}
