package match

import (
	"math/bits"
	"sync"

	"github.com/wiretrace/wiretrace/spill"
)

// Candidate pairs come from keys that documents share (band keys and
// fingerprints; rare words for the rewrite channel). Both are counted the
// same way, in memory bounded by the budget:
//
//  1. Every (key, document) entry is scattered into key shards (package
//     spill), each worker over a contiguous range of documents.
//  2. Each key shard is sorted; every run of one key held by an accepted
//     number of documents adds, for each pair of them, the key's weight
//     to a pair entry (a, b, weight) scattered into pair shards by a.
//  3. Each pair shard is sorted by (a, b) and the weights of a pair
//     summed; pairs that reach the minimum are the candidates, found in
//     (a, b) order within a shard and shards in order of a.
//
// A key held by s documents costs s(s-1)/2 pair entries, as counting a
// document's partners did before; what changed is that neither the keys
// nor the pairs need to fit in memory at once.

// Pair entries pack a (26 bits), b (26 bits) and a weight (12 bits).
const (
	weightBits = 64 - 2*docBits
	maxWeight  = 1<<weightBits - 1
)

func pairEntry(a, b int, w int) uint64 {
	return uint64(a)<<(docBits+weightBits) | uint64(b)<<weightBits | uint64(w)
}

func pairOf(e uint64) (a, b int) {
	return int(e >> (docBits + weightBits)), int(e >> weightBits & (maxDocs - 1))
}

// cooccurrence describes one count of shared keys.
type cooccurrence struct {
	docs int // documents 0..docs-1
	// keys returns document i's keys (their low docBits are
	// overwritten), read into *buf if need be.
	keys   func(i int, buf *[]uint64) ([]uint64, error)
	keyLen func(i int) int
	// weight returns what a key held by size documents adds to each pair
	// of them, 0 to leave it out. It is called from several goroutines.
	weight func(key uint64, size int) int
	min    int // summed weight that makes a candidate
}

// shardBits returns the bits that cut n entries into shards of at most
// limit bytes, at least 2*workers of them.
func shardBits(n int, limit int64, workers int) uint {
	b := uint(0)
	for 1<<b < 2*workers || int64(n>>b)*8 > limit {
		b++
	}
	return b
}

