package align

import (
	"cmp"
	"math"
	"slices"
	"sort"
)

// Weigher gives a word's weight: its inverse document frequency, or 0
// for a stop word that neither seeds nor validates an alignment.
type Weigher interface {
	Weight(word uint32) float64
}

// Options are the thresholds of an alignment.
type Options struct {
	// SeedCosine and SeedDice: two sentences seed an alignment when their
	// tf-idf cosine and the Dice coefficient of their weighted word sets
	// both reach these (Sanchez-Perez et al. used 0.33 for both).
	SeedCosine, SeedDice float64
	// ValidCosine is the cosine of two passages' summed vectors that
	// validates them; a passage that fails is split with a smaller gap.
	ValidCosine float64
	// MaxGap and MinGap bound the sentences skipped between two seeds of
	// one passage: rewrites drop and insert sentences.
	MaxGap, MinGap int
	// MinWords is the number of weighted words each side of a passage
	// needs: one short sentence in common is chance.
	MinWords int
	// MaxSeeds bounds the work on texts made of repeated sentences.
	MaxSeeds int
}

// DefaultOptions are the thresholds wiretrace uses; see the package doc
// for how they were measured.
func DefaultOptions() Options {
	return Options{SeedCosine: 0.33, SeedDice: 0.33, ValidCosine: 0.34, MaxGap: 4, MinGap: 1, MinWords: 8, MaxSeeds: 4096}
}

// Span is a range of sentences [First, End) and its bytes [Start, Stop)
// in the text.
type Span struct {
	First, End  int
	Start, Stop int
}

// Passage is one aligned pair of passages.
type Passage struct {
	A, B   Span
	Seeds  int     // sentence pairs that seeded it
	Cosine float64 // of the two passages' summed vectors
}

// Result is an alignment of two texts.
type Result struct {
	Passages []Passage // in the order of A
	// CoverA and CoverB are the shares of each text's words inside its
	// aligned passages.
	CoverA, CoverB float64
	// SeededA and SeededB are the shares of each text's words in
	// sentences that seeded a kept passage: the sentences actually
	// restated, without the gaps between them.
	SeededA, SeededB float64
	// RewordedA and RewordedB count only the seed sentences that are not
	// (nearly) verbatim: a quotation aligns too, but it is not a rewrite.
	RewordedA, RewordedB float64
	Seeds                int
}

// vector is a sentence's sparse tf-idf vector, sorted by word.
type vector struct {
	words   []uint32
	weights []float64
	norm    float64
	mass    float64 // sum of idf over distinct words, for Dice
	idf     []float64
}

// KeptSeeds counts the sentence pairs that seeded the kept passages
// (Result.Seeds counts every seed found, kept or not).
func (r *Result) KeptSeeds() int {
	n := 0
	for _, p := range r.Passages {
		n += p.Seeds
	}
	return n
}

func vectorize(p *Profile, w Weigher) []vector {
	out := make([]vector, len(p.Sents))
	type term struct {
		w   uint32
		idf float64
	}
	buf := make([]term, 0, 64)
	// One backing array for all sentences: a sentence has at most as many
	// distinct words as words.
	words := make([]uint32, 0, len(p.Words))
	weights := make([]float64, 0, len(p.Words))
	idfs := make([]float64, 0, len(p.Words))
	for i, s := range p.Sents {
		buf = buf[:0]
		for k := s.First; k < s.End; k++ {
			idf := w.Weight(p.Words[k])
			if idf > 0 {
				buf = append(buf, term{p.Words[k], idf})
			}
		}
		slices.SortFunc(buf, func(x, y term) int { return cmp.Compare(x.w, y.w) })
		v := &out[i]
		w0, x0 := len(words), len(weights)
		for k := 0; k < len(buf); {
			j := k
			for j < len(buf) && buf[j].w == buf[k].w {
				j++
			}
			tf, idf := float64(j-k), buf[k].idf
			words = append(words, buf[k].w)
			weights = append(weights, tf*idf)
			idfs = append(idfs, idf)
			v.norm += tf * idf * tf * idf
			v.mass += idf
			k = j
		}
		v.words = words[w0:len(words):len(words)]
		v.weights = weights[x0:len(weights):len(weights)]
		v.idf = idfs[x0:len(idfs):len(idfs)]
		v.norm = math.Sqrt(v.norm)
	}
	return out
}

