package provenance

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/match"
	"github.com/wiretrace/wiretrace/shingle"
)

// Verdicts.
const (
	VerdictOrigin       = "origin"
	CreditsOrigin       = "credits-origin"
	CreditsIntermediary = "credits-intermediary"
	Uncredited          = "uncredited"
	Miscredited         = "miscredited"
)

// Result is the provenance of every cluster of a scan.
type Result struct {
	Clusters []Cluster // parallel to the scan's clusters
	Outlets  []OutletSummary
}

// Cluster is one story's origin and tree.
type Cluster struct {
	Origin  Origin
	Members []Member // parallel to the scan cluster's members
}

// Origin is the first publication: a document, or an outlet whose version
// is not in the corpus (Doc == -1).
type Origin struct {
	Doc    int
	Outlet string
}

// Member is the provenance of one member.
type Member struct {
	Parent   int    // document index, -1 for none
	Outlet   string // canonical outlet
	Verdict  string
	Credits  []string // canonical outlets credited, sorted
	Mentions []Mention
	Edge     *Edge // nil for the origin
}

// Mention is a credit mention with what provenance made of it.
type Mention struct {
	credit.Mention
	Self      bool // names the article's own outlet
	Inherited bool // an in-text mention carried over from the parent
}

// Edge is the evidence for a member's parent.
type Edge struct {
	Delay     time.Duration
	HasDelay  bool
	InParent  float64 // share of the child's content found in the parent
	OfParent  float64 // share of the parent's content found in the child
	Explained float64 // share of the child's story text the parent explains
	Versus    int     // runner-up parent, -1 when there was none
	Carried   int     // shingles child and parent share that the runner-up lacks
	Missing   int     // shingles of the runner-up that parent and child both lack
	Flags     []string
	Reason    string
}

// Analyze computes provenance for every cluster of a scan on the given
// number of workers. Each document's Annotation must hold its
// []credit.Mention (or nil). Clusters are independent, so the result does
// not depend on the number of workers.
func Analyze(res *match.Result, reg *credit.Registry, workers int) *Result {
	a := &analyzer{docs: res.Docs, reg: reg, outlet: make([]string, len(res.Docs)), credited: make([][]string, len(res.Docs))}
	for i, d := range res.Docs {
		a.outlet[i], _ = reg.Resolve(d.Outlet)
		if a.outlet[i] == "" {
			a.outlet[i] = d.Outlet
		}
	}
	for i := range res.Docs {
		a.credited[i] = a.creditsOf(i)
	}
	out := &Result{Clusters: make([]Cluster, len(res.Clusters))}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < max(workers, 1); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < len(res.Clusters); i = int(next.Add(1)) - 1 {
				out.Clusters[i] = a.cluster(res.Clusters[i])
			}
		}()
	}
	wg.Wait()
	out.Outlets = summarize(res, out)
	return out
}

type analyzer struct {
	docs     []*match.Doc
	reg      *credit.Registry
	outlet   []string   // canonical outlet per document
	credited [][]string // credits per document, computed once; read-only
}

func (a *analyzer) mentions(doc int) []credit.Mention {
	return a.docs[doc].Credits
}

// credits returns the outlets a document credits, other than its own.
// The slice is shared: callers must not change it.
func (a *analyzer) credits(doc int) []string { return a.credited[doc] }

func (a *analyzer) creditsOf(doc int) []string {
	var out []string
	for _, m := range a.mentions(doc) {
		if m.Credit && m.Outlet != a.outlet[doc] && !slices.Contains(out, m.Outlet) {
			out = append(out, m.Outlet)
		}
	}
	return out
}

type clusterState struct {
	c       match.Cluster
	count   map[uint64]int32 // members holding each shingle, built when needed
	parent  map[int]int
	origin  Origin
	outlets map[string]bool
	// childRank is the kind rank of the member being placed.
	childRank int
}

