package match

import (
	"github.com/wiretrace/wiretrace/align"
	"github.com/wiretrace/wiretrace/spill"
)

// stores hold a scan's bulk arrays, each article's at its index: in
// memory within Options.Memory, in temporary files beyond it (package
// spill). Raw shingles, profiles and lines live from fingerprinting to
// finish;
// sentences (profiles without boilerplate) and content sets from finish
// to the end of the scan; candidate keys (band keys and fingerprints)
// from finish to the count of shared keys.
type stores struct {
	raw, profiles, lines, sentences, sets, keys *spill.Arrays
}

func newStores(o Options) stores {
	return stores{
		raw:       spill.NewArrays(o.share(3, 8), o.TempDir),
		profiles:  spill.NewArrays(o.share(1, 4), o.TempDir),
		lines:     spill.NewArrays(o.share(1, 8), o.TempDir),
		sentences: spill.NewArrays(o.share(1, 4), o.TempDir),
		sets:      spill.NewArrays(o.share(3, 8), o.TempDir),
		keys:      spill.NewArrays(o.share(1, 8), o.TempDir),
	}
}

// share is num/den of the bulk arrays' half of the memory budget, 0 (no
// limit) without one.
func (o Options) share(num, den int64) int64 {
	if o.Memory <= 0 {
		return 0
	}
	return max(o.Memory*num/(2*den), 1)
}

func (st stores) err() error {
	for _, a := range st.all() {
		if err := a.Err(); err != nil {
			return err
		}
	}
	return nil
}

func (st stores) all() []*spill.Arrays {
	return []*spill.Arrays{st.raw, st.profiles, st.lines, st.sentences, st.sets, st.keys}
}

// spilledBytes is the size of the spill files.
func (st stores) spilledBytes() int64 {
	var n int64
	for _, a := range st.all() {
		n += a.FileBytes()
	}
	return n
}

func (st stores) close() {
	for _, a := range st.all() {
		a.Close()
	}
}

// appendProfile encodes a profile as 64-bit words: a header (sentences,
// words), two words a sentence, two word hashes a word.
func appendProfile(dst []uint64, p *align.Profile) []uint64 {
	if len(p.Sents) == 0 && len(p.Words) == 0 {
		return dst
	}
	dst = append(dst, pack32(uint32(len(p.Sents)), uint32(len(p.Words))))
	for _, st := range p.Sents {
		dst = append(dst, pack32(uint32(st.First), uint32(st.End)), pack32(uint32(st.Start), uint32(st.Stop)))
	}
	for i := 0; i < len(p.Words); i += 2 {
		hi := uint32(0)
		if i+1 < len(p.Words) {
			hi = p.Words[i+1]
		}
		dst = append(dst, pack32(p.Words[i], hi))
	}
	return dst
}

// decodeProfile is appendProfile's inverse, reusing p's slices.
func decodeProfile(v []uint64, p *align.Profile) {
	p.Sents, p.Words = p.Sents[:0], p.Words[:0]
	if len(v) == 0 {
		return
	}
	ns, nw := unpack32(v[0])
	v = v[1:]
	for i := range int(ns) {
		fe, ss := v[2*i], v[2*i+1]
		first, end := unpack32(fe)
		start, stop := unpack32(ss)
		p.Sents = append(p.Sents, align.Sentence{First: int32(first), End: int32(end), Start: int32(start), Stop: int32(stop)})
	}
	v = v[2*ns:]
	for i := range int(nw) {
		lo, hi := unpack32(v[i/2])
		if i%2 == 0 {
			p.Words = append(p.Words, lo)
		} else {
			p.Words = append(p.Words, hi)
		}
	}
}

func pack32(lo, hi uint32) uint64       { return uint64(lo) | uint64(hi)<<32 }
func unpack32(v uint64) (lo, hi uint32) { return uint32(v), uint32(v >> 32) }

// evictEvery is how many documents a stage that reads content sets
// handles between two evictions of their mapped pages.
const evictEvery = 4096

// evictNow lets the mapped content sets read so far leave resident memory
// every evictEvery documents (see Result.EvictSets).
func (s *Scanner) evictNow(i int) {
	if i%evictEvery == evictEvery-1 {
		s.st.sets.Evict()
	}
}