// similarity returns the cosine of two vectors and the weighted Dice
// coefficient of their word sets.
func similarity(a, b *vector) (cos, dice float64) {
	if a.norm == 0 || b.norm == 0 {
		return 0, 0
	}
	var dot, shared float64
	numsA, numsB, numsShared := 0, 0, 0
	for i, j := 0, 0; i < len(a.words) || j < len(b.words); {
		switch {
		case j == len(b.words) || (i < len(a.words) && a.words[i] < b.words[j]):
			numsA += int(a.words[i] & numberBit)
			i++
		case i == len(a.words) || a.words[i] > b.words[j]:
			numsB += int(b.words[j] & numberBit)
			j++
		default:
			dot += a.weights[i] * b.weights[j]
			shared += a.idf[i]
			numsShared += int(a.words[i] & numberBit)
			i, j = i+1, j+1
		}
	}
	if numsShared == 0 && numsA > 0 && numsB > 0 {
		// Two sentences that both give figures and share none report
		// different events, however alike the wording (a template).
		return 0, 0
	}
	return dot / (a.norm * b.norm), 2 * shared / (a.mass + b.mass)
}

type seed struct{ i, j int }

// Align finds the passages of b that restate passages of a: seeds are
// sentence pairs similar by both cosine and Dice; seeds close in both
// texts are joined into passages, which are validated on their summed
// vectors and, when they fail, split with a smaller gap; passages that
// overlap another, larger one are dropped.
func Align(a, b *Profile, w Weigher, o Options) Result {
	return AlignVectors(a, b, Vectorize(a, w), Vectorize(b, w), o)
}

// Vectors are a profile's sentence vectors and its words' postings
// (word, sentence) sorted by word: computed once for a text aligned with
// several others.
type Vectors struct {
	sents    []vector
	postings []posting
}

type posting struct {
	word uint32
	sent int32
}

// Vectorize computes the sentence vectors of p.
func Vectorize(p *Profile, w Weigher) *Vectors {
	v := &Vectors{sents: vectorize(p, w)}
	for i := range v.sents {
		for _, wd := range v.sents[i].words {
			v.postings = append(v.postings, posting{wd, int32(i)})
		}
	}
	slices.SortFunc(v.postings, func(x, y posting) int {
		if c := cmp.Compare(x.word, y.word); c != 0 {
			return c
		}
		return cmp.Compare(x.sent, y.sent)
	})
	return v
}

// AlignVectors is Align with the sentence vectors of both texts given.
func AlignVectors(a, b *Profile, pa, pb *Vectors, o Options) Result {
	va, vb := pa.sents, pb.sents
	seeds := findSeeds(pa, pb, o)
	r := Result{Seeds: len(seeds)}
	var ps []Passage
	for _, g := range groups(seeds, o.MaxGap) {
		ps = extend(ps, g, va, vb, o.MaxGap, o)
	}
	ps = resolveOverlaps(ps)
	for i := range ps {
		ps[i].A = spanOf(a, ps[i].A.First, ps[i].A.End)
		ps[i].B = spanOf(b, ps[i].B.First, ps[i].B.End)
	}
	r.Passages = ps
	r.SeededA, r.SeededB = seeded(a, b, seeds, ps, nil)
	r.RewordedA, r.RewordedB = seeded(a, b, seeds, ps, func(s seed) bool { return !verbatim(a, b, s) })
	r.CoverA, r.CoverB = cover(a, ps, func(p Passage) Span { return p.A }), cover(b, ps, func(p Passage) Span { return p.B })
	return r
}

