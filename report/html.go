package report

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
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
// access, no external scripts, fonts or styles. The overview, outlet
// matrix and story and outlet tables are rendered here with html/template,
// which escapes every article field for its context. Each story's
// timeline, graph and side-by-side views are built in the browser when the
// story is opened, from data embedded in the page as gzip-compressed JSON
// in base64 (stories grouped into chunks of about storyChunkBytes, decoded
// with DecompressionStream only when one of their stories is opened), with
// textContent and setAttribute only, never innerHTML, so nothing in an
// article can become markup or script. This keeps a report of a 15,000
// article corpus under 10 MB and quick to load. The compression is
// deterministic: the same report gives the same bytes.
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
	chunks, chunkOf, err := storyChunks(r, src, page.Clusters)
	if err != nil {
		return err
	}
	page.Chunks = chunks
	for i := range page.Clusters {
		page.Clusters[i].Chunk = chunkOf[page.Clusters[i].ID]
	}
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
	// Chunks are the stories' data.
	Chunks []dataChunk
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
	// Chunk is the index of the data chunk that holds the story.
	Chunk int
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
	var s string
	switch {
	case m.Parent == nil:
		// No version of the origin to measure against.
		s = fmt.Sprintf("%s %s's version, which is not in the corpus", verb, from)
	case verb == "rewrites":
		// A rewrite shares sentences, not shingles: a share would read 0%.
		s = fmt.Sprintf("rewrites %s's text", from)
	default:
		s = fmt.Sprintf("%s %s of %s's text", verb, percent(int(math.Round(float64(e.ContainmentOfParent)*1000)), 1000), from)
	}
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

// chunkJSON is one chunk of story data, embedded gzip-compressed: the
// texts its side-by-side views need, each once, and per story its
// timeline, graph and pairs.
type chunkJSON struct {
	Texts   map[string]string    `json:"texts"`
	Stories map[string]storyJSON `json:"stories"`
}

// storyJSON is what the browser builds a story's details from.
type storyJSON struct {
	Rows  []rowJSON `json:"rows"`
	Graph graphJSON `json:"graph"`
	Pairs []pair    `json:"pairs,omitempty"`
}

// rowJSON is a timeline row, every field as the page shows it.
type rowJSON struct {
	Published string `json:"t,omitempty"`
	Delay     string `json:"d,omitempty"`
	Outlet    string `json:"o"`
	Kind      string `json:"k,omitempty"`
	Reuse     string `json:"u,omitempty"`
	Verdict   string `json:"v"`
	Title     string `json:"h,omitempty"`
	// URL is set only for http and https links.
	URL     string `json:"l,omitempty"`
	ID      string `json:"i"`
	Parent  string `json:"p,omitempty"`
	Credits string `json:"c,omitempty"`
	Plain   string `json:"r,omitempty"`
	Machine string `json:"rm,omitempty"`
	Flags   string `json:"f,omitempty"`
}

// graphJSON is a laid-out provenance graph: nodes as [x, y, label,
// detail, title, class], edges as [x1, y1, x2, y2, lx, ly, label, dashed].
type graphJSON struct {
	Width  int     `json:"w"`
	Height int     `json:"h"`
	Nodes  [][]any `json:"n"`
	Edges  [][]any `json:"e"`
}

// pair is a side-by-side view: a copy beside its parent, with the
// segments of both as [start, end, class] in UTF-16 code units (the unit
// JavaScript strings index by), with one-letter classes: s shared, o own,
// b boilerplate, p punctuation and space, a aligned.
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

// dataChunk is a chunk of story data as embedded: JSON as it is when it is
// under plainChunkBytes (a small report stays readable), else
// gzip-compressed JSON in base64. Base64 is template.HTML because a script
// element's content is raw text (html/template would write + as &#43;,
// which atob cannot read); neither base64 nor encoding/json's output (it
// escapes <, > and & as \u003c, \u003e, \u0026) can close the element.
type dataChunk struct {
	JSON   template.JS
	Base64 template.HTML
}

// plainChunkBytes is the size under which a chunk is embedded as plain
// JSON.
const plainChunkBytes = 32 << 10

// storyChunkBytes is about how much uncompressed JSON a chunk holds:
// small enough to decode at once when a story is opened, large enough to
// compress well.
const storyChunkBytes = 256 << 10

// safeURL keeps http and https links; html/template would neutralise any
// other scheme, and the browser side sets href from data.
func safeURL(u string) string {
	l := strings.ToLower(strings.TrimSpace(u))
	if strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") {
		return strings.TrimSpace(u)
	}
	return ""
}

