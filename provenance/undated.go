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
// took outweighs text two copies share) comes first. Two versions share
// the same text with each other, so between them (and among versions
// that share alike) the kind of outlet decides, as it does for close
// clocks: wires before agencies before newspapers and websites, which
// pad a story with their own material as often as they cut it; then
// the longer; then the first by id. The ids decide only when nothing
// else can: then the origin's reason says so rather than calling it
// the earliest.

// undatedRanks is the text order of a story's undated full members.
type undatedRanks struct {
	rank map[int]int
	// decided is false when the first two are alike by every measure:
	// only their ids ordered them. byKind is set when their outlets'
	// kinds ordered them.
	decided, byKind bool
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
	type key struct{ doc, shared, kind, size int }
	keys := make([]key, len(docs))
	for i, d := range docs {
		n := 0 // the sum of its overlaps with every other member
		for _, h := range a.docs[d].Set {
			n += int(st.count[h]) - 1
		}
		keys[i] = key{d, n, a.rank[d], len(a.docs[d].Set)}
	}
	slices.SortFunc(keys, func(x, y key) int {
		if x.shared != y.shared {
			return y.shared - x.shared
		}
		if x.kind != y.kind {
			return y.kind - x.kind
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
	first, second := keys[0], keys[1]
	u.decided = first.shared != second.shared || first.kind != second.kind || first.size != second.size
	u.byKind = first.shared == second.shared && first.kind != second.kind
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
	case u.byKind:
		return "no version is dated and the texts do not show which came first: wires and agencies originate what others print"
	}
	return "no version is dated: it shares the most text with the other versions (copies are trimmed more often than padded)"
}
