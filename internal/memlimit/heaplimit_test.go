package memlimit

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestLimitForFollowsTheLiveHeap(t *testing.T) {
	const base = 768 << 20
	for _, c := range []struct{ live, want int64 }{
		{0, base},
		{500 << 20, base},
		{base, base + base/4},
		{1000 << 20, 1250 << 20},
	} {
		if got := LimitFor(base, c.live); got != c.want {
			t.Errorf("limitFor(%d, %d) = %d, want %d", base, c.live, got, c.want)
		}
	}
}

// TestHeapLimitRisesPastTheLiveHeap keeps 64 MB live under a 1 MiB
// limit: after a collection the limit must stand above the live heap (the
// collector would otherwise run without pause), and go back to the base
// once the memory is released. (Collections the test did not ask for only
// set the limit from a live heap as large.)
func TestHeapLimitRisesPastTheLiveHeap(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	defer Set(heapLimit.base.Load())
	defer debug.SetMemoryLimit(before)
	Set(1 << 20)
	live := make([]byte, 64<<20)
	for i := range live {
		live[i] = byte(i)
	}
	runtime.GC()
	adjustHeapLimit()
	if got := debug.SetMemoryLimit(-1); got < 64<<20 {
		t.Errorf("limit %d with 64 MB live; want it above the live heap", got)
	}
	runtime.KeepAlive(live)
	live = nil
	runtime.GC()
	adjustHeapLimit()
	if got := debug.SetMemoryLimit(-1); got > 32<<20 {
		t.Errorf("limit %d after the 64 MB went; want it back near the 1 MiB base", got)
	}
}

// TestAfterEachGC waits for its hook after each of three collections.
func TestAfterEachGC(t *testing.T) {
	done := make(chan struct{}, 1)
	AfterEachGC(func() {
		select {
		case done <- struct{}{}:
		default:
		}
	})
	for range 3 {
		runtime.GC()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Fatal("no hook ran 30 s after a collection")
		}
	}
}
