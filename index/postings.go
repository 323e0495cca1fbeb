package index

import (
	"container/heap"
	"context"
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"

	"go.etcd.io/bbolt"
)

// Postings pack a key's top 38 bits and a 26-bit article number, as match
// does in memory: one integer sort groups articles by key. The constants
// are the file's layout, so they are this package's own.
const (
	docBits      = 26
	maxDocs      = 1 << docBits
	blockEntries = 1 << 16 // 512 KB blocks
)

func posting(key uint64, doc uint32) uint64 { return key&^(maxDocs-1) | uint64(doc) }
func postingDoc(p uint64) uint32            { return uint32(p & (maxDocs - 1)) }
func postingKey(p uint64) uint64            { return p &^ (maxDocs - 1) }

var keyRunLen = []byte("n")

// run is one sorted, immutable list of postings, read in place from the
// memory-mapped file for the life of a transaction. In format 2 each
// block ends with the checksum of its postings: lookups read a few pages
// of a block and do not check it (that would read all of them); merges,
// which read every block, and Verify do, so damage is not carried into a
// merged run. A damaged posting costs a query a candidate or adds one,
// never a false pair: candidates are verified against checksummed sets.
type run struct {
	id     uint64
	n      int
	blocks [][]byte
	sums   bool
}

// checkBlock verifies block i's checksum.
func (r *run) checkBlock(i int) error {
	if !r.sums {
		return nil
	}
	b := r.blocks[i]
	body := b[:len(b)-4]
	if binary.LittleEndian.Uint32(b[len(body):]) != checksum(body) {
		return damaged("postings run %d: block %d fails its checksum", r.id, i)
	}
	return nil
}

func (r *run) at(i int) uint64 {
	return binary.LittleEndian.Uint64(r.blocks[i/blockEntries][(i%blockEntries)*8:])
}

func blockKey(i int) []byte { return binary.BigEndian.AppendUint32([]byte("b"), uint32(i)) }

func loadRuns(tx *bbolt.Tx, sums bool) ([]*run, error) {
	var runs []*run
	err := tx.Bucket(bucketSegments).ForEachBucket(func(k []byte) error {
		b := tx.Bucket(bucketSegments).Bucket(k)
		if len(k) != 8 || b == nil {
			return damaged("a postings run's key has %d bytes", len(k))
		}
		r := &run{id: binary.BigEndian.Uint64(k), sums: sums}
		v := b.Get(keyRunLen)
		if len(v) != 8 {
			return nil // a merge in progress, or one a crash left: not a run yet
		}
		r.n = int(binary.BigEndian.Uint64(v))
		for i := 0; i*blockEntries < r.n; i++ {
			blk := b.Get(blockKey(i))
			want := min(blockEntries, r.n-i*blockEntries) * 8
			if sums {
				want += 4
			}
			if len(blk) != want {
				return damaged("postings run %d: block %d has %d bytes, want %d", r.id, i, len(blk), want)
			}
			r.blocks = append(r.blocks, blk)
		}
		runs = append(runs, r)
		return nil
	})
	return runs, err
}

// runWriter streams sorted postings into a new run.
type runWriter struct {
	b     *bbolt.Bucket
	id    uint64
	n     int
	block []byte
	sums  bool
	err   error
}

func newRunWriter(tx *bbolt.Tx, sums bool) (*runWriter, error) {
	meta := tx.Bucket(bucketMeta)
	id := uint64(1)
	if v := meta.Get(keySegmentSeq); len(v) == 8 {
		id = binary.BigEndian.Uint64(v) + 1
	}
	if err := meta.Put(keySegmentSeq, binary.BigEndian.AppendUint64(nil, id)); err != nil {
		return nil, err
	}
	b, err := tx.Bucket(bucketSegments).CreateBucket(binary.BigEndian.AppendUint64(nil, id))
	if err != nil {
		return nil, err
	}
	b.FillPercent = 1 // keys arrive in order
	return &runWriter{b: b, id: id, block: make([]byte, 0, blockEntries*8+4), sums: sums}, nil
}

// resumeRunWriter reopens a run that a previous transaction of the same
// merge left with n postings in whole blocks.
func resumeRunWriter(tx *bbolt.Tx, id uint64, n int, sums bool) *runWriter {
	b := tx.Bucket(bucketSegments).Bucket(binary.BigEndian.AppendUint64(nil, id))
	b.FillPercent = 1
	return &runWriter{b: b, id: id, n: n, block: make([]byte, 0, blockEntries*8+4), sums: sums}
}

func (w *runWriter) add(p uint64) {
	w.block = binary.LittleEndian.AppendUint64(w.block, p)
	w.n++
	if len(w.block) == blockEntries*8 {
		w.flush()
	}
}