func storyData(h *htmlCluster) storyJSON {
	var s storyJSON
	for _, m := range h.Rows {
		row := rowJSON{Published: m.Published, Outlet: m.Outlet, Kind: string(m.Kind), Reuse: string(m.Reuse), Verdict: string(m.Attribution.Verdict),
			Title: m.Title, URL: safeURL(m.URL), ID: m.ID, Parent: deref(m.Parent), Credits: strings.Join(m.Attribution.Credits, ", "), Plain: m.Plain}
		if m.Edge != nil {
			if d := m.Edge.DelaySeconds; d != nil {
				row.Delay = humanDelay(*d)
			}
			row.Machine = m.Edge.Reason
			row.Flags = strings.ReplaceAll(joinFlags(m.Edge), ";", ", ")
		}
		s.Rows = append(s.Rows, row)
	}
	g := h.Graph
	s.Graph = graphJSON{Width: g.Width, Height: g.Height, Nodes: [][]any{}, Edges: [][]any{}}
	for _, n := range g.Nodes {
		s.Graph.Nodes = append(s.Graph.Nodes, []any{n.X, n.Y, n.Label, n.Detail, n.Title, n.Class})
	}
	for _, e := range g.Edges {
		s.Graph.Edges = append(s.Graph.Edges, []any{e.X1, e.Y1, e.X2, e.Y2, e.LX, e.LY, e.Label, e.Dashed})
	}
	return s
}

// storyChunks gathers every story's data into chunks of about
// storyChunkBytes of JSON, in story order, each gzip-compressed
// (deterministic: no name, no time in the header) and base64-encoded
// unless it is under plainChunkBytes. It
// returns the chunks and the chunk of each story.
func storyChunks(r *Report, src HTMLSource, clusters []htmlCluster) ([]dataChunk, map[string]int, error) {
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
	var chunks []dataChunk
	chunkOf := map[string]int{}
	cur := chunkJSON{Texts: map[string]string{}, Stories: map[string]storyJSON{}}
	size := 0
	flush := func() error {
		if len(cur.Stories) == 0 {
			return nil
		}
		js, err := json.Marshal(cur)
		if err != nil {
			return err
		}
		if len(js) < plainChunkBytes {
			chunks = append(chunks, dataChunk{JSON: template.JS(js)})
			cur = chunkJSON{Texts: map[string]string{}, Stories: map[string]storyJSON{}}
			size = 0
			return nil
		}
		var z bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression) // zero header: no name, no mod time
		zw.Write(js)
		if err := zw.Close(); err != nil {
			return err
		}
		chunks = append(chunks, dataChunk{Base64: template.HTML(base64.StdEncoding.EncodeToString(z.Bytes()))})
		cur = chunkJSON{Texts: map[string]string{}, Stories: map[string]storyJSON{}}
		size = 0
		return nil
	}
	for ci := range r.Clusters {
		c := &r.Clusters[ci]
		story := storyData(&clusters[ci])
		for mi := range c.Members {
			m := &c.Members[mi]
			if m.Parent == nil {
				continue
			}
			ct, ok1 := src.Text(m.ID)
			pt, ok2 := src.Text(*m.Parent)
			if !ok1 || !ok2 {
				continue
			}
			for _, id := range []string{m.ID, *m.Parent} {
				if _, ok := cur.Texts[id]; !ok {
					t, _ := src.Text(id)
					cur.Texts[id] = t
					size += len(t) + len(id)
				}
			}
			p := pair{Child: m.ID, Parent: *m.Parent, Verdict: string(m.Attribution.Verdict)}
			if m.Edge != nil {
				p.Reason, p.Machine = plainReason(c, m, outletOf), m.Edge.Reason
			}
			if m.Edge != nil && len(m.Edge.Passages) > 0 {
				// A rewrite shares few shingles: show its aligned passages.
				cs, ps := alignedSegments(ct, pt, m.Edge.Passages)
				p.ChildSegs, p.ParentSegs = jsSegments(ct, cs), jsSegments(pt, ps)
			} else {
				p.ChildSegs = jsSegments(ct, Segments(ct, pt, k, shapesFor(m.Outlet)))
				p.ParentSegs = jsSegments(pt, Segments(pt, ct, k, shapesFor(outletOf[*m.Parent])))
			}
			size += 16 * (len(p.ChildSegs) + len(p.ParentSegs))
			story.Pairs = append(story.Pairs, p)
		}
		size += 200 * len(story.Rows)
		cur.Stories[c.ID] = story
		chunkOf[c.ID] = len(chunks)
		if size >= storyChunkBytes {
			if err := flush(); err != nil {
				return nil, nil, err
			}
		}
	}
	if err := flush(); err != nil {
		return nil, nil, err
	}
	return chunks, chunkOf, nil
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
