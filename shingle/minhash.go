package shingle

import (
	"errors"
	"math"
	"math/bits"
)

// MinHasher computes MinHash signatures by one-permutation hashing with
// densification: each shingle is hashed once with a seeded mixer, the hash
// picks one of n bins, and each bin keeps the minimum hash that fell into
// it. Empty bins borrow the value of the next non-empty bin to their right
// (circularly), mixed with the distance, so two sets agree in a bin with
// probability close to their Jaccard similarity (Shrivastava and Li, 2014).
// Cost: one hash per shingle plus n per signature, against n per shingle
// for n independent permutations; for 500-shingle articles and n = 128 this
// is about a hundred times less work.
//
// It is safe for concurrent use.
type MinHasher struct {
	n    int
	seed uint64
}

// NewMinHasher returns a MinHasher with n bins drawn from seed.
func NewMinHasher(n int, seed uint64) *MinHasher {
	s := seed
	return &MinHasher{n: n, seed: splitmix(&s)}
}

// Size is the number of bins, the length of every signature.
func (m *MinHasher) Size() int { return m.n }

const emptyBin = math.MaxUint64

// Signature returns the MinHash signature of a set of shingle hashes. An
// empty set gives a signature of all-ones, which matches only other empty
// sets.
func (m *MinHasher) Signature(set []uint64) []uint64 {
	sig := make([]uint64, m.n)
	for i := range sig {
		sig[i] = emptyBin
	}
	if len(set) == 0 {
		return sig
	}
	for _, x := range set {
		h := fmix(x ^ m.seed)
		bin, _ := bits.Mul64(h, uint64(m.n))
		// The bin index comes from the high bits; the stored value from
		// all of them, so values in one bin still order uniformly.
		if v := h >> 1; v < sig[bin] {
			sig[bin] = v
		}
	}
	m.densify(sig)
	return sig
}

// densify fills each empty bin from the nearest non-empty bin to its right.
func (m *MinHasher) densify(sig []uint64) {
	n := len(sig)
	for i := range sig {
		if sig[i] != emptyBin {
			continue
		}
		for d := 1; d < n; d++ {
			j := (i + d) % n
			if v := sig[j]; v != emptyBin && v>>63 == 0 {
				sig[i] = fmix(v+uint64(d)*0x9E3779B97F4A7C15) | 1<<63
				break
			}
		}
	}
}

func fmix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// Estimate returns the share of slots in which two signatures agree, the
// MinHash estimate of Jaccard similarity.
func Estimate(s, t []uint64) float64 {
	if len(s) == 0 || len(s) != len(t) {
		return 0
	}
	n := 0
	for i := range s {
		if s[i] == t[i] {
			n++
		}
	}
	return float64(n) / float64(len(s))
}

func splitmix(s *uint64) uint64 {
	*s += 0x9E3779B97F4A7C15
	z := *s
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// ErrThreshold is returned by Bands for a threshold outside (0, 1).
var ErrThreshold = errors.New("similarity threshold must be between 0 and 1 (exclusive)")

// falseNegativeWeight makes a missed pair cost this many times a false
// candidate when choosing bands; exact verification removes false candidates.
const falseNegativeWeight = 4

// Bands chooses the number of bands b and rows per band r (b*r <= n) that
// minimise the weighted error of LSH at Jaccard threshold t.
func Bands(t float64, n int) (b, r int, err error) {
	if !(t > 0 && t < 1) {
		return 0, 0, ErrThreshold
	}
	if n < 1 {
		return 0, 0, errors.New("signature size must be at least 1")
	}
	best := math.Inf(1)
	for bb := 1; bb <= n; bb++ {
		for rr := 1; bb*rr <= n; rr++ {
			fp := integrate(func(s float64) float64 { return candidateProb(s, bb, rr) }, 0, t)
			fn := integrate(func(s float64) float64 { return 1 - candidateProb(s, bb, rr) }, t, 1)
			if e := fp + falseNegativeWeight*fn; e < best-1e-12 {
				best, b, r = e, bb, rr
			}
		}
	}
	return b, r, nil
}

// CandidateProbability is the chance that two sets with Jaccard s share at
// least one of b bands of r rows.
func CandidateProbability(s float64, b, r int) float64 { return candidateProb(s, b, r) }

func candidateProb(s float64, b, r int) float64 {
	return 1 - math.Pow(1-math.Pow(s, float64(r)), float64(b))
}

func integrate(f func(float64) float64, lo, hi float64) float64 {
	const steps = 200
	h := (hi - lo) / steps
	sum := 0.5 * (f(lo) + f(hi))
	for i := 1; i < steps; i++ {
		sum += f(lo + float64(i)*h)
	}
	return sum * h
}

// BandKeys hashes each of b bands of r rows of sig into one key; the band
// index is mixed in so equal rows in different bands do not collide.
func BandKeys(sig []uint64, b, r int) []uint64 {
	keys := make([]uint64, b)
	for i := 0; i < b; i++ {
		h := uint64(i) + 1
		for _, v := range sig[i*r : (i+1)*r] {
			h = mix(h, v)
		}
		keys[i] = h
	}
	return keys
}
