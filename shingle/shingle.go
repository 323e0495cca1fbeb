package shingle

import "slices"

// Shingles returns the hash of every run of k consecutive tokens, in text
// order: shingle i covers tokens i..i+k-1. Fewer than k tokens give a single
// shingle over all of them; no tokens give none.
func Shingles(hashes []uint64, k int) []uint64 {
	return AppendShingles(make([]uint64, 0, max(1, len(hashes)-k+1)), hashes, k)
}

// AppendShingles is Shingles appending to dst.
func AppendShingles(dst []uint64, hashes []uint64, k int) []uint64 {
	if len(hashes) == 0 {
		return dst
	}
	if k < 1 {
		k = 1
	}
	if len(hashes) < k {
		return append(dst, combine(hashes))
	}
	for i := 0; i+k <= len(hashes); i++ {
		dst = append(dst, combine(hashes[i:i+k]))
	}
	return dst
}

func combine(hs []uint64) uint64 {
	h := uint64(len(hs))
	for _, v := range hs {
		h = mix(h, v)
	}
	return h
}

// Set returns the sorted distinct values of s (s is sorted in place).
func Set(s []uint64) []uint64 {
	slices.Sort(s)
	return slices.Compact(s)
}

// Intersect returns the number of values two sorted sets share.
func Intersect(a, b []uint64) int {
	n := 0
	eachShared(a, b, func(int) { n++ })
	return n
}

// eachShared calls fn with the index in a of every value b also holds;
// both are sorted.
func eachShared(a, b []uint64, fn func(i int)) {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			fn(i)
			i++
			j++
		}
	}
}

// Jaccard returns |a∩b| / |a∪b| of two sorted sets (0 for two empty sets).
func Jaccard(a, b []uint64) float64 {
	n := Intersect(a, b)
	u := len(a) + len(b) - n
	if u == 0 {
		return 0
	}
	return float64(n) / float64(u)
}

// MarkShared sets found[i] for every a[i] that b also holds (both sorted,
// len(found) == len(a)); with several b it gives a ∩ (b1 ∪ b2 ∪ …).
func MarkShared(a, b []uint64, found []bool) {
	eachShared(a, b, func(i int) { found[i] = true })
}

// NormalizationVersion names the tokenisation, normalisation and hashing of
// this package. Fingerprints kept across runs (package index) are only
// comparable when it is the same; change it whenever a change to this
// package changes any token or shingle hash.
const NormalizationVersion = 1
