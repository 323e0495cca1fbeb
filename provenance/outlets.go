package provenance

import (
	"slices"
	"sort"
	"time"

	"github.com/wiretrace/wiretrace/match"
)

// OutletSummary is what one outlet did across all stories.
type OutletSummary struct {
	Outlet     string
	Originated int            // stories it first published (or was credited as the external origin of)
	Copied     int            // copies it published
	From       map[string]int // copies by the outlet they were copied from
	Uncredited int            // copies that named no upstream outlet
	// MedianDelay is the median time from parent to copy over copies with
	// a known delay; HasDelay is false when there were none.
	MedianDelay time.Duration
	HasDelay    bool
	// Clock is the estimate of the outlet's timestamps, nil when no pair
	// of known direction involves it.
	Clock *ClockEstimate
}

// Summary accumulates the outlets' summary story by story, in any order.
type Summary struct {
	by     map[string]*OutletSummary
	delays map[string][]time.Duration
	clocks []ClockEstimate
}

// NewSummary starts the outlets' summary of an analysis.
func (an *Analysis) NewSummary() *Summary { return NewSummary(an.clocks) }

// NewSummary starts an outlets' summary with the given clock estimates,
// for stories placed elsewhere (by analyses of parts of a corpus).
func NewSummary(clocks []ClockEstimate) *Summary {
	return &Summary{by: map[string]*OutletSummary{}, delays: map[string][]time.Duration{}, clocks: clocks}
}

func (s *Summary) get(o string) *OutletSummary {
	if s.by[o] == nil {
		s.by[o] = &OutletSummary{Outlet: o, From: map[string]int{}}
	}
	return s.by[o]
}

// Add counts one story: c is the scan's cluster, p its provenance.
func (s *Summary) Add(c match.Cluster, p Cluster) {
	s.get(p.Origin.Outlet).Originated++
	for mi, m := range p.Members {
		if c.Members[mi].Doc == p.Origin.Doc {
			continue
		}
		o := s.get(m.Outlet)
		o.Copied++
		from := p.Origin.Outlet
		if m.Parent >= 0 {
			from = p.Members[indexOf(c, m.Parent)].Outlet
		}
		o.From[from]++
		if m.Verdict == Uncredited {
			o.Uncredited++
		}
		if m.Edge != nil && m.Edge.HasDelay && m.Edge.Delay >= 0 {
			s.delays[m.Outlet] = append(s.delays[m.Outlet], m.Edge.Delay)
		}
	}
}

// Outlets returns the summary, sorted by outlet. Call it once, after the
// last Add.
func (s *Summary) Outlets() []OutletSummary {
	for i := range s.clocks {
		s.get(s.clocks[i].Outlet).Clock = &s.clocks[i]
	}
	var out []OutletSummary
	for o, os := range s.by {
		if ds := s.delays[o]; len(ds) > 0 {
			slices.Sort(ds)
			os.MedianDelay, os.HasDelay = ds[len(ds)/2], true
			if len(ds)%2 == 0 {
				os.MedianDelay = (ds[len(ds)/2-1] + ds[len(ds)/2]) / 2
			}
		}
		out = append(out, *os)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Outlet < out[j].Outlet })
	return out
}

func indexOf(c match.Cluster, doc int) int {
	for i, m := range c.Members {
		if m.Doc == doc {
			return i
		}
	}
	return -1
}