func findSeeds(pa, pb *Vectors, o Options) []seed {
	va, vb := pa.sents, pb.sents
	// Only sentence pairs that share a weighted word can seed: a merge of
	// the two texts' postings lists them.
	tried := make([]bool, len(va)*len(vb))
	var seeds []seed
	x, y := pa.postings, pb.postings
	for i, j := 0, 0; i < len(x) && j < len(y); {
		switch {
		case x[i].word < y[j].word:
			i++
		case x[i].word > y[j].word:
			j++
		default:
			w := x[i].word
			ie, je := i, j
			for ie < len(x) && x[ie].word == w {
				ie++
			}
			for je < len(y) && y[je].word == w {
				je++
			}
			for _, a := range x[i:ie] {
				for _, b := range y[j:je] {
					k := int(a.sent)*len(vb) + int(b.sent)
					if tried[k] {
						continue
					}
					tried[k] = true
					if cos, dice := similarity(&va[a.sent], &vb[b.sent]); cos >= o.SeedCosine && dice >= o.SeedDice {
						seeds = append(seeds, seed{int(a.sent), int(b.sent)})
					}
				}
			}
			i, j = ie, je
		}
		if len(seeds) > o.MaxSeeds {
			break
		}
	}
	slices.SortFunc(seeds, func(p, q seed) int {
		if c := cmp.Compare(p.i, q.i); c != 0 {
			return c
		}
		return cmp.Compare(p.j, q.j)
	})
	return seeds
}

// groups joins seeds that lie within gap skipped sentences of each other
// in both texts.
func groups(seeds []seed, gap int) [][]seed {
	parent := make([]int, len(seeds))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for x := range seeds {
		for y := x + 1; y < len(seeds) && seeds[y].i-seeds[x].i <= gap+1; y++ {
			if d := seeds[y].j - seeds[x].j; d <= gap+1 && d >= -(gap+1) {
				if rx, ry := find(x), find(y); rx != ry {
					parent[max(rx, ry)] = min(rx, ry)
				}
			}
		}
	}
	byRoot := map[int][]seed{}
	var roots []int
	for x, s := range seeds {
		r := find(x)
		if _, ok := byRoot[r]; !ok {
			roots = append(roots, r)
		}
		byRoot[r] = append(byRoot[r], s)
	}
	out := make([][]seed, 0, len(roots))
	for _, r := range roots {
		out = append(out, byRoot[r])
	}
	return out
}

// extend turns a group of seeds into a passage when its summed vectors
// validate, and otherwise retries its seeds with a smaller gap.
func extend(ps []Passage, g []seed, va, vb []vector, gap int, o Options) []Passage {
	p := Passage{A: Span{First: g[0].i, End: g[0].i + 1}, B: Span{First: g[0].j, End: g[0].j + 1}, Seeds: len(g)}
	for _, s := range g {
		p.A.First, p.A.End = min(p.A.First, s.i), max(p.A.End, s.i+1)
		p.B.First, p.B.End = min(p.B.First, s.j), max(p.B.End, s.j+1)
	}
	sa, na := sum(va[p.A.First:p.A.End])
	sb, nb := sum(vb[p.B.First:p.B.End])
	p.Cosine = cosine(sa, sb)
	if p.Cosine >= o.ValidCosine {
		if na >= o.MinWords && nb >= o.MinWords {
			ps = append(ps, p)
		}
		return ps
	}
	if gap <= o.MinGap || len(g) < 2 {
		return ps
	}
	for _, sub := range groups(g, gap-1) {
		ps = extend(ps, sub, va, vb, gap-1, o)
	}
	return ps
}

// sum adds sentence vectors into one sorted sparse vector and counts
// their weighted words. Sorting, not a map, keeps the float sums in one
// order, so results are identical from run to run.
func sum(vs []vector) (vector, int) {
	type term struct {
		w uint32
		x float64
	}
	var terms []term
	for i := range vs {
		for k, wd := range vs[i].words {
			terms = append(terms, term{wd, vs[i].weights[k]})
		}
	}
	sort.Slice(terms, func(i, j int) bool { return terms[i].w < terms[j].w })
	var out vector
	for _, t := range terms {
		if n := len(out.words); n > 0 && out.words[n-1] == t.w {
			out.weights[n-1] += t.x
			continue
		}
		out.words = append(out.words, t.w)
		out.weights = append(out.weights, t.x)
	}
	for _, x := range out.weights {
		out.norm += x * x
	}
	out.norm = math.Sqrt(out.norm)
	return out, len(terms)
}

