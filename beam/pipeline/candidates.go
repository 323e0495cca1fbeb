package pipeline

import (
	"sort"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"
	"github.com/wiretrace/wiretrace/match"
)

func init() {
	// Generic registration spares the workers reflection on every call.
	register.DoFn3x1[int64, []byte, func(int64, int64), error](&emitKeysFn{})
	register.DoFn5x1[int64, func(*int64) bool, func(*[]byte) bool, func(int64, int64), func(int64), error](&expandKeyFn{})
	register.DoFn3x0[int64, int64, func(int64)](&keepCandidateFn{})
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
// The rules are match's (candidates.go: buildGroups and findLinks), which
// are unexported and run over one in-memory array: the shuffle here is
// the distributed form of its sort, and the few lines of rules are
// restated. An exported match.Options.KeyWeight (see docs/beam.md, Gaps)
// would remove the restatement.
func candidates(s beam.Scope, cfg Config, docs, info beam.PCollection) (pairs, overfull beam.PCollection) {
	s = s.Scope("candidates")
	keys := beam.ParDo(s, &emitKeysFn{}, docs)
	weighted, overfull := beam.ParDo2(s, &expandKeyFn{Cfg: cfg}, beam.GroupByKey(s, keys), beam.SideInput{Input: info})
	counts := stats.SumPerKey(s, weighted)
	return beam.ParDo(s, &keepCandidateFn{Min: int64(cfg.Match.MinFingerprints)}, counts), overfull
}

// emitKeysFn emits (key bits, document) for every candidate key.
type emitKeysFn struct{}

func (f *emitKeysFn) ProcessElement(idx int64, b []byte, emit func(int64, int64)) error {
	p, err := decode[prepared](b)
	if err != nil {
		return err
	}
	for _, k := range p.Keys {
		emit(int64(k>>docBits), idx)
	}
	return nil
}

// expandKeyFn turns one key's documents into weighted pairs.
type expandKeyFn struct {
	Cfg  Config
	info *meta // the side input, decoded once per instance
}

func (f *expandKeyFn) ProcessElement(key int64, docs func(*int64) bool, infos func(*[]byte) bool, emit func(int64, int64), overfull func(int64)) error {
	if f.info == nil {
		info, err := oneMeta(infos)
		if err != nil {
			return err
		}
		f.info = info
	}
	info := f.info
	var ds []int64
	var d int64
	for docs(&d) {
		ds = append(ds, d)
	}
	if len(ds) < 2 {
		return nil
	}
	band := match.IsBandKey(uint64(key) << docBits)
	switch {
	case band && len(ds) > f.Cfg.Match.MaxBucket:
		overfull(int64(len(ds)))
		return nil
	case !band && len(ds) >= info.CommonDocs:
		return nil // as common as a stock phrase: a hash collision
	}
	weight := int64(1)
	if band {
		weight = int64(f.Cfg.Match.MinFingerprints)
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	// Every distinct document counts each later entry, entries being
	// counted with their multiplicity, as match does.
	for i := 0; i < len(ds); i++ {
		if i > 0 && ds[i] == ds[i-1] {
			continue
		}
		for _, o := range ds[i+1:] {
			if o > ds[i] {
				emit(ds[i]<<32|o, weight)
			}
		}
	}
	return nil
}

type keepCandidateFn struct{ Min int64 }

func (f *keepCandidateFn) ProcessElement(pair, n int64, emit func(int64)) {
	if n >= f.Min {
		emit(pair)
	}
}

// oneMeta reads the meta side input (empty when no article was read).
func oneMeta(infos func(*[]byte) bool) (*meta, error) {
	var b []byte
	if !infos(&b) {
		return &meta{}, nil
	}
	return decode[meta](b)
}
