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

// Add fingerprints the articles sc was given with the index's boilerplate
// model and writes them in one transaction, with the pairs they form with
// each other and with indexed articles, then merges postings runs that are
// due (see compactInSteps). sc must have been made with AddOptions; the
// articles must not be in the index (see Lookup).
func (ix *Index) Add(ctx context.Context, sc *match.Scanner) (AddStats, error) {
	if ix.readOnly {
		return AddStats{}, &Error{ix.path, "index opened read-only", nil}
	}
	p, err := ix.prepare(ctx, sc)
	if err != nil || len(p.Docs) == 0 {
		return AddStats{}, err
	}
	docs := p.Docs
	keys, inBatch, warnings, err := matchBatch(sc, docs)
	if err != nil {
		return AddStats{}, err
	}
	stats := AddStats{Added: len(docs), Warnings: warnings}
	err = guard(ix.path, func() error {
		return ix.db.Update(func(tx *bbolt.Tx) error {
			next := nextNum(tx)
			// A damaged next number would write new records over
			// old ones.
			if k, _ := tx.Bucket(bucketDocs).Cursor().Last(); k != nil && (len(k) != 8 || binary.BigEndian.Uint64(k) >= uint64(next)) {
				return damaged("the next article number %d is not past the last article's", next)
			}
			if uint64(next)+uint64(len(docs)) > maxDocs {
				return &Error{ix.path, fmt.Sprintf("index is full (%d article numbers); rebuild it", maxDocs), nil}
			}
			found, _, warn, err := ix.linkNew(tx, sc, docs, keys, ix.dead)
			if err != nil {
				return err
			}
			stats.Warnings = append(stats.Warnings, warn...)
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
			for i, ls := range found {
				for _, nl := range ls {
					link(next+uint32(i), nl.other, nl.link.Shared, len(docs[i].Set), nl.otherLen)
				}
			}
			if err := writeDocs(tx, docs, next, ix.sums()); err != nil {
				return err
			}
			if err := writeAdjacency(tx, adj, ix.sums()); err != nil {
				return err
			}
			var postings []uint64
			for i, ks := range keys {
				for _, k := range ks {
					postings = append(postings, posting(k, next+uint32(i)))
				}
			}
			slices.Sort(postings)
			if err := writeRun(tx, postings, ix.sums()); err != nil {
				return err
			}
			if err := putBoilerplate(tx, p.Used, ix.sums()); err != nil {
				return err
			}
			if err := setArticleCount(tx, articleCount(tx)+len(docs)); err != nil {
				return err
			}
			return tx.Bucket(bucketMeta).Put(keyNext, numKey(next+uint32(len(docs))))
		})
	})
	if err != nil {
		return AddStats{}, err
	}
	// Merging runs after the commit, in steps, keeps an add's memory to
	// its own articles. The articles are in whether or not it finishes:
	// an interrupted merge is left for the next add.
	err = guard(ix.path, func() error {
		var err error
		stats.Merges, err = ix.compactInSteps(ctx)
		return err
	})
	if err != nil && !errors.Is(err, context.Canceled) {
		return stats, err
	}
	return stats, nil
}

// prepare waits for sc's fingerprints and prepares them with the index's
// boilerplate model, which the result's Used then extends. The index's
// lock keeps the model unchanged until an add stores Used.
func (ix *Index) prepare(ctx context.Context, sc *match.Scanner) (*match.Prepared, error) {
	bp, err := ix.Boilerplate()
	if err != nil {
		sc.Abort()
		return nil, err
	}
	return sc.Prepare(ctx, bp)
}

// matchBatch takes the new documents' candidate keys and links them with
// each other.
func matchBatch(sc *match.Scanner, docs []*match.Doc) ([][]uint64, []match.Link, []string, error) {
	keys := make([][]uint64, len(docs))
	for i, d := range docs {
		k, err := sc.Keys(d)
		if err != nil {
			return nil, nil, nil, err
		}
		keys[i] = k
	}
	links, warnings, err := sc.Match(docs)
	return keys, links, warnings, err
}

func nextNum(tx *bbolt.Tx) uint32 {
	if v := tx.Bucket(bucketMeta).Get(keyNext); len(v) == 8 {
		return uint32(binary.BigEndian.Uint64(v))
	}
	return 0
}

func writeDocs(tx *bbolt.Tx, docs []*match.Doc, next uint32, sums bool) error {
	db, ids := tx.Bucket(bucketDocs), tx.Bucket(bucketIDs)
	db.FillPercent = 1 // numbers only grow
	for i, d := range docs {
		if ids.Get([]byte(d.ID)) != nil {
			return fmt.Errorf("%s: article id %q is already in the index", d.Pos, d.ID)
		}
		v, err := newRecord(d).encode(sums)
		if err != nil {
			return err
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
func writeAdjacency(tx *bbolt.Tx, adj map[uint32][]adjacent, sums bool) error {
	b := tx.Bucket(bucketLinks)
	nums := make([]uint32, 0, len(adj))
	for n := range adj {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	for _, n := range nums {
		v, err := getAdjacency(b, n, sums)
		if err != nil {
			return err
		}
		if err := putAdjacency(b, n, append(v, adj[n]...), sums); err != nil {
			return err
		}
	}
	return nil
}

// putBoilerplate stores the boilerplate model: the stored one with what
// the added articles taught merged in (match.Prepared.Used).
func putBoilerplate(tx *bbolt.Tx, bp *match.Boilerplate, sums bool) error {
	v, err := bp.MarshalBinary()
	if err != nil {
		return err
	}
	if sums {
		v = seal(v)
	}
	return tx.Bucket(bucketMeta).Put(keyBoilerplate, v)
}
