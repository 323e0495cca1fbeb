package provenance

import (
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

func summarize(res *match.Result, p *Result, clocks []ClockEstimate) []OutletSummary {
	by := map[string]*OutletSummary{}
	get := func(o string) *OutletSummary {
		if by[o] == nil {
			by[o] = &OutletSummary{Outlet: o, From: map[string]int{}}
		}
		return by[o]
	}
	delays := map[string][]time.Duration{}
	for ci, c := range p.Clusters {
		get(c.Origin.Outlet).Originated++
		for mi, m := range c.Members {
			doc := res.Clusters[ci].Members[mi].Doc
			if doc == c.Origin.Doc {
				continue
			}
			s := get(m.Outlet)
			s.Copied++
			from := c.Origin.Outlet
			if m.Parent >= 0 {
				from = c.Members[indexOf(res.Clusters[ci], m.Parent)].Outlet
			}
			s.From[from]++
			if m.Verdict == Uncredited {
				s.Uncredited++
			}
			if m.Edge != nil && m.Edge.HasDelay && m.Edge.Delay >= 0 {
				delays[m.Outlet] = append(delays[m.Outlet], m.Edge.Delay)
			}
		}
	}
	for i := range clocks {
		get(clocks[i].Outlet).Clock = &clocks[i]
	}
	var out []OutletSummary
	for o, s := range by {
		if ds := delays[o]; len(ds) > 0 {
			sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
			s.MedianDelay, s.HasDelay = ds[len(ds)/2], true
			if len(ds)%2 == 0 {
				s.MedianDelay = (ds[len(ds)/2-1] + ds[len(ds)/2]) / 2
			}
		}
		out = append(out, *s)
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
