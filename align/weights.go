package align

import (
	"math"
	"slices"
)

// Frequencies counts the documents each word occurs in, for idf weights.
// It is not safe for concurrent Add.
type Frequencies struct {
	df   map[uint32]int32
	docs int
	buf  []uint32
	// weights, once Freeze is called, hold every word's weight: a lookup
	// instead of a logarithm for each word of each text aligned.
	weights map[uint32]float32
}

// Freeze computes every word's weight; no more documents may be added.
func (f *Frequencies) Freeze() {
	f.weights = make(map[uint32]float32, len(f.df))
	for w := range f.df {
		f.weights[w] = float32(f.weight(w))
	}
}

// NewFrequencies returns empty counts.
func NewFrequencies() *Frequencies { return &Frequencies{df: map[uint32]int32{}} }

// Add counts the distinct words of one document.
func (f *Frequencies) Add(words []uint32) {
	f.docs++
	f.buf = append(f.buf[:0], words...)
	slices.Sort(f.buf)
	for i, w := range f.buf {
		if i == 0 || w != f.buf[i-1] {
			f.df[w]++
		}
	}
}

// AddDistinct counts one document given its distinct words (any order).
func (f *Frequencies) AddDistinct(words []uint32) {
	f.docs++
	for _, w := range words {
		f.df[w]++
	}
}

// Docs returns the number of documents counted.
func (f *Frequencies) Docs() int { return f.docs }

// DF returns the number of documents that hold word.
func (f *Frequencies) DF(word uint32) int { return int(f.df[word]) }

// StopShare is the share of documents a word must occur in to be a stop
// word once there are at least StopMinDocs documents: it carries no sign
// of where a sentence came from. Below StopMinDocs the counts are too
// few to tell, and the idf alone weighs words down.
const (
	StopShare   = 0.2
	StopMinDocs = 20
)

// Weight is the smoothed idf of word, 1 + ln((1+N)/(1+df)), or 0 for a
// stop word.
func (f *Frequencies) Weight(word uint32) float64 {
	if f.weights != nil {
		return float64(f.weights[word])
	}
	return f.weight(word)
}

func (f *Frequencies) weight(word uint32) float64 {
	df := int(f.df[word])
	if f.docs >= StopMinDocs && float64(df) > StopShare*float64(f.docs) {
		return 0
	}
	return 1 + math.Log(float64(1+f.docs)/float64(1+df))
}

// SentenceFrequencies counts words over the sentences of the given
// profiles, for aligning two texts without a corpus (tf-isf, as in
// Sanchez-Perez et al.).
func SentenceFrequencies(ps ...*Profile) *Frequencies {
	f := NewFrequencies()
	for _, p := range ps {
		for _, s := range p.Sents {
			f.Add(p.Words[s.First:s.End])
		}
	}
	return f
}
