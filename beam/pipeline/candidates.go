package pipeline

import (
	"encoding/binary"
	"errors"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/wiretrace/wiretrace/match"
)

func init() {
	// Generic registration spares the workers reflection on every call.
	register.DoFn4x1[int64, []byte, func(*[]byte) bool, func(int64, []byte), error](&emitKeysFn{})
	register.DoFn5x1[int64, []byte, func(*[]byte) bool, func(int64, []byte), func(int64), error](&expandShardFn{})
	register.DoFn3x1[int64, func(*[]byte) bool, func(int64), error](&sumPairsFn{})
}

// Candidate keys are grouped as match groups them: a key and a document
// index are packed into one 64-bit word (a 38-bit key, a 26-bit index),
// so two keys equal in their top 38 bits are one key there. The pipeline
// groups on the same bits so that it finds the same pairs.
const (
	docBits = 26
	maxDocs = 1 << docBits
)

// candidates groups band keys and winnowed fingerprints by key and counts,
// per document pair, the keys they share: a band key counts
// MinFingerprints, a fingerprint one, and a pair reaching MinFingerprints
// is a candidate. It returns the candidate pairs (packed a<<32|b) and the
// sizes of the LSH buckets too large to expand.
//
// Keys are not shuffled one by one (a million elements per 5,000
// articles, each costing the runner more than the work it carries): each
// article sends its keys as one batch per key shard, concatenated per
// shard by a combine (concatFn) on the sending worker, a shard's worker
// sorts its entries, expands every key into weighted pairs and sums them
// per pair, and sends its sums as one batch per pair shard, where they
// are added up. Pairs are not shuffled one by one either: the rewrite
// channel's rare words pair each document with over a hundred others,
// and a runner's state per key (Prism keeps a few hundred bytes for
// each) would outweigh the pairs. Shards hold about keysPerShard entries
// (8 MB), so their number grows with the corpus; there are as many pair
// shards as key shards.
//
// The rules are match's (match.Options.KeyWeight); the shuffle here is
// the distributed form of the sort that match runs over its key shards.
func candidates(s beam.Scope, cfg Config, keys, info beam.PCollection) (pairs, overfull beam.PCollection) {
	s = s.Scope("candidates")
	return keyPairs(s, cfg, keys, info, false)
}

// keyPairs groups documents' keys (document index, packed keys) and
// returns the pairs that share enough of them: candidate keys weighted by
// match.Options.KeyWeight or, when rare, the rewrite channel's rare-word
// keys weighted by match.RareKeyWeight.
func keyPairs(s beam.Scope, cfg Config, keyed, info beam.PCollection, rare bool) (pairs, overfull beam.PCollection) {
	batches := beam.ParDo(s, &emitKeysFn{}, keyed, beam.SideInput{Input: info})
	sums, overfull := beam.ParDo2(s, &expandShardFn{Cfg: cfg, Rare: rare}, beam.CombinePerKey(s, &concatFn{}, batches), beam.SideInput{Input: info})
	min := int64(cfg.Match.MinFingerprints)
	if rare {
		min = match.RareKeysShared
	}
	return beam.ParDo(s, &sumPairsFn{Min: min}, beam.GroupByKey(s, sums)), overfull
}

// keysPerShard is the number of (key, document) entries a key shard is
// cut for.
const keysPerShard = 1 << 20

// shardBits is the number of key bits that choose a shard.
func shardBits(info *meta) int {
	bits := 0
	for bits < 16 && info.Keys>>bits > keysPerShard {
		bits++
	}
	return bits
}

// entry packs a key's top 38 bits and a document index as match does.
func entry(key uint64, doc int64) uint64 { return key&^(maxDocs-1) | uint64(doc) }

// emitKeysFn sends a document's keys as entries, one batch per shard.
type emitKeysFn struct {
	info *meta
}

