package report

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"github.com/wiretrace/wiretrace/provenance"
	"io"
	"strings"
)

// Graph formats draw the provenance forest: one subgraph per cluster, one
// node per membership (an article that is a partial member of two clusters
// appears in both), an edge from each parent to its copy, and a dashed
// node for an origin outlet whose version is not in the corpus.

// verdictColor is the fill colour of a verdict in the graph formats.
var verdictColor = map[provenance.Verdict]string{
	provenance.VerdictOrigin:       "#9ecae1",
	provenance.CreditsOrigin:       "#a1d99b",
	provenance.CreditsIntermediary: "#fdd0a2",
	provenance.Uncredited:          "#fc9272",
	provenance.Miscredited:         "#bcbddc",
}

func nodeID(cluster, id string) string         { return cluster + "/" + id }
func externalID(cluster, outlet string) string { return cluster + "/origin:" + outlet }

func edgeSource(e EdgeRecord) string {
	if e.External {
		return externalID(e.Cluster, e.From)
	}
	return nodeID(e.Cluster, e.From)
}

// dotQuote quotes s as a DOT string.
func dotQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", "")
	return `"` + r.Replace(s) + `"`
}

// WriteDOT writes the graph in Graphviz DOT.
func WriteDOT(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "digraph wiretrace {")
	fmt.Fprintln(bw, "  rankdir=LR;")
	fmt.Fprintln(bw, `  node [shape=box, style="rounded,filled", fontname="sans-serif"];`)
	for ci := range r.Clusters {
		c := &r.Clusters[ci]
		fmt.Fprintf(bw, "  subgraph %s {\n", dotQuote("cluster_"+c.ID))
		fmt.Fprintf(bw, "    label=%s;\n", dotQuote(c.ID+" · origin "+c.Origin.Outlet))
		if c.Origin.Doc == nil {
			fmt.Fprintf(bw, "    %s [label=%s, style=\"dashed\"];\n", dotQuote(externalID(c.ID, c.Origin.Outlet)),
				dotQuote(c.Origin.Outlet+"\n(not in the corpus)"))
		}
		for _, m := range c.Members {
			fmt.Fprintf(bw, "    %s [label=%s, fillcolor=%s];\n", dotQuote(nodeID(c.ID, m.ID)),
				dotQuote(m.Outlet+"\n"+m.ID+"\n"+string(m.Attribution.Verdict)+partialSuffix(m)), dotQuote(verdictColor[m.Attribution.Verdict]))
		}
		for _, e := range c.Edges() {
			attrs := ""
			if e.Member.Edge != nil && e.Member.Edge.DelaySeconds != nil {
				attrs = fmt.Sprintf(" [label=%s]", dotQuote(humanDelay(*e.Member.Edge.DelaySeconds)))
			}
			fmt.Fprintf(bw, "    %s -> %s%s;\n", dotQuote(edgeSource(e)), dotQuote(nodeID(c.ID, e.To)), attrs)
		}
		fmt.Fprintln(bw, "  }")
	}
	fmt.Fprintln(bw, "}")
	return bw.Flush()
}

func partialSuffix(m Member) string {
	if m.Kind == "partial" {
		return " (partial)"
	}
	return ""
}

// nodeChars is how many characters of an outlet name fit in a graph node
// of the HTML report; a longer one is cut, whole in the node's title.
const nodeChars = 22

// humanDelay writes a delay in seconds as 3h35m.
func humanDelay(s int64) string {
	neg := s < 0
	if neg {
		s = -s
	}
	d, h, m := s/86400, s/3600%24, s/60%60
	var out string
	switch {
	case d > 0:
		out = fmt.Sprintf("%dd%dh", d, h)
	case h > 0:
		out = fmt.Sprintf("%dh%02dm", h, m)
	default:
		out = fmt.Sprintf("%dm", m)
	}
	if neg {
		return "−" + out
	}
	return "+" + out
}

