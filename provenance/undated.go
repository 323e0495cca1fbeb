package provenance

import (
	"slices"
	"strings"

	"github.com/wiretrace/wiretrace/corpus"
)

// Without dates, the text orders the versions. Copies are trimmed far
// more often than padded, and what a copier adds (a credit line, a
// footer) is its own: so the version sharing the most text with the
// others (the sum of its overlaps with each, so that text every copy
// took outweighs text two copies share) comes first, then the longer,
// then the first by id. The
// ids decide only when the texts cannot: then the origin's reason says so
// rather than calling it the earliest.

// undatedRanks is the text order of a story's undated full members.
type undatedRanks struct {
	rank map[int]int
	// decided is false when the first two are alike by both measures:
	// only their ids ordered them.
	decided bool
}

// ranks returns the ranks of x and y when both are undated.
func (u *undatedRanks) ranks(x, y int) (int, int, bool) {
	if u == nil {
		return 0, 0, false
	}
	rx, okx := u.rank[x]
	ry, oky := u.rank[y]
	return rx, ry, okx && oky
}

// undatedOrder ranks the full members that have no date, nil when fewer
// than two have none.
func (a *analyzer) undatedOrder(full []int, st *clusterState) *undatedRanks {
	var docs []int
	for _, d := range full {
		if a.clock[d].p == corpus.TimeNone {
			docs = append(docs, d)
		}
	}
	if len(docs) < 2 {
		return nil
	}
	st.countShingles(a)
	type key struct{ doc, shared, size int }
	keys := make([]key, len(docs))
	for i, d := range docs {
		n := 0 // the sum of its overlaps with every other member
		for _, h := range a.docs[d].Set {
			n += int(st.count[h]) - 1
		}
		keys[i] = key{d, n, len(a.docs[d].Set)}
	}
	slices.SortFunc(keys, func(x, y key) int {
		if x.shared != y.shared {
			return y.shared - x.shared
		}
		if x.size != y.size {
			return y.size - x.size
		}
		return strings.Compare(a.docs[x.doc].ID, a.docs[y.doc].ID)
	})
	u := &undatedRanks{rank: make(map[int]int, len(keys))}
	for i, k := range keys {
		u.rank[k.doc] = i
	}
	u.decided = keys[0].shared != keys[1].shared || keys[0].size != keys[1].size
	return u
}

// undatedRootReason says why an undated version was taken for the first.
func (u *undatedRanks) rootReason(root int) string {
	switch {
	case u == nil:
		return "no version is dated"
	case u.rank[root] != 0:
		return "no version is dated; those whose text would come first credit another version"
	case !u.decided:
		return "no version is dated and the texts do not show which came first: the first by id"
	}
	return "no version is dated: it shares the most text with the other versions (copies are trimmed more often than padded)"
}
