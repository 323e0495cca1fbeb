package provenance

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/wiretrace/wiretrace/match"
	"github.com/wiretrace/wiretrace/shingle"
)

// Parent choice thresholds.
const (
	// explainedTie: candidates whose explained shares differ by less are
	// equal by text (a dateline or a changed word is a few shingles).
	explainedTie = 0.005
	// jaccardTie: likewise for similarity, the next tie-breaker.
	jaccardTie = 0.01
	// clockMargin: a candidate later by its timestamp is chosen over an
	// earlier one only if it explains more than this much more of the
	// child; a credit needs no margin.
	clockMargin = 0.02
	// markTie: the most shingles an agency's dateline takes («مكة
	// المكرمة 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس» is 12).
	markTie = 12
	// straightShare: under an external origin, a copy that no member
	// explains for this share was copied from the external outlet.
	straightShare = 0.95
	// reasonShare: below this share the reason says no version explains
	// the copy; above it, that the copy carries no edit of its own.
	reasonShare = 0.9
	// minUnique: shingles of a candidate's own edits a copy must carry to
	// have been copied from it rather than from the missing original.
	minUnique = 3
	// minOriginal: under an external origin, shingles a copy shares with
	// other versions but not with its best candidate, from which on it
	// took its text from the missing original rather than from that
	// candidate (a changed word is about five shingles).
	minOriginal = 5
)

type clusterState struct {
	*story
	c       match.Cluster
	count   map[uint64]int32 // members holding each shingle, built when needed
	parent  map[int]int
	partial map[int]bool // quoting members
	origin  Origin
	// undated orders the full members without a date by their text
	// (undatedOrder); nil when fewer than two have none.
	undated *undatedRanks
}

