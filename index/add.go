package index

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/wiretrace/wiretrace/match"
	"go.etcd.io/bbolt"
)

// AddStats says what an add did.
type AddStats struct {
	Added    int      // articles written
	Links    int      // verified pairs stored (new with new, new with indexed)
	Merges   int      // postings runs merged
	Warnings []string // LSH buckets left unexpanded
}

// Add writes prepared articles to the index in one transaction, with the
// pairs they form with each other and with indexed articles, then merges
// postings runs that are due (see compactInSteps). sc must have
// been made with AddOptions and prepared with the index's boilerplate
// model; the articles must not be in the index (see Lookup).
func (ix *Index) Add(ctx context.Context, sc *match.Scanner, p *match.Prepared) (AddStats, error) {
	if ix.readOnly {
		return AddStats{}, &Error{ix.path, "index opened read-only", nil}
	}
	docs := p.Docs
	keys, inBatch, warnings := matchBatch(sc, docs)
	stats := AddStats{Added: len(docs), Warnings: warnings}
	err := ix.db.Update(func(tx *bbolt.Tx) error {
		next := nextNum(tx)
		if uint64(next)+uint64(len(docs)) > maxDocs {
			return &Error{ix.path, fmt.Sprintf("index is full (%d article numbers); rebuild it", maxDocs), nil}
		}
		runs, err := loadRuns(tx)
		if err != nil {
			return err
		}
		indexed := articleCount(tx)
		total := indexed + len(docs)
		cands, warn := candidates(runs, keys, sc.Options(), total, ix.dead, ix.warm)
		stats.Warnings = append(stats.Warnings, warn...)
		old, err := loadRecords(tx, distinct(cands), sc.Options().Workers)
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		adj := map[uint32][]adjacent{}
		link := func(a, b uint32, shared, lenA, lenB int) {
			adj[a] = append(adj[a], adjacent{b, uint32(shared), uint32(lenB)})
			adj[b] = append(adj[b], adjacent{a, uint32(shared), uint32(lenA)})
			stats.Links++
		}
		for _, l := range inBatch {
			link(next+uint32(l.A), next+uint32(l.B), l.Shared, len(docs[l.A].Set), len(docs[l.B].Set))
		}
		for i, l := range verifyAgainst(sc, docs, cands, old) {
			for _, v := range l {
				link(next+uint32(i), v.other, int(v.shared), len(docs[i].Set), int(v.otherLen))
			}
		}
		if err := writeDocs(tx, docs, next); err != nil {
			return err
		}
		if err := writeAdjacency(tx, adj); err != nil {
			return err
		}
		var postings []uint64
		for i, ks := range keys {
			for _, k := range ks {
				postings = append(postings, posting(k, next+uint32(i)))
			}
		}
		slices.Sort(postings)
		if err := writeRun(tx, postings); err != nil {
			return err
		}
		if err := mergeBoilerplate(tx, p.Learned); err != nil {
			return err
		}
		if err := setArticleCount(tx, total); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keyNext, numKey(next+uint32(len(docs))))
	})
	if err != nil {
		return AddStats{}, err
	}
	// Merging runs after the commit, in steps, keeps an add's memory to
	// its own articles. The articles are in whether or not it finishes:
	// an interrupted merge is left for the next add.
	if stats.Merges, err = ix.compactInSteps(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return stats, err
	}
	return stats, nil
}

// matchBatch takes the new documents' candidate keys and links them with
// each other.
func matchBatch(sc *match.Scanner, docs []*match.Doc) ([][]uint64, []match.Link, []string) {
	keys := make([][]uint64, len(docs))
	for i, d := range docs {
		keys[i] = d.Keys()
	}
	links, warnings := sc.Match(docs)
	return keys, links, warnings
}

func nextNum(tx *bbolt.Tx) uint32 {
	if v := tx.Bucket(bucketMeta).Get(keyNext); len(v) == 8 {
		return uint32(binary.BigEndian.Uint64(v))
	}
	return 0
}

// verifyAgainst verifies each new document against its indexed
// candidates, in parallel; out[i] lists document i's verified pairs.
func verifyAgainst(sc *match.Scanner, docs []*match.Doc, cands [][]uint32, old map[uint32]*record) [][]adjacent {
	out := make([][]adjacent, len(docs))
	each(len(docs), sc.Options().Workers, func(i int) {
		for _, c := range cands[i] {
			r := old[c]
			other := &match.Doc{Index: len(docs), Set: r.Set}
			if l, ok := sc.Verify(docs[i], other); ok {
				out[i] = append(out[i], adjacent{c, uint32(l.Shared), uint32(len(r.Set))})
			}
		}
	})
	return out
}

func writeDocs(tx *bbolt.Tx, docs []*match.Doc, next uint32) error {
	db, ids := tx.Bucket(bucketDocs), tx.Bucket(bucketIDs)
	db.FillPercent = 1 // numbers only grow
	for i, d := range docs {
		v, err := newRecord(d).encode()
		if err != nil {
			return err
		}
		if ids.Get([]byte(d.ID)) != nil {
			return fmt.Errorf("%s: article id %q is already in the index", d.Pos, d.ID)
		}
		if err := db.Put(numKey(next+uint32(i)), v); err != nil {
			return err
		}
		if err := ids.Put([]byte(d.ID), numKey(next+uint32(i))); err != nil {
			return err
		}
	}
	return nil
}

// writeAdjacency appends new pairs to each article's list, in article
// order so the file does not depend on map order.
func writeAdjacency(tx *bbolt.Tx, adj map[uint32][]adjacent) error {
	b := tx.Bucket(bucketLinks)
	nums := make([]uint32, 0, len(adj))
	for n := range adj {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	for _, n := range nums {
		v := slices.Clone(b.Get(numKey(n)))
		for _, a := range adj[n] {
			v = appendAdjacent(v, a)
		}
		if err := b.Put(numKey(n), v); err != nil {
			return err
		}
	}
	return nil
}

func mergeBoilerplate(tx *bbolt.Tx, learned *match.Boilerplate) error {
	bp, err := loadBoilerplate(tx)
	if err != nil {
		return err
	}
	if bp == nil {
		bp = learned
	} else {
		bp.Merge(learned)
	}
	v, err := bp.MarshalBinary()
	if err != nil {
		return err
	}
	return tx.Bucket(bucketMeta).Put(keyBoilerplate, v)
}
