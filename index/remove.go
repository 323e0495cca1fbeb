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
	err := ix.db.Update(func(tx *bbolt.Tx) error {
		idb, docs, links, dead := tx.Bucket(bucketIDs), tx.Bucket(bucketDocs), tx.Bucket(bucketLinks), tx.Bucket(bucketDead)
		for _, id := range ids {
			v := idb.Get([]byte(id))
			if v == nil {
				return &Error{ix.path, fmt.Sprintf("article %q is not in the index; nothing was removed", id), nil}
			}
			n := uint32(binary.BigEndian.Uint64(v))
			for _, a := range decodeAdjacency(links.Get(numKey(n))) {
				if err := dropAdjacent(links, a.other, n); err != nil {
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
	if err != nil {
		return err
	}
	for _, n := range removed {
		ix.dead[n] = true
	}
	return nil
}

// dropAdjacent removes the pairs with gone from n's list.
func dropAdjacent(links *bbolt.Bucket, n, gone uint32) error {
	adj := decodeAdjacency(links.Get(numKey(n)))
	adj = slices.DeleteFunc(adj, func(a adjacent) bool { return a.other == gone })
	var v []byte
	for _, a := range adj {
		v = appendAdjacent(v, a)
	}
	if len(v) == 0 {
		return links.Delete(numKey(n))
	}
	return links.Put(numKey(n), v)
}
