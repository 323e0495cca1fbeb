package provenance

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/match"
)

// lateAgencyCorpus is TestClockEstimate's corpus: eight stories whose
// credits show an agency's clock running three hours late, and a quiet
// story only that clock orders.
func lateAgencyCorpus() []*corpus.Article {
	var arts []*corpus.Article
	at := func(day, hour int) string { return fmt.Sprintf("2019-06-%02dT%02d:00:00Z", day, hour) }
	for i := 1; i <= 8; i++ {
		p := paras(fmt.Sprintf("story%c", 'a'+i), 6)
		arts = append(arts,
			&corpus.Article{ID: fmt.Sprintf("late-%d", i), Outlet: "Late Agency", Published: at(i, 12), Text: text(p...)},
			&corpus.Article{ID: fmt.Sprintf("copy-%d", i), Outlet: "site1", Published: at(i, 10), Text: text(append(p[:5:5], "Source: Late Agency")...)},
		)
	}
	p := paras("quiet", 6)
	return append(arts,
		&corpus.Article{ID: "late-quiet", Outlet: "Late Agency", Published: at(20, 12), Text: text(p...)},
		&corpus.Article{ID: "site-quiet", Outlet: "site2", Published: at(20, 10), Text: text(p[:5]...)},
	)
}

// part is one story of a scan alone, its documents renumbered 0..n-1 in
// index order, as a distributed caller holds it; global maps a part's
// document back to the scan's.
type part struct {
	res    *match.Result
	global []int
}

func split(res *match.Result) []part {
	var parts []part
	for _, c := range res.Clusters {
		var docs []int
		for _, m := range c.Members {
			docs = append(docs, m.Doc)
		}
		slices.Sort(docs)
		docs = slices.Compact(docs)
		at := map[int]int{}
		p := part{res: &match.Result{}, global: docs}
		for i, g := range docs {
			d := *res.Docs[g]
			d.Index = i
			p.res.Docs = append(p.res.Docs, &d)
			at[g] = i
		}
		lc := c
		lc.Members = slices.Clone(c.Members)
		for j := range lc.Members {
			m := &lc.Members[j]
			m.Doc = at[m.Doc]
			if m.Best >= 0 {
				m.Best = at[m.Best]
			}
		}
		p.res.Clusters = []match.Cluster{lc}
		parts = append(parts, p)
	}
	return parts
}

// toGlobal rewrites a part's placed story in the scan's document indexes.
func (p part) toGlobal(c Cluster) Cluster {
	g := func(d int) int {
		if d < 0 {
			return d
		}
		return p.global[d]
	}
	c.Origin.Doc = g(c.Origin.Doc)
	for i := range c.Members {
		m := &c.Members[i]
		m.Parent = g(m.Parent)
		if m.Edge != nil {
			e := *m.Edge
			e.Versus = g(e.Versus)
			m.Edge = &e
		}
	}
	return c
}

// analyzeInParts runs provenance as a distributed caller does: the pairs
// of each story alone, the clocks from all of them in a shuffled order,
// each story placed alone with those clocks, the summary added up.
func analyzeInParts(t *testing.T, res *match.Result, reg *credit.Registry) (*Result, []ClockEstimate) {
	t.Helper()
	parts := split(res)
	var pairs []ClockPair
	for _, p := range parts {
		pairs = append(pairs, NewAnalysis(p.res, reg).ClockPairs(0)...)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	rng.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
	// Groups of any size, in any order: here one pair a group.
	var groups [][]ClockPair
	for i := range pairs {
		groups = append(groups, pairs[i:i+1])
	}
	clocks := EstimateClocks(groups...)
	out := &Result{}
	sum := NewSummary(clocks)
	for i, p := range parts {
		an := NewAnalysis(p.res, reg)
		an.SetClocks(clocks)
		c := p.toGlobal(an.Cluster(0))
		out.Clusters = append(out.Clusters, c)
		sum.Add(res.Clusters[i], c)
	}
	out.Outlets = sum.Outlets()
	return out, clocks
}

func checkParts(t *testing.T, res *match.Result, reg *credit.Registry) []ClockEstimate {
	t.Helper()
	want := Analyze(res, reg, 2)
	got, clocks := analyzeInParts(t, res, reg)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("provenance in parts differs from Analyze (-Analyze +parts):\n%s", diff)
	}
	if diff := cmp.Diff(Estimate(res, reg, 3).Clocks(), clocks); diff != "" {
		t.Fatalf("clocks from parts differ from Estimate's (-Estimate +parts):\n%s", diff)
	}
	applied := 0
	for _, c := range clocks {
		if c.Applied {
			applied++
		}
	}
	if applied == 0 {
		t.Fatalf("no clock applied (%+v): the corpus does not test the clocks", clocks)
	}
	return clocks
}

