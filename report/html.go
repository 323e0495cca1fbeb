package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/provenance"
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
		page.Clusters = append(page.Clusters, newHTMLCluster(c))
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
	// Headline is the origin's title, or the first member's that has one.
	Headline string
	// Share is the uncredited share of the copies ("50%", "–" without
	// copies) and ShareSort its value for sorting (-1 without copies).
	Share     string
	ShareSort float64
	// First is the earliest publication time given, as written, and
	// FirstSort its Unix time for sorting (0 when no member has one).
	First     string
	FirstSort int64
	Rows      []htmlMember
}

// htmlMember is a timeline row: the member and the plain-language reason
// its parent was chosen ("copies 92% of qna's text, 6 h later; credits
// QNA"); the machine reason goes in the row's title.
type htmlMember struct {
	*Member
	Plain string
}

func newHTMLCluster(c *Cluster) htmlCluster {
	h := htmlCluster{Cluster: c, Graph: layoutGraph(c), Uncredited: countVerdict(c, provenance.Uncredited), ShareSort: -1, Share: "–"}
	outletOf := map[string]string{}
	for _, m := range c.Members {
		outletOf[m.ID] = m.Outlet
	}
	copies := 0
	var first time.Time
	for i := range c.Members {
		m := &c.Members[i]
		if h.Headline == "" && m.Title != "" {
			h.Headline = m.Title
		}
		if m.Attribution.Verdict != provenance.VerdictOrigin {
			copies++
		}
		if t, p, err := corpus.ParseTime(m.Published); err == nil && p != corpus.TimeNone && (first.IsZero() || t.Before(first)) {
			first, h.First = t, m.Published
		}
		h.Rows = append(h.Rows, htmlMember{Member: m, Plain: plainReason(c, m, outletOf)})
	}
	if !first.IsZero() {
		h.FirstSort = first.Unix()
	} else if len(c.Members) > 0 {
		h.First = c.Members[0].Published
	}
	if copies > 0 {
		h.Share, h.ShareSort = percent(h.Uncredited, copies), float64(h.Uncredited)/float64(copies)
	}
	return h
}

// plainReason says in words how a member relates to its parent: "copies
// 92% of qna's text, 6 h later; credits QNA". It is "" for the origin.
func plainReason(c *Cluster, m *Member, outletOf map[string]string) string {
	e := m.Edge
	if e == nil {
		return ""
	}
	from := c.Origin.Outlet
	if m.Parent != nil {
		from = outletOf[*m.Parent]
	}
	verb := "copies"
	switch {
	case m.Kind == "partial":
		verb = "quotes"
	case e.Reuse == "rewritten":
		verb = "rewrites"
	}
	s := fmt.Sprintf("%s %s of %s's text", verb, percent(int(math.Round(float64(e.ContainmentOfParent)*1000)), 1000), from)
	if d := e.DelaySeconds; d != nil {
		if *d >= 0 {
			s += ", " + spokenDelay(*d) + " later"
		} else {
			s += ", " + spokenDelay(-*d) + " earlier by the clock"
		}
	}
	if len(m.Attribution.Credits) > 0 {
		return s + "; credits " + strings.Join(m.Attribution.Credits, ", ")
	}
	return s + "; no credit"
}

