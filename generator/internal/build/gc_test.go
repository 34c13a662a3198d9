package build

import (
	"runtime/debug"
	"testing"
)

// TestBuildsCollectGarbageAtGCPercent: `oersite build` runs the collector
// at GCPercent and puts the setting before back; a user's GOGC wins.
func TestBuildsCollectGarbageAtGCPercent(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	t.Setenv("GOGC", "")
	restore := UseGCPercent()
	if got := debug.SetGCPercent(GCPercent); got != GCPercent {
		t.Errorf("the collector ran at %d%%, want %d%%", got, GCPercent)
	}
	restore()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("after the build the collector ran at %d%%, want the 100%% before", got)
	}
	t.Setenv("GOGC", "100")
	restore = UseGCPercent()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC=100 the collector ran at %d%%", got)
	}
	restore()
}
