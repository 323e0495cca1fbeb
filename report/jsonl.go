package report

import (
	"bufio"
	"encoding/json"
	"io"
)

// memberLine is one line of the jsonl format for a member.
type memberLine struct {
	Record  string `json:"record"`
	Cluster string `json:"cluster"`
	Origin  Origin `json:"origin"`
	Member
}

// edgeLine is one line of the jsonl format for a provenance edge.
type edgeLine struct {
	Record   string `json:"record"`
	Cluster  string `json:"cluster"`
	From     string `json:"from"`
	To       string `json:"to"`
	External bool   `json:"external"`
	Edge     *Edge  `json:"edge"`
}

// WriteJSONL writes one JSON object a line: every membership
// ("record": "member", with the member's JSON fields) and every provenance
// edge ("record": "edge"), cluster by cluster, for streaming into other
// tools.
func WriteJSONL(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for ci := range r.Clusters {
		c := &r.Clusters[ci]
		for _, m := range c.Members {
			if err := enc.Encode(memberLine{Record: "member", Cluster: c.ID, Origin: c.Origin, Member: m}); err != nil {
				return err
			}
		}
		for _, e := range c.Edges() {
			if err := enc.Encode(edgeLine{Record: "edge", Cluster: c.ID, From: e.From, To: e.To, External: e.External, Edge: e.Member.Edge}); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}
