package match

import (
	"sync"

	"github.com/wiretrace/wiretrace/align"
	"github.com/wiretrace/wiretrace/shingle"
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
	// LeadA is set when A's content holds B's lead (the opening of its
	// story text), LeadB when B's holds A's: see holdsLead. Verify and the
	// rewrite channel set them; links measured without the documents'
	// leads (an index's stored pairs) get them from MarkLeads.
	LeadA, LeadB bool
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

// findLinks finds the candidate pairs among docs, those that share a band
// key or MinFingerprints fingerprints, and verifies them exactly. Links
// come out sorted by (A, B); warnings tell of LSH buckets left
// unexpanded.
func (s *Scanner) findLinks(docs []*Doc) ([]Link, []string, error) {
	minFP := s.opts.MinFingerprints
	var mu sync.Mutex
	overfull, largest := 0, 0
	links, err := candidates(s, cooccurrence{
		docs: len(docs), min: minFP,
		keys:   func(i int, buf *[]uint64) ([]uint64, error) { return s.st.keys.Get(i, buf) },
		keyLen: s.st.keys.Len,
		weight: func(key uint64, size int) int {
			w, over := s.opts.KeyWeight(key, size, s.common)
			if over {
				mu.Lock()
				overfull, largest = overfull+1, max(largest, size)
				mu.Unlock()
			}
			return w
		},
	}, func(a, b int) (Link, bool) { return s.verify(docs, a, b) })
	if err != nil {
		return nil, nil, err
	}
	var warnings []string
	if overfull > 0 {
		warnings = append(warnings, BucketWarning(overfull, largest))
	}
	return links, warnings, nil
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
	if !s.Keeps(l) {
		return l, false
	}
	l.SetLeads(da, db)
	return l, true
}

// innerHoldsLead reports whether the side of the link with the larger
// share in the other (the copy, or the passage quoted) holds the other's
// lead: it is then the other cut from the bottom, not a passage of it.
func (l Link) innerHoldsLead() bool {
	ca, cb := l.Shares()
	if ca >= cb {
		return l.LeadA
	}
	return l.LeadB
}
