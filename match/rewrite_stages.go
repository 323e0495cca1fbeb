package match

import (
	"encoding/binary"
	"errors"
	"slices"
	"sort"

	"github.com/wiretrace/wiretrace/align"
)

// The rewrite channel one document or one pair at a time, for callers
// that spread a corpus over machines: each document's Sentences come out
// of Finisher.Finish; the word document frequencies are a sum over
// documents (Sentences.Words), made into align.Frequencies by
// NewWordFrequencies; RareKeys are grouped like band keys, weighted by
// RareKeyWeight, and pairs sharing RareKeysShared of them are aligned by
// AlignPair. Scanner.Match runs the same functions over its stores.

// Sentences is a document's sentence profile with boilerplate sentences
// left out, encoded as the scan's store holds it.
type Sentences struct {
	enc []uint64
}

// MarshalBinary encodes the profile: its length in words (uvarint), then
// the words, little-endian.
func (s *Sentences) MarshalBinary() ([]byte, error) {
	out := binary.AppendUvarint(make([]byte, 0, binary.MaxVarintLen64+8*len(s.enc)), uint64(len(s.enc)))
	for _, w := range s.enc {
		out = binary.LittleEndian.AppendUint64(out, w)
	}
	return out, nil
}

var errSentences = errors.New("match: sentences encoding truncated or corrupt")

// UnmarshalSentences decodes what MarshalBinary wrote, checking that the
// profile's sentences are ranges of its words.
func UnmarshalSentences(data []byte) (*Sentences, error) {
	d := decoder{buf: data}
	enc := make([]uint64, d.count(8))
	for i := range enc {
		enc[i] = d.u64()
	}
	if d.bad || len(d.buf) != 0 || !validProfile(enc) {
		return nil, errSentences
	}
	return &Sentences{enc: enc}, nil
}

func (s *Sentences) profile() *align.Profile {
	var p align.Profile
	decodeProfile(s.enc, &p)
	return &p
}

// Words returns the profile's distinct words, sorted: what the word
// document frequencies count (a document with none is not counted).
func (s *Sentences) Words() []uint32 {
	ws := s.profile().Words
	slices.Sort(ws)
	return slices.Compact(ws)
}

// NewWordFrequencies returns the word frequencies of a corpus from their
// sums: the number of documents with words, and each word's document
// frequency. It is built, frozen, as the scan builds its own: document i
// holds the words of frequency above i, which gives every word its
// frequency (in time linear in the sum of the frequencies).
func NewWordFrequencies(documents int, df map[uint32]int) *align.Frequencies {
	words := make([]uint32, 0, len(df))
	for w := range df {
		words = append(words, w)
	}
	sort.Slice(words, func(i, j int) bool { return df[words[i]] > df[words[j]] })
	f := align.NewFrequencies()
	k := len(words)
	for i := range documents {
		for k > 0 && df[words[k-1]] <= i {
			k--
		}
		f.AddDistinct(words[:k])
	}
	f.Freeze()
	return f
}

// RareKeys returns a document's candidate keys for the rewrite channel,
// given its distinct words (Sentences.Words) and the corpus's
// frequencies: its rarest words, above the document bits as candidate
// keys are (group them by key >> 26).
func RareKeys(words []uint32, freq *align.Frequencies) []uint64 {
	var buf []rankedWord
	return rareKeys(words, freq, &buf, nil)
}

// AlignPair aligns a rewrite candidate, documents a and b (a.Index <
// b.Index, with their content sets) and their sentences. existing is the
// pair's verified shingle link, nil for none; a pair whose link is
// already a copy is not aligned. It returns the link to keep: existing
// with its alignment, or a new rewritten copy; false when there is none
// (existing then stays as it was).
func (o Options) AlignPair(a, b *Doc, sa, sb *Sentences, existing *Link, freq *align.Frequencies) (Link, bool) {
	if existing != nil && o.IsCopy(*existing) {
		return Link{}, false
	}
	pa, pb := sa.profile(), sb.profile()
	return o.alignCandidate(pa, pb, align.Vectorize(pa, freq), align.Vectorize(pb, freq), existing,
		func() Link { return measure(a, b) })
}