// Provenance computed story by story (pairs per story, clocks from all
// pairs, each story placed alone) is Analyze's, clocks included.
func TestAnalyzeInParts(t *testing.T) {
	res, _ := analyzeFull(t, lateAgencyCorpus())
	reg := credit.DefaultRegistry()
	checkParts(t, res, reg)
	// The quiet story is ordered only by the estimated clock: placed
	// without SetClocks it comes out otherwise, so the comparison above
	// sees whether the clocks reached the placement.
	parts := split(res)
	for i, p := range parts {
		for _, d := range p.res.Docs {
			if d.ID != "site-quiet" {
				continue
			}
			got := p.toGlobal(NewAnalysis(p.res, reg).Cluster(0))
			want := Analyze(res, reg, 1).Clusters[i]
			if cmp.Equal(got, want) {
				t.Fatal("the quiet story is placed the same without the clocks: the test cannot see them")
			}
			return
		}
	}
	t.Fatal("site-quiet is in no story")
}

// The same on real data, where three outlets' clocks are corrected.
func TestAnalyzeInPartsSaudiNewsNet(t *testing.T) {
	if testing.Short() {
		t.Skip("real-data scan; not in -short")
	}
	path := saudiNewsNet[1]
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s not found", path)
	}
	rd := corpus.NewReader(corpus.Options{SkipBad: true})
	res, _ := scanWith(t, func(add func(*corpus.Article) error) error {
		return rd.Read(context.Background(), []string{path}, add)
	})
	checkParts(t, res, credit.DefaultRegistry())
}

// ClockPairs reads input times: the same pairs after SetClocks; and
// EstimateClocks depends only on the multiset of pairs.
func TestClockPairsAndEstimate(t *testing.T) {
	res, _ := analyzeFull(t, lateAgencyCorpus())
	reg := credit.DefaultRegistry()
	an := NewAnalysis(res, reg)
	var before [][]ClockPair
	n := 0
	for i := range res.Clusters {
		before = append(before, an.ClockPairs(i))
		n += len(before[i])
	}
	if n < 8 {
		t.Fatalf("%d clock pairs; want the 8 credited ones at least", n)
	}
	for _, ps := range before {
		for _, p := range ps {
			if p.Parent == p.Child {
				t.Fatalf("pair within one outlet: %+v", p)
			}
		}
	}
	clocks := EstimateClocks(before...)
	an.SetClocks(clocks)
	an.SetClocks(clocks) // replaces, does not add up
	for i := range res.Clusters {
		if diff := cmp.Diff(before[i], an.ClockPairs(i)); diff != "" {
			t.Fatalf("cluster %d: pairs differ after SetClocks:\n%s", i, diff)
		}
	}
	want := Estimate(res, reg, 1)
	for i := range res.Clusters {
		if diff := cmp.Diff(want.Cluster(i), an.Cluster(i)); diff != "" {
			t.Fatalf("cluster %d placed differently after two SetClocks:\n%s", i, diff)
		}
	}
	all := slices.Concat(before...)
	sort.Slice(all, func(i, j int) bool { return all[i].Delay > all[j].Delay })
	if diff := cmp.Diff(clocks, EstimateClocks(all)); diff != "" {
		t.Fatalf("estimates depend on the pairs' order:\n%s", diff)
	}
	if got := EstimateClocks(); len(got) != 0 {
		t.Fatalf("estimates without pairs: %+v", got)
	}
}