func (a *analyzer) cluster(c match.Cluster) Cluster {
	st := &clusterState{c: c, parent: map[int]int{}, outlets: map[string]bool{}}
	var full, partial []int
	for _, m := range c.Members {
		st.outlets[a.outlet[m.Doc]] = true
		if m.Kind == match.Full {
			full = append(full, m.Doc)
		} else {
			partial = append(partial, m.Doc)
		}
	}
	sort.Slice(full, func(i, j int) bool { return processBefore(a.docs[full[i]], a.docs[full[j]]) })
	root := a.chooseRoot(full, st)
	full = append([]int{root}, slices.DeleteFunc(slices.Clone(full), func(d int) bool { return d == root })...)
	st.origin = Origin{Doc: root, Outlet: a.outlet[root]}
	if x := a.externalOrigin(root, full, st); x != "" {
		st.origin = Origin{Doc: -1, Outlet: x}
	}
	st.parent[root] = -1
	edges := map[int]*Edge{}
	for i, d := range full {
		if i > 0 {
			st.parent[d], edges[d] = a.chooseParent(d, full[:i], full[i+1:], st)
		}
	}
	if st.origin.Doc < 0 {
		edges[root] = &Edge{Versus: -1, Reason: fmt.Sprintf("the earliest version; credits %s, whose version is not in the corpus", st.origin.Outlet)}
	}
	for _, d := range partial {
		st.parent[d], edges[d] = a.choosePartialParent(d, full, st)
	}
	out := Cluster{Origin: st.origin}
	for _, m := range c.Members {
		out.Members = append(out.Members, a.member(m.Doc, st, edges[m.Doc]))
	}
	return out
}

// chooseRoot picks the earliest full member that credits no other
// member's outlet. A website that comes first by its clock yields to a
// wire or agency published within rootWindow after it: wires originate
// most syndicated stories, and website clocks are the ones that drift.
func (a *analyzer) chooseRoot(full []int, st *clusterState) int {
	var ok []int
	for _, d := range full {
		credits := false
		for _, cr := range a.credits(d) {
			credits = credits || st.outlets[cr]
		}
		if !credits {
			ok = append(ok, d)
		}
	}
	if len(ok) == 0 {
		return full[0]
	}
	if d, found := a.creditedRoot(full, ok, st); found {
		return d
	}
	first := ok[0]
	if rank(a.reg.Kind(a.outlet[first])) > 1 {
		return first
	}
	for _, d := range ok[1:] {
		if rank(a.reg.Kind(a.outlet[d])) > 1 && a.docs[d].Precision != 0 && a.docs[first].Precision != 0 &&
			a.docs[d].Time.Sub(a.docs[first].Time) <= rootWindow {
			return d
		}
	}
	return first
}

const rootWindow = 12 * time.Hour

// creditedRoot returns the earliest member of the outlet that the members
// credit most, when at least two credit it and none credits the earliest
// member's outlet: the credits then contradict the clock that put another
// article first.
func (a *analyzer) creditedRoot(full, ok []int, st *clusterState) (int, bool) {
	votes := map[string]int{}
	for _, d := range full {
		for _, cr := range a.credits(d) {
			if st.outlets[cr] {
				votes[cr]++
			}
		}
	}
	best, n := mostVoted(votes)
	if n < 2 || votes[a.outlet[ok[0]]] > 0 {
		return 0, false
	}
	for _, d := range ok {
		if a.outlet[d] == best {
			return d, true
		}
	}
	return 0, false
}

// externalOrigin returns the outlet the story came from when its version
// is not in the cluster, or "". It is the outlet the root credits; or,
// when the root is not itself a wire or agency, a wire or agency that a
// member credits in an attribution line (newspapers rarely originate what
// they attribute to an agency); or one that at least half of the full
// members credit.
func (a *analyzer) externalOrigin(root int, full []int, st *clusterState) string {
	for _, cr := range a.credits(root) {
		if !st.outlets[cr] {
			return cr
		}
	}
	votes, lines := map[string]int{}, map[string]int{}
	for _, d := range full {
		for _, cr := range a.credits(d) {
			if !st.outlets[cr] {
				votes[cr]++
			}
		}
		for _, m := range a.mentions(d) {
			if m.Credit && m.Form.Attribution() && !st.outlets[m.Outlet] && rank(m.Kind) > 1 {
				lines[m.Outlet]++
			}
		}
	}
	if rank(a.reg.Kind(a.outlet[root])) == 1 {
		if best, n := mostVoted(lines); n > 0 {
			return best
		}
	}
	if best, n := mostVoted(votes); n >= 2 && 2*n >= len(full) {
		return best
	}
	return ""
}

func mostVoted(votes map[string]int) (string, int) {
	best, n := "", 0
	for o, v := range votes {
		if v > n || (v == n && o < best) {
			best, n = o, v
		}
	}
	return best, n
}

