package match

import (
	"slices"
	"sort"

	"github.com/wiretrace/wiretrace/align"
	"github.com/wiretrace/wiretrace/shingle"
)

// The rewrite channel finds copies that shingles miss: sentences
// reordered, split, merged or reworded. Candidates are pairs of articles
// that share several of their rarest words (names, numbers, places survive
// rewording); each candidate not already a copy is aligned sentence by
// sentence (package align) and kept when the alignment says one restates
// the other.

// rareWords is how many of its rarest words (highest idf, occurring in at
// least one other article) an article offers as candidate keys.
const rareWords = 48

// minRareShared is how many of those words two articles must share to be
// aligned: independent texts share a few names; rewrites share most.
const minRareShared = 4

// rewriteShare: a pair is a rewritten copy when at least this share of the
// words of one article lies in reworded sentences aligned with the other
// (quotations align too, but verbatim sentences are the shingles' job).
const rewriteShare = 0.33

// rewriteBoth: a pair whose aligned sentences hold at least this share of
// both articles is two versions of one story, like sameStoryShare.
const rewriteBoth = 0.5

// alignOptions are the alignment thresholds; see package align.
var alignOptions = align.DefaultOptions()

// alignRewrites adds, to the verified links, the rewritten copies the
// alignment finds among rare-word candidates, and the alignment of
// excerpt links it reaches. Links stay sorted by (A, B).
func (s *Scanner) alignRewrites(docs []*Doc, links []Link) []Link {
	freq := align.NewFrequencies()
	for _, d := range docs {
		if len(d.prof.Words) > 0 {
			freq.Add(d.prof.Words)
		}
	}
	pairs := s.rareCandidates(docs, freq)
	byPair := make(map[[2]int]int, len(links))
	for i, l := range links {
		byPair[[2]int{l.A, l.B}] = i
	}
	found := make([]*Link, len(pairs))
	parallel(len(pairs), s.opts.Workers, func(_, i int) {
		p := pairs[i]
		li, ok := byPair[p]
		if ok && s.opts.IsCopy(links[li]) {
			return
		}
		r := align.Align(&docs[p[0]].prof, &docs[p[1]].prof, freq, alignOptions)
		if len(r.Passages) == 0 {
			return
		}
		var l Link
		if ok {
			l = links[li]
		} else {
			l = s.measure(docs, p[0], p[1])
		}
		l.Aligned = &r
		if ok || s.opts.rewritten(l) {
			found[i] = &l
		}
	})
	for i, l := range found {
		if l == nil {
			continue
		}
		if li, ok := byPair[pairs[i]]; ok {
			links[li] = *l
		} else {
			links = append(links, *l)
		}
	}
	sort.Slice(links, func(i, j int) bool {
		if links[i].A != links[j].A {
			return links[i].A < links[j].A
		}
		return links[i].B < links[j].B
	})
	for _, d := range docs {
		d.prof = align.Profile{}
	}
	return links
}

// measure counts the shingles a pair shares, whatever they amount to.
func (s *Scanner) measure(docs []*Doc, a, b int) Link {
	sa, sb := docs[a].Set, docs[b].Set
	if len(sa) == 0 || len(sb) == 0 {
		return Link{A: a, B: b}
	}
	return NewLink(a, b, shingle.Intersect(sa, sb), len(sa), len(sb))
}

// rareCandidates returns the pairs (a < b) that share at least
// minRareShared of each other's rarest words, sorted.
func (s *Scanner) rareCandidates(docs []*Doc, freq *align.Frequencies) [][2]int {
	var entries []uint64
	type ranked struct {
		w   uint32
		idf float64
	}
	var buf []ranked
	var words []uint32
	for i, d := range docs {
		words = append(words[:0], d.prof.Words...)
		slices.Sort(words)
		words = slices.Compact(words)
		buf = buf[:0]
		for _, w := range words {
			if freq.DF(w) >= 2 {
				if idf := freq.Weight(w); idf > 0 {
					buf = append(buf, ranked{w, idf})
				}
			}
		}
		sort.Slice(buf, func(x, y int) bool {
			if buf[x].idf != buf[y].idf {
				return buf[x].idf > buf[y].idf
			}
			return buf[x].w < buf[y].w
		})
		for _, r := range buf[:min(len(buf), rareWords)] {
			entries = append(entries, entry(uint64(r.w)<<docBits, i))
		}
	}
	radixSort(entries)
	counts := map[[2]int]int{}
	maxGroup := max(s.common, 2)
	for i := 0; i < len(entries); {
		j := i + 1
		for j < len(entries) && entries[j]>>docBits == entries[i]>>docBits {
			j++
		}
		if j-i >= 2 && j-i <= maxGroup {
			for x := i; x < j; x++ {
				for y := x + 1; y < j; y++ {
					a, b := int(entries[x]&(maxDocs-1)), int(entries[y]&(maxDocs-1))
					counts[[2]int{a, b}]++
				}
			}
		}
		i = j
	}
	var pairs [][2]int
	for p, n := range counts {
		if n >= minRareShared {
			pairs = append(pairs, p)
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i][0] != pairs[j][0] {
			return pairs[i][0] < pairs[j][0]
		}
		return pairs[i][1] < pairs[j][1]
	})
	return pairs
}

// rewritten reports whether an aligned link is a rewritten copy.
func (o Options) rewritten(l Link) bool {
	r := l.Aligned
	if r == nil {
		return false
	}
	return min(r.SeededA, r.SeededB) >= rewriteBoth || max(r.RewordedA, r.RewordedB) >= rewriteShare
}

// Shares returns the share of A's and of B's text found in the other, by
// shingles or, for a rewrite, by aligned sentences, whichever is larger.
func (l Link) Shares() (a, b float64) {
	a, b = l.CA, l.CB
	if r := l.Aligned; r != nil {
		a, b = max(a, r.SeededA), max(b, r.SeededB)
	}
	return a, b
}
