package index

import (
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/wiretrace/wiretrace/match"
	"go.etcd.io/bbolt"
)

// hit is an indexed article sharing a key with a new one, and the key's
// weight in the candidate rule.
type hit struct {
	doc    uint32
	weight int32
}

// candidates returns, for each new document, the indexed articles that
// reach the candidate rule of package match: one shared band key, or
// MinFingerprints shared fingerprints. keys[i] are document i's keys
// (match.Scanner.Keys); total is the number of articles the query spans, for
// the stock-phrase limit.
func candidates(runs []*run, keys [][]uint64, o match.Options, total int, skip map[uint32]bool, warm func([]*run)) ([][]uint32, []string) {
	var queries []uint64
	for i, ks := range keys {
		for _, k := range ks {
			queries = append(queries, posting(k, uint32(i)))
		}
	}
	slices.Sort(queries)
	common := o.CommonDocs
	if common == 0 {
		common = max(50, total/200)
	}
	minFP := int32(o.MinFingerprints)
	hits := make([][]hit, len(keys))
	overfull, largest := 0, 0
	keyHits(runs, queries, skip, warm, func(key uint64, qs []uint64, docs []uint32) {
		weight := int32(1)
		if match.IsBandKey(key) {
			weight = minFP
			if len(docs) > o.MaxBucket {
				overfull++
				largest = max(largest, len(docs))
				return
			}
		} else if len(docs) >= common {
			return // as common as a stock phrase: no signal
		}
		for _, q := range qs {
			i := postingDoc(q)
			for _, d := range docs {
				hits[i] = append(hits[i], hit{d, weight})
			}
		}
	})
	out := make([][]uint32, len(keys))
	for i, hs := range hits {
		slices.SortFunc(hs, func(a, b hit) int { return int(a.doc) - int(b.doc) })
		for a := 0; a < len(hs); {
			b, sum := a, int32(0)
			for ; b < len(hs) && hs[b].doc == hs[a].doc; b++ {
				sum += hs[b].weight
			}
			if sum >= minFP {
				out[i] = append(out[i], hs[a].doc)
			}
			a = b
		}
	}
	var warnings []string
	if overfull > 0 {
		warnings = append(warnings, fmt.Sprintf("%d LSH buckets of the index held more than the --max-bucket limit of documents (largest %d) and were not expanded", overfull, largest))
	}
	return out, warnings
}

// load reads the records of the given article numbers and decodes them
// (in parallel) with decode. The map holds every number asked for.
func load[T any](tx *bbolt.Tx, nums []uint32, workers int, decode func([]byte) (T, error)) (map[uint32]T, error) {
	raw := make([][]byte, len(nums))
	docs := tx.Bucket(bucketDocs)
	for i, n := range nums {
		if raw[i] = docs.Get(numKey(n)); raw[i] == nil {
			return nil, damaged("article %d is in the postings or links but has no record", n)
		}
	}
	vals := make([]T, len(nums))
	errs := make([]error, len(nums))
	if err := each(len(nums), workers, func(i int) { vals[i], errs[i] = decode(raw[i]) }); err != nil {
		return nil, err
	}
	out := make(map[uint32]T, len(nums))
	for i, n := range nums {
		if errs[i] != nil {
			return nil, damaged("article %d: %v", n, errs[i])
		}
		out[n] = vals[i]
	}
	return out, nil
}

// newLink is a verified pair of a new document and an indexed article.
type newLink struct {
	doc      int
	other    uint32
	otherLen int        // the indexed article's set size
	link     match.Link // A the new document, B the indexed one (Index -1)
}

// linkNew finds the indexed articles the new documents share text with:
// the candidates of their keys, verified against the stored sets under
// sc's options. found[i] lists document i's pairs; candidates counts the
// indexed articles that reached the candidate rule.
func (ix *Index) linkNew(tx *bbolt.Tx, sc *match.Scanner, docs []*match.Doc, keys [][]uint64, skip map[uint32]bool) (found [][]newLink, candidateCount int, warnings []string, err error) {
	runs, err := loadRuns(tx, ix.sums())
	if err != nil {
		return nil, 0, nil, err
	}
	sums := ix.sums()
	workers := sc.Options().Workers
	cands, warnings := candidates(runs, keys, sc.Options(), articleCount(tx)+len(docs), skip, ix.warm)
	all := distinct(cands)
	sets, err := load(tx, all, workers, func(b []byte) ([]uint64, error) { return decodeSet(b, sums) })
	if err != nil {
		return nil, 0, nil, err
	}
	found = make([][]newLink, len(docs))
	err = each(len(docs), workers, func(i int) {
		for _, c := range cands[i] {
			if l, ok := sc.Verify(docs[i], &match.Doc{Index: -1, Set: sets[c]}); ok {
				found[i] = append(found[i], newLink{i, c, len(sets[c]), l})
			}
		}
	})
	return found, len(all), warnings, err
}

// each calls fn(i) for i in [0, n) on the given number of goroutines; fn
// writes only to slots of its own i. fn may read the file's map: a fault
// or panic there is returned as damage (guardGo).
func each(n, workers int, fn func(i int)) error {
	workers = max(1, min(workers, n))
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			errs[w] = guardGo(func() {
				for i := w; i < n; i += workers {
					fn(i)
				}
			})
		}(w)
	}
	wg.Wait()
	return errors.Join(errs...)
}

// distinct returns the sorted distinct numbers of lists.
func distinct(lists [][]uint32) []uint32 {
	var all []uint32
	for _, l := range lists {
		all = append(all, l...)
	}
	slices.Sort(all)
	return slices.Compact(all)
}
