package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/wiretrace/wiretrace/provenance"
	"html/template"
	"io"
	"sort"
	"strings"
)

// HTMLSource supplies what the HTML report needs beyond the report: the
// article texts, for the side-by-side views. A missing text leaves the
// view out for that pair.
type HTMLSource interface {
	Text(id string) (string, bool)
}

// An HTMLSource with a Notes() []string method has them said at the top
// of the page (render: the texts it could not re-read from the inputs).

// TextMap is an HTMLSource over a map of texts by article id.
type TextMap map[string]string

// Text returns the text of an article.
func (m TextMap) Text(id string) (string, bool) { t, ok := m[id]; return t, ok }

// WriteHTML writes the report as one self-contained HTML file: no network
// access, no external scripts, fonts or styles. The overview, timelines,
// graphs, outlet matrix and tables are rendered here with html/template,
// which escapes every article field for its context. The side-by-side
// views are rendered in the browser, when a story is opened, from JSON
// embedded in the page (encoding/json escapes <, > and &, so no text can
// close the script element) with textContent only, never innerHTML, so
// nothing in an article can become markup or script.
func WriteHTML(w io.Writer, r *Report, src HTMLSource) error {
	page := htmlPage{Report: r, Verdicts: r.VerdictCounts(), Matrix: outletMatrix(r)}
	for _, v := range provenance.Verdicts {
		page.VerdictList = append(page.VerdictList, verdictCount{v, page.Verdicts[v]})
	}
	seenOutlets := map[string]bool{}
	for ci := range r.Clusters {
		c := &r.Clusters[ci]
		page.Clusters = append(page.Clusters, htmlCluster{Cluster: c, Graph: layoutGraph(c), Uncredited: countVerdict(c, provenance.Uncredited)})
		for _, o := range c.Outlets {
			seenOutlets[o] = true
		}
	}
	page.OutletCount = len(seenOutlets)
	data, err := pairData(r, src)
	if err != nil {
		return err
	}
	page.PairsJSON = template.JS(data)
	if n, ok := src.(interface{ Notes() []string }); ok {
		page.Notes = n.Notes()
	}
	var buf bytes.Buffer
	if err := htmlTemplate.Execute(&buf, page); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

type verdictCount struct {
	Verdict provenance.Verdict
	N       int
}

type htmlPage struct {
	Report      *Report
	Verdicts    map[provenance.Verdict]int
	VerdictList []verdictCount
	Clusters    []htmlCluster
	OutletCount int
	Matrix      matrix
	PairsJSON   template.JS
	// Notes are said at the top of the page: render's texts that could
	// not be re-read from the inputs.
	Notes []string
}

type htmlCluster struct {
	*Cluster
	Graph      graphLayout
	Uncredited int
}

func countVerdict(c *Cluster, v provenance.Verdict) int {
	n := 0
	for _, m := range c.Members {
		if m.Attribution.Verdict == v {
			n++
		}
	}
	return n
}

// pairJSON is the data of the side-by-side views, embedded as JSON: each
// text once, and for every copy beside its parent the segments of both as
// [start, end, class] in UTF-16 code units (the unit JavaScript strings
// index by), with one-letter classes: s shared, o own, b boilerplate,
// p punctuation and space.
type pairJSON struct {
	Texts map[string]string `json:"texts"`
	Pairs map[string][]pair `json:"pairs"`
}

type pair struct {
	Child      string  `json:"c"`
	Parent     string  `json:"p"`
	Verdict    string  `json:"v"`
	Reason     string  `json:"r"`
	ChildSegs  [][]any `json:"cs"`
	ParentSegs [][]any `json:"ps"`
}

func pairData(r *Report, src HTMLSource) ([]byte, error) {
	boiler := map[string]map[uint64]bool{}
	for _, b := range r.Boilerplate {
		if boiler[b.Outlet] == nil {
			boiler[b.Outlet] = map[uint64]bool{}
		}
		for _, s := range LineShapes(b.Text) {
			boiler[b.Outlet][s] = true
		}
	}
	shapesFor := func(outlet string) map[uint64]bool {
		m := map[uint64]bool{}
		for s := range boiler[outlet] {
			m[s] = true
		}
		for s := range boiler["*"] {
			m[s] = true
		}
		return m
	}
	outletOf := map[string]string{}
	for _, c := range r.Clusters {
		for _, m := range c.Members {
			outletOf[m.ID] = m.Outlet
		}
	}
	k := max(r.Settings.ShingleSize, 1)
	data := pairJSON{Texts: map[string]string{}, Pairs: map[string][]pair{}}
	for _, c := range r.Clusters {
		for _, m := range c.Members {
			if m.Parent == nil {
				continue
			}
			ct, ok1 := src.Text(m.ID)
			pt, ok2 := src.Text(*m.Parent)
			if !ok1 || !ok2 {
				continue
			}
			data.Texts[m.ID], data.Texts[*m.Parent] = ct, pt
			p := pair{Child: m.ID, Parent: *m.Parent, Verdict: string(m.Attribution.Verdict)}
			if m.Edge != nil {
				p.Reason = m.Edge.Reason
			}
			if m.Edge != nil && len(m.Edge.Passages) > 0 {
				// A rewrite shares few shingles: show its aligned passages.
				cs, ps := alignedSegments(ct, pt, m.Edge.Passages)
				p.ChildSegs, p.ParentSegs = jsSegments(ct, cs), jsSegments(pt, ps)
			} else {
				p.ChildSegs = jsSegments(ct, Segments(ct, pt, k, shapesFor(m.Outlet)))
				p.ParentSegs = jsSegments(pt, Segments(pt, ct, k, shapesFor(outletOf[*m.Parent])))
			}
			data.Pairs[c.ID] = append(data.Pairs[c.ID], p)
		}
	}
	return json.Marshal(data) // escapes <, > and & as \u003c, \u003e, \u0026
}

var segCode = map[string]string{SegShared: "s", SegOwn: "o", SegBoilerplate: "b", SegPlain: "p", SegAligned: "a"}

// jsSegments converts byte offsets to UTF-16 offsets for JavaScript.
func jsSegments(text string, segs []Segment) [][]any {
	u16 := make([]int, len(text)+1) // byte offset -> UTF-16 offset
	n := 0
	for i, r := range text {
		u16[i] = n
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	u16[len(text)] = n
	for i := len(text) - 1; i >= 0; i-- { // continuation bytes map forward
		if u16[i] == 0 && i > 0 {
			u16[i] = u16[i+1]
		}
	}
	out := make([][]any, 0, len(segs))
	for _, s := range segs {
		out = append(out, []any{u16[s.Start], u16[s.End], segCode[s.Class]})
	}
	return out
}

// matrix counts copies by copier (rows) and source outlet (columns).
type matrix struct {
	Sources []string
	Rows    []matrixRow
}

type matrixRow struct {
	Outlet string
	Cells  []matrixCell
}

type matrixCell struct {
	Copies, Uncredited int
}

func outletMatrix(r *Report) matrix {
	type key struct{ copier, source string }
	counts := map[key]*matrixCell{}
	copiers, sources := map[string]bool{}, map[string]bool{}
	for ci := range r.Clusters {
		c := &r.Clusters[ci]
		outletOf := map[string]string{}
		for _, m := range c.Members {
			outletOf[m.ID] = m.Outlet
		}
		for _, e := range c.Edges() {
			src := e.From
			if !e.External {
				src = outletOf[e.From]
			}
			k := key{e.Member.Outlet, src}
			if counts[k] == nil {
				counts[k] = &matrixCell{}
			}
			counts[k].Copies++
			if e.Member.Attribution.Verdict == provenance.Uncredited {
				counts[k].Uncredited++
			}
			copiers[k.copier], sources[k.source] = true, true
		}
	}
	var m matrix
	m.Sources = sortedSet(sources)
	for _, cp := range sortedSet(copiers) {
		row := matrixRow{Outlet: cp}
		for _, s := range m.Sources {
			if c := counts[key{cp, s}]; c != nil {
				row.Cells = append(row.Cells, *c)
			} else {
				row.Cells = append(row.Cells, matrixCell{})
			}
		}
		m.Rows = append(m.Rows, row)
	}
	return m
}

func sortedSet(s map[string]bool) []string {
	out := make([]string, 0, len(s))
	for k := range s {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// graphLayout places a cluster's provenance tree for SVG: one column per
// generation, origin on the left.
type graphLayout struct {
	Width, Height int
	Nodes         []graphNodeBox
	Edges         []graphLine
}

type graphNodeBox struct {
	X, Y          int
	Label, Detail string
	Title         string
	Class         string
}

type graphLine struct {
	X1, Y1, X2, Y2 int
	LX, LY         int
	Label          string
	Dashed         bool
}

const (
	nodeW, nodeH = 170, 40
	colW, rowH   = 210, 54
	pad          = 10
)

func layoutGraph(c *Cluster) graphLayout {
	depth := map[string]int{}
	parentOf := map[string]string{}
	var order []string
	if c.Origin.Doc == nil {
		order = append(order, "origin:"+c.Origin.Outlet)
		depth["origin:"+c.Origin.Outlet] = 0
	}
	for _, e := range c.Edges() {
		from := e.From
		if e.External {
			from = "origin:" + e.From
		}
		parentOf[e.To] = from
	}
	var depthOf func(id string, guard int) int
	depthOf = func(id string, guard int) int {
		if d, ok := depth[id]; ok {
			return d
		}
		p, ok := parentOf[id]
		if !ok || guard > len(c.Members)+1 {
			return 0
		}
		return depthOf(p, guard+1) + 1
	}
	for _, m := range c.Members {
		depth[m.ID] = depthOf(m.ID, 0)
		order = append(order, m.ID)
	}
	rows := map[int]int{}
	pos := map[string][2]int{}
	var g graphLayout
	member := map[string]*Member{}
	for i := range c.Members {
		member[c.Members[i].ID] = &c.Members[i]
	}
	for _, id := range order {
		d := depth[id]
		x, y := pad+d*colW, pad+rows[d]*rowH
		rows[d]++
		pos[id] = [2]int{x, y}
		box := graphNodeBox{X: x, Y: y}
		if m := member[id]; m != nil {
			box.Label, box.Detail, box.Title, box.Class = m.Outlet, string(m.Attribution.Verdict)+partialSuffix(*m), m.ID, string(m.Attribution.Verdict)
		} else {
			box.Label, box.Detail, box.Title, box.Class = c.Origin.Outlet, "not in the corpus", c.Origin.Outlet, "external"
		}
		g.Nodes = append(g.Nodes, box)
		g.Width = max(g.Width, x+nodeW+pad)
		g.Height = max(g.Height, y+nodeH+pad)
	}
	for _, e := range c.Edges() {
		from := e.From
		if e.External {
			from = "origin:" + e.From
		}
		a, b := pos[from], pos[e.To]
		l := graphLine{X1: a[0] + nodeW, Y1: a[1] + nodeH/2, X2: b[0], Y2: b[1] + nodeH/2, Dashed: e.External || e.Member.Kind == "partial"}
		l.LX, l.LY = l.X2-4, l.Y2-6 // beside the copy, where labels do not collide
		if ev := e.Member.Edge; ev != nil && ev.DelaySeconds != nil {
			l.Label = humanDelay(*ev.DelaySeconds)
		}
		g.Edges = append(g.Edges, l)
	}
	return g
}

var htmlFuncs = template.FuncMap{
	"delay": func(s *int64) string {
		if s == nil {
			return ""
		}
		return humanDelay(*s)
	},
	"join":  strings.Join,
	"deref": deref,
	"pct": func(a, b int) string {
		return percent(a, b)
	},
	"ratio": func(r Ratio) string { return ratioString(r) },
	"flags": func(e *Edge) string { return strings.ReplaceAll(joinFlags(e), ";", ", ") },
	"cell": func(c matrixCell) string {
		if c.Copies == 0 {
			return ""
		}
		return fmt.Sprintf("%d (%d uncredited)", c.Copies, c.Uncredited)
	},
}

var htmlTemplate = template.Must(template.New("report").Funcs(htmlFuncs).Parse(htmlSource))
