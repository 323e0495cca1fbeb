package match

import (
	"fmt"
	"slices"

	"github.com/wiretrace/wiretrace/align"
	"github.com/wiretrace/wiretrace/shingle"
	"github.com/wiretrace/wiretrace/spill"
)

// Link is a verified pair of articles that share text. A < B are document
// indexes.
type Link struct {
	A, B   int
	Shared int     // shared content shingles
	J      float64 // Jaccard similarity of the content sets
	CA, CB float64 // share of A's (B's) content shingles found in the other
	// Aligned is the sentence alignment of the pair, when the rewrite
	// channel aligned it (see rewrite.go); nil otherwise.
	Aligned *align.Result
}

// NewLink measures a pair from the shingles it shares and the sizes of
// the two content sets.
func NewLink(a, b, shared, lenA, lenB int) Link {
	n := float64(shared)
	return Link{A: a, B: b, Shared: shared,
		J: n / float64(lenA+lenB-shared), CA: n / float64(lenA), CB: n / float64(lenB)}
}

// Entries pack a 38-bit key and a 26-bit document index into one word, so
// that a single integer sort groups documents by key.
const (
	docBits = 26
	maxDocs = 1 << docBits
	bandTag = uint64(1) << 63
)

func entry(key uint64, doc int) uint64 { return key&^(maxDocs-1) | uint64(doc) }

// keyGroups is the inverted index of step 4: entries sorted by key, the
// [start,end) ranges of keys shared by 2..MaxBucket documents, and for each
// document the groups it belongs to.
type keyGroups struct {
	entries    []uint64
	starts     []int32 // group g is entries[starts[g]:starts[g+1]]... see ends
	ends       []int32
	band       []bool
	docGroups  [][]int32
	overfull   int // band buckets over MaxBucket, not expanded
	overfullMx int
}

func (s *Scanner) buildGroups(docs []*Doc) *keyGroups {
	n := 0
	for _, d := range docs {
		n += len(d.bands) + len(d.fps)
	}
	g := &keyGroups{entries: make([]uint64, 0, n), docGroups: make([][]int32, len(docs))}
	for i, d := range docs {
		start := len(g.entries)
		g.entries = d.appendKeys(g.entries)
		for j := start; j < len(g.entries); j++ {
			g.entries[j] = entry(g.entries[j], i)
		}
		d.bands, d.fps = nil, nil // the entries hold them now
	}
	radixSort(g.entries)
	for i := 0; i < len(g.entries); {
		key := g.entries[i] >> docBits
		j := i + 1
		for j < len(g.entries) && g.entries[j]>>docBits == key {
			j++
		}
		isBand := g.entries[i]&bandTag != 0
		size := j - i
		switch {
		case size < 2:
		case isBand && size > s.opts.MaxBucket:
			g.overfull++
			g.overfullMx = max(g.overfullMx, size)
		case !isBand && size >= s.common:
			// A fingerprint as common as a stock phrase: only a hash
			// collision with one gets here; it carries no signal.
		default:
			gid := int32(len(g.starts))
			g.starts = append(g.starts, int32(i))
			g.ends = append(g.ends, int32(j))
			g.band = append(g.band, isBand)
			prev := -1
			for _, e := range g.entries[i:j] {
				doc := int(e & (maxDocs - 1))
				if doc != prev {
					g.docGroups[doc] = append(g.docGroups[doc], gid)
					prev = doc
				}
			}
		}
		i = j
	}
	return g
}

func (g *keyGroups) warnings() []string {
	if g.overfull == 0 {
		return nil
	}
	return []string{fmt.Sprintf("%d LSH buckets held more than the --max-bucket limit of documents (largest %d) and were not expanded; raise --max-bucket to compare them", g.overfull, g.overfullMx)}
}

// findLinks counts shared keys per document pair and verifies the
// candidates exactly. Links come out sorted by (A, B).
func (s *Scanner) findLinks(docs []*Doc, g *keyGroups) []Link {
	perDoc := make([][]Link, len(docs))
	type scratch struct {
		counts  []int32
		touched []int
	}
	workers := max(s.opts.Workers, 1)
	sc := make([]scratch, workers)
	for w := range sc {
		sc[w].counts = make([]int32, len(docs))
	}
	minFP := int32(s.opts.MinFingerprints)
	parallel(len(docs), workers, func(w, d int) {
		s.evictNow(d)
		c := &sc[w]
		for _, gid := range g.docGroups[d] {
			weight := int32(1)
			if g.band[gid] {
				weight = minFP
			}
			for _, e := range g.entries[g.starts[gid]:g.ends[gid]] {
				o := int(e & (maxDocs - 1))
				if o <= d {
					continue
				}
				if c.counts[o] == 0 {
					c.touched = append(c.touched, o)
				}
				c.counts[o] += weight
			}
		}
		slices.Sort(c.touched)
		for _, o := range c.touched {
			if c.counts[o] >= minFP {
				if l, ok := s.verify(docs, d, o); ok {
					perDoc[d] = append(perDoc[d], l)
				}
			}
			c.counts[o] = 0
		}
		c.touched = c.touched[:0]
	})
	var links []Link
	for _, ls := range perDoc {
		links = append(links, ls...)
	}
	return links
}

// verify computes the exact similarity of two documents and keeps the pair
// when it is a copy (Jaccard or containment) or an excerpt (shared run).
func (s *Scanner) verify(docs []*Doc, a, b int) (Link, bool) {
	return s.Verify(docs[a], docs[b])
}

// Verify computes the exact similarity of two documents (a.Index <
// b.Index) and reports whether the pair is a copy or an excerpt under the
// scanner's options.
func (s *Scanner) Verify(da, db *Doc) (Link, bool) {
	a, b := da.Index, db.Index
	sa, sb := da.Set, db.Set
	shared := shingle.Intersect(sa, sb)
	if shared == 0 {
		return Link{}, false
	}
	l := NewLink(a, b, shared, len(sa), len(sb))
	return l, s.Keeps(l)
}

// radixSort sorts packed entries by key, keeping each key's documents in
// the order they were appended (spill.RadixSort).
func radixSort(a []uint64) {
	spill.RadixSort(a, make([]uint64, len(a)), docBits)
}