func (w *runWriter) flush() {
	if len(w.block) == 0 || w.err != nil {
		return
	}
	// bbolt keeps the value slice until commit: give it its own copy.
	v := slices.Clone(w.block)
	if w.sums {
		v = binary.LittleEndian.AppendUint32(v, checksum(v))
	}
	w.err = w.b.Put(blockKey((w.n-1)/blockEntries), v)
	w.block = w.block[:0]
}

func (w *runWriter) close() error {
	w.flush()
	if w.err != nil {
		return w.err
	}
	return w.b.Put(keyRunLen, binary.BigEndian.AppendUint64(nil, uint64(w.n)))
}

// writeRun stores sorted postings as a new run.
func writeRun(tx *bbolt.Tx, postings []uint64, sums bool) error {
	if len(postings) == 0 {
		return nil
	}
	w, err := newRunWriter(tx, sums)
	if err != nil {
		return err
	}
	for _, p := range postings {
		w.add(p)
	}
	return w.close()
}

// tier groups runs of similar size: four runs of one tier merge into one
// of the next, so each posting is rewritten O(log n) times and a lookup
// visits at most three runs a tier.
func tier(n int) int { return bits.Len(uint(n)) / 2 }

// dueMerge returns the runs of the lowest tier that holds four or more.
func dueMerge(runs []*run) []*run {
	byTier := map[int][]*run{}
	lowest := -1
	for _, r := range runs {
		t := tier(r.n)
		byTier[t] = append(byTier[t], r)
		if len(byTier[t]) >= 4 && (lowest < 0 || t < lowest) {
			lowest = t
		}
	}
	if lowest < 0 {
		return nil
	}
	return byTier[lowest]
}

// mergeStep bounds the postings one transaction of a stepwise merge
// writes: bbolt holds a transaction's pages in memory until it commits.
var mergeStep = 64 * blockEntries // 32 MB; a variable for tests

// compactInSteps merges runs tier by tier while a tier holds four or more
// (dropping removed articles' postings), each merge written over several
// transactions so that memory holds one step, not the largest run.
// Until its last step the merged run has no length and is not a run to
// readers (loadRuns), and the runs it merges stay in place: a query in
// between, or a crash, sees the runs as they were. A crash leaves the
// partial run behind; the next merge removes it.
func (ix *Index) compactInSteps(ctx context.Context) (int, error) {
	partial := false
	if err := ix.db.View(func(tx *bbolt.Tx) error {
		partial = len(partialRuns(tx)) > 0
		return nil
	}); err != nil {
		return 0, err
	}
	if partial { // a write only when there is something to remove
		if err := ix.db.Update(dropPartialRuns); err != nil {
			return 0, err
		}
	}
	merges := 0
	for {
		var ids []uint64
		err := ix.db.View(func(tx *bbolt.Tx) error {
			runs, err := loadRuns(tx, ix.sums())
			for _, r := range dueMerge(runs) {
				ids = append(ids, r.id)
			}
			return err
		})
		if err != nil || len(ids) == 0 {
			return merges, err
		}
		cursors := make([]int, len(ids))
		var dst uint64
		written := 0
		for done := false; !done; {
			if err := ctx.Err(); err != nil {
				return merges, err
			}
			err := ix.db.Update(func(tx *bbolt.Tx) error {
				runs, err := runsByID(tx, ids, ix.sums())
				if err != nil {
					return err
				}
				var w *runWriter
				if dst == 0 {
					if w, err = newRunWriter(tx, ix.sums()); err != nil {
						return err
					}
					dst = w.id
				} else {
					w = resumeRunWriter(tx, dst, written, ix.sums())
				}
				if done, err = mergeInto(w, runs, cursors, ix.dead, mergeStep); err != nil {
					return err
				}
				if !done {
					written = w.n
					return nil
				}
				if err := w.close(); err != nil {
					return err
				}
				return deleteRuns(tx, runs)
			})
			if err != nil {
				return merges, err
			}
		}
		merges++
	}
}

// partialRuns returns the keys of merged runs a crash left unfinished.
func partialRuns(tx *bbolt.Tx) [][]byte {
	segs := tx.Bucket(bucketSegments)
	var partial [][]byte
	segs.ForEachBucket(func(k []byte) error {
		if segs.Bucket(k).Get(keyRunLen) == nil {
			partial = append(partial, slices.Clone(k))
		}
		return nil
	})
	return partial
}

func dropPartialRuns(tx *bbolt.Tx) error {
	for _, k := range partialRuns(tx) {
		if err := tx.Bucket(bucketSegments).DeleteBucket(k); err != nil {
			return err
		}
	}
	return nil
}