func cosine(a, b vector) float64 {
	if a.norm == 0 || b.norm == 0 {
		return 0
	}
	var dot float64
	for i, j := 0, 0; i < len(a.words) && j < len(b.words); {
		switch {
		case a.words[i] < b.words[j]:
			i++
		case a.words[i] > b.words[j]:
			j++
		default:
			dot += a.weights[i] * b.weights[j]
			i, j = i+1, j+1
		}
	}
	return dot / (a.norm * b.norm)
}

// resolveOverlaps keeps, of passages that overlap in either text, the one
// with more seeds (then the longer, then the earlier), and returns the
// kept ones in the order of A.
func resolveOverlaps(ps []Passage) []Passage {
	sort.Slice(ps, func(x, y int) bool {
		px, py := ps[x], ps[y]
		if px.Seeds != py.Seeds {
			return px.Seeds > py.Seeds
		}
		lx, ly := px.A.End-px.A.First+px.B.End-px.B.First, py.A.End-py.A.First+py.B.End-py.B.First
		if lx != ly {
			return lx > ly
		}
		if px.A.First != py.A.First {
			return px.A.First < py.A.First
		}
		return px.B.First < py.B.First
	})
	var kept []Passage
	for _, p := range ps {
		ok := true
		for _, k := range kept {
			if overlaps(p.A, k.A) || overlaps(p.B, k.B) {
				ok = false
				break
			}
		}
		if ok {
			kept = append(kept, p)
		}
	}
	sort.Slice(kept, func(x, y int) bool { return kept[x].A.First < kept[y].A.First })
	return kept
}

func overlaps(x, y Span) bool { return x.First < y.End && y.First < x.End }

func spanOf(p *Profile, first, end int) Span {
	return Span{First: first, End: end, Start: int(p.Sents[first].Start), Stop: int(p.Sents[end-1].Stop)}
}

// cover is the share of p's words inside the passages' spans.
func cover(p *Profile, ps []Passage, side func(Passage) Span) float64 {
	if len(p.Words) == 0 {
		return 0
	}
	n := 0
	for _, x := range ps {
		s := side(x)
		n += int(p.Sents[s.End-1].End - p.Sents[s.First].First)
	}
	return float64(n) / float64(len(p.Words))
}

// seeded returns the shares of a's and b's words in seed sentences that
// lie inside kept passages.
func seeded(a, b *Profile, seeds []seed, ps []Passage, keep func(seed) bool) (float64, float64) {
	inA, inB := map[int]bool{}, map[int]bool{}
	for _, s := range seeds {
		if keep != nil && !keep(s) {
			continue
		}
		for _, p := range ps {
			if s.i >= p.A.First && s.i < p.A.End && s.j >= p.B.First && s.j < p.B.End {
				inA[s.i], inB[s.j] = true, true
				break
			}
		}
	}
	return share(a, inA), share(b, inB)
}

func share(p *Profile, sents map[int]bool) float64 {
	if len(p.Words) == 0 {
		return 0
	}
	n := 0
	for i := range sents {
		n += int(p.Sents[i].End - p.Sents[i].First)
	}
	return float64(n) / float64(len(p.Words))
}

// verbatimShare is the Dice coefficient of two sentences' word trigrams
// above which one is a copy of the other rather than a rewording.
const verbatimShare = 0.5

// verbatim reports whether the seed's two sentences share most of their
// word trigrams.
func verbatim(a, b *Profile, s seed) bool {
	x, y := trigrams(a, s.i), trigrams(b, s.j)
	if len(x) == 0 || len(y) == 0 {
		return false
	}
	n := 0
	for t := range x {
		if y[t] {
			n++
		}
	}
	return 2*float64(n)/float64(len(x)+len(y)) >= verbatimShare
}

func trigrams(p *Profile, i int) map[[3]uint32]bool {
	ws := p.Words[p.Sents[i].First:p.Sents[i].End]
	out := make(map[[3]uint32]bool, len(ws))
	for k := 0; k+3 <= len(ws); k++ {
		out[[3]uint32{ws[k], ws[k+1], ws[k+2]}] = true
	}
	return out
}
