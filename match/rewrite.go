package match

import (
	"slices"
	"sort"

	"github.com/wiretrace/wiretrace/align"
	"github.com/wiretrace/wiretrace/shingle"
	"github.com/wiretrace/wiretrace/spill"
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

// maxRareDocs: a word in more articles than this is no sign of a
// rewrite, and counting the pairs it makes would cost the square of its
// frequency (at 100k articles, words in 500 articles made the channel
// several times slower than the rest of the scan).
const maxRareDocs = 50

// minRareShared is how many of those words two articles must share to be
// aligned: independent texts share a few names; rewrites share most.
const minRareShared = 4

// rewriteShare: a pair is a rewritten copy when at least this share of the
// words of one article lies in reworded sentences aligned with the other
// (quotations align too, but verbatim sentences are the shingles' job).
const rewriteShare = 0.33

// rewriteOne and rewriteOther: a rewrite that is not both ways must
// restate at least rewriteOne of one text and rewriteOther of the other.
// On SaudiNewsNet, pairs below these were mostly independent reports of
// one event sharing a quoted statement (15 of 30 read were real without
// them, 24 of 30 with them).
const (
	rewriteOne   = 0.5
	rewriteOther = 0.2
)

// rewriteSentences is how many sentence pairs a one-way rewrite must
// align: two reports of one event that embed the same statement or tweet
// align one or two sentences, and everything around them differs.
var rewriteSentences = 3

// rewriteBoth: a pair whose aligned sentences hold at least this share of
// both articles is two versions of one story, like sameStoryShare.
const rewriteBoth = 0.5

// alignOptions are the alignment thresholds; see package align.
var alignOptions = align.DefaultOptions()

// alignRewrites adds, to the verified links, the rewritten copies the
// alignment finds among rare-word candidates, and the alignment of
// excerpt links it reaches. Links stay sorted by (A, B).
func (s *Scanner) alignRewrites(docs []*Doc, links []Link) ([]Link, error) {
	// Each article's distinct words serve both the document frequencies
	// and the choice of its rarest words, in two passes.
	freq := align.NewFrequencies()
	err := s.eachDistinct(len(docs), func(_ int, words []uint32) {
		if len(words) > 0 {
			freq.AddDistinct(words)
		}
	})
	if err != nil {
		return nil, err
	}
	freq.Freeze()
	pairs, err := s.rareCandidates(len(docs), freq)
	if err != nil {
		return nil, err
	}
	byPair := make(map[[2]int]int, len(links))
	for i, l := range links {
		byPair[[2]int{l.A, l.B}] = i
	}
	// Pairs come sorted by their first document: its vectors are computed
	// once for all its partners.
	found := make([]*Link, len(pairs))
	starts := pairStarts(pairs)
	type scratch struct {
		a, b profileBuf
	}
	bufs := make([]scratch, s.opts.Workers)
	errs := make([]error, s.opts.Workers)
	parallel(len(starts)-1, s.opts.Workers, func(w, k int) {
		s.evictNow(k)
		var va *align.Vectors
		sc := &bufs[w]
		for i := starts[k]; i < starts[k+1]; i++ {
			p := pairs[i]
			li, ok := byPair[p]
			if ok && s.opts.IsCopy(links[li]) {
				continue
			}
			if va == nil {
				if errs[w] = sc.a.load(s.st.sentences, p[0]); errs[w] != nil {
					return
				}
				va = align.Vectorize(&sc.a.prof, freq)
			}
			if errs[w] = sc.b.load(s.st.sentences, p[1]); errs[w] != nil {
				return
			}
			var existing *Link
			if ok {
				existing = &links[li]
			}
			l, keep := s.opts.alignCandidate(&sc.a.prof, &sc.b.prof, va, align.Vectorize(&sc.b.prof, freq), existing,
				func() Link { return measure(docs[p[0]], docs[p[1]]) })
			if keep {
				found[i] = &l
			}
		}
	})
	if err := firstErr(errs...); err != nil {
		return nil, err
	}
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
	return links, nil
}

// profileBuf holds one decoded profile and the buffer it was read into.
type profileBuf struct {
	enc  []uint64
	prof align.Profile
}

// load reads document i's profile from a store.
func (b *profileBuf) load(a *spill.Arrays, i int) error {
	v, err := a.Get(i, &b.enc)
	if err != nil {
		return err
	}
	decodeProfile(v, &b.prof)
	return nil
}

// distinctBatch is how many documents' distinct words eachDistinct holds
// at once.
const distinctBatch = 4096

// eachDistinct calls fn(i, words) for every document in order with its
// sorted distinct words (of its sentences without boilerplate). Batches
// are computed in parallel; only one is held at a time.
func (s *Scanner) eachDistinct(n int, fn func(i int, words []uint32)) error {
	workers := max(s.opts.Workers, 1)
	slots := make([][]uint32, min(n, distinctBatch))
	bufs := make([]profileBuf, workers)
	errs := make([]error, workers)
	for lo := 0; lo < n; lo += distinctBatch {
		hi := min(n, lo+distinctBatch)
		parallel(hi-lo, workers, func(w, k int) {
			if err := bufs[w].load(s.st.sentences, lo+k); err != nil {
				errs[w] = err
				return
			}
			ws := append(slots[k][:0], bufs[w].prof.Words...)
			slices.Sort(ws)
			slots[k] = slices.Compact(ws)
		})
		if err := firstErr(errs...); err != nil {
			return err
		}
		for k := range hi - lo {
			fn(lo+k, slots[k])
		}
	}
	return nil
}

// alignCandidate aligns a rewrite candidate's profiles (their vectors
// given) and returns the link to keep: existing (the pair's shingle link,
// nil for none) with the alignment, or a new link (measure) when the
// alignment makes it a rewritten copy. keep is false when the alignment
// finds nothing or no rewrite.
func (o Options) alignCandidate(pa, pb *align.Profile, va, vb *align.Vectors, existing *Link, measure func() Link) (l Link, keep bool) {
	r := align.AlignVectors(pa, pb, va, vb, alignOptions)
	if len(r.Passages) == 0 {
		return Link{}, false
	}
	if existing != nil {
		l = *existing
	} else {
		l = measure()
	}
	l.Aligned = &r
	return l, existing != nil || o.rewritten(l)
}

// measure counts the shingles a pair shares, whatever they amount to.
func measure(da, db *Doc) Link {
	a, b := da.Index, db.Index
	sa, sb := da.Set, db.Set
	if len(sa) == 0 || len(sb) == 0 {
		return Link{A: a, B: b}
	}
	l := NewLink(a, b, shingle.Intersect(sa, sb), len(sa), len(sb))
	l.SetLeads(da, db)
	return l
}

// rareCandidates returns the pairs (a < b) of the n documents that share
// at least minRareShared of each other's rarest words, sorted.
func (s *Scanner) rareCandidates(n int, freq *align.Frequencies) ([][2]int, error) {
	rare := spill.NewArrays(s.opts.share(1, 16), s.opts.TempDir)
	defer rare.Close()
	var buf []rankedWord
	var keys []uint64
	err := s.eachDistinct(n, func(i int, words []uint32) {
		keys = rareKeys(words, freq, &buf, keys[:0])
		_ = rare.Put(i, keys) // a failure is kept and returned by Get
	})
	if err != nil {
		return nil, err
	}
	return candidates(s, cooccurrence{
		docs: n, min: minRareShared,
		keys:   rare.Get,
		keyLen: rare.Len,
		weight: func(_ uint64, size int) int { return RareKeyWeight(size) },
	}, func(a, b int) ([2]int, bool) { return [2]int{a, b}, true })
}

type rankedWord struct {
	w   uint32
	idf float64
}

// rareKeys appends to keys a document's candidate keys for the rewrite
// channel, given its distinct words: its rareWords words of highest idf
// among those in 2 to maxRareDocs documents, each shifted above the
// document bits as candidate keys are.
func rareKeys(words []uint32, freq *align.Frequencies, buf *[]rankedWord, keys []uint64) []uint64 {
	rs := (*buf)[:0]
	for _, w := range words {
		if df := freq.DF(w); df >= 2 && df <= maxRareDocs {
			if idf := freq.Weight(w); idf > 0 {
				rs = append(rs, rankedWord{w, idf})
			}
		}
	}
	sort.Slice(rs, func(x, y int) bool {
		if rs[x].idf != rs[y].idf {
			return rs[x].idf > rs[y].idf
		}
		return rs[x].w < rs[y].w
	})
	for _, r := range rs[:min(len(rs), rareWords)] {
		keys = append(keys, uint64(r.w)<<docBits)
	}
	*buf = rs
	return keys
}

// RareKeyWeight is what a rare-word key held by size documents adds to
// each pair of them (0: too common to be a sign of a rewrite). A pair
// whose sum reaches RareKeysShared is a rewrite candidate.
func RareKeyWeight(size int) int {
	if size > maxRareDocs {
		return 0
	}
	return 1
}

// RareKeysShared is how many rare-word keys two documents must share to
// be aligned.
const RareKeysShared = minRareShared

// rewritten reports whether an aligned link is a rewritten copy.
func (o Options) rewritten(l Link) bool {
	r := l.Aligned
	if r == nil {
		return false
	}
	if bothWays(r) {
		return true
	}
	return r.KeptSeeds() >= rewriteSentences && max(r.RewordedA, r.RewordedB) >= rewriteShare &&
		max(r.SeededA, r.SeededB) >= rewriteOne && min(r.SeededA, r.SeededB) >= rewriteOther && restatesEnough(r)
}

// rewriteFew and rewriteFewShare: a rewrite aligned on fewer than
// rewriteFew sentence pairs must restate at least rewriteFewShare of one
// text. Two reports of one event written apart restate its facts in a
// few sentences each (hand-written METER- and COUNTER-like probes of
// English and Urdu agency stories and papers' own reports: 3 to 5 pairs,
// at most 68% of either text, 5 of 12 linked without this); a rewrite
// restates most of its source (Clough–Stevenson's revisions: 8 pairs or
// more, or 70% and more of one text; its figures are unchanged by it).
const (
	rewriteFew      = 6
	rewriteFewShare = 0.7
)

func restatesEnough(r *align.Result) bool {
	return r.KeptSeeds() >= rewriteFew || max(r.SeededA, r.SeededB) >= rewriteFewShare
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

// pairStarts returns the indexes where each first document's run of
// sorted pairs starts, and len(pairs) last.
func pairStarts(pairs [][2]int) []int {
	var out []int
	for i, p := range pairs {
		if i == 0 || p[0] != pairs[i-1][0] {
			out = append(out, i)
		}
	}
	return append(out, len(pairs))
}

// bothWays reports whether an alignment holds most of both texts with
// some of it reworded. Two texts whose sentences match one for one but
// that share few shingles are a template filled with other names, figures
// and places (the royal cables of SaudiNewsNet: "the King congratulates
// the President of X on X's national day"), not a rewrite: a rewrite
// rewords some of its sentences.
func bothWays(r *align.Result) bool {
	return min(r.SeededA, r.SeededB) >= rewriteBoth && max(r.RewordedA, r.RewordedB) >= rewriteReworded && restatesEnough(r)
}

// rewriteReworded is the share of one text a two-way rewrite must have
// reworded (in aligned sentences that are not near-verbatim).
const rewriteReworded = 0.2