// spokenDelay writes a delay as "40 min", "6 h", "3 days".
func spokenDelay(s int64) string {
	switch {
	case s < 3600:
		return fmt.Sprintf("%d min", (s+30)/60)
	case s < 48*3600:
		return fmt.Sprintf("%d h", (s+1800)/3600)
	}
	return fmt.Sprintf("%d days", (s+43200)/86400)
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
	Child   string `json:"c"`
	Parent  string `json:"p"`
	Verdict string `json:"v"`
	// Reason is in plain words, Machine as provenance gives it.
	Reason     string  `json:"r"`
	Machine    string  `json:"rm,omitempty"`
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
				p.Reason, p.Machine = plainReason(&c, &m, outletOf), m.Edge.Reason
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

// matrix counts copies by copier (rows) and source outlet (columns), for
// the heat map: the MatrixTop outlets with the most copies made and copied,
// the rest folded into "others" (Others counts them).
type matrix struct {
	Sources []string
	Rows    []matrixRow
	Others  int
}

type matrixRow struct {
	Outlet string
	Cells  []matrixCell
}

type matrixCell struct {
	Copier, Source     string
	Copies, Uncredited int
	// Level is the cell's shade, 0 (none) to 6, on a log scale of the
	// largest cell.
	Level int
}

// MatrixTop is how many outlets the who-copies-whom heat map shows by name.
const MatrixTop = 15

// othersLabel names the folded outlets in the heat map.
const othersLabel = "others"

func outletMatrix(r *Report) matrix {
	type key struct{ copier, source string }
	counts := map[key]*matrixCell{}
	total := map[string]int{}
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
			total[k.copier]++
			total[k.source]++
		}
	}
	names := make([]string, 0, len(total))
	for n := range total {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if total[names[i]] != total[names[j]] {
			return total[names[i]] > total[names[j]]
		}
		return names[i] < names[j]
	})
	shown := map[string]bool{}
	var m matrix
	for i, n := range names {
		if i < MatrixTop {
			shown[n] = true
		} else {
			m.Others++
		}
	}
	fold := func(n string) string {
		if shown[n] {
			return n
		}
		return othersLabel
	}
	folded := map[key]*matrixCell{}
	copiers, sources := map[string]bool{}, map[string]bool{}
	for k, c := range counts {
		fk := key{fold(k.copier), fold(k.source)}
		if folded[fk] == nil {
			folded[fk] = &matrixCell{Copier: fk.copier, Source: fk.source}
		}
		folded[fk].Copies += c.Copies
		folded[fk].Uncredited += c.Uncredited
		copiers[fk.copier], sources[fk.source] = true, true
	}
	order := func(set map[string]bool) []string {
		var out []string
		for _, n := range names {
			if shown[n] && set[n] {
				out = append(out, n)
			}
		}
		if set[othersLabel] {
			out = append(out, othersLabel)
		}
		return out
	}
	most := 0
	for _, c := range folded {
		most = max(most, c.Copies)
	}
	m.Sources = order(sources)
	for _, cp := range order(copiers) {
		row := matrixRow{Outlet: cp}
		for _, s := range m.Sources {
			cell := matrixCell{Copier: cp, Source: s}
			if c := folded[key{cp, s}]; c != nil {
				cell = *c
				cell.Level = 1 + int(5*math.Log1p(float64(c.Copies))/math.Log1p(float64(most)))
			}
			row.Cells = append(row.Cells, cell)
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
	colW, rowH   = 250, 54 // 80 px between columns: room for a delay label
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
			title := m.Outlet + ": " + m.ID
			if m.Title != "" {
				title += " — " + m.Title
			}
			box.Label, box.Detail, box.Title, box.Class = clip(m.Outlet, nodeChars), string(m.Attribution.Verdict)+partialSuffix(*m), title, string(m.Attribution.Verdict)
		} else {
			box.Label, box.Detail, box.Title, box.Class = clip(c.Origin.Outlet, nodeChars), "not in the corpus", c.Origin.Outlet, "external"
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
		// Beside the copy, above its line: each copy has one parent, so
		// one label, at its own height; the column gap fits "+23h59m".
		l.LX, l.LY = l.X2-4, l.Y2-4
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
	"cellTitle": func(c matrixCell) string {
		if c.Copies == 0 {
			return c.Copier + " copies nothing from " + c.Source
		}
		return fmt.Sprintf("%s: %s from %s, %d uncredited", c.Copier, pluralWord(c.Copies, "copy", "copies"), c.Source, c.Uncredited)
	},
	"clip": clip,
}

var htmlTemplate = template.Must(template.New("report").Funcs(htmlFuncs).Parse(htmlSource))
