// Package memstat samples the Go heap for benchmarks without stopping the
// world: runtime.ReadMemStats pauses every goroutine, which at 50 samples a
// second costs a scan several percent of its time.
package memstat

import (
	"runtime/metrics"
	"sync"
	"time"
)

var names = []string{"/memory/classes/heap/objects:bytes", "/memory/classes/heap/unused:bytes"}

// Peak samples the heap in use (live and dead objects plus unused space in
// in-use spans, like MemStats.HeapInuse) every interval until the returned
// function is called, which returns the largest sample in bytes.
func Peak(interval time.Duration) (stop func() uint64) {
	var (
		peak uint64
		wg   sync.WaitGroup
	)
	done := make(chan struct{})
	samples := make([]metrics.Sample, len(names))
	for i, n := range names {
		samples[i].Name = n
	}
	read := func() {
		metrics.Read(samples)
		var v uint64
		for _, s := range samples {
			if s.Value.Kind() == metrics.KindUint64 {
				v += s.Value.Uint64()
			}
		}
		peak = max(peak, v)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			read()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		read()
		return peak
	}
}