func (f *emitKeysFn) ProcessElement(idx int64, b []byte, infos func(*[]byte) bool, emit func(int64, []byte)) error {
	if f.info == nil {
		info, err := oneMeta(infos)
		if err != nil {
			return err
		}
		f.info = info
	}
	bits := shardBits(f.info)
	byShard := map[int64][]uint64{}
	for _, k := range unpackSet(b) {
		// The low bits of the packed key: the top bit tells band keys
		// from fingerprints, whose numbers differ.
		sh := int64(k>>docBits) & (1<<bits - 1)
		byShard[sh] = append(byShard[sh], entry(k, idx))
	}
	for sh, es := range byShard {
		emit(sh, packSet(nil, es))
	}
	return nil
}

// expandShardFn turns each key of a shard into weighted pairs, summed
// over the shard, and sends the sums to their pair shards.
type expandShardFn struct {
	Cfg  Config
	Rare bool  // rare-word keys of the rewrite channel
	info *meta // the side input, decoded once per instance
}

func (f *expandShardFn) ProcessElement(_ int64, batch []byte, infos func(*[]byte) bool, emit func(int64, []byte), overfull func(int64)) error {
	if f.info == nil {
		info, err := oneMeta(infos)
		if err != nil {
			return err
		}
		f.info = info
	}
	entries := unpackSet(batch)
	slices.Sort(entries)
	sums := map[int64]int64{}
	var ds []int64
	for i := 0; i < len(entries); {
		key := entries[i] >> docBits
		j := i
		ds = ds[:0]
		for ; j < len(entries) && entries[j]>>docBits == key; j++ {
			ds = append(ds, int64(entries[j]&(maxDocs-1)))
		}
		i = j
		if len(ds) < 2 {
			continue
		}
		w, over := f.Cfg.Match.KeyWeight(key<<docBits, len(ds), f.info.CommonDocs)
		if f.Rare {
			w, over = match.RareKeyWeight(len(ds)), false
		}
		if over {
			overfull(int64(len(ds)))
		}
		if w == 0 {
			continue
		}
		weight := int64(w)
		// Every distinct document counts each later entry, entries being
		// counted with their multiplicity, as match does.
		for a := range ds {
			if a > 0 && ds[a] == ds[a-1] {
				continue
			}
			for _, o := range ds[a+1:] {
				if o > ds[a] {
					sums[ds[a]<<32|o] += weight
				}
			}
		}
	}
	bits := shardBits(f.info)
	byShard := map[int64][]byte{}
	for pair, n := range sums {
		sh := pairShard(pair, bits)
		byShard[sh] = appendPairSum(byShard[sh], pair, n)
	}
	for sh, b := range byShard {
		emit(sh, b)
	}
	return nil
}

// pairShard chooses a pair's shard from both its documents' indexes.
func pairShard(pair int64, bits int) int64 {
	h := uint64(pair) * 0x9e3779b97f4a7c15 // Fibonacci hashing: a and b both count
	return int64(h >> 32 & (1<<bits - 1))
}

// appendPairSum packs a pair and its weight as two uvarints.
func appendPairSum(b []byte, pair, n int64) []byte {
	b = binary.AppendUvarint(b, uint64(pair))
	return binary.AppendUvarint(b, uint64(n))
}

// sumPairsFn adds up one pair shard's sums from every key shard and
// keeps the pairs that reach Min.
type sumPairsFn struct{ Min int64 }

func (f *sumPairsFn) ProcessElement(_ int64, batches func(*[]byte) bool, emit func(int64)) error {
	sums := map[int64]int64{}
	var b []byte
	for batches(&b) {
		for len(b) > 0 {
			pair, k := binary.Uvarint(b)
			if k <= 0 {
				return errors.New("pipeline: bad pair sums")
			}
			n, l := binary.Uvarint(b[k:])
			if l <= 0 {
				return errors.New("pipeline: bad pair sums")
			}
			sums[int64(pair)] += int64(n)
			b = b[k+l:]
		}
	}
	for pair, n := range sums {
		if n >= f.Min {
			emit(pair)
		}
	}
	return nil
}

// oneMeta reads the meta side input (empty when no article was read).
func oneMeta(infos func(*[]byte) bool) (*meta, error) {
	var b []byte
	if !infos(&b) {
		return &meta{}, nil
	}
	return decode[meta](b)
}
