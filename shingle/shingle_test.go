package shingle

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func normWords(t *testing.T, text string) []string {
	t.Helper()
	tz := NewTokenizer()
	toks := tz.Tokenize(text)
	var out []string
	for _, tk := range toks.Tokens {
		out = append(out, tz.Normalize(text[tk.Start:tk.End]))
	}
	return out
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"latin case and punctuation", `Ryabkov told REPORTERS: "Rough simplification."`, []string{"ryabkov", "told", "reporters", "rough", "simplification"}},
		{"latin folding", "Straße ﬁnal Ｆｕｌｌ", []string{"strasse", "final", "full"}},
		{"contractions stay whole", "it's U.S. policy", []string{"it's", "u.s", "policy"}},
		{"arabic diacritics and tatweel", "مُحَمَّد الـــرياض", []string{"محمد", "الرياض"}},
		{"arabic alef yaa taa marbuta", "أحمد إلى آسيا مدرسة", []string{"احمد", "الي", "اسيا", "مدرسه"}},
		{"arabic-indic and persian digits", "عام ٢٠١٥ و۱۳۹۴", []string{"عام", "2015", "و1394"}},
		{"cyrillic", "Источник: ТАСС, Москва", []string{"источник", "тасс", "москва"}},
		{"han as characters", "新华社北京", []string{"新", "华", "社", "北", "京"}},
		{"thai as characters", "ข่าว", []string{"ข", "า", "ว"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, normWords(t, tc.in)); diff != "" {
				t.Errorf("tokens (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNormalizedFormsHashAlike(t *testing.T) {
	tz := NewTokenizer()
	a := tz.Tokenize("إلى مدرسة ٢٠١٥")
	b := tz.Tokenize("الى مدرسه 2015")
	if len(a.Tokens) != 3 || len(b.Tokens) != 3 {
		t.Fatalf("token counts %d, %d", len(a.Tokens), len(b.Tokens))
	}
	for i := range a.Tokens {
		if a.Tokens[i].Hash != b.Tokens[i].Hash {
			t.Errorf("token %d hashes differ", i)
		}
	}
}

func TestOffsetsAndLines(t *testing.T) {
	text := "Source: QNA\n\nGMT 20:36 2017\nالدوحة - قنا"
	toks := NewTokenizer().Tokenize(text)
	if got := len(toks.Lines); got != 4 {
		t.Fatalf("lines = %d, want 4", got)
	}
	for _, tk := range toks.Tokens {
		l := toks.Lines[tk.Line]
		if tk.Start < l.Start || tk.End > l.End {
			t.Errorf("token %q outside its line", text[tk.Start:tk.End])
		}
	}
	if got := text[toks.Tokens[1].Start:toks.Tokens[1].End]; got != "QNA" {
		t.Errorf("token 1 = %q", got)
	}
	if toks.Lines[1].Shape != 0 {
		t.Errorf("empty line has shape %x", toks.Lines[1].Shape)
	}
	other := NewTokenizer().Tokenize("GMT 04:50 2016")
	if other.Lines[0].Shape != toks.Lines[2].Shape {
		t.Errorf("lines differing only in digits have different shapes")
	}
}

func TestShingles(t *testing.T) {
	h := []uint64{1, 2, 3, 4, 5, 6}
	tests := []struct {
		name string
		in   []uint64
		k    int
		want int
	}{
		{"k=5 over 6 tokens", h, 5, 2},
		{"k=1", h, 1, 6},
		{"short document", h[:3], 5, 1},
		{"empty", nil, 5, 0},
	}
	for _, tc := range tests {
		if got := len(Shingles(tc.in, tc.k)); got != tc.want {
			t.Errorf("%s: %d shingles, want %d", tc.name, got, tc.want)
		}
	}
	s := Shingles(h, 3)
	if s[0] == s[1] {
		t.Error("different windows hash alike")
	}
	if Shingles([]uint64{1, 2, 3}, 3)[0] != s[0] {
		t.Error("same window hashes differently")
	}
	if Shingles([]uint64{2, 1, 3}, 3)[0] == s[0] {
		t.Error("shingle hash ignores token order")
	}
}

func randomSets(r *rand.Rand, size int, j float64) ([]uint64, []uint64) {
	// |A∩B| = s, |A∪B| = 2*size - s; J = s/(2size-s) → s = 2*size*J/(1+J).
	shared := int(math.Round(2 * float64(size) * j / (1 + j)))
	a := make([]uint64, 0, size)
	b := make([]uint64, 0, size)
	for i := 0; i < shared; i++ {
		v := r.Uint64()
		a, b = append(a, v), append(b, v)
	}
	for len(a) < size {
		a = append(a, r.Uint64())
	}
	for len(b) < size {
		b = append(b, r.Uint64())
	}
	return Set(a), Set(b)
}

func TestMinHashEstimatesJaccard(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	m := NewMinHasher(256, 7)
	for _, j := range []float64{0, 0.1, 0.3, 0.5, 0.8, 0.95, 1} {
		a, b := randomSets(r, 600, j)
		exact := Jaccard(a, b)
		est := Estimate(m.Signature(a), m.Signature(b))
		// Four standard errors, plus rounding of the set construction.
		tol := 4*math.Sqrt(exact*(1-exact)/256) + 0.01
		if math.Abs(est-exact) > tol {
			t.Errorf("J=%.3f: estimate %.3f outside ±%.3f", exact, est, tol)
		}
	}
}

func TestMinHashDeterministic(t *testing.T) {
	set := Set([]uint64{5, 9, 1, 77, 1 << 60})
	a := NewMinHasher(64, 42).Signature(set)
	b := NewMinHasher(64, 42).Signature(set)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Fatalf("same seed, different signature:\n%s", diff)
	}
	if cmp.Equal(a, NewMinHasher(64, 43).Signature(set)) {
		t.Fatal("different seeds gave the same signature")
	}
}

func TestBands(t *testing.T) {
	tests := []struct {
		t float64
		n int
	}{{0.3, 128}, {0.5, 128}, {0.7, 128}, {0.9, 128}, {0.5, 64}, {0.8, 256}}
	prevR := 0
	for _, tc := range tests {
		b, r, err := Bands(tc.t, tc.n)
		if err != nil {
			t.Fatal(err)
		}
		if b*r > tc.n || b < 1 || r < 1 {
			t.Fatalf("t=%v n=%d: b=%d r=%d", tc.t, tc.n, b, r)
		}
		// The S-curve's steepest point (1/b)^(1/r) must sit near the threshold.
		knee := math.Pow(1/float64(b), 1/float64(r))
		if math.Abs(knee-tc.t) > 0.2 {
			t.Errorf("t=%v: b=%d r=%d puts the knee at %.2f", tc.t, b, r, knee)
		}
		// Pairs well above the threshold are almost always candidates.
		if p := CandidateProbability(math.Min(tc.t+0.15, 0.99), b, r); p < 0.95 {
			t.Errorf("t=%v: P(candidate | J=t+0.15) = %.3f", tc.t, p)
		}
		if tc.n == 128 {
			if r < prevR {
				t.Errorf("rows fell from %d to %d as the threshold rose", prevR, r)
			}
			prevR = r
		}
	}
	for _, bad := range []float64{0, 1, -0.2, 1.5, math.NaN()} {
		if _, _, err := Bands(bad, 128); err == nil {
			t.Errorf("threshold %v accepted", bad)
		}
	}
}

func TestBandKeys(t *testing.T) {
	sig := []uint64{1, 2, 3, 4, 5, 6}
	k := BandKeys(sig, 3, 2)
	if len(k) != 3 {
		t.Fatalf("%d keys", len(k))
	}
	same := BandKeys([]uint64{1, 2, 9, 9, 9, 9}, 3, 2)
	if k[0] != same[0] || k[1] == same[1] {
		t.Error("band keys do not follow band contents")
	}
	rep := BandKeys([]uint64{7, 7, 7, 7}, 2, 2)
	if rep[0] == rep[1] {
		t.Error("equal rows in different bands collide")
	}
}

func TestWinnowGuarantee(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const w = 6
	for trial := 0; trial < 50; trial++ {
		a := make([]uint64, 200)
		for i := range a {
			a[i] = r.Uint64()
		}
		// b embeds a run of w shingles of a inside other text.
		at := r.IntN(len(a) - w)
		b := make([]uint64, 0, 100)
		for i := 0; i < 40; i++ {
			b = append(b, r.Uint64())
		}
		b = append(b, a[at:at+w]...)
		for i := 0; i < 40; i++ {
			b = append(b, r.Uint64())
		}
		fa := map[uint64]bool{}
		for _, p := range Winnow(a, w) {
			fa[a[p]] = true
		}
		found := false
		for _, p := range Winnow(b, w) {
			found = found || fa[b[p]]
		}
		if !found {
			t.Fatalf("trial %d: shared run of %d shingles has no shared fingerprint", trial, w)
		}
	}
	if got := Winnow([]uint64{5, 3, 9}, 6); len(got) != 1 || got[0] != 1 {
		t.Errorf("short sequence: %v", got)
	}
	dens := float64(len(Winnow(func() []uint64 {
		s := make([]uint64, 10000)
		for i := range s {
			s[i] = r.Uint64()
		}
		return s
	}(), w))) / 10000
	if want := 2.0 / (w + 1); math.Abs(dens-want) > 0.03 {
		t.Errorf("density %.3f, want about %.3f", dens, want)
	}
}

func TestIntersectJaccard(t *testing.T) {
	a := []uint64{1, 3, 5, 7}
	b := []uint64{3, 4, 5, 8, 9}
	if n := Intersect(a, b); n != 2 {
		t.Errorf("Intersect = %d", n)
	}
	if j := Jaccard(a, b); math.Abs(j-2.0/7) > 1e-12 {
		t.Errorf("Jaccard = %v", j)
	}
	if j := Jaccard(nil, nil); j != 0 {
		t.Errorf("Jaccard of empties = %v", j)
	}
}