func runsByID(tx *bbolt.Tx, ids []uint64, sums bool) ([]*run, error) {
	all, err := loadRuns(tx, sums)
	if err != nil {
		return nil, err
	}
	var out []*run
	for _, id := range ids {
		i := slices.IndexFunc(all, func(r *run) bool { return r.id == id })
		if i < 0 {
			return nil, fmt.Errorf("postings run %d vanished during a merge", id)
		}
		out = append(out, all[i])
	}
	return out, nil
}

func deleteRuns(tx *bbolt.Tx, runs []*run) error {
	for _, r := range runs {
		if err := tx.Bucket(bucketSegments).DeleteBucket(binary.BigEndian.AppendUint64(nil, r.id)); err != nil {
			return err
		}
	}
	return nil
}

// mergeInto merges runs from the positions in cursors into w, dropping
// removed articles, until limit postings are written and a block is full.
// It advances cursors and reports whether the runs are exhausted. Each
// block's checksum is checked as its first posting is read.
func mergeInto(w *runWriter, runs []*run, cursors []int, dead map[uint32]bool, limit int) (bool, error) {
	h := &runHeap{}
	for k, r := range runs {
		if cursors[k] < r.n {
			// A step may start inside a block: check it (again).
			if err := r.checkBlock(cursors[k] / blockEntries); err != nil {
				return false, err
			}
			h.items = append(h.items, runCursor{r: r, k: k, i: cursors[k], v: r.at(cursors[k])})
		}
	}
	heap.Init(h)
	start := w.n
	for h.Len() > 0 {
		if w.n-start >= limit && w.n%blockEntries == 0 {
			break
		}
		c := &h.items[0]
		if !dead[postingDoc(c.v)] {
			w.add(c.v)
		}
		c.i++
		cursors[c.k] = c.i
		if c.i < c.r.n {
			if c.i%blockEntries == 0 {
				if err := c.r.checkBlock(c.i / blockEntries); err != nil {
					return false, err
				}
			}
			c.v = c.r.at(c.i)
			heap.Fix(h, 0)
		} else {
			heap.Pop(h)
		}
	}
	return h.Len() == 0, w.err
}

type runCursor struct {
	r *run
	k int // index in the runs merged
	i int
	v uint64
}

type runHeap struct{ items []runCursor }

func (h *runHeap) Len() int           { return len(h.items) }
func (h *runHeap) Less(i, j int) bool { return h.items[i].v < h.items[j].v }
func (h *runHeap) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *runHeap) Push(x any)         { h.items = append(h.items, x.(runCursor)) }
func (h *runHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}

// lowerBound returns the first position at or after from whose posting is
// not below target, galloping: cheap when queries are dense and sorted.
func (r *run) lowerBound(target uint64, from int) int {
	if from >= r.n || r.at(from) >= target {
		return from
	}
	lo, step := from, 1 // at(lo) < target
	hi := from + step
	for hi < r.n && r.at(hi) < target {
		lo = hi
		step *= 2
		hi = from + step
	}
	hi = min(hi, r.n)
	for lo+1 < hi { // at(lo) < target <= at(hi) (or hi == n)
		mid := (lo + hi) / 2
		if r.at(mid) < target {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi
}

// prefetchShare is the number of distinct query keys per page of a run
// above which the run is read through in order first: the lookups would
// fault in most of its pages anyway, and the disk reads a run in order
// about ten times faster than page by page at random (1.4 GB of postings
// of a million articles: 2 s against 20 s from a cold cache).
const prefetchShare = 0.25

// keyHits calls fn for each distinct key of the sorted queries with the
// articles of every run that hold it (removed ones skipped).
// warm, if not nil, is called with the runs that are read through.
func keyHits(runs []*run, queries []uint64, dead map[uint32]bool, warm func([]*run), fn func(key uint64, qs []uint64, docs []uint32)) {
	keys := 0
	for i := range queries {
		if i == 0 || postingKey(queries[i]) != postingKey(queries[i-1]) {
			keys++
		}
	}
	var dense []*run
	for _, r := range runs {
		if pages := float64(r.n) * 8 / 4096; float64(keys) >= prefetchShare*pages {
			dense = append(dense, r)
		}
	}
	if warm != nil && len(dense) > 0 {
		warm(dense)
	}
	cursors := make([]int, len(runs))
	var docs []uint32
	for i := 0; i < len(queries); {
		key := postingKey(queries[i])
		j := i + 1
		for j < len(queries) && postingKey(queries[j]) == key {
			j++
		}
		docs = docs[:0]
		for ri, r := range runs {
			p := r.lowerBound(key, cursors[ri])
			cursors[ri] = p
			for ; p < r.n; p++ {
				v := r.at(p)
				if postingKey(v) != key {
					break
				}
				if !dead[postingDoc(v)] {
					docs = append(docs, postingDoc(v))
				}
			}
		}
		if len(docs) > 0 {
			fn(key, queries[i:j], docs)
		}
		i = j
	}
}