// WriteMermaid writes the graph as a Mermaid flowchart.
func WriteMermaid(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "flowchart LR")
	ids := map[string]string{} // Mermaid ids must be plain words
	id := func(key string) string {
		if v, ok := ids[key]; ok {
			return v
		}
		v := fmt.Sprintf("n%d", len(ids)+1)
		ids[key] = v
		return v
	}
	for ci := range r.Clusters {
		c := &r.Clusters[ci]
		fmt.Fprintf(bw, "  subgraph %s[\"%s\"]\n", c.ID, mermaidText(c.ID+" · origin "+c.Origin.Outlet))
		if c.Origin.Doc == nil {
			fmt.Fprintf(bw, "    %s[/\"%s\"/]\n", id(externalID(c.ID, c.Origin.Outlet)), mermaidText(c.Origin.Outlet+" (not in the corpus)"))
		}
		for _, m := range c.Members {
			fmt.Fprintf(bw, "    %s[\"%s\"]:::%s\n", id(nodeID(c.ID, m.ID)),
				mermaidText(m.Outlet+": "+m.ID+" — "+string(m.Attribution.Verdict)+partialSuffix(m)), strings.ReplaceAll(string(m.Attribution.Verdict), "-", "_"))
		}
		for _, e := range c.Edges() {
			label := ""
			if e.Member.Edge != nil && e.Member.Edge.DelaySeconds != nil {
				label = "|" + mermaidText(humanDelay(*e.Member.Edge.DelaySeconds)) + "|"
			}
			fmt.Fprintf(bw, "    %s -->%s %s\n", id(edgeSource(e)), label, id(nodeID(c.ID, e.To)))
		}
		fmt.Fprintln(bw, "  end")
	}
	for _, v := range provenance.Verdicts {
		fmt.Fprintf(bw, "  classDef %s fill:%s\n", strings.ReplaceAll(string(v), "-", "_"), verdictColor[v])
	}
	return bw.Flush()
}

// mermaidText escapes text for a quoted Mermaid label: quotes and markup
// become entity codes, so article text cannot break out of the label.
func mermaidText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '"', '<', '>', '&', '#', '|', '`', '[', ']', '{', '}', '(', ')':
			fmt.Fprintf(&b, "#%d;", r)
		case '\n', '\r':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// GraphML structures.
type graphML struct {
	XMLName xml.Name    `xml:"graphml"`
	XMLNS   string      `xml:"xmlns,attr"`
	Keys    []graphKey  `xml:"key"`
	Graph   graphMLBody `xml:"graph"`
}

type graphKey struct {
	ID   string `xml:"id,attr"`
	For  string `xml:"for,attr"`
	Name string `xml:"attr.name,attr"`
	Type string `xml:"attr.type,attr"`
}

type graphMLBody struct {
	ID          string      `xml:"id,attr"`
	EdgeDefault string      `xml:"edgedefault,attr"`
	Nodes       []graphNode `xml:"node"`
	Edges       []graphEdge `xml:"edge"`
}

type graphData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

type graphNode struct {
	ID   string      `xml:"id,attr"`
	Data []graphData `xml:"data"`
}

type graphEdge struct {
	Source string      `xml:"source,attr"`
	Target string      `xml:"target,attr"`
	Data   []graphData `xml:"data"`
}

// WriteGraphML writes the graph as GraphML, with the cluster, outlet,
// verdict and kind on every node and the delay and flags on every edge.
func WriteGraphML(w io.Writer, r *Report) error {
	g := graphML{XMLNS: "http://graphml.graphdrawing.org/xmlns", Keys: []graphKey{
		{"cluster", "node", "cluster", "string"}, {"article", "node", "article", "string"},
		{"outlet", "node", "outlet", "string"}, {"verdict", "node", "verdict", "string"},
		{"kind", "node", "kind", "string"}, {"external", "node", "external", "boolean"},
		{"delay", "edge", "delay_seconds", "long"}, {"flags", "edge", "flags", "string"},
	}, Graph: graphMLBody{ID: "wiretrace", EdgeDefault: "directed"}}
	for ci := range r.Clusters {
		c := &r.Clusters[ci]
		if c.Origin.Doc == nil {
			g.Graph.Nodes = append(g.Graph.Nodes, graphNode{ID: externalID(c.ID, c.Origin.Outlet), Data: []graphData{
				{"cluster", c.ID}, {"outlet", c.Origin.Outlet}, {"external", "true"}}})
		}
		for _, m := range c.Members {
			g.Graph.Nodes = append(g.Graph.Nodes, graphNode{ID: nodeID(c.ID, m.ID), Data: []graphData{
				{"cluster", c.ID}, {"article", m.ID}, {"outlet", m.Outlet}, {"verdict", string(m.Attribution.Verdict)},
				{"kind", string(m.Kind)}, {"external", "false"}}})
		}
		for _, e := range c.Edges() {
			ge := graphEdge{Source: edgeSource(e), Target: nodeID(c.ID, e.To)}
			if ev := e.Member.Edge; ev != nil {
				if ev.DelaySeconds != nil {
					ge.Data = append(ge.Data, graphData{"delay", delayString(ev.DelaySeconds)})
				}
				ge.Data = append(ge.Data, graphData{"flags", joinFlags(ev)})
			}
			g.Graph.Edges = append(g.Graph.Edges, ge)
		}
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(g); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