// candidates runs the count and returns what found made of each pair
// (a < b) that reached c.min, in (a, b) order; found is called from
// several goroutines, in (a, b) order within a shard of pairs, and keeps
// a pair's result when it returns true.
func candidates[T any](s *Scanner, c cooccurrence, found func(a, b int) (T, bool)) ([]T, error) {
	workers := s.opts.Workers
	total := 0
	for i := range c.docs {
		total += c.keyLen(i)
	}
	kb := shardBits(total, s.shardLimit(), workers)
	keys := spill.NewBuckets(kb, 64-kb, workers, s.opts.share(3, 16), s.opts.TempDir)
	keys.Expect(total)
	defer keys.Close()
	err := scatter(c.docs, workers, func(w, i int, buf *[]uint64) error {
		ks, err := c.keys(i, buf)
		bw := keys.Writer(w)
		for _, k := range ks {
			bw.Add(entry(k, i))
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	pairs := s.pairBuckets(c.docs)
	defer pairs.Close()
	errs := make([]error, max(keys.Shards(), pairs.Shards()))
	bufs := make([]shardBuffers, workers)
	parallel(keys.Shards(), workers, func(w, shard int) {
		entries, err := bufs[w].load(keys, shard, docBits)
		if err != nil {
			errs[shard] = err
			return
		}
		emitPairs(entries, pairs.Writer(w), c.weight)
	})
	if err := firstErr(errs...); err != nil {
		return nil, err
	}
	keys.Close()
	out := make([][]T, pairs.Shards())
	parallel(pairs.Shards(), workers, func(w, shard int) {
		entries, err := bufs[w].load(pairs, shard, weightBits)
		if err != nil {
			errs[shard] = err
			return
		}
		for i := 0; i < len(entries); {
			j, sum := i, 0
			for ; j < len(entries) && entries[j]>>weightBits == entries[i]>>weightBits; j++ {
				sum += int(entries[j] & maxWeight)
			}
			if sum >= c.min {
				if r, ok := found(pairOf(entries[i])); ok {
					out[shard] = append(out[shard], r)
				}
			}
			i = j
		}
		s.st.sets.Evict()
	})
	if err := firstErr(errs...); err != nil {
		return nil, err
	}
	var all []T
	for _, rs := range out {
		all = append(all, rs...)
	}
	return all, nil
}

// pairBuckets returns the shards of pair entries: by a, at least
// 2*workers of them, about 8192 documents each.
func (s *Scanner) pairBuckets(docs int) *spill.Buckets {
	pairBits := uint(bits.Len(uint(max(docs-1, 1) / 8192)))
	for 1<<pairBits < 2*s.opts.Workers {
		pairBits++
	}
	// The shard of a pair is a >> span: the documents' numbers fill the
	// shards.
	span := uint(bits.Len(uint(max(docs-1, 1))))
	span -= min(span, pairBits)
	return spill.NewBuckets(pairBits, docBits+weightBits+span, s.opts.Workers, s.opts.share(3, 16), s.opts.TempDir)
}

// emitPairs walks key entries sorted by key (documents in order within a
// key) and adds a pair entry for each two documents of a key its weight
// accepts.
func emitPairs(entries []uint64, out *spill.BucketWriter, weight func(key uint64, size int) int) {
	var group []int
	for i := 0; i < len(entries); {
		key := entries[i] >> docBits
		j := i + 1
		for j < len(entries) && entries[j]>>docBits == key {
			j++
		}
		// size counts entries, not distinct documents: two keys of one
		// document that agree in their top bits count twice, as they
		// always have.
		if size := j - i; size >= 2 {
			group = group[:0]
			prev := -1
			for _, e := range entries[i:j] {
				if d := int(e & (maxDocs - 1)); d != prev {
					group = append(group, d)
					prev = d
				}
			}
			if w := weight(key<<docBits, size); w > 0 && len(group) >= 2 {
				w = min(w, maxWeight)
				for x, a := range group {
					for _, b := range group[x+1:] {
						out.Add(pairEntry(a, b, w))
					}
				}
			}
		}
		i = j
	}
}

// shardBuffers are one worker's buffers for reading and sorting a shard,
// reused across shards: fresh ones per shard would leave hundreds of MB
// for the collector.
type shardBuffers struct{ entries, sort []uint64 }

// load reads shard s of b, sorted by the bits above skip.
func (sb *shardBuffers) load(b *spill.Buckets, s int, skip uint) ([]uint64, error) {
	entries, err := b.Shard(s, sb.entries)
	b.Release(s)
	if err != nil {
		return nil, err
	}
	if cap(sb.sort) < len(entries) {
		sb.sort = make([]uint64, len(entries), cap(entries))
	}
	spill.RadixSort(entries, sb.sort[:len(entries)], skip)
	sb.entries = entries
	return entries, nil
}

// shardBytes bounds the entries one shard sorts at once without a budget.
const shardBytes = 64 << 20

// shardLimit bounds the bytes of one shard: each worker sorts one at a
// time in two buffers of its size.
func (s *Scanner) shardLimit() int64 {
	limit := int64(shardBytes)
	if s.opts.Memory > 0 {
		limit = min(limit, max(s.opts.Memory/int64(8*s.opts.Workers), 1<<20))
	}
	return limit
}

// scatter calls add(w, i) for every document i in [0, n), worker w taking
// the w-th contiguous range, so that what each adds to its own bucket
// writer comes back in document order.
func scatter(n, workers int, add func(w, i int, buf *[]uint64) error) error {
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []uint64
			for i := w * n / workers; i < (w+1)*n/workers && errs[w] == nil; i++ {
				errs[w] = add(w, i, &buf)
			}
		}()
	}
	wg.Wait()
	return firstErr(errs...)
}
