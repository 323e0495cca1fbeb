package provenance

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/match"
)

// Verdict says what a published copy tells its reader about where its text
// came from.
type Verdict string

// Verdicts.
const (
	VerdictOrigin       Verdict = "origin"
	CreditsOrigin       Verdict = "credits-origin"
	CreditsIntermediary Verdict = "credits-intermediary"
	Uncredited          Verdict = "uncredited"
	Miscredited         Verdict = "miscredited"
)

// Verdicts lists every verdict in the order reports show them.
var Verdicts = []Verdict{VerdictOrigin, CreditsOrigin, CreditsIntermediary, Uncredited, Miscredited}

// ParseVerdict returns the verdict a string names.
func ParseVerdict(s string) (Verdict, bool) {
	for _, v := range Verdicts {
		if string(v) == s {
			return v, true
		}
	}
	return "", false
}

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
// is not in the corpus (Doc == -1). Reason says what decided it.
type Origin struct {
	Doc    int
	Outlet string
	Reason string
}

// Member is the provenance of one member.
type Member struct {
	Parent  int    // document index, -1 for none
	Outlet  string // canonical outlet
	Verdict Verdict
	// OwnVerdict is the verdict from the credits the copier wrote itself,
	// ignoring those it inherited from its parent's text.
	OwnVerdict Verdict
	Credits    []string // canonical outlets credited, sorted
	Mentions   []Mention
	Edge       *Edge // nil for the origin
}

// Mention is a credit mention with what provenance made of it.
type Mention struct {
	credit.Mention
	Self bool // names the article's own outlet
	// Inherited is set on a text mention that the parent's text carries
	// too (same outlet, same form): the copier kept it rather than wrote it.
	Inherited bool
	// Counted is set when the mention credits an outlet other than the
	// article's own: a credit form, or an in-text form naming an outlet
	// whose version is in the story.
	Counted bool
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
// number of workers. Documents' Credits hold their mentions. Clusters are
// analysed independently once the outlets' clocks are estimated, so the
// result does not depend on the number of workers.
func Analyze(res *match.Result, reg *credit.Registry, workers int) *Result {
	an := Estimate(res, reg, workers)
	out := &Result{Clusters: make([]Cluster, len(res.Clusters))}
	parallel(len(res.Clusters), workers, func(i int) {
		evictNow(res, i)
		out.Clusters[i] = an.Cluster(i)
	})
	sum := an.NewSummary()
	for i := range out.Clusters {
		sum.Add(res.Clusters[i], out.Clusters[i])
	}
	out.Outlets = sum.Outlets()
	return out
}

// Analysis is provenance between its two passes: the first reads every
// story for the pairs whose direction is known (ClockPairs) and estimates
// the outlets' clocks from them (EstimateClocks, SetClocks); the second
// places each story's members, one story at a time (Cluster), so a caller
// can write each story as it is placed and never hold them all
// (report.BuildStreaming does).
//
// Both passes read one story at a time, so a distributed caller can run
// them over parts of a scan (each part's stories with their documents) and
// combine only the pairs: the clocks need every story's pairs, nothing
// else needs more than one story.
type Analysis struct {
	a      *analyzer
	res    *match.Result
	clocks []ClockEstimate
}

// NewAnalysis starts the analysis of a scan: per document its canonical
// outlet, kind, credits and input time. No clock is corrected until
// SetClocks.
func NewAnalysis(res *match.Result, reg *credit.Registry) *Analysis {
	return &Analysis{a: newAnalyzer(res, reg), res: res}
}

// ClockPairs returns the known-direction pairs of the scan's cluster i
// (first pass, per story). It reads input times only, so it gives the
// same pairs before and after SetClocks, and is safe for concurrent use.
func (an *Analysis) ClockPairs(i int) []ClockPair {
	c := an.res.Clusters[i]
	return an.a.knownPairs(c, an.a.newStory(c))
}

// SetClocks corrects every document's time by the estimates of its
// outlet (EstimateClocks over every story of the corpus, not only this
// scan's when the scan is a part of it), replacing any earlier
// correction. Call it before Cluster, not concurrently with it.
func (an *Analysis) SetClocks(est []ClockEstimate) {
	an.a.correctClocks(est)
	an.clocks = est
}

// Clocks returns the estimates SetClocks was given.
func (an *Analysis) Clocks() []ClockEstimate { return an.clocks }

// Estimate runs the first pass over every cluster of a scan on the given
// number of workers: NewAnalysis, ClockPairs of every cluster,
// EstimateClocks over all of them and SetClocks.
func Estimate(res *match.Result, reg *credit.Registry, workers int) *Analysis {
	an := NewAnalysis(res, reg)
	pairs := make([][]ClockPair, len(res.Clusters))
	parallel(len(res.Clusters), workers, func(i int) {
		evictNow(res, i)
		pairs[i] = an.ClockPairs(i)
	})
	an.SetClocks(EstimateClocks(pairs...))
	return an
}

// Cluster places the members of the scan's cluster i. It is safe for
// concurrent use, and its answer does not depend on which clusters were
// placed before.
func (an *Analysis) Cluster(i int) Cluster {
	c := an.res.Clusters[i]
	return an.a.cluster(c, an.a.newStory(c))
}

// evictNow lets the content sets read so far leave resident memory every
// evictEvery stories (see match.Result.EvictSets).
func evictNow(res *match.Result, i int) {
	if i%evictEvery == evictEvery-1 {
		res.EvictSets()
	}
}

const evictEvery = 2048

// parallel runs fn(0..n-1) on workers goroutines.
func parallel(n, workers int, fn func(int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < max(workers, 1); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				fn(i)
			}
		}()
	}
	wg.Wait()
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