type candidate struct {
	doc       int
	credited  bool // the child names this candidate's outlet
	inter     int
	explained float64
	jaccard   float64
	order     int
	flags     []string
}

// better orders parent candidates: more of the child explained, then more
// similar (differences of a few shingles, such as a dateline, do not
// count); when the text cannot tell them apart, the one the child credits,
// then (for an agency copying) a wire or agency over a website, then the
// most recent (copies are
// usually made from the version at hand, not from the oldest one).
func (a *analyzer) better(x, y candidate, st *clusterState) bool {
	if d := x.explained - y.explained; d > 0.005 || d < -0.005 {
		return d > 0
	}
	if (x.order < 0) != (y.order < 0) {
		return x.order < 0 // known to be earlier
	}
	if d := x.jaccard - y.jaccard; d > 0.01 || d < -0.01 {
		return d > 0
	}
	if x.credited != y.credited {
		return x.credited
	}
	if rx, ry := rank(a.reg.Kind(a.outlet[x.doc])), rank(a.reg.Kind(a.outlet[y.doc])); rx != ry && st.childRank > 1 {
		return rx > ry // agencies copy wires and agencies, not websites
	}
	return processBefore(a.docs[y.doc], a.docs[x.doc])
}

func (a *analyzer) descendant(p, c int, st *clusterState) bool {
	for seen := 0; p >= 0 && seen <= len(st.parent); seen++ {
		if p == c {
			return true
		}
		q, ok := st.parent[p]
		if !ok {
			return false
		}
		p = q
	}
	return false
}

// storySize counts c's shingles found in any of the candidates: the part
// of c a parent could explain.
func (a *analyzer) storySize(c int, cands []int) int {
	cs := a.docs[c].Set
	found := make([]bool, len(cs))
	for _, p := range cands {
		shingle.MarkShared(cs, a.docs[p].Set, found)
	}
	n := 0
	for _, f := range found {
		if f {
			n++
		}
	}
	return n
}

// chooseParent picks c's parent among the members placed before it, and
// among later ones only those whose outlet c credits (the text then
// outweighs the timestamps).
func (a *analyzer) chooseParent(c int, before, after []int, st *clusterState) (int, *Edge) {
	credits := a.credits(c)
	var pool []int
	for _, p := range before {
		ord, _ := order(a.docs[p], a.docs[c])
		switch {
		case ord < 0, a.upstreamHint(c, p, credits):
			pool = append(pool, p)
		case ord == 0 && !a.upstreamHint(p, c, a.credits(p)):
			// The clocks cannot tell, and nothing says p copied c.
			pool = append(pool, p)
		}
	}
	for _, p := range after {
		if a.upstreamHint(c, p, credits) {
			pool = append(pool, p)
		}
	}
	pool = slices.DeleteFunc(pool, func(p int) bool { return a.descendant(p, c, st) })
	if len(pool) == 0 {
		return -1, &Edge{Versus: -1, Reason: "no earlier version in the cluster"}
	}
	story := a.storySize(c, pool)
	cands := make([]candidate, 0, len(pool))
	for _, p := range pool {
		cs, ps := a.docs[c].Set, a.docs[p].Set
		inter := shingle.Intersect(cs, ps)
		ord, flags := order(a.docs[p], a.docs[c])
		cands = append(cands, candidate{doc: p, inter: inter, order: ord, flags: flags,
			credited: slices.Contains(credits, a.outlet[p]),
			jaccard:  ratio(inter, len(cs)+len(ps)-inter), explained: ratio(inter, story)})
	}
	st.childRank = rank(a.reg.Kind(a.outlet[c]))
	sort.Slice(cands, func(i, j int) bool { return a.better(cands[i], cands[j], st) })
	best := cands[0]
	if best.order > 0 {
		// Later by its timestamp: only text that clearly explains more
		// (not a credit alone, which can be wrong) outweighs the clock.
		for _, cd := range cands[1:] {
			if cd.order <= 0 && cd.explained >= best.explained-0.02 {
				best = cd
				break
			}
		}
	}
	runner := -1
	if len(cands) > 1 {
		runner = cands[1].doc
	}
	if st.origin.Doc < 0 && a.straightFromExternal(c, best, story, st) {
		e := a.edge(c, best, runner, false)
		e.Reason = fmt.Sprintf("copied from %s, whose version is not in the corpus: %s", st.origin.Outlet, a.externalReason(c, best, st))
		return -1, e
	}
	return best.doc, a.edge(c, best, runner, best.order > 0)
}

