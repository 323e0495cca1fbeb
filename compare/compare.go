// Package compare sets two articles side by side: their similarity, the
// passages they share with offsets into both original texts, and the
// credit lines of each.
//
// Both texts are tokenised and shingled as a scan does (package shingle).
// A shared passage is a maximal run of A's tokens covered by shingles that
// also occur in B; its place in B is found by following the same shingles
// from their first occurrence in B, so a passage that B repeats is aligned
// with its first copy. Cost: linear in the two texts plus a map of B's
// shingles. Sentences are also aligned (package align), which finds the
// passages a rewrite restates in other words. There is no corpus here to learn boilerplate from, so footers
// shared by the two count as shared text.
package compare

import (
	"encoding/json"
	"github.com/wiretrace/wiretrace/align"
	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/match"
	"github.com/wiretrace/wiretrace/shingle"
)

// Article is one side of a comparison.
type Article struct {
	ID, Outlet, Text string
	// Extra is the record's other fields; its author and source fields
	// name sources too (credit.MetaOf).
	Extra map[string]json.RawMessage
}

// Passage is a run of text both articles contain.
type Passage struct {
	AStart, AEnd int    `json:"-"`
	BStart, BEnd int    `json:"-"`
	A            Span   `json:"a"`
	B            Span   `json:"b"`
	Text         string `json:"text"` // as written in A
	Words        int    `json:"words"`
}

// Span is a byte range of an original text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Result is a comparison of A with B.
type Result struct {
	A, B         Article
	Jaccard      float64
	AInB, BInA   float64 // share of A's shingles found in B, and of B's in A
	SharedWords  int
	Passages     []Passage
	CreditsA     []credit.Mention
	CreditsB     []credit.Mention
	ShinglesA    int
	ShinglesB    int
	SharedShingl int
	// Aligned are the passages the sentence alignment finds (package
	// align, with inverse sentence frequencies of the two texts: there is
	// no corpus here), which show a rewrite that shares few shingles.
	Aligned []Aligned
	// Reuse names the kind of reuse, by match's rule: verbatim, edited,
	// rewritten or excerpt ("" when the texts share nothing).
	Reuse match.Reuse
}

// Aligned is one aligned pair of passages, as byte ranges of A and B.
type Aligned struct {
	A      Span    `json:"a"`
	B      Span    `json:"b"`
	Seeds  int     `json:"sentence_pairs"`
	Cosine float64 `json:"cosine"`
}

// Compare compares a with b using k-word shingles.
func Compare(a, b Article, k int, reg *credit.Registry) *Result {
	tz := shingle.NewTokenizer()
	ta, tb := tz.Tokenize(a.Text), tz.Tokenize(b.Text)
	sa, sb := shingle.Shingles(ta.Hashes(), k), shingle.Shingles(tb.Hashes(), k)
	setA, setB := shingle.Set(append([]uint64(nil), sa...)), shingle.Set(append([]uint64(nil), sb...))
	shared := shingle.Intersect(setA, setB)
	r := &Result{A: a, B: b, ShinglesA: len(setA), ShinglesB: len(setB), SharedShingl: shared}
	if u := len(setA) + len(setB) - shared; u > 0 {
		r.Jaccard = float64(shared) / float64(u)
	}
	if len(setA) > 0 {
		r.AInB = float64(shared) / float64(len(setA))
	}
	if len(setB) > 0 {
		r.BInA = float64(shared) / float64(len(setB))
	}
	r.Passages = passages(a.Text, b.Text, ta, tb, sa, sb, k)
	for _, p := range r.Passages {
		r.SharedWords += p.Words
	}
	r.CreditsA = reg.Article(a.Text, credit.MetaOf(a.Extra, reg.MetaFields()))
	r.CreditsB = reg.Article(b.Text, credit.MetaOf(b.Extra, reg.MetaFields()))
	pa, pb := align.NewProfile(a.Text, &ta, nil), align.NewProfile(b.Text, &tb, nil)
	al := align.Align(&pa, &pb, align.SentenceFrequencies(&pa, &pb), align.DefaultOptions())
	for _, p := range al.Passages {
		r.Aligned = append(r.Aligned, Aligned{A: Span{p.A.Start, p.A.Stop}, B: Span{p.B.Start, p.B.Stop}, Seeds: p.Seeds, Cosine: p.Cosine})
	}
	o := match.DefaultOptions()
	o.K = k
	l := match.Link{Shared: shared, J: r.Jaccard, CA: r.AInB, CB: r.BInA}
	if len(al.Passages) > 0 {
		l.Aligned = &al
	}
	if shared > 0 || len(al.Passages) > 0 {
		r.Reuse = o.Reuse(l)
	}
	return r
}

// passages finds maximal runs of A's shingles found in B and aligns each
// with B from the first occurrence of its first shingle.
func passages(textA, textB string, ta, tb shingle.Tokens, sa, sb []uint64, k int) []Passage {
	firstInB := map[uint64]int{}
	for i, h := range sb {
		if _, ok := firstInB[h]; !ok {
			firstInB[h] = i
		}
	}
	span := min(k, len(ta.Tokens))
	var out []Passage
	for i := 0; i < len(sa); {
		j, ok := firstInB[sa[i]]
		if !ok {
			i++
			continue
		}
		// Follow the run in both texts while the shingles agree.
		n := 1
		for i+n < len(sa) && j+n < len(sb) && sa[i+n] == sb[j+n] {
			n++
		}
		aFirst, aLast := i, i+n-1+span-1
		bFirst, bLast := j, j+n-1+min(k, len(tb.Tokens))-1
		out = append(out, Passage{
			AStart: ta.Tokens[aFirst].Start, AEnd: ta.Tokens[min(aLast, len(ta.Tokens)-1)].End,
			BStart: tb.Tokens[bFirst].Start, BEnd: tb.Tokens[min(bLast, len(tb.Tokens)-1)].End,
		})
		i += n
	}
	out = merge(out)
	for i := range out {
		p := &out[i]
		p.A, p.B = Span{p.AStart, p.AEnd}, Span{p.BStart, p.BEnd}
		p.Text = textA[p.AStart:p.AEnd]
		for _, t := range ta.Tokens {
			if t.Start >= p.AStart && t.End <= p.AEnd {
				p.Words++
			}
		}
	}
	return out
}

// merge joins runs that overlap in both texts: consecutive shingles that
// land in the same passage of B.
func merge(ps []Passage) []Passage {
	var out []Passage
	for _, p := range ps {
		if n := len(out); n > 0 && p.AStart < out[n-1].AEnd && p.BStart >= out[n-1].BStart && p.BStart < out[n-1].BEnd {
			last := &out[n-1]
			last.AEnd, last.BEnd = max(last.AEnd, p.AEnd), max(last.BEnd, p.BEnd)
			continue
		}
		out = append(out, p)
	}
	return out
}
