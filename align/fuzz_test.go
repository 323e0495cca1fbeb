package align

import (
	"testing"

	"github.com/wiretrace/wiretrace/shingle"
)

// FuzzAlign checks the invariants of an alignment of any two texts:
// passages lie inside both texts on word boundaries, in the order of A and
// without overlaps; shares are between 0 and 1; aligning twice gives the
// same result.
func FuzzAlign(f *testing.F) {
	f.Add("The minister said on Monday. Talks will resume in Vienna.", "Talks resume in Vienna, the minister said Monday. Nothing else.")
	f.Add("قال الوزير اليوم. ستستأنف المحادثات في فيينا.", "ستستأنف المحادثات في فيينا، قال الوزير.")
	f.Add("a. b. c. d. e. f. g. h.", "h. g. f. e. d. c. b. a.")
	f.Add("1 2 3 4 5 6 7 8 9.\n10 11 12.", "1 2 3 4 5 6 7 8 9.\n\n")
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 1<<14 || len(b) > 1<<14 {
			return
		}
		tz := shingle.NewTokenizer()
		ta, tb := tz.Tokenize(a), tz.Tokenize(b)
		pa, pb := NewProfile(a, &ta, nil), NewProfile(b, &tb, nil)
		w := SentenceFrequencies(&pa, &pb)
		o := DefaultOptions()
		o.MinWords = 1
		r := Align(&pa, &pb, w, o)
		r2 := Align(&pa, &pb, w, o)
		if len(r.Passages) != len(r2.Passages) || r.CoverA != r2.CoverA || r.SeededB != r2.SeededB {
			t.Fatalf("two alignments differ: %+v vs %+v", r, r2)
		}
		for _, x := range []float64{r.CoverA, r.CoverB, r.SeededA, r.SeededB, r.RewordedA, r.RewordedB} {
			if x < 0 || x > 1.0000001 {
				t.Fatalf("share %v out of [0, 1]: %+v", x, r)
			}
		}
		prevA := -1
		for i, p := range r.Passages {
			if p.A.Start < 0 || p.A.Start >= p.A.Stop || p.A.Stop > len(a) || p.B.Start < 0 || p.B.Start >= p.B.Stop || p.B.Stop > len(b) {
				t.Fatalf("passage %d out of the texts: %+v (len %d, %d)", i, p, len(a), len(b))
			}
			if p.A.First <= prevA {
				t.Fatalf("passages not in the order of A or overlapping: %+v", r.Passages)
			}
			prevA = p.A.End - 1
			for j := i + 1; j < len(r.Passages); j++ {
				if overlaps(p.B, r.Passages[j].B) {
					t.Fatalf("passages %d and %d overlap in B: %+v", i, j, r.Passages)
				}
			}
		}
	})
}
