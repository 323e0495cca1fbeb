package provenance

import (
	"slices"
	"sort"
	"time"

	"github.com/wiretrace/wiretrace/match"
	"github.com/wiretrace/wiretrace/shingle"
)

// ClockEstimate is what the corpus says about one outlet's timestamps,
// from the pairs of its articles whose direction is known from evidence
// other than time (credits, an agency's own dateline).
type ClockEstimate struct {
	Outlet string
	// Offset is how late the outlet's timestamps run (negative: early);
	// it is subtracted from them when Applied.
	Offset time.Duration
	// Spread is the median distance of the pairs' delays from the
	// typical one: how far to trust Offset.
	Spread time.Duration
	// Pairs is the number of known-direction pairs behind the estimate;
	// Against is how many of them the raw timestamps put the wrong way.
	Pairs, Against int
	Applied        bool
}

// Clock estimation rules. A crawler's clock (SaudiNewsNet's published
// field is when a page was fetched) makes an agency's own article look
// hours or days later than the newspapers' copies of it. An outlet's
// clock is taken to run late when most of the known copies of its
// articles are timestamped before them, and early when most of the
// articles it is known to have copied are timestamped after its copy.
// The correction moves its times so that clockCover of those pairs come
// out in the known order; small offsets are left alone, since copy
// delays of minutes to hours are normal.
const (
	clockMinPairs = 5    // pairs needed before an outlet's clock is corrected
	clockMajority = 0.8  // share of its pairs the raw clock must put the wrong way
	clockCover    = 0.75 // share of those pairs the corrected clock puts right
	// clockMinOffset: a smaller correction is within normal copy delays.
	clockMinOffset = time.Hour
	clockRounds    = 3 // rounds of re-estimation with the other outlets corrected
)

// timedPair is a known-direction pair of articles with comparable
// timestamps: Delay is the child's time less the parent's.
type timedPair struct {
	parent, child int // documents
	delay         time.Duration
}

// knownPairs returns the pairs of a cluster's full members whose direction
// evidence (or verbatim containment) decides, when both have comparable
// times of day.
func (a *analyzer) knownPairs(c match.Cluster, s *story) []timedPair {
	var out []timedPair
	for _, x := range c.Members {
		for _, y := range c.Members {
			if x.Kind != match.Full || y.Kind != match.Full || x.Doc == y.Doc {
				continue
			}
			if ok, _ := a.upstream(x.Doc, y.Doc, s); !ok && !a.trimmedCopy(y.Doc, x.Doc) {
				continue
			}
			px, py := a.clock[x.Doc], a.clock[y.Doc]
			if px.timed() && px.p == py.p {
				out = append(out, timedPair{parent: x.Doc, child: y.Doc, delay: py.t.Sub(px.t)})
			}
		}
	}
	return out
}

// Verbatim containment gives a direction for clock estimation (not for
// placement): a text found almost whole in a clearly longer one was cut
// from it. Newsrooms trim copies far more often than they pad a text with
// new paragraphs around every sentence of another.
const (
	trimmedWhole = 0.95 // share of the copy found in the longer version
	trimmedCut   = 0.8  // at most this share of the longer version is in the copy
)

// trimmedCopy reports whether c is a verbatim, trimmed copy of p.
func (a *analyzer) trimmedCopy(c, p int) bool {
	cs, ps := a.docs[c].Set, a.docs[p].Set
	if len(cs) == 0 || float64(len(cs)) > trimmedCut*float64(len(ps)) {
		return false
	}
	n := shingle.Intersect(cs, ps)
	return float64(n) >= trimmedWhole*float64(len(cs)) && float64(n) <= trimmedCut*float64(len(ps))
}

// estimateClocks estimates every outlet's clock from the known pairs of
// all clusters, in a fixed order so the result does not depend on workers.
// Each round reads every pair twice (once for each of its outlets).
func estimateClocks(outlet []string, byCluster [][]timedPair) []ClockEstimate {
	byOutlet := map[string][]timedPair{}
	for _, ps := range byCluster {
		for _, p := range ps {
			po, co := outlet[p.parent], outlet[p.child]
			if po != co {
				byOutlet[po] = append(byOutlet[po], p)
				byOutlet[co] = append(byOutlet[co], p)
			}
		}
	}
	names := make([]string, 0, len(byOutlet))
	for o := range byOutlet {
		names = append(names, o)
	}
	sort.Strings(names)
	applied := map[string]time.Duration{}
	var est []ClockEstimate
	for round := 0; round < clockRounds; round++ {
		est = est[:0]
		next := map[string]time.Duration{}
		for _, o := range names {
			e := estimateOne(o, outlet, byOutlet[o], applied)
			if e.Applied {
				next[o] = e.Offset
			}
			est = append(est, e)
		}
		if mapsEqual(next, applied) {
			break
		}
		applied = next
	}
	return est
}

// estimateOne estimates outlet o's clock from its pairs, with the other
// outlets' applied offsets taken off their times.
func estimateOne(o string, outlet []string, pairs []timedPair, applied map[string]time.Duration) ClockEstimate {
	e := ClockEstimate{Outlet: o, Pairs: len(pairs)}
	var late, early []time.Duration // how far each pair says o runs late / early
	for _, p := range pairs {
		if po, co := outlet[p.parent], outlet[p.child]; po == o {
			late = append(late, -(p.delay - applied[co]))
		} else {
			early = append(early, -(p.delay + applied[po]))
		}
	}
	all := append(slices.Clone(late), early...)
	e.Spread = spread(all)
	for _, side := range []struct {
		samples []time.Duration
		sign    time.Duration
	}{{late, 1}, {early, -1}} {
		wrong := 0
		for _, s := range side.samples {
			if s > 0 {
				wrong++
			}
		}
		e.Against += wrong
		if len(side.samples) < clockMinPairs || float64(wrong) < clockMajority*float64(len(side.samples)) {
			continue
		}
		off := quantile(side.samples, clockCover)
		if off >= clockMinOffset {
			e.Offset, e.Applied = side.sign*off, true
		}
	}
	return e
}

// clockSlack: a corrected time is trusted only to this many spreads of
// its outlet's estimate; closer times are not ordered by the clocks, and
// the text and evidence decide.
const clockSlack = 2

// correctClocks takes the applied offsets off every document's time.
func (a *analyzer) correctClocks(est []ClockEstimate) {
	off := map[string]ClockEstimate{}
	for _, e := range est {
		if e.Applied {
			off[e.Outlet] = e
		}
	}
	for i := range a.clock {
		if e, ok := off[a.outlet[i]]; ok && a.clock[i].timed() {
			a.clock[i].t = a.clock[i].t.Add(-e.Offset)
			a.clock[i].shift = e.Offset
			a.clock[i].slack = clockSlack * e.Spread
		}
	}
}

func quantile(xs []time.Duration, q float64) time.Duration {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[min(len(s)-1, int(q*float64(len(s))))]
}

// spread is the median absolute deviation from the median.
func spread(xs []time.Duration) time.Duration {
	if len(xs) == 0 {
		return 0
	}
	m := quantile(xs, 0.5)
	dev := make([]time.Duration, len(xs))
	for i, x := range xs {
		dev[i] = (x - m).Abs()
	}
	return quantile(dev, 0.5)
}

func mapsEqual(a, b map[string]time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