// upstreamHint reports whether something other than timestamps says p
// comes before c: c credits p's outlet, or p is a wire or agency and c is
// not (agencies feed websites, rarely the reverse). Text alone cannot tell
// a parent from a child, so without a usable timestamp a candidate needs
// such a hint.
func (a *analyzer) upstreamHint(c, p int, credits []string) bool {
	if slices.Contains(credits, a.outlet[p]) {
		return true
	}
	return rank(a.reg.Kind(a.outlet[p])) > rank(a.reg.Kind(a.outlet[c]))
}

func rank(k credit.Kind) int {
	switch k {
	case credit.Wire:
		return 3
	case credit.Agency:
		return 2
	}
	return 1
}

// straightFromExternal reports whether c was copied from the external
// origin rather than from its best candidate in the corpus.
func (a *analyzer) straightFromExternal(c int, best candidate, story int, st *clusterState) bool {
	if story == 0 || best.explained < 0.95 {
		return true
	}
	credits := a.credits(c)
	if slices.Contains(credits, a.outlet[best.doc]) {
		return false
	}
	// Wires and national agencies take stories from the wire they credit,
	// not from each other.
	if k := a.reg.Kind(a.outlet[c]); slices.Contains(credits, st.origin.Outlet) && (k == credit.Wire || k == credit.Agency) {
		return true
	}
	// Two copies of a text that is not in the corpus look alike; c copied
	// best only if it carries something of best's own.
	return a.uniqueShared(c, best.doc, st) < 3
}

func (a *analyzer) externalReason(c int, best candidate, st *clusterState) string {
	if best.explained < 0.9 {
		return fmt.Sprintf("no version in the corpus explains it (best %s, %.0f%%)", a.docs[best.doc].ID, 100*best.explained)
	}
	return fmt.Sprintf("it credits %s and carries no edit unique to %s", st.origin.Outlet, a.docs[best.doc].ID)
}

// uniqueShared counts shingles only c and p hold in the cluster: p's own
// edits that c carries.
func (a *analyzer) uniqueShared(c, p int, st *clusterState) int {
	if st.count == nil {
		st.count = map[uint64]int32{}
		for _, m := range st.c.Members {
			for _, h := range a.docs[m.Doc].Set {
				st.count[h]++
			}
		}
	}
	// An edit of p's is in p and its own copies, a minority of the
	// members; text of the missing original is in most of them.
	limit := int32(max(2, (len(st.c.Members)+1)/2))
	n := 0
	ps := a.docs[p].Set
	for _, h := range a.docs[c].Set {
		if st.count[h] <= limit && contains(ps, h) {
			n++
		}
	}
	return n
}

func (a *analyzer) choosePartialParent(c int, full []int, st *clusterState) (int, *Edge) {
	credits := a.credits(c)
	story := a.storySize(c, full)
	var best candidate
	best.doc = -1
	for _, p := range full {
		inter := shingle.Intersect(a.docs[c].Set, a.docs[p].Set)
		ord, flags := order(a.docs[p], a.docs[c])
		cd := candidate{doc: p, inter: inter, order: ord, flags: flags, explained: ratio(inter, story),
			credited: slices.Contains(credits, a.outlet[p])}
		if best.doc < 0 || a.betterQuote(cd, best) {
			best = cd
		}
	}
	if best.doc < 0 {
		return -1, nil
	}
	e := a.edge(c, best, -1, best.order > 0)
	e.Reason = fmt.Sprintf("quotes %d shingles of %s, no fewer than of any other version", best.inter, a.docs[best.doc].ID) + e.timeReason()
	return best.doc, e
}

// betterQuote orders the versions a quoting article may have quoted: more
// shared text, then published before it, then credited, then the most
// recent.
func (a *analyzer) betterQuote(x, y candidate) bool {
	if x.inter != y.inter {
		return x.inter > y.inter
	}
	if (x.order < 0) != (y.order < 0) {
		return x.order < 0
	}
	if x.credited != y.credited {
		return x.credited
	}
	return processBefore(a.docs[y.doc], a.docs[x.doc])
}

