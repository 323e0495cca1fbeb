package provenance

import (
	"container/heap"
	"slices"
	"sort"

	"github.com/wiretrace/wiretrace/match"
)

// story is what the analysis of one cluster reads about it: the outlets
// with a version in it and each member's credits there.
type story struct {
	outlets map[string]bool
	credits map[int][]string
}

func (a *analyzer) newStory(c match.Cluster) *story {
	s := &story{outlets: a.storyOutlets(c), credits: map[int][]string{}}
	for _, m := range c.Members {
		s.credits[m.Doc] = a.credits(m.Doc, s.outlets)
	}
	return s
}

func (a *analyzer) storyOutlets(c match.Cluster) map[string]bool {
	out := map[string]bool{}
	for _, m := range c.Members {
		out[a.outlet[m.Doc]] = true
	}
	return out
}

// creditsOutlet reports whether doc credits outlet o in the story.
func (s *story) creditsOutlet(doc int, o string) bool { return slices.Contains(s.credits[doc], o) }

// upstream reports whether evidence other than time says p's version
// comes before c's, and which: c credits p's outlet (and p does not credit
// c's), or p is a wire's or agency's article carrying its own dateline or
// tag that c, a newspaper's, website's or aggregator's, lacks (copies strip
// the agency's mark; they do not add it). Between agencies the mark says
// nothing: an agency puts its own dateline on what it takes from a wire.
func (a *analyzer) upstream(p, c int, s *story) (bool, string) {
	op, oc := a.outlet[p], a.outlet[c]
	if op == oc {
		return false, ""
	}
	if s.creditsOutlet(p, oc) {
		return false, ""
	}
	if s.creditsOutlet(c, op) {
		return true, "it credits " + op
	}
	if a.selfMark[p] && !a.selfMark[c] && a.rank[c] < rankAgency {
		return true, op + "'s article carries its own dateline or tag, which the copy lacks"
	}
	return false, ""
}

// placementOrder orders a story's full members for placement: every
// member after the versions evidence puts upstream of it, and otherwise by
// corrected time. Evidence that contradicts itself (each credits the
// other) is broken by time. It is Kahn's algorithm taking the earliest
// ready member first: O(n²) evidence checks, O(e + n log n) after them.
func (a *analyzer) placementOrder(full []int, s *story, undated *undatedRanks) []int {
	sorted := slices.Clone(full)
	sort.Slice(sorted, func(i, j int) bool {
		x, y := sorted[i], sorted[j]
		if rx, ry, ok := undated.ranks(x, y); ok {
			return rx < ry
		}
		return a.processBefore(x, y)
	})
	n := len(sorted)
	after := make([][]int, n) // indexes that must come after each
	waiting := make([]int, n) // upstream members not yet placed
	for i, p := range sorted {
		for j, c := range sorted {
			if i != j {
				if ok, _ := a.upstream(p, c, s); ok {
					after[i] = append(after[i], j)
					waiting[j]++
				}
			}
		}
	}
	ready := &indexHeap{}
	for j := range sorted {
		if waiting[j] == 0 {
			heap.Push(ready, j)
		}
	}
	placed := make([]bool, n)
	out := make([]int, 0, n)
	next := 0 // the earliest member that may still be unplaced
	for len(out) < n {
		pick := -1
		for ready.Len() > 0 && pick < 0 {
			if j := heap.Pop(ready).(int); !placed[j] {
				pick = j
			}
		}
		if pick < 0 { // a cycle: the earliest unplaced member goes first
			for placed[next] {
				next++
			}
			pick = next
		}
		placed[pick] = true
		out = append(out, sorted[pick])
		for _, j := range after[pick] {
			if waiting[j]--; waiting[j] == 0 && !placed[j] {
				heap.Push(ready, j)
			}
		}
	}
	return out
}

// indexHeap is a min-heap of indexes into the time-sorted members.
type indexHeap []int

func (h indexHeap) Len() int           { return len(h) }
func (h indexHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h indexHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *indexHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *indexHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
