package cli

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// The heap profile is the one taken when the most was held, not the end's:
// memory let go before the build ended still counts.
func TestMemProfileIsTakenAtThePeak(t *testing.T) {
	h := watchHeap(10 * time.Millisecond)
	held := make([][]byte, 0, 64)
	for range 64 {
		held = append(held, make([]byte, 1<<20))
	}
	runtime.GC()
	// The watch samples every 10 ms; on a loaded machine (tests under
	// -race beside others) a sample may come late: let go only once it
	// has seen the peak, or after ten seconds.
	for start := time.Now(); h.largest.Load() < 64<<20 && time.Since(start) < 10*time.Second; {
		time.Sleep(10 * time.Millisecond)
	}
	runtime.KeepAlive(held)
	held = nil
	runtime.GC()
	time.Sleep(100 * time.Millisecond)
	prof := h.stop()
	if largest := h.largest.Load(); largest < 64<<20 {
		t.Errorf("the profile was taken with %d bytes live, want the 64 MiB held before they were let go", largest)
	}
	name := filepath.Join(t.TempDir(), "heap.prof")
	writeHeapProfile(name, prof)
	if info, err := os.Stat(name); err != nil || info.Size() == 0 {
		t.Fatalf("no profile written: %v", err)
	}
}
