package report

import (
	"sort"

	"github.com/wiretrace/wiretrace/shingle"
)

// Segment classes of a text shown beside another.
const (
	SegShared      = "shared"      // in both texts
	SegOwn         = "own"         // only in this text: added, or dropped by the other
	SegBoilerplate = "boilerplate" // a learned boilerplate line, not matched
	SegPlain       = "plain"       // spaces and punctuation between words
	SegAligned     = "aligned"     // a passage restated in the other text
)

// alignedSegments marks the aligned passages of a rewrite in the copy's
// and the parent's texts; the rest is own text. Offsets outside a text
// (a report read against other inputs) are clamped.
func alignedSegments(copyText, parentText string, ps []Passage) (cs, pp []Segment) {
	mark := func(text string, spans [][2]int) []Segment {
		var out []Segment
		pos := 0
		for _, sp := range spans {
			start, stop := min(max(sp[0], pos), len(text)), min(max(sp[1], pos), len(text))
			if start > pos {
				out = append(out, Segment{pos, start, SegOwn})
			}
			if stop > start {
				out = append(out, Segment{start, stop, SegAligned})
			}
			pos = max(pos, stop)
		}
		if pos < len(text) {
			out = append(out, Segment{pos, len(text), SegOwn})
		}
		return out
	}
	var c, p [][2]int
	for _, x := range ps {
		c, p = append(c, x.Copy), append(p, x.Parent)
	}
	sortSpans(c)
	sortSpans(p)
	return mark(copyText, c), mark(parentText, p)
}

func sortSpans(s [][2]int) {
	sort.Slice(s, func(i, j int) bool { return s[i][0] < s[j][0] })
}

// Segment is a byte range of an article text with its class.
type Segment struct {
	Start, End int
	Class      string
}

// Segments splits text into runs of shared, own and boilerplate words as
// compared with other: a word is shared when a k-shingle covering it
// occurs in other. Boilerplate lines are those whose digit-masked shape is
// in boiler. Offsets are byte offsets into text, on word boundaries.
func Segments(text, other string, k int, boiler map[uint64]bool) []Segment {
	tz := shingle.NewTokenizer()
	a, b := tz.Tokenize(text), tz.Tokenize(other)
	otherSet := map[uint64]bool{}
	for _, h := range shingle.Shingles(b.Hashes(), k) {
		otherSet[h] = true
	}
	shared := make([]bool, len(a.Tokens))
	sh := shingle.Shingles(a.Hashes(), k)
	span := min(k, len(a.Tokens))
	for i, h := range sh {
		if otherSet[h] {
			for j := i; j < i+span && j < len(shared); j++ {
				shared[j] = true
			}
		}
	}
	class := func(i int) string {
		if boiler[a.Lines[a.Tokens[i].Line].Shape] {
			return SegBoilerplate
		}
		if shared[i] {
			return SegShared
		}
		return SegOwn
	}
	var segs []Segment
	add := func(start, end int, c string) {
		if start >= end {
			return
		}
		if n := len(segs); n > 0 && segs[n-1].Class == c && segs[n-1].End == start {
			segs[n-1].End = end
			return
		}
		segs = append(segs, Segment{start, end, c})
	}
	pos := 0
	for i, t := range a.Tokens {
		c := class(i)
		gap := SegPlain
		// Punctuation between two words of one class takes that class.
		if i > 0 && class(i-1) == c {
			gap = c
		}
		add(pos, t.Start, gap)
		add(t.Start, t.End, c)
		pos = t.End
	}
	add(pos, len(text), SegPlain)
	return segs
}

// LineShapes returns the digit-masked shapes of the lines of text, as the
// boilerplate learner computes them.
func LineShapes(text string) []uint64 {
	var out []uint64
	for _, l := range shingle.NewTokenizer().Tokenize(text).Lines {
		if l.Shape != 0 {
			out = append(out, l.Shape)
		}
	}
	return out
}
