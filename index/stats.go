package index

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"

	"go.etcd.io/bbolt"
)

// Stats describe an index.
type Stats struct {
	Settings    Settings `json:"settings"`
	Articles    int      `json:"articles"`
	Outlets     int      `json:"outlets"`
	Links       int      `json:"links"`
	Runs        []int    `json:"runs"` // postings per run, largest first
	Postings    int      `json:"postings"`
	Removed     int      `json:"removed"` // removed articles whose postings may remain
	Boilerplate int      `json:"boilerplate_keys"`
	FileBytes   int64    `json:"file_bytes"`
	// BytesPerArticle is the file size over the articles it holds.
	BytesPerArticle int64 `json:"bytes_per_article"`
}

// Stats counts what the index holds. Counting outlets reads every record.
func (ix *Index) Stats() (Stats, error) {
	st := Stats{Settings: ix.settings, Runs: []int{}}
	sums := ix.sums()
	err := guard(ix.path, func() error {
		return ix.db.View(func(tx *bbolt.Tx) error {
			st.Articles = articleCount(tx)
			st.Removed = tx.Bucket(bucketDead).Stats().KeyN
			outlets := map[string]bool{}
			if err := tx.Bucket(bucketDocs).ForEach(func(k, v []byte) error {
				head, _, err := splitRecord(v, sums)
				var r struct{ Outlet string }
				if err == nil {
					err = json.Unmarshal(head, &r)
				}
				if err != nil {
					return damaged("article %d: %v", binary.BigEndian.Uint64(k), err)
				}
				outlets[r.Outlet] = true
				return nil
			}); err != nil {
				return err
			}
			st.Outlets = len(outlets)
			if err := tx.Bucket(bucketLinks).ForEach(func(k, v []byte) error {
				adj, err := decodeAdjacency(uint32(binary.BigEndian.Uint64(k)), v, sums)
				st.Links += len(adj)
				return err
			}); err != nil {
				return err
			}
			st.Links /= 2
			runs, err := loadRuns(tx, sums)
			if err != nil {
				return err
			}
			for _, r := range runs {
				st.Runs = append(st.Runs, r.n)
				st.Postings += r.n
			}
			slices.Sort(st.Runs)
			slices.Reverse(st.Runs)
			bp, err := loadBoilerplate(tx, sums)
			if bp != nil {
				st.Boilerplate = bp.Size()
			}
			return err
		})
	})
	if fi, ferr := os.Stat(ix.path); ferr == nil {
		st.FileBytes = fi.Size()
		if st.Articles > 0 {
			st.BytesPerArticle = st.FileBytes / int64(st.Articles)
		}
	}
	return st, err
}

// Verify checks the file's pages (bbolt's own check) and that the index
// agrees with itself: every id names a record with that id, every record
// has its id, pairs are stored on both sides, runs are sorted, and every
// live posting names a record. It returns every problem found.
func (ix *Index) Verify() error {
	var problems []error
	add := func(format string, args ...any) {
		if len(problems) < 20 {
			problems = append(problems, fmt.Errorf(format, args...))
		}
	}
	sums := ix.sums()
	err := guard(ix.path, func() error {
		return ix.db.View(func(tx *bbolt.Tx) error {
			// bbolt's check runs in a goroutine of its own, where a fault
			// on a damaged page would end the process: walk every bucket
			// here first, under guard, so that it reads only pages that
			// were read safely.
			if err := walk(tx); err != nil {
				return err
			}
			for err := range tx.Check() {
				add("pages: %v", err)
			}
			ids, docs, links := tx.Bucket(bucketIDs), tx.Bucket(bucketDocs), tx.Bucket(bucketLinks)
			next := nextNum(tx)
			live := make([]bool, next)
			if err := docs.ForEach(func(k, v []byte) error {
				n := uint32(binary.BigEndian.Uint64(k))
				if n < next {
					live[n] = true
				}
				r, err := decodeRecord(v, sums)
				switch {
				case err != nil:
					add("article %d: %v", n, err)
				case n >= next:
					add("article %d is at or past the next number %d", n, next)
				default:
					if got := ids.Get([]byte(r.ID)); got == nil || uint32(binary.BigEndian.Uint64(got)) != n {
						add("article %d (%q) is not under its id", n, r.ID)
					}
				}
				return nil
			}); err != nil {
				return err
			}
			if n, m, c := ids.Stats().KeyN, docs.Stats().KeyN, articleCount(tx); n != m || m != c {
				add("%d ids, %d articles, %d counted", n, m, c)
			}
			if err := links.ForEach(func(k, v []byte) error {
				n := uint32(binary.BigEndian.Uint64(k))
				if docs.Get(k) == nil {
					add("links of missing article %d", n)
				}
				adj, err := decodeAdjacency(n, v, sums)
				if err != nil {
					add("%v", err)
					return nil
				}
				for _, a := range adj {
					back, _ := getAdjacency(links, a.other, sums)
					if !slices.ContainsFunc(back, func(b adjacent) bool { return b.other == n && b.shared == a.shared }) {
						add("pair %d-%d is stored on one side only", n, a.other)
					}
				}
				return nil
			}); err != nil {
				return err
			}
			runs, err := loadRuns(tx, sums)
			if err != nil {
				add("%v", err)
				return nil
			}
			for _, r := range runs {
				for i := range r.blocks {
					if err := r.checkBlock(i); err != nil {
						add("%v", err)
					}
				}
				for i := 0; i < r.n; i++ {
					p := r.at(i)
					if i > 0 && r.at(i-1) > p {
						add("postings run %d is not sorted at %d", r.id, i)
						break
					}
					if d := postingDoc(p); !ix.dead[d] && (d >= next || !live[d]) {
						add("postings run %d names missing article %d", r.id, d)
						break
					}
				}
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return &Error{ix.path, "index is damaged:\n" + errors.Join(problems...).Error() + "\n" + rebuildAdvice(ix.path), ErrDamaged}
	}
	return nil
}

// IDs returns the ids of every indexed article, sorted.
func (ix *Index) IDs() ([]string, error) {
	var out []string
	err := guard(ix.path, func() error {
		return ix.db.View(func(tx *bbolt.Tx) error {
			return tx.Bucket(bucketIDs).ForEach(func(k, _ []byte) error {
				out = append(out, string(k))
				return nil
			})
		})
	})
	return out, err
}

// walk reads every key and value of every bucket, nested ones included,
// so that a damaged page faults or fails bbolt's page assertion in the
// calling goroutine (under guard).
func walk(tx *bbolt.Tx) error {
	var sum uint32
	var visit func(b *bbolt.Bucket) error
	visit = func(b *bbolt.Bucket) error {
		return b.ForEach(func(k, v []byte) error {
			if v == nil {
				if child := b.Bucket(k); child != nil {
					return visit(child)
				}
			}
			sum ^= checksum(v) // reads every page of the value
			return nil
		})
	}
	err := tx.ForEach(func(_ []byte, b *bbolt.Bucket) error { return visit(b) })
	_ = sum
	return err
}
