package report

import (
	"strconv"
	"strings"

	"github.com/wiretrace/wiretrace/provenance"
)

// EdgeRecord is one provenance edge, flattened for the tabular and graph
// formats: the copy, its parent (or the external origin) and the evidence.
type EdgeRecord struct {
	Cluster string
	From    string // parent id, or the external origin outlet when External
	To      string
	// External is true when the copy was made straight from an origin
	// outlet whose version is not in the corpus.
	External bool
	Member   *Member
}

// Edges lists the provenance edges of a cluster in member order.
func (c *Cluster) Edges() []EdgeRecord {
	var out []EdgeRecord
	for i := range c.Members {
		m := &c.Members[i]
		switch {
		case m.Parent != nil:
			out = append(out, EdgeRecord{Cluster: c.ID, From: *m.Parent, To: m.ID, Member: m})
		case c.Origin.Doc == nil && m.Edge != nil:
			out = append(out, EdgeRecord{Cluster: c.ID, From: c.Origin.Outlet, To: m.ID, External: true, Member: m})
		}
	}
	return out
}

// VerdictCounts counts members by verdict across all clusters.
func (r *Report) VerdictCounts() map[provenance.Verdict]int {
	n := map[provenance.Verdict]int{}
	for _, c := range r.Clusters {
		for _, m := range c.Members {
			n[m.Attribution.Verdict]++
		}
	}
	return n
}

func delayString(s *int64) string {
	if s == nil {
		return ""
	}
	return strconv.FormatInt(*s, 10)
}

// Deref returns *s, or "" for nil.
func Deref(s *string) string { return deref(s) }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func ratioString(r Ratio) string {
	b, _ := r.MarshalJSON()
	return string(b)
}

func joinFlags(e *Edge) string {
	if e == nil {
		return ""
	}
	return strings.Join(e.Flags, ";")
}