func (a *analyzer) cluster(c match.Cluster, s *story) Cluster {
	st := &clusterState{story: s, c: c, parent: map[int]int{}, partial: map[int]bool{}}
	var full, partial []int
	for _, m := range c.Members {
		if m.Kind == match.Full {
			full = append(full, m.Doc)
		} else {
			partial = append(partial, m.Doc)
			st.partial[m.Doc] = true
		}
	}
	st.undated = a.undatedOrder(full, st)
	full = a.placementOrder(full, st.story, st.undated)
	root, why := a.chooseRoot(full, st)
	full = append([]int{root}, slices.DeleteFunc(slices.Clone(full), func(d int) bool { return d == root })...)
	st.origin = Origin{Doc: root, Outlet: a.outlet[root], Reason: why}
	if x, why := a.externalOrigin(root, full, st); x != "" {
		st.origin = Origin{Doc: -1, Outlet: x, Reason: why}
	}
	st.parent[root] = -1
	edges := map[int]*Edge{}
	for i, d := range full {
		if i > 0 {
			st.parent[d], edges[d] = a.chooseParent(d, full[:i], full[i+1:], st)
		}
	}
	if st.origin.Doc < 0 {
		edges[root] = &Edge{Versus: -1, Reason: externalRootReason(st.credits[root], st.origin.Outlet)}
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

// externalRootReason says why the earliest version hangs from an outlet
// whose version is not in the corpus, without claiming a credit the
// version does not carry: often another version names the outlet.
func externalRootReason(credits []string, outlet string) string {
	if slices.Contains(credits, outlet) {
		return fmt.Sprintf("the earliest version; credits %s, whose version is not in the corpus", outlet)
	}
	return fmt.Sprintf("the earliest version; from %s, whose version is not in the corpus (another version credits %s; this one does not)", outlet, outlet)
}

type candidate struct {
	doc       int
	credited  bool // the child names this candidate's outlet
	inter     int
	explained float64
	jaccard   float64
	extra     int // the candidate's shingles the child lacks
	order     int
	flags     []string
}

// better orders parent candidates: more of the child explained, then known
// to be earlier, then more similar (differences of a few shingles, such as
// a dateline, do not count, nor an agency's dateline that a copy of it
// stripped); when the text cannot tell them apart, the one the child
// credits, then a wire or agency over a newspaper or website (what an
// agency puts out, papers print; they rarely copy each other), then the
// most recent (copies are usually made from the version at hand, not
// from the oldest one).
func (a *analyzer) better(x, y candidate) bool {
	if d := x.explained - y.explained; d > explainedTie || d < -explainedTie {
		return d > 0
	}
	if (x.order < 0) != (y.order < 0) {
		return x.order < 0
	}
	if d := x.jaccard - y.jaccard; (d > jaccardTie || d < -jaccardTie) && !a.onlyMark(x, y) {
		return d > 0
	}
	if x.credited != y.credited {
		return x.credited
	}
	if rx, ry := a.rank[x.doc], a.rank[y.doc]; rx != ry {
		return rx > ry // papers and agencies copy wires and agencies, rarely each other
	}
	return a.processBefore(y.doc, x.doc)
}

// onlyMark reports whether what sets two candidates apart may be only an
// agency's mark: the one of higher kind has the more shingles the child
// lacks, and no more than a dateline's worth (markTie). Every copy strips
// the agency's dateline, so two copies that lack it share no edit.
func (a *analyzer) onlyMark(x, y candidate) bool {
	if a.rank[x.doc] < a.rank[y.doc] {
		x, y = y, x
	}
	return a.rank[x.doc] > a.rank[y.doc] && x.extra > y.extra && x.extra-y.extra <= markTie
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

// hint reports whether something other than timestamps says p comes
// before c: evidence (a credit, an agency's own mark) or kinds (agencies
// feed websites, rarely the reverse). Text alone cannot tell a parent from
// a child, so without a usable timestamp a candidate needs a hint.
func (a *analyzer) hint(c, p int, st *clusterState) bool {
	if ok, _ := a.upstream(p, c, st.story); ok {
		return true
	}
	return a.rank[p] > a.rank[c]
}

// parentPool returns the members that may be c's parent: those placed
// before it that its clock or a hint allows, and later ones a hint puts
// upstream; never one of c's descendants. When c credits an outlet whose
// version is in the pool, the pool is that version and its descendants:
// a credit says where the text came from, whatever the clocks say.
func (a *analyzer) parentPool(c int, before, after []int, st *clusterState) []int {
	var pool []int
	for _, p := range before {
		ord, _ := order(a.clock[p], a.clock[c])
		switch {
		case ord < 0, a.hint(c, p, st):
			pool = append(pool, p)
		case ord == 0 && !a.hint(p, c, st) && !a.editedLater(p, c, st):
			pool = append(pool, p)
		}
	}
	for _, p := range after {
		// Placed later, but upstream by a hint, or unordered by the clocks
		// (a bare date of the same day, a missing time) with nothing saying
		// it copied c: the text decides between them.
		ord, _ := order(a.clock[p], a.clock[c])
		if a.hint(c, p, st) || ord == 0 && !a.hint(p, c, st) && !a.editedLater(p, c, st) {
			pool = append(pool, p)
		}
	}
	pool = slices.DeleteFunc(pool, func(p int) bool { return a.descendant(p, c, st) })
	var credited []int
	for _, p := range pool {
		if st.creditsOutlet(c, a.outlet[p]) {
			credited = append(credited, p)
		}
	}
	if len(credited) == 0 {
		return pool
	}
	return slices.DeleteFunc(pool, func(p int) bool {
		if _, placed := st.parent[p]; !placed {
			// Not placed yet, so its line is unknown: it stays unless it
			// is upstream of the credited version.
			return slices.ContainsFunc(credited, func(x int) bool { return x != p && a.descendant(x, p, st) })
		}
		return !slices.ContainsFunc(credited, func(x int) bool { return a.descendant(p, x, st) })
	})
}

// editedLater reports whether p's text shows it was made after c's when
// the clocks cannot order them: p changed words of the text c has. p
// carries at least minUnique shingles found in no other member, c has at
// least minUnique that p lacks (the words p replaced), and c carries
// fewer than minUnique of its own. A copy carries its parent's edits, so
// a version with changed words that nobody else has was made from c's
// text or beside it, not before it. Text that p has and c lacks alone
// says nothing: copies are trimmed far more often than padded.
func (a *analyzer) editedLater(p, c int, st *clusterState) bool {
	if a.ownEdits(p, st) < minUnique || a.ownEdits(c, st) >= minUnique {
		return false
	}
	cs := a.docs[c].Set
	return len(cs)-shingle.Intersect(cs, a.docs[p].Set) >= minUnique
}

// ownEdits counts the shingles of x that no other member of the cluster
// holds.
func (a *analyzer) ownEdits(x int, st *clusterState) int {
	st.countShingles(a)
	n := 0
	for _, h := range a.docs[x].Set {
		if st.count[h] == 1 {
			n++
		}
	}
	return n
}

// countShingles counts, once per cluster, the members holding each
// shingle.
func (st *clusterState) countShingles(a *analyzer) {
	if st.count != nil {
		return
	}
	st.count = map[uint64]int32{}
	for _, m := range st.c.Members {
		for _, h := range a.docs[m.Doc].Set {
			st.count[h]++
		}
	}
}

// chooseParent picks c's parent among the members placed before it, and
// among later ones only those a hint puts upstream.
func (a *analyzer) chooseParent(c int, before, after []int, st *clusterState) (int, *Edge) {
	pool := a.parentPool(c, before, after, st)
	if len(pool) == 0 {
		return -1, &Edge{Versus: -1, Reason: "no earlier version in the cluster"}
	}
	story := a.storySize(c, pool)
	cands := make([]candidate, 0, len(pool))
	for _, p := range pool {
		cs, ps := a.docs[c].Set, a.docs[p].Set
		inter := shingle.Intersect(cs, ps)
		ord, flags := order(a.clock[p], a.clock[c])
		cands = append(cands, candidate{doc: p, inter: inter, order: ord, flags: flags,
			credited: st.creditsOutlet(c, a.outlet[p]),
			jaccard:  ratio(inter, len(cs)+len(ps)-inter), explained: ratio(inter, story), extra: len(ps) - inter})
	}
	sort.Slice(cands, func(i, j int) bool { return a.better(cands[i], cands[j]) })
	best := cands[0]
	if best.order > 0 && !best.credited {
		// Later by its timestamp: only text that clearly explains more
		// outweighs the clock.
		for _, cd := range cands[1:] {
			if cd.order <= 0 && cd.explained >= best.explained-clockMargin {
				best = cd
				break
			}
		}
	}
	runner := -1
	if len(cands) > 1 {
		runner = cands[1].doc
		if runner == best.doc {
			runner = cands[0].doc
		}
	}
	if st.origin.Doc < 0 {
		if ok, why := a.straightFromExternal(c, best, story, st); ok {
			e := a.edge(c, best, runner, "")
			e.Reason = fmt.Sprintf("copied from %s, whose version is not in the corpus: %s", st.origin.Outlet, why)
			return -1, e
		}
	}
	ok, why := a.upstream(best.doc, c, st.story)
	var against string
	if best.order > 0 {
		against = a.outweighsClock(best, cands, why)
	}
	e := a.edge(c, best, runner, against)
	switch {
	case ok && best.order == 0:
		e.Reason += "; " + why
	case !ok && best.order == 0 && a.rank[best.doc] > a.rank[c]:
		e.Reason += fmt.Sprintf("; the timestamps cannot order them, so kinds decide: %s feeds %s", kindName(a.kind[best.doc]), kindName(a.kind[c]))
	}
	return best.doc, e
}

// straightFromExternal reports whether c was copied from the external
// origin rather than from its best candidate in the corpus, and why.
func (a *analyzer) straightFromExternal(c int, best candidate, story int, st *clusterState) (bool, string) {
	bestID := a.docs[best.doc].ID
	if story == 0 || best.explained < straightShare {
		if best.explained < reasonShare {
			return true, fmt.Sprintf("no version in the corpus explains it (best %s, %.0f%%)", bestID, 100*best.explained)
		}
		return true, fmt.Sprintf("the closest version, %s, explains only %.0f%% of it", bestID, 100*best.explained)
	}
	if st.creditsOutlet(c, a.outlet[best.doc]) {
		return false, ""
	}
	// Wires and national agencies take stories from the wire they credit,
	// not from each other.
	if st.creditsOutlet(c, st.origin.Outlet) && a.rank[c] >= rankAgency {
		return true, fmt.Sprintf("it credits %s, and agencies take stories from the wire they credit", st.origin.Outlet)
	}
	// c holds text that best lacks and other versions have: best's edits
	// replaced it, so c's text comes from before them, from the missing
	// original.
	if n := a.heldElsewhere(c, best.doc, st); n >= minOriginal {
		return true, fmt.Sprintf("it shares %s with other versions that %s lacks", shingles(n), bestID)
	}
	// Two copies of a text that is not in the corpus look alike; c copied
	// best only if it carries something of best's own.
	if a.uniqueShared(c, best.doc, st) < minUnique {
		return true, "it carries no edit unique to " + bestID
	}
	return false, ""
}

// heldElsewhere counts c's shingles that p lacks and another member of
// the cluster holds.
func (a *analyzer) heldElsewhere(c, p int, st *clusterState) int {
	st.countShingles(a)
	cs := a.docs[c].Set
	inP := make([]bool, len(cs))
	shingle.MarkShared(cs, a.docs[p].Set, inP)
	n := 0
	for i, h := range cs {
		if !inP[i] && st.count[h] >= 2 {
			n++
		}
	}
	return n
}

// uniqueShared counts shingles only c and p hold in the cluster: p's own
// edits that c carries.
func (a *analyzer) uniqueShared(c, p int, st *clusterState) int {
	st.countShingles(a)
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
	story := a.storySize(c, full)
	var best candidate
	best.doc = -1
	for _, p := range full {
		inter := shingle.Intersect(a.docs[c].Set, a.docs[p].Set)
		ord, flags := order(a.clock[p], a.clock[c])
		cd := candidate{doc: p, inter: inter, order: ord, flags: flags, explained: ratio(inter, story),
			credited: st.creditsOutlet(c, a.outlet[p])}
		if best.doc < 0 || a.betterQuote(cd, best) {
			best = cd
		}
	}
	if best.doc < 0 {
		return -1, nil
	}
	var against string
	if best.order > 0 {
		against = "no version published before it shares as much text with it"
		if best.credited {
			against = "it credits " + a.outlet[best.doc]
		}
	}
	e := a.edge(c, best, -1, against)
	e.Reason = fmt.Sprintf("quotes %s of %s, no fewer than of any other version", shingles(best.inter), a.docs[best.doc].ID) + e.timeReason(against)
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
	return a.processBefore(y.doc, x.doc)
}

// ExplainedClause opens the reason of a copy whose parent is in the
// corpus: "P explains 93% of its story text" (see Edge.Explained).
func ExplainedClause(parentID string, explained float64) string {
	return fmt.Sprintf("%s explains %.0f%% of its story text", parentID, 100*explained)
}

// outweighsClock says what put best, a version later by its timestamp,
// before the child: the evidence upstream found (why), a credit, or text
// that no earlier version explains as well (see chooseParent).
func (a *analyzer) outweighsClock(best candidate, cands []candidate, why string) string {
	if why != "" {
		return why
	}
	if best.credited {
		return "it credits " + a.outlet[best.doc]
	}
	earlier := -1.0
	for _, cd := range cands {
		if cd.order <= 0 && cd.explained > earlier {
			earlier = cd.explained
		}
	}
	if earlier < 0 {
		return "no version published before it holds its text"
	}
	return fmt.Sprintf("no version published before it explains more than %.0f%% of its story text", 100*earlier)
}

// edge measures the edge from p to c. against, when p is later by its
// timestamp, says what outweighed the clock.
func (a *analyzer) edge(c int, p candidate, runner int, against string) *Edge {
	cs, ps := a.docs[c].Set, a.docs[p.doc].Set
	e := &Edge{
		InParent: ratio(p.inter, len(cs)), OfParent: ratio(p.inter, len(ps)), Explained: p.explained,
		Versus: runner, Flags: slices.Clone(p.flags),
	}
	e.Delay, e.HasDelay = delay(a.clock[p.doc], a.clock[c])
	if against != "" {
		e.Flags = append(e.Flags, FlagTimeConflict)
	}
	var b strings.Builder
	b.WriteString(ExplainedClause(a.docs[p.doc].ID, p.explained))
	if runner >= 0 {
		a.compareRunner(e, cs, ps, a.docs[runner].Set)
		fmt.Fprintf(&b, "; it carries %s that %s has and %s lacks", shingles(e.Carried), a.docs[p.doc].ID, a.docs[runner].ID)
		if e.Missing > 0 {
			fmt.Fprintf(&b, ", and lacks %s of %s that %s also lacks", shingles(e.Missing), a.docs[runner].ID, a.docs[p.doc].ID)
		}
	}
	b.WriteString(e.timeReason(against))
	if s := a.clockReason(p.doc, c); s != "" {
		b.WriteString("; " + s)
	}
	e.Reason = b.String()
	return e
}

// compareRunner counts the shingles child and parent share that the
// runner-up lacks, and the runner-up's shingles both lack.
func (a *analyzer) compareRunner(e *Edge, cs, ps, rs []uint64) {
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
}

// clockReason says which outlets' timestamps were corrected.
func (a *analyzer) clockReason(p, c int) string {
	var parts []string
	for _, d := range []int{p, c} {
		if s := a.clock[d].shift; s != 0 && !slices.ContainsFunc(parts, func(x string) bool { return strings.HasPrefix(x, a.outlet[d]+"'s") }) {
			dir := "late"
			if s < 0 {
				dir, s = "early", -s
			}
			parts = append(parts, fmt.Sprintf("%s's timestamps run %s %s (estimated), corrected", a.outlet[d], s, dir))
		}
	}
	return strings.Join(parts, "; ")
}

// timeReason says how the timestamps order the pair; against says what
// outweighed them when they put the child first.
func (e *Edge) timeReason(against string) string {
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
			if e.HasDelay && e.Delay < 0 {
				parts[0] += ", but " + against
			} else {
				parts = append(parts, "its timestamp puts it first, but "+against)
			}
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

// shingles counts shingles in words: "1 shingle", "16 shingles".
func shingles(n int) string {
	if n == 1 {
		return "1 shingle"
	}
	return fmt.Sprintf("%d shingles", n)
}

func contains(set []uint64, h uint64) bool {
	_, ok := slices.BinarySearch(set, h)
	return ok
}
