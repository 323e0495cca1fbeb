package provenance

import (
	"container/heap"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/match"
)

// story is what the analysis of one cluster reads about it: the outlets
// with a version in it and each member's credits there.
type story struct {
	outlets map[string]bool
	credits map[int][]string
	// sites maps the siteKey of each outlet with a version in the story
	// to the outlet, for names the registry does not know.
	sites map[string]string
}

func (a *analyzer) newStory(c match.Cluster) *story {
	s := &story{outlets: a.storyOutlets(c), credits: map[int][]string{}, sites: map[string]string{}}
	for o := range s.outlets {
		if k := siteKey(o); k != "" {
			if prev, ok := s.sites[k]; !ok || o < prev {
				s.sites[k] = o
			}
		}
	}
	for _, m := range c.Members {
		s.credits[m.Doc] = s.siteNames(a.credits(m.Doc, s.outlets))
	}
	return s
}

// site returns the story's outlet that an unknown name credits: "Source:
// Geopolitics Now" names the outlet geopoliticsnow.net, "Story via
// libertyledger.com" the outlet Liberty Ledger. Other names come back as
// they are.
func (s *story) site(name string) string {
	if s.outlets[name] {
		return name
	}
	if o, ok := s.sites[siteKey(name)]; ok {
		return o
	}
	return name
}

// siteNames maps names by site, copying the slice only when one changes
// (it may be shared: see analyzer.credits).
func (s *story) siteNames(names []string) []string {
	out, copied := names, false
	for i, n := range names {
		if o := s.site(n); o != n {
			if !copied {
				out, copied = slices.Clone(names), true
			}
			out[i] = o
		}
	}
	return out
}

// siteKey folds an outlet's name or web address to its letters and
// digits, without a leading "the", "www." or the top-level domain:
// "Geopolitics Now", "geopoliticsnow.net" and "www.GeopoliticsNow.net"
// share a key. Keys under 5 characters are "": too short to tell outlets
// apart.
func siteKey(name string) string {
	s := strings.ToLower(strings.TrimSpace(name))
	if host, ok := credit.Host(s); ok {
		s = host[:strings.LastIndexByte(host, '.')]
		s = strings.TrimSuffix(strings.TrimSuffix(s, ".co"), ".com") // example.co.uk
	} else {
		s = strings.TrimPrefix(s, "the ")
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	if utf8.RuneCountInString(b.String()) < 5 {
		return ""
	}
	return b.String()
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
