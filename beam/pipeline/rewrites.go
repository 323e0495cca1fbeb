package pipeline

import (
	"encoding/binary"
	"errors"

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
	register.DoFn1x2[[]byte, int64, []byte](&linkByPairFn{})
	register.DoFn1x2[int64, int64, int64](&onePerPairFn{})
	register.DoFn5x1[int64, func(*[]byte) bool, func(*int64) bool, func([]byte), func(int64, []byte), error](&decideFn{})
	register.DoFn5x1[int64, func(*[]byte) bool, func(*[]byte) bool, func(*[]byte) bool, func(int64, []byte), error](&attachSideAFn{})
	register.DoFn8x1[int64, func(*[]byte) bool, func(*[]byte) bool, func(*[]byte) bool, func(*int64, *[]byte) bool, func(*int64) bool, func([]byte), func([]byte), error](&alignFn{})
	register.Iter2[int64, []byte]()
}

// rewrites is the rewrite channel (match/rewrite_stages.go) spread over
// workers: the word document frequencies are summed in shards of words
// (as many as key shards), handed to the workers that need them as a
// side input (a map of the vocabulary, built on each worker in time
// linear in the sum of the frequencies);
// each document's rare-word keys are grouped as candidate keys are
// (keyPairs); each pair sharing match.RareKeysShared of them is joined
// with its shingle link, if any, and with both documents' sets and
// sentences, and aligned by match.Options.AlignPair. It returns every
// link: the shingle links, with their alignments, and the rewritten
// copies found.
func rewrites(s beam.Scope, cfg Config, docs, sentences, info, links beam.PCollection) beam.PCollection {
	s = s.Scope("rewrites")
	words, withWords := beam.ParDo2(s, &wordsFn{}, sentences, beam.SideInput{Input: info})
	df := beam.CombinePerKey(s, &sumWordsFn{}, words)
	docsWithWords := stats.Sum(s, withWords)
	rare := beam.ParDo(s, &rareKeysFn{}, sentences, beam.SideInput{Input: df}, beam.SideInput{Input: docsWithWords})
	pairs, _ := keyPairs(s, cfg, rare, info, true)
	kept, toAlign := beam.ParDo2(s, &decideFn{Cfg: cfg}, beam.CoGroupByKey(s, beam.ParDo(s, &linkByPairFn{}, links), beam.ParDo(s, &onePerPairFn{}, pairs)))
	sets := beam.ParDo(s, &setOfFn{}, docs)
	withA := beam.ParDo(s, &attachSideAFn{}, beam.CoGroupByKey(s, sets, sentences, toAlign))
	aligned, unchanged := beam.ParDo2(s, &alignFn{Cfg: cfg}, beam.CoGroupByKey(s, sets, sentences, withA),
		beam.SideInput{Input: df}, beam.SideInput{Input: docsWithWords})
	return beam.Flatten(s, kept, aligned, unchanged)
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

type linkByPairFn struct{}

func (f *linkByPairFn) ProcessElement(b []byte) (int64, []byte) {
	l, err := decode[match.Link](b)
	if err != nil {
		panic(err) // verify wrote it: a programming error
	}
	return int64(l.A)<<32 | int64(l.B), b
}

type onePerPairFn struct{}

func (f *onePerPairFn) ProcessElement(pair int64) (int64, int64) { return pair, 1 }

// alignRequest is a rewrite candidate on its way to alignment, with its
// shingle link if it has one, and then with a's set and sentences.
type alignRequest struct {
	A, B     int
	Existing *match.Link
	SetA     []byte
	SentA    []byte
}

// decideFn keeps a shingle link that is no rewrite candidate, or already
// a copy, as it is, and sends the other candidates to alignment, keyed
// by their first document.
type decideFn struct{ Cfg Config }

func (f *decideFn) ProcessElement(pair int64, links func(*[]byte) bool, cands func(*int64) bool, keep func([]byte), toAlign func(int64, []byte)) error {
	var b []byte
	var existing *match.Link
	if links(&b) {
		l, err := decode[match.Link](b)
		if err != nil {
			return err
		}
		existing = l
	}
	var one int64
	candidate := cands(&one)
	if !candidate || (existing != nil && f.Cfg.Match.IsCopy(*existing)) {
		if existing != nil {
			keep(b)
		}
		return nil
	}
	a, bb := int(pair>>32), int(pair&(1<<32-1))
	toAlign(int64(a), encode(alignRequest{A: a, B: bb, Existing: existing}))
	return nil
}

// attachSideAFn adds a's set and sentences to each of its requests and
// sends them on to b.
type attachSideAFn struct{}

func (f *attachSideAFn) ProcessElement(_ int64, sets func(*[]byte) bool, sents func(*[]byte) bool, reqs func(*[]byte) bool, emit func(int64, []byte)) error {
	var set, sent, b []byte
	if !sets(&set) || !sents(&sent) {
		if reqs(&b) {
			return errors.New("pipeline: a rewrite candidate names a document that was not prepared")
		}
		return nil
	}
	for reqs(&b) {
		r, err := decode[alignRequest](b)
		if err != nil {
			return err
		}
		r.SetA, r.SentA = set, sent
		emit(int64(r.B), encode(r))
	}
	return nil
}

// alignFn aligns each candidate with b's set and sentences: the aligned
// or rewritten link, or the shingle link unchanged when alignment finds
// nothing.
type alignFn struct {
	Cfg  Config
	freq *align.Frequencies // from the side inputs, once per instance
}

func (f *alignFn) ProcessElement(_ int64, sets func(*[]byte) bool, sents func(*[]byte) bool, reqs func(*[]byte) bool, dfs func(*int64, *[]byte) bool, docs func(*int64) bool, aligned func([]byte), unchanged func([]byte)) error {
	var setB, sentB, b []byte
	if !sets(&setB) || !sents(&sentB) {
		if reqs(&b) {
			return errors.New("pipeline: a rewrite candidate names a document that was not prepared")
		}
		return nil
	}
	if f.freq == nil {
		freq, err := frequencies(dfs, docs)
		if err != nil {
			return err
		}
		f.freq = freq
	}
	sb, err := match.UnmarshalSentences(sentB)
	if err != nil {
		return err
	}
	for reqs(&b) {
		r, err := decode[alignRequest](b)
		if err != nil {
			return err
		}
		sa, err := match.UnmarshalSentences(r.SentA)
		if err != nil {
			return err
		}
		da := &match.Doc{Index: r.A, Set: unpackSet(r.SetA)}
		db := &match.Doc{Index: r.B, Set: unpackSet(setB)}
		if l, ok := f.Cfg.Match.AlignPair(da, db, sa, sb, r.Existing, f.freq); ok {
			aligned(encode(l))
		} else if r.Existing != nil {
			unchanged(encode(*r.Existing))
		}
	}
	return nil
}
