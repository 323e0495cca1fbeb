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

// ClockPair is a pair of articles of different outlets whose direction
// is known from evidence other than time (or verbatim containment), with
// timestamps of the same precision: what clocks are estimated from.
type ClockPair struct {
	Parent, Child string        // canonical outlets
	Delay         time.Duration // the child's time less the parent's
}

// knownPairs returns the pairs of a cluster's full members whose direction
// evidence (or verbatim containment) decides, when both have comparable
// times of day. It reads the input times, not the corrected ones, so its
// answer does not depend on whether clocks were set. Pairs within one
// outlet say nothing about its clock and are left out.
func (a *analyzer) knownPairs(c match.Cluster, s *story) []ClockPair {
	var out []ClockPair
	for _, x := range c.Members {
		for _, y := range c.Members {
			if x.Kind != match.Full || y.Kind != match.Full || x.Doc == y.Doc {
				continue
			}
			po, co := a.outlet[x.Doc], a.outlet[y.Doc]
			if po == co {
				continue
			}
			if ok, _ := a.upstream(x.Doc, y.Doc, s); !ok && !a.trimmedCopy(y.Doc, x.Doc) {
				continue
			}
			px, py := a.docs[x.Doc], a.docs[y.Doc]
			if (clock{t: px.Time, p: px.Precision}).timed() && px.Precision == py.Precision {
				out = append(out, ClockPair{Parent: po, Child: co, Delay: py.Time.Sub(px.Time)})
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

// EstimateClocks estimates every outlet's clock from the known pairs
// (ClockPairs) of every story of a corpus, given as any number of groups
// in any order: the answer depends only on the multiset of pairs. Outlets
// are estimated in name order, each round with the offsets the previous
// round applied to the others. Each round reads every pair twice (once
// for each of its outlets).
func EstimateClocks(pairs ...[]ClockPair) []ClockEstimate {
	byOutlet := map[string][]ClockPair{}
	for _, ps := range pairs {
		for _, p := range ps {
			if p.Parent != p.Child {
				byOutlet[p.Parent] = append(byOutlet[p.Parent], p)
				byOutlet[p.Child] = append(byOutlet[p.Child], p)
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
			e := estimateOne(o, byOutlet[o], applied)
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
func estimateOne(o string, pairs []ClockPair, applied map[string]time.Duration) ClockEstimate {
	e := ClockEstimate{Outlet: o, Pairs: len(pairs)}
	var late, early []time.Duration // how far each pair says o runs late / early
	for _, p := range pairs {
		if p.Parent == o {
			late = append(late, -(p.Delay - applied[p.Child]))
		} else {
			early = append(early, -(p.Delay + applied[p.Parent]))
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

// correctClocks takes the applied offsets off every document's input
// time (replacing an earlier correction).
func (a *analyzer) correctClocks(est []ClockEstimate) {
	off := map[string]ClockEstimate{}
	for _, e := range est {
		if e.Applied {
			off[e.Outlet] = e
		}
	}
	for i := range a.clock {
		a.clock[i] = clock{t: a.docs[i].Time, p: a.docs[i].Precision}
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
