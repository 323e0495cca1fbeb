package pipeline

import (
	"encoding/binary"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"
	"github.com/wiretrace/wiretrace/align"
	"github.com/wiretrace/wiretrace/match"
)

func init() {
	// Generic registration spares the workers reflection on every call.
	register.DoFn5x1[int64, []byte, func(*[]byte) bool, func(int64, []byte), func(int64), error](&wordsFn{})
	register.DoFn5x1[int64, []byte, func(*int64, *[]byte) bool, func(*int64) bool, func(int64, []byte), error](&rareKeysFn{})
	register.Iter2[int64, []byte]()
}

// rewriteCandidates is the first half of the rewrite channel
// (match/rewrite_stages.go) spread over workers: the word document
// frequencies are summed in shards of words (as many as key shards) and
// handed to the workers that need them as a side input (a map of the
// vocabulary, built on each worker in time linear in the sum of the
// frequencies); each document's rare-word keys are grouped as candidate
// keys are (keyPairs). It returns the pairs sharing match.RareKeysShared
// of them, and the frequencies (shards, and the number of documents with
// words) for alignment, which verify runs.
func rewriteCandidates(s beam.Scope, cfg Config, sentences, info beam.PCollection) (pairs, df, docsWithWords beam.PCollection) {
	s = s.Scope("rewrites")
	words, withWords := beam.ParDo2(s, &wordsFn{}, sentences, beam.SideInput{Input: info})
	df = beam.CombinePerKey(s, &sumWordsFn{}, words)
	docsWithWords = stats.Sum(s, withWords)
	rare := beam.ParDo(s, &rareKeysFn{}, sentences, beam.SideInput{Input: df}, beam.SideInput{Input: docsWithWords})
	pairs, _ = keyPairs(s, cfg, rare, info, true)
	return pairs, df, docsWithWords
}

// wordsFn sends a document's distinct words, each counted once, one
// batch per word shard, and counts the document when it has words (the
// frequencies' document count).
type wordsFn struct {
	info *meta // the side input, decoded once per instance
}

func (f *wordsFn) ProcessElement(_ int64, b []byte, infos func(*[]byte) bool, emit func(int64, []byte), withWords func(int64)) error {
	if f.info == nil {
		info, err := oneMeta(infos)
		if err != nil {
			return err
		}
		f.info = info
	}
	sent, err := match.UnmarshalSentences(b)
	if err != nil {
		return err
	}
	ws := sent.Words()
	bits := shardBits(f.info)
	byShard := map[int64][]byte{}
	for _, w := range ws {
		sh := int64(w & (1<<bits - 1))
		byShard[sh] = binary.LittleEndian.AppendUint32(byShard[sh], w)
	}
	for sh, batch := range byShard {
		emit(sh, batch)
	}
	if len(ws) > 0 {
		withWords(1)
	}
	return nil
}

// frequencies builds the word frequencies from the side inputs.
func frequencies(dfs func(*int64, *[]byte) bool, docs func(*int64) bool) (*align.Frequencies, error) {
	df := map[uint32]int{}
	var sh int64
	var b []byte
	for dfs(&sh, &b) {
		if err := readCounts(b, func(w uint32, n int64) { df[w] = int(n) }); err != nil {
			return nil, err
		}
	}
	var total int64
	docs(&total)
	return match.NewWordFrequencies(int(total), df), nil
}

// rareKeysFn gives a document's rare-word keys, packed.
type rareKeysFn struct {
	freq *align.Frequencies // from the side inputs, once per instance
}

func (f *rareKeysFn) ProcessElement(idx int64, b []byte, dfs func(*int64, *[]byte) bool, docs func(*int64) bool, emit func(int64, []byte)) error {
	if f.freq == nil {
		freq, err := frequencies(dfs, docs)
		if err != nil {
			return err
		}
		f.freq = freq
	}
	sent, err := match.UnmarshalSentences(b)
	if err != nil {
		return err
	}
	if keys := match.RareKeys(sent.Words(), f.freq); len(keys) > 0 {
		emit(idx, packSet(nil, keys))
	}
	return nil
}
