package index

import (
	"encoding/binary"
	"fmt"
	"slices"

	"go.etcd.io/bbolt"
)

// Remove deletes articles by id in one transaction: their records, ids and
// links, and the links other articles have to them. Their postings stay in
// the runs until a merge drops them; lookups skip them. An id not in the
// index fails the whole removal.
func (ix *Index) Remove(ids []string) error {
	if ix.readOnly {
		return &Error{ix.path, "index opened read-only", nil}
	}
	var removed []uint32
	sums := ix.sums()
	err := guard(ix.path, func() error {
		return ix.db.Update(func(tx *bbolt.Tx) error {
			idb, docs, links, dead := tx.Bucket(bucketIDs), tx.Bucket(bucketDocs), tx.Bucket(bucketLinks), tx.Bucket(bucketDead)
			for _, id := range ids {
				v := idb.Get([]byte(id))
				if v == nil {
					return &Error{ix.path, fmt.Sprintf("article %q is not in the index; nothing was removed", id), nil}
				}
				n := uint32(binary.BigEndian.Uint64(v))
				// A damaged id must not remove another article.
				if r, err := getRecord(tx, n, sums); err != nil {
					return err
				} else if r.ID != id {
					return damaged("id %q leads to article %d, whose record says %q", id, n, r.ID)
				}
				adj, err := getAdjacency(links, n, sums)
				if err != nil {
					return err
				}
				for _, a := range adj {
					if err := dropAdjacent(links, a.other, n, sums); err != nil {
						return err
					}
				}
				for _, err := range []error{links.Delete(numKey(n)), docs.Delete(numKey(n)), idb.Delete([]byte(id)), dead.Put(numKey(n), nil)} {
					if err != nil {
						return err
					}
				}
				removed = append(removed, n)
			}
			return setArticleCount(tx, articleCount(tx)-len(removed))
		})
	})
	if err != nil {
		return err
	}
	for _, n := range removed {
		ix.dead[n] = true
	}
	return nil
}

// dropAdjacent removes the pairs with gone from n's list.
func dropAdjacent(links *bbolt.Bucket, n, gone uint32, sums bool) error {
	adj, err := getAdjacency(links, n, sums)
	if err != nil {
		return err
	}
	adj = slices.DeleteFunc(adj, func(a adjacent) bool { return a.other == gone })
	return putAdjacency(links, n, adj, sums)
}
