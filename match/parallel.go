package match

import (
	"sync"
	"sync/atomic"
)

// parallel calls fn(worker, i) for every i in [0, n) on the given number of
// workers. Work is handed out in small chunks; fn must write only to slots
// owned by i (or by worker), which keeps results independent of scheduling.
func parallel(n, workers int, fn func(worker, i int)) {
	if workers < 1 {
		workers = 1
	}
	if workers > n {
		workers = max(n, 1)
	}
	// Chunks of up to 64 items, small enough that short lists (shards)
	// still spread over every worker.
	chunk := min(64, max(1, n/(workers*8)))
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for {
				start := int(next.Add(int64(chunk))) - chunk
				if start >= n {
					return
				}
				for i := start; i < min(start+chunk, n); i++ {
					fn(w, i)
				}
			}
		}(w)
	}
	wg.Wait()
}
