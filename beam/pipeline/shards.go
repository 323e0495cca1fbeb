package pipeline

import (
	"encoding/binary"
	"errors"
	"reflect"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/wiretrace/wiretrace/match"
)

// Counts that would be one element per word or per line (millions of
// tiny elements, and as many keys: a runner keeps state for each, a few
// hundred bytes on Prism) are summed in shards instead: each document
// sends one batch per shard to a combine whose accumulator is the
// shard's map, so that a worker sends the runner one accumulator per
// shard and bundle, and each shard's sums meet on one worker. Shingle
// and key entries are gathered the same way (concatFn): one batch per
// document and shard would make documents × shards elements.

func init() {
	beam.RegisterCoder(reflect.TypeOf(wordCounts(nil)), encodeWordCounts, decodeWordCounts)
	register.Combiner3[wordCounts, []byte, []byte](&sumWordsFn{})
	beam.RegisterCoder(reflect.TypeOf(lineCounts(nil)), encodeLineCounts, decodeLineCounts)
	register.Combiner3[lineCounts, []byte, []byte](&mergeLinesFn{})
	register.Combiner1[[]byte](&concatFn{})
}

// concatFn concatenates a shard's batches.
type concatFn struct{}

func (f *concatFn) CreateAccumulator() []byte { return nil }

// AddInput appends to an accumulator, which the combine owns; a batch is
// only read.
func (f *concatFn) AddInput(acc, b []byte) []byte { return append(acc, b...) }

func (f *concatFn) MergeAccumulators(a, b []byte) []byte { return append(a, b...) }

func (f *concatFn) ExtractOutput(acc []byte) []byte { return acc }

// wordCounts is a word shard's document frequencies.
type wordCounts map[uint32]int64

// appendCount packs a word and its count as two uvarints.
func appendCount(b []byte, w uint32, n int64) []byte {
	b = binary.AppendUvarint(b, uint64(w))
	return binary.AppendUvarint(b, uint64(n))
}

// readCounts calls fn for each word and count packed in b.
func readCounts(b []byte, fn func(w uint32, n int64)) error {
	for len(b) > 0 {
		w, k := binary.Uvarint(b)
		if k <= 0 || w > 1<<32-1 {
			return errors.New("pipeline: bad word counts")
		}
		n, l := binary.Uvarint(b[k:])
		if l <= 0 {
			return errors.New("pipeline: bad word counts")
		}
		fn(uint32(w), int64(n))
		b = b[k+l:]
	}
	return nil
}

func encodeWordCounts(c wordCounts) []byte {
	ws := make([]uint32, 0, len(c))
	for w := range c {
		ws = append(ws, w)
	}
	slices.Sort(ws)
	var b []byte
	for _, w := range ws {
		b = appendCount(b, w, c[w])
	}
	return b
}

func decodeWordCounts(b []byte) (wordCounts, error) {
	c := wordCounts{}
	err := readCounts(b, func(w uint32, n int64) { c[w] += n })
	return c, err
}

// sumWordsFn sums a word shard's counts; its inputs are a document's
// words of the shard (4 bytes each, little-endian), each counted once,
// and its output the shard's counts packed.
type sumWordsFn struct{}

func (f *sumWordsFn) CreateAccumulator() wordCounts { return wordCounts{} }

func (f *sumWordsFn) AddInput(c wordCounts, words []byte) wordCounts {
	for i := 0; i+4 <= len(words); i += 4 {
		c[binary.LittleEndian.Uint32(words[i:])]++
	}
	return c
}

func (f *sumWordsFn) MergeAccumulators(a, b wordCounts) wordCounts {
	for w, n := range b {
		a[w] += n
	}
	return a
}

func (f *sumWordsFn) ExtractOutput(c wordCounts) []byte { return encodeWordCounts(c) }

// lineCounts is a line shard's counts by key (match.LineCount.Key).
type lineCounts map[string]match.LineCount

func encodeLineCounts(c lineCounts) []byte {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	all := make([]match.LineCount, len(keys))
	for i, k := range keys {
		all[i] = c[k]
	}
	return encode(all)
}

func decodeLineCounts(b []byte) (lineCounts, error) {
	all, err := decode[[]match.LineCount](b)
	if err != nil {
		return nil, err
	}
	c := lineCounts{}
	for _, lc := range *all {
		c.add(lc)
	}
	return c, nil
}

func (c lineCounts) add(lc match.LineCount) {
	k := lc.Key()
	if old, ok := c[k]; ok {
		lc = old.Merge(lc)
	}
	c[k] = lc
}

// mergeLinesFn sums a line shard's counts (match.LineCount.Merge); its
// inputs are a document's counts of the shard, gob-encoded, and its
// output the shard's sums.
type mergeLinesFn struct{}

func (f *mergeLinesFn) CreateAccumulator() lineCounts { return lineCounts{} }

func (f *mergeLinesFn) AddInput(c lineCounts, b []byte) (lineCounts, error) {
	lcs, err := decode[[]match.LineCount](b)
	if err != nil {
		return nil, err
	}
	for _, lc := range *lcs {
		c.add(lc)
	}
	return c, nil
}

func (f *mergeLinesFn) MergeAccumulators(a, b lineCounts) lineCounts {
	for _, lc := range b {
		a.add(lc)
	}
	return a
}

func (f *mergeLinesFn) ExtractOutput(c lineCounts) []byte { return encodeLineCounts(c) }