func (a *analyzer) edge(c int, p candidate, runner int, conflict bool) *Edge {
	cs, ps := a.docs[c].Set, a.docs[p.doc].Set
	e := &Edge{
		InParent: ratio(p.inter, len(cs)), OfParent: ratio(p.inter, len(ps)), Explained: p.explained,
		Versus: runner, Flags: slices.Clone(p.flags),
	}
	e.Delay, e.HasDelay = delay(a.docs[p.doc], a.docs[c])
	if conflict {
		e.Flags = append(e.Flags, FlagTimeConflict)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s explains %.0f%% of its story text", a.docs[p.doc].ID, 100*p.explained)
	if runner >= 0 {
		rs := a.docs[runner].Set
		inP, inR := make([]bool, len(cs)), make([]bool, len(cs))
		shingle.MarkShared(cs, ps, inP)
		shingle.MarkShared(cs, rs, inR)
		for i := range cs {
			if inP[i] && !inR[i] {
				e.Carried++
			}
		}
		rInP, rInC := make([]bool, len(rs)), make([]bool, len(rs))
		shingle.MarkShared(rs, ps, rInP)
		shingle.MarkShared(rs, cs, rInC)
		for i := range rs {
			if !rInP[i] && !rInC[i] {
				e.Missing++
			}
		}
		fmt.Fprintf(&b, "; it carries %d shingles that %s has and %s lacks", e.Carried, a.docs[p.doc].ID, a.docs[runner].ID)
		if e.Missing > 0 {
			fmt.Fprintf(&b, ", and lacks %d shingles of %s that %s also lacks", e.Missing, a.docs[runner].ID, a.docs[p.doc].ID)
		}
	}
	b.WriteString(e.timeReason())
	e.Reason = b.String()
	return e
}

func (e *Edge) timeReason() string {
	var parts []string
	if e.HasDelay {
		if e.Delay >= 0 {
			parts = append(parts, "published "+e.Delay.String()+" later")
		} else {
			parts = append(parts, "published "+(-e.Delay).String()+" earlier by its timestamp")
		}
	}
	for _, f := range e.Flags {
		switch f {
		case FlagTimeConflict:
			parts = append(parts, "the text outweighs the timestamps")
		case FlagTimeMissing:
			parts = append(parts, "a timestamp is missing, so the order comes from the text")
		case FlagTimeDateOnly:
			parts = append(parts, "only a date is known for one of them")
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "; " + strings.Join(parts, "; ")
}

// member builds the provenance of one member: mentions, credits, verdict.
func (a *analyzer) member(d int, st *clusterState, e *Edge) Member {
	m := Member{Parent: st.parent[d], Outlet: a.outlet[d], Edge: e}
	var parentMentions []credit.Mention
	if m.Parent >= 0 {
		parentMentions = a.mentions(m.Parent)
	}
	for _, cm := range a.mentions(d) {
		pm := Mention{Mention: cm, Self: cm.Outlet == m.Outlet}
		if !cm.Form.Attribution() {
			for _, q := range parentMentions {
				if q.Outlet == cm.Outlet && q.Form == cm.Form {
					pm.Inherited = true
				}
			}
		}
		m.Mentions = append(m.Mentions, pm)
		if cm.Credit && !pm.Self && !pm.Inherited && !slices.Contains(m.Credits, cm.Outlet) {
			m.Credits = append(m.Credits, cm.Outlet)
		}
	}
	sort.Strings(m.Credits)
	m.Verdict = a.verdict(d, m, st)
	return m
}

func (a *analyzer) verdict(d int, m Member, st *clusterState) string {
	if d == st.origin.Doc {
		return VerdictOrigin
	}
	if m.Outlet == st.origin.Outlet || slices.Contains(m.Credits, st.origin.Outlet) {
		return CreditsOrigin
	}
	upstream := map[string]bool{}
	for p := m.Parent; p >= 0; p = st.parent[p] {
		upstream[a.outlet[p]] = true
		if p == st.origin.Doc {
			break
		}
	}
	for _, cr := range m.Credits {
		if upstream[cr] {
			return CreditsIntermediary
		}
	}
	if len(m.Credits) > 0 {
		return Miscredited
	}
	return Uncredited
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func contains(set []uint64, h uint64) bool {
	_, ok := slices.BinarySearch(set, h)
	return ok
}
