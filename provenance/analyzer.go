package provenance

import (
	"slices"

	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/match"
)

// analyzer holds what every cluster's analysis reads: per document its
// canonical outlet, kind, credits and clock. It is read-only once built
// (correctClocks runs before the clusters are analysed).
type analyzer struct {
	docs   []*match.Doc
	reg    *credit.Registry
	outlet []string      // canonical outlet per document
	rank   []int         // kind rank of the outlet (see kindRank)
	kind   []credit.Kind // registry kind of the outlet, "" when unknown
	// credited are the outlets a document credits with a credit form,
	// other than its own; named are known outlets it names in an in-text
	// form that is not a credit by itself ("X said"): they count when X's
	// version is in the story.
	credited, named [][]string
	// selfMark is set when a wire's or agency's article carries its own
	// name in an attribution form of its text (its dateline or tag): the
	// mark its copies usually strip.
	selfMark []bool
	clock    []clock // corrected publication times
}

func newAnalyzer(res *match.Result, reg *credit.Registry) *analyzer {
	n := len(res.Docs)
	a := &analyzer{docs: res.Docs, reg: reg, outlet: make([]string, n), rank: make([]int, n), kind: make([]credit.Kind, n),
		credited: make([][]string, n), named: make([][]string, n), selfMark: make([]bool, n), clock: make([]clock, n)}
	for i, d := range res.Docs {
		a.outlet[i], _ = reg.Resolve(d.Outlet)
		if a.outlet[i] == "" {
			a.outlet[i] = d.Outlet
		}
		a.kind[i] = reg.Kind(a.outlet[i])
		a.rank[i] = kindRank(a.kind[i])
		a.clock[i] = clock{t: d.Time, p: d.Precision}
		a.readCredits(i)
	}
	return a
}

func (a *analyzer) readCredits(doc int) {
	own := a.outlet[doc]
	for _, m := range a.docs[doc].Credits {
		switch {
		case m.Outlet == own:
			if m.Where == credit.InText && m.Form.Attribution() && a.rank[doc] >= rankAgency {
				a.selfMark[doc] = true
			}
		case m.Credit:
			if !slices.Contains(a.credited[doc], m.Outlet) {
				a.credited[doc] = append(a.credited[doc], m.Outlet)
			}
		case namesOutlet(m):
			if !slices.Contains(a.named[doc], m.Outlet) {
				a.named[doc] = append(a.named[doc], m.Outlet)
			}
		}
	}
}

// namesOutlet reports whether a mention that is not a credit by its form
// still names a news outlet: a known one that is not generic and not an
// organisation other than a news outlet.
// A told form ("Ryabkov told Sputnik") never does: it says who obtained a
// quote, and the page still presents the text as its own.
func namesOutlet(m credit.Mention) bool {
	return m.Known && m.Kind != credit.Generic && m.Kind != credit.Organization && m.Form != credit.Told
}

// credits returns the outlets a document credits in a story whose outlets
// are given: its credit forms, and in-text mentions of outlets in the
// story. The slice may be shared: callers must not change it.
func (a *analyzer) credits(doc int, outlets map[string]bool) []string {
	out := a.credited[doc]
	for _, o := range a.named[doc] {
		if outlets[o] && !slices.Contains(out, o) {
			out = append(slices.Clip(out), o)
		}
	}
	return out
}

// Kind ranks: wires feed agencies, agencies feed newspapers and websites,
// and aggregators republish all of them. Ranks are priors for direction,
// used when the clocks and credits cannot decide.
const (
	rankAggregator = 0
	rankPublisher  = 1
	rankAgency     = 2
	rankWire       = 3
)

func kindRank(k credit.Kind) int {
	switch k {
	case credit.Wire:
		return rankWire
	case credit.Agency:
		return rankAgency
	case credit.Aggregator:
		return rankAggregator
	}
	return rankPublisher
}
