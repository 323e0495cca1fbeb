package spill

import (
	"os"
	"slices"
)

// Buckets scatters 64-bit entries into 2^bits shards by the bits above
// shift (e >> shift must be below 2^bits; shift 64-bits takes the top
// bits).
// Each worker writes through its own BucketWriter and must be given a
// contiguous range of documents, worker w's range before worker w+1's:
// a shard then reads back in document order.
type Buckets struct {
	bits    uint
	writers []*BucketWriter
}

// BucketWriter is one worker's side of Buckets.
type BucketWriter struct {
	shift    uint
	perShard int // entries a shard buffers before it is flushed; 0: no limit
	first    int // entries a shard's buffer starts with (see Expect)
	dir      string
	bufs     [][]uint64
	f        *os.File
	segs     [][]segment // by shard, in the order written
	end      int64       // words in f
	err      error
}

type segment struct{ at, n int64 }

// minShardBuffer keeps writes large enough to be cheap (32 KiB).
const minShardBuffer = 4096

// NewBuckets returns buckets of 2^bits shards for the given number of
// workers, which together buffer up to limit bytes (no limit when limit
// <= 0) before flushing to files in dir. Each shard of each worker has a
// buffer of its share of the limit (at least minShardBuffer entries),
// allocated once and flushed when full, so the limit is not overrun by
// the doubling of growing slices.
func NewBuckets(bits, shift uint, workers int, limit int64, dir string) *Buckets {
	b := &Buckets{bits: bits}
	per := 0
	if limit > 0 {
		per = max(int(limit/8/int64(workers)>>bits), minShardBuffer)
	}
	for range workers {
		b.writers = append(b.writers, &BucketWriter{
			shift: shift, perShard: per, dir: dir,
			bufs: make([][]uint64, 1<<bits), segs: make([][]segment, 1<<bits),
		})
	}
	return b
}

// Writer returns worker w's writer.
func (b *Buckets) Writer(w int) *BucketWriter { return b.writers[w] }

// Shards is the number of shards.
func (b *Buckets) Shards() int { return 1 << b.bits }

// Add puts e into the shard e >> shift.
func (w *BucketWriter) Add(e uint64) {
	s := 0
	if w.shift < 64 {
		s = int(e >> w.shift)
	}
	if w.perShard > 0 {
		if b := w.bufs[s]; len(b) == cap(b) {
			w.growOrFlush(s)
		}
	}
	w.bufs[s] = append(w.bufs[s], e)
}

// firstShardBuffer is the size a shard's buffer starts at unless Expect
// says more: buffers grow by doubling to their share of the limit, so a
// small corpus allocates (and the runtime clears) only what it fills, not
// the whole budget.
const firstShardBuffer = 512

// Expect tells the buckets about how many entries will be added in all,
// spread evenly over the shards and workers: each buffer then starts at
// its expected fill (within its share of the limit), and a large scatter
// allocates its buffers once instead of doubling them up.
func (b *Buckets) Expect(n int) {
	for _, w := range b.writers {
		if w.perShard <= 0 {
			continue
		}
		first := n/len(b.writers)>>b.bits + n/len(b.writers)>>b.bits/4 + firstShardBuffer
		w.first = min(first, w.perShard)
	}
}

// growOrFlush makes room in shard s's full buffer: a larger buffer, up
// to perShard entries, or a flush of the full one.
func (w *BucketWriter) growOrFlush(s int) {
	b := w.bufs[s]
	if cap(b) >= w.perShard {
		w.flush(s)
		return
	}
	grown := make([]uint64, len(b), min(max(2*cap(b), w.first, firstShardBuffer), w.perShard))
	copy(grown, b)
	w.bufs[s] = grown
}

// flush writes shard s's buffer to the worker's file.
func (w *BucketWriter) flush(s int) {
	buf := w.bufs[s]
	w.bufs[s] = buf[:0]
	if w.err != nil {
		return // kept; Shard returns it
	}
	if w.f == nil {
		if w.f, w.err = createTemp(w.dir, "wiretrace-buckets-*"); w.err != nil {
			return
		}
	}
	if w.err = writeWords(w.f, buf, w.end); w.err != nil {
		return
	}
	w.segs[s] = append(w.segs[s], segment{w.end, int64(len(buf))})
	w.end += int64(len(buf))
}

// Spilled reports the bytes written to files.
func (b *Buckets) Spilled() int64 {
	var n int64
	for _, w := range b.writers {
		n += 8 * w.end
	}
	return n
}

// Shard appends shard s's entries, worker after worker and in the order
// each worker added them, to into[:0].
func (b *Buckets) Shard(s int, into []uint64) ([]uint64, error) {
	n := 0
	for _, w := range b.writers {
		if w.err != nil {
			return nil, w.err
		}
		for _, sg := range w.segs[s] {
			n += int(sg.n)
		}
		n += len(w.bufs[s])
	}
	out := slices.Grow(into[:0], n)
	for _, w := range b.writers {
		for _, sg := range w.segs[s] {
			start := len(out)
			out = out[:start+int(sg.n)]
			if err := readWords(w.f, out[start:], sg.at); err != nil {
				return nil, err
			}
		}
		out = append(out, w.bufs[s]...)
	}
	return out, nil
}

// Release drops shard s's buffers once it has been read.
func (b *Buckets) Release(s int) {
	for _, w := range b.writers {
		w.bufs[s] = nil
	}
}

// Close removes the files.
func (b *Buckets) Close() {
	for _, w := range b.writers {
		closeTemp(w.f)
		w.f, w.bufs = nil, nil
	}
}
