package spill

import (
	"math/rand/v2"
	"os"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func randomArrays(n int) [][]uint64 {
	r := rand.New(rand.NewPCG(1, 2))
	out := make([][]uint64, n)
	for i := range out {
		if i%7 == 3 {
			continue // some empty
		}
		out[i] = make([]uint64, r.IntN(300))
		for j := range out[i] {
			out[i][j] = r.Uint64()
		}
	}
	return out
}

// TestArrays stores the same arrays under limits that keep them in
// memory, spill them part-way and spill them at once, from several
// goroutines, and reads them back by Get and by View.
func TestArrays(t *testing.T) {
	want := randomArrays(500)
	for _, limit := range []int64{0, 100_000, 8} {
		dir := t.TempDir()
		a := NewArrays(limit, dir)
		var wg sync.WaitGroup
		for w := range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < len(want); i += 3 {
					if err := a.Put(i, want[i]); err != nil {
						t.Error(err)
					}
				}
			}()
		}
		wg.Wait()
		if got := a.Spilled(); got != (limit > 0) {
			t.Errorf("limit %d: spilled %v", limit, got)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 0 {
			t.Errorf("limit %d: %d files left in the directory while open; want their names removed", limit, len(entries))
		}
		var buf []uint64
		for i, w := range want {
			got, err := a.Get(i, &buf)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, w) {
				t.Fatalf("limit %d: Get(%d) differs", limit, i)
			}
		}
		if err := a.Map(); err != nil {
			t.Fatal(err)
		}
		for i, w := range want {
			if !slices.Equal(a.View(i), w) {
				t.Fatalf("limit %d: View(%d) differs", limit, i)
			}
		}
		a.Evict()
		if !slices.Equal(a.View(1), want[1]) {
			t.Fatalf("limit %d: View after Evict differs", limit)
		}
		if err := a.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBuckets scatters entries from two workers over contiguous ranges and
// checks that each shard reads back in the order added, with and without
// flushes to files.
func TestBuckets(t *testing.T) {
	const bits = 3
	r := rand.New(rand.NewPCG(3, 4))
	var all []uint64
	for range 5000 {
		all = append(all, r.Uint64())
	}
	for _, limit := range []int64{0, 2 << 20} {
		b := NewBuckets(bits, 64-bits, 2, limit, t.TempDir())
		for w := range 2 {
			bw := b.Writer(w)
			// tiny buffers (the constructor's floor is 4096 entries)
			if limit > 0 {
				bw.perShard = 16
			}
			for _, e := range all[w*2500 : (w+1)*2500] {
				bw.Add(e)
			}
		}
		if (b.Spilled() > 0) != (limit > 0) {
			t.Errorf("limit %d: spilled %d bytes", limit, b.Spilled())
		}
		for s := range b.Shards() {
			var want []uint64
			for _, e := range all {
				if int(e>>(64-bits)) == s {
					want = append(want, e)
				}
			}
			got, err := b.Shard(s, nil)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("limit %d shard %d (-want +got):\n%s", limit, s, diff)
			}
		}
		b.Close()
	}
}

func TestRadixSort(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	const skip = 26
	a := make([]uint64, 10000)
	for i := range a {
		// few distinct keys, document numbers in order
		a[i] = uint64(r.IntN(50))<<40 | uint64(i)
	}
	want := slices.Clone(a)
	slices.Sort(want) // keys, then document numbers: what a stable sort gives
	RadixSort(a, make([]uint64, len(a)), skip)
	if diff := cmp.Diff(want, a); diff != "" {
		t.Fatal(diff)
	}
}
