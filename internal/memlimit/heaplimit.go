// Package memlimit sets the process's soft heap limit so that it follows
// the live heap once that outgrows the limit asked for, and reads the
// sizes and machine memory that the commands' --memory flags take. Both
// wiretrace and wiretrace-beam use it.
//
// A limit below what must stay in memory cannot be kept: the collector
// would run without pause, so after each collection the limit is raised
// to the live heap plus a quarter when it has to be, and falls back with
// it. The hook after each collection is a cleanup re-armed on a fresh
// sentinel each time: no goroutine polls.
package memlimit

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// The soft heap limit follows the live heap once the live heap outgrows
// it. A limit below what must stay in memory (every article's header, the
// links) cannot be kept; the collector would only run without pause,
// spending up to half the CPU for nothing (30% of a million-article scan
// with a 768 MiB limit, against 3% at 100,000 articles). So after each
// collection the limit is raised, when it has to be, to the live heap plus
// a quarter: the heap stays within 1.25 times what is live, and a
// collection comes every quarter of the live heap allocated. When the live
// heap falls again, the limit goes back to the one asked for.
const liveHeadroom = 4 // headroom is 1/liveHeadroom of the live heap

// heapLimit is the process's heap limit policy: base is the limit asked
// for (3/4 of --memory, or the default), 0 for none set by wiretrace.
var heapLimit struct {
	base  atomic.Int64
	start sync.Once
}

// Set makes base the soft heap limit, and starts following the
// live heap past it.
func Set(base int64) {
	heapLimit.base.Store(base)
	debug.SetMemoryLimit(base)
	heapLimit.start.Do(func() { AfterEachGC(adjustHeapLimit) })
}

// adjustHeapLimit sets the limit from the base and the live heap.
func adjustHeapLimit() {
	base := heapLimit.base.Load()
	if base <= 0 {
		return
	}
	debug.SetMemoryLimit(LimitFor(base, liveHeap()))
}

// LimitFor is the limit for a live heap of live bytes.
func LimitFor(base, live int64) int64 {
	return max(base, live+live/liveHeadroom)
}

var liveSample = []metrics.Sample{{Name: "/gc/heap/live:bytes"}}

// liveHeap is the heap marked live by the last collection.
func liveHeap() int64 {
	metrics.Read(liveSample)
	if liveSample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(min(liveSample[0].Value.Uint64(), math.MaxInt64))
}

// AfterEachGC calls fn after every collection, for the life of the
// process: an unreachable object's cleanup runs once the collector has
// found it unreachable, and each call arms the next. (The sentinel is 32
// bytes: objects under 16 share blocks, and their cleanups may never run.)
func AfterEachGC(fn func()) {
	sentinel := new([4]int64)
	runtime.AddCleanup(sentinel, func(struct{}) {
		fn()
		AfterEachGC(fn)
	}, struct{}{})
}
