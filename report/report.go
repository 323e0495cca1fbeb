package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wiretrace/wiretrace/buildinfo"
	"github.com/wiretrace/wiretrace/provenance"

	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/match"
)

// Schema names the JSON report format.
const Schema = "wiretrace/report/v1"

// Ratio is a share or similarity, written with at most four decimals.
type Ratio float64

// MarshalJSON writes r rounded to four decimals.
func (r Ratio) MarshalJSON() ([]byte, error) {
	v := math.Round(float64(r)*10000) / 10000
	return strconv.AppendFloat(nil, v, 'f', -1, 64), nil
}

// Report is the whole result of a scan.
type Report struct {
	Schema string `json:"schema"`
	// Tool is the program and version that wrote the report.
	Tool        string        `json:"tool"`
	Documents   int           `json:"documents"`
	Settings    Settings      `json:"settings"`
	Stats       Stats         `json:"stats"`
	Clusters    []Cluster     `json:"clusters"`
	Outlets     []Outlet      `json:"outlets"`
	Boilerplate []Boilerplate `json:"boilerplate"`
	Skipped     []Skipped     `json:"skipped"`
	Warnings    []string      `json:"warnings"`
	// Index is set when new articles were checked against an index.
	Index *IndexSummary `json:"index,omitempty"`

	// lazy, when set, builds the stories one at a time as WriteJSON
	// writes them (see BuildStreaming); Clusters is then empty.
	lazy *lazyClusters
}

// lazyClusters builds story i of n, in order; done is called after the
// last and completes what depends on every story (the outlets).
type lazyClusters struct {
	n     int
	build func(i int) Cluster
	done  func()
}

// Streamed reports whether the report's stories are built only as
// WriteJSON writes them (BuildStreaming): Clusters is empty, and every
// other writer would see no story.
func (r *Report) Streamed() bool { return r.lazy != nil }

// IndexSummary says what a report checked against an index: the articles
// read (New), the index's size, and how many indexed articles the stories
// of the report hold.
type IndexSummary struct {
	New        int `json:"new"`
	Indexed    int `json:"indexed"`
	Candidates int `json:"candidates"`
	InReport   int `json:"in_report"`
}

// Stats counts what the scan found.
type Stats struct {
	InClusters        int `json:"articles_in_clusters"`
	Pairs             int `json:"pairs"`
	CopyPairs         int `json:"copy_pairs"`
	CrossOutletCopies int `json:"cross_outlet_copy_pairs"`
	ExcerptPairs      int `json:"excerpt_pairs"`
}

// Settings records what the scan ran with, so a report can be reproduced.
type Settings struct {
	ShingleSize int    `json:"shingle_size"`
	Hashes      int    `json:"hashes"`
	Seed        uint64 `json:"seed"`
	Threshold   Ratio  `json:"threshold"`
	Containment Ratio  `json:"containment"`
	MinShared   int    `json:"min_shared"`
	Bands       int    `json:"bands"`
	Rows        int    `json:"rows"`
	BoilerDocs  int    `json:"boilerplate_docs"`
	CommonDocs  int    `json:"common_docs"`
}

// Cluster is one story.
type Cluster struct {
	ID      string   `json:"id"`
	Size    int      `json:"size"`
	Outlets []string `json:"outlets"`
	Origin  Origin   `json:"origin"`
	Members []Member `json:"members"`
}

// Origin is a story's first publication: a member, or an outlet whose
// version is not in the corpus (Doc null), and what decided it.
type Origin struct {
	Doc    *string `json:"doc"`
	Outlet string  `json:"outlet"`
	Reason string  `json:"reason,omitempty"`
}

// Attribution says whom a member credits and what that amounts to.
type Attribution struct {
	Verdict provenance.Verdict `json:"verdict"`
	// OwnVerdict is set when the credits the copier wrote itself, without
	// those inherited from its parent's text, give another verdict.
	OwnVerdict provenance.Verdict `json:"own_verdict,omitempty"`
	Credits    []string           `json:"credits"`
	Mentions   []Mention          `json:"mentions"`
}

// Mention is one outlet named as a source in a member's text or metadata.
type Mention struct {
	Name   string `json:"name"`
	Outlet string `json:"outlet"`
	Form   string `json:"form"`
	// Where is "text", or the metadata field it was found in ("author",
	// "byline", "source", …); Line is 0 for metadata.
	Where string `json:"where"`
	Line  int    `json:"line"`
	// Credit is set when the mention counts towards the verdict: it
	// credits an outlet other than the article's own.
	Credit    bool `json:"credit"`
	Self      bool `json:"self,omitempty"`
	Inherited bool `json:"inherited,omitempty"`
}

// Edge is the evidence that a member was copied from its parent.
type Edge struct {
	DelaySeconds        *int64   `json:"delay_seconds"`
	ContainmentInParent Ratio    `json:"containment_in_parent"`
	ContainmentOfParent Ratio    `json:"containment_of_parent"`
	Explained           Ratio    `json:"explained"`
	Versus              *string  `json:"versus"`
	Carried             int      `json:"carried"`
	Missing             int      `json:"missing"`
	Flags               []string `json:"flags"`
	Reason              string   `json:"reason"`
	// Reuse is the kind of reuse between the copy and its parent; for a
	// rewrite, Passages are the aligned sentences, as byte ranges of the
	// copy's text and of the parent's.
	Reuse    match.Reuse `json:"reuse,omitempty"`
	Passages []Passage   `json:"passages,omitempty"`
}

// Passage is one aligned pair of passages: byte ranges [start, stop) of
// the copy's text and of its parent's.
type Passage struct {
	Copy   [2]int `json:"copy"`
	Parent [2]int `json:"parent"`
}

// Outlet summarises one outlet across all stories.
type Outlet struct {
	Outlet             string         `json:"outlet"`
	Originated         int            `json:"originated"`
	Copied             int            `json:"copied"`
	From               map[string]int `json:"from"`
	Uncredited         int            `json:"uncredited"`
	UncreditedShare    Ratio          `json:"uncredited_share"`
	MedianDelaySeconds *int64         `json:"median_delay_seconds"`
	// Clock is the estimate of the outlet's timestamps from the pairs of
	// known direction; null when none involves it.
	Clock *Clock `json:"clock"`
}

// Clock is how an outlet's timestamps relate to the others': OffsetSeconds
// late (negative: early), Spread around it, from Pairs of known direction
// of which Against were put the wrong way by the raw timestamps; Applied
// when provenance corrected the outlet's times by it.
type Clock struct {
	OffsetSeconds int64 `json:"offset_seconds"`
	SpreadSeconds int64 `json:"spread_seconds"`
	Pairs         int   `json:"pairs"`
	Against       int   `json:"against"`
	Applied       bool  `json:"applied"`
}

// Member is one article of a story.
type Member struct {
	ID          string                     `json:"id"`
	Outlet      string                     `json:"outlet"`
	Published   string                     `json:"published"`
	Title       string                     `json:"title,omitempty"`
	URL         string                     `json:"url,omitempty"`
	Kind        match.Kind                 `json:"kind"`
	Reuse       match.Reuse                `json:"reuse"`
	Similarity  Similarity                 `json:"similarity"`
	Parent      *string                    `json:"parent"`
	Attribution Attribution                `json:"attribution"`
	Edge        *Edge                      `json:"edge"`
	Words       int                        `json:"words"`
	Boilerplate int                        `json:"boilerplate_shingles"`
	Source      corpus.Position            `json:"source"`
	Extra       map[string]json.RawMessage `json:"extra,omitempty"`
	// Indexed marks a member that came from the index, not the input.
	Indexed bool `json:"indexed,omitempty"`
}

// Similarity relates a member to the closest other member of its story.
type Similarity struct {
	Jaccard     Ratio  `json:"jaccard"`
	Containment Ratio  `json:"containment"`
	Closest     string `json:"closest"`
}

// Boilerplate is one line learned as boilerplate and left out of matching.
type Boilerplate struct {
	Outlet string `json:"outlet"` // "*" for a line common across outlets
	Text   string `json:"text"`
	Docs   int    `json:"docs"`
}

// Skipped is a bad input record passed over with --skip-bad.
type Skipped struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	ID     string `json:"id,omitempty"`
	Reason string `json:"reason"`
}

// Build assembles a report from a scan result and the records the reader
// skipped.
func Build(res *match.Result, prov *provenance.Result, opts match.Options, skipped []*corpus.RecordError) *Report {
	r := buildSummary(res, prov.Outlets, opts, skipped)
	byPair := newLinkIndex(res.Links)
	for i, c := range res.Clusters {
		r.Clusters = append(r.Clusters, buildCluster(res.Docs, c, prov.Clusters[i], byPair, opts))
	}
	return r
}

// BuildStreaming is Build for a report that is only written as JSON: it
// takes provenance between its passes, and each story is placed and built
// as WriteJSON reaches it (in batches, on opts.Workers) and then
// forgotten, with its part of res, which BuildStreaming takes over; the
// outlets' summary is counted as the stories go by. A corpus of a million
// articles never holds all its stories, nor their provenance. The JSON is
// the same, byte for byte, as Build's.
func BuildStreaming(res *match.Result, an *provenance.Analysis, opts match.Options, skipped []*corpus.RecordError) *Report {
	r := buildSummary(res, nil, opts, skipped)
	byPair := newLinkIndex(res.Links)
	sum := an.NewSummary()
	var batch []Cluster
	start := 0
	r.lazy = &lazyClusters{n: len(res.Clusters), build: func(i int) Cluster {
		if i >= start+len(batch) {
			start = i
			batch = placeBatch(res, an, sum, byPair, opts, i, min(i+streamBatch, len(res.Clusters)), batch[:0])
		}
		c := batch[i-start]
		batch[i-start] = Cluster{}
		return c
	}, done: func() {
		r.Outlets = appendOutlets(r.Outlets, sum.Outlets())
	}}
	return r
}

// streamBatch is how many stories BuildStreaming places at once: enough
// for every worker to be busy, few enough that the batch stays small. (A
// variable so a test can make batches of a few stories.)
var streamBatch = 1024

// placeBatch places and builds stories from..to-1 on opts.Workers, counts
// them in the summary in order and releases their part of res.
func placeBatch(res *match.Result, an *provenance.Analysis, sum *provenance.Summary, byPair linkIndex, opts match.Options, from, to int, out []Cluster) []Cluster {
	out = slices.Grow(out, to-from)[:to-from]
	prov := make([]provenance.Cluster, to-from)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < max(opts.Workers, 1); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := int(next.Add(1)) - 1; k < to-from; k = int(next.Add(1)) - 1 {
				prov[k] = an.Cluster(from + k)
				out[k] = buildCluster(res.Docs, res.Clusters[from+k], prov[k], byPair, opts)
			}
		}()
	}
	wg.Wait()
	for k := range prov {
		sum.Add(res.Clusters[from+k], prov[k])
		res.Clusters[from+k] = match.Cluster{}
	}
	res.EvictSets()
	return out
}

// buildSummary builds everything of a report but its stories.
func buildSummary(res *match.Result, outlets []provenance.OutletSummary, opts match.Options, skipped []*corpus.RecordError) *Report {
	r := &Report{
		Schema: Schema, Tool: "wiretrace " + buildinfo.Version(), Documents: len(res.Docs),
		Settings: Settings{
			ShingleSize: opts.K, Hashes: opts.NumHashes, Seed: opts.Seed,
			Threshold: Ratio(opts.Threshold), Containment: Ratio(opts.Containment),
			MinShared: opts.MinShared, Bands: res.Bands, Rows: res.Rows,
			BoilerDocs: opts.BoilerplateDocs, CommonDocs: res.CommonDocs,
		},
		Clusters: []Cluster{}, Outlets: []Outlet{}, Boilerplate: []Boilerplate{}, Skipped: []Skipped{}, Warnings: []string{},
	}
	inClusters := map[int]bool{}
	for _, c := range res.Clusters {
		for _, m := range c.Members {
			inClusters[m.Doc] = true
		}
	}
	r.Stats = Stats{InClusters: len(inClusters), Pairs: len(res.Links)}
	for _, l := range res.Links {
		if opts.IsCopy(l) {
			r.Stats.CopyPairs++
			if res.Docs[l.A].Outlet != res.Docs[l.B].Outlet {
				r.Stats.CrossOutletCopies++
			}
		} else {
			r.Stats.ExcerptPairs++
		}
	}
	for _, b := range res.Boilerplate {
		o := b.Outlet
		if o == "" {
			o = "*"
		}
		r.Boilerplate = append(r.Boilerplate, Boilerplate{Outlet: o, Text: b.Text, Docs: b.Docs})
	}
	for _, s := range skipped {
		r.Skipped = append(r.Skipped, Skipped{File: s.Pos.File, Line: s.Pos.Line, ID: s.ID, Reason: s.Reason})
	}
	r.Warnings = append(r.Warnings, res.Warnings...)
	r.Outlets = appendOutlets(r.Outlets, outlets)
	return r
}

// appendOutlets adds the outlets' summary to a report's outlets.
func appendOutlets(out []Outlet, outlets []provenance.OutletSummary) []Outlet {
	for _, o := range outlets {
		out = append(out, Outlet{
			Outlet: o.Outlet, Originated: o.Originated, Copied: o.Copied, From: o.From,
			Uncredited: o.Uncredited, UncreditedShare: Ratio(ratio(o.Uncredited, o.Copied)),
			MedianDelaySeconds: seconds(o.MedianDelay, o.HasDelay), Clock: buildClock(o.Clock),
		})
	}
	return out
}

// String says what the estimate found: "3h0m0s late, corrected (8 pairs)",
// "as others (12 pairs)", or "-" without pairs.
func (c *Clock) String() string {
	if c == nil {
		return "-"
	}
	pairs := "pairs"
	if c.Pairs == 1 {
		pairs = "pair"
	}
	if !c.Applied {
		return fmt.Sprintf("as others (%d %s, %d against)", c.Pairs, pairs, c.Against)
	}
	d, dir := time.Duration(c.OffsetSeconds)*time.Second, "late"
	if d < 0 {
		d, dir = -d, "early"
	}
	return fmt.Sprintf("%s %s, corrected (%d %s, %d against)", d, dir, c.Pairs, pairs, c.Against)
}

func buildClock(c *provenance.ClockEstimate) *Clock {
	if c == nil {
		return nil
	}
	return &Clock{OffsetSeconds: int64(c.Offset / time.Second), SpreadSeconds: int64(c.Spread / time.Second),
		Pairs: c.Pairs, Against: c.Against, Applied: c.Applied}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func seconds(d time.Duration, ok bool) *int64 {
	if !ok {
		return nil
	}
	s := int64(d / time.Second)
	return &s
}

func docID(docs []*match.Doc, i int) *string {
	if i < 0 {
		return nil
	}
	return &docs[i].ID
}

func buildCluster(docs []*match.Doc, c match.Cluster, pc provenance.Cluster, links linkIndex, opts match.Options) Cluster {
	out := Cluster{ID: c.ID, Size: len(c.Members), Outlets: []string{},
		Origin: Origin{Doc: docID(docs, pc.Origin.Doc), Outlet: pc.Origin.Outlet, Reason: pc.Origin.Reason}}
	seen := map[string]bool{}
	for i, m := range c.Members {
		d := docs[m.Doc]
		closest := ""
		if m.Best >= 0 {
			closest = docs[m.Best].ID
		}
		pm := pc.Members[i]
		member := Member{
			ID: d.ID, Outlet: d.Outlet, Published: d.Published, Title: d.Title, URL: d.URL,
			Kind:        m.Kind,
			Reuse:       m.Reuse,
			Similarity:  Similarity{Jaccard: Ratio(m.J), Containment: Ratio(m.C), Closest: closest},
			Parent:      docID(docs, pm.Parent),
			Attribution: buildAttribution(pm),
			Edge:        buildEdge(docs, pm.Edge, edgeLink(links, m.Doc, pm.Parent), opts, m.Reuse, m.Doc),
			Words:       d.Tokens, Boilerplate: d.Boilerplate, Source: d.Pos, Extra: d.Extra, Indexed: d.Indexed,
		}
		// The origin leads the timeline, whatever its timestamp says.
		if m.Doc == pc.Origin.Doc {
			out.Members = append([]Member{member}, out.Members...)
		} else {
			out.Members = append(out.Members, member)
		}
		if !seen[d.Outlet] {
			seen[d.Outlet] = true
			out.Outlets = append(out.Outlets, d.Outlet)
		}
	}
	sort.Strings(out.Outlets)
	return out
}

func buildAttribution(pm provenance.Member) Attribution {
	a := Attribution{Verdict: pm.Verdict, Credits: pm.Credits, Mentions: []Mention{}}
	if pm.OwnVerdict != pm.Verdict {
		a.OwnVerdict = pm.OwnVerdict
	}
	if a.Credits == nil {
		a.Credits = []string{}
	}
	for _, m := range pm.Mentions {
		a.Mentions = append(a.Mentions, Mention{Name: m.Name, Outlet: m.Outlet, Form: string(m.Form), Where: m.Where, Line: m.Line,
			Credit: m.Counted, Self: m.Self, Inherited: m.Inherited})
	}
	return a
}

// edgeLink returns the link between a copy and its parent, if they were
// linked directly (a parent may be chosen through the story's other
// versions).
func edgeLink(links linkIndex, doc, parent int) *match.Link {
	if parent < 0 {
		return nil
	}
	return links.find(min(doc, parent), max(doc, parent))
}

// linkIndex finds a link by its pair in links sorted by (A, B): a map of
// a million links would cost a few hundred MB more than the links.
type linkIndex []match.Link

func newLinkIndex(links []match.Link) linkIndex {
	byAB := func(x, y match.Link) int { return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B)) }
	if !slices.IsSortedFunc(links, byAB) {
		links = slices.Clone(links)
		slices.SortStableFunc(links, byAB)
	}
	return links
}

func (li linkIndex) find(a, b int) *match.Link {
	i, ok := slices.BinarySearchFunc(li, [2]int{a, b}, func(l match.Link, p [2]int) int {
		return cmp.Or(cmp.Compare(l.A, p[0]), cmp.Compare(l.B, p[1]))
	})
	if !ok {
		return nil
	}
	l := li[i]
	return &l
}

func buildEdge(docs []*match.Doc, e *provenance.Edge, l *match.Link, opts match.Options, reuse match.Reuse, child int) *Edge {
	if e == nil {
		return nil
	}
	out := &Edge{
		DelaySeconds:        seconds(e.Delay, e.HasDelay),
		ContainmentInParent: Ratio(e.InParent), ContainmentOfParent: Ratio(e.OfParent), Explained: Ratio(e.Explained),
		Versus: docID(docs, e.Versus), Carried: e.Carried, Missing: e.Missing, Flags: e.Flags, Reason: e.Reason,
	}
	if out.Flags == nil {
		out.Flags = []string{}
	}
	out.Reuse = reuse
	if l != nil {
		out.Reuse = opts.Reuse(*l)
		if out.Reuse == match.Rewritten && l.Aligned != nil {
			out.Passages = passages(*l, l.B == child)
			out.Reason = rewriteReason(out.Reason, docs, *l, child, e.Explained)
		}
	}
	return out
}

// rewriteReason restates the opening of a rewritten copy's reason, which
// provenance words in shingles ("P explains 100% of its story text" may
// rest on a few shared phrases, "0%" on none): a rewrite is told by its
// aligned sentences.
func rewriteReason(reason string, docs []*match.Doc, l match.Link, child int, explained float64) string {
	parent, share := l.A, l.Aligned.SeededB
	if l.A == child {
		parent, share = l.B, l.Aligned.SeededA
	}
	id := docs[parent].ID
	rest, ok := strings.CutPrefix(reason, provenance.ExplainedClause(id, explained))
	if !ok {
		return reason
	}
	return fmt.Sprintf("%s restates it in other words: %d sentence pairs aligned, holding %.0f%% of its words", id, l.Aligned.KeptSeeds(), 100*share) + rest
}

// passages orients a link's aligned passages as (copy, parent); swap is
// set when the copy is the link's B side.
func passages(l match.Link, swap bool) []Passage {
	var out []Passage
	for _, p := range l.Aligned.Passages {
		a, b := [2]int{p.A.Start, p.A.Stop}, [2]int{p.B.Start, p.B.Stop}
		if swap {
			a, b = b, a
		}
		out = append(out, Passage{Copy: a, Parent: b})
	}
	return out
}

// WriteJSON writes the report as indented JSON: the bytes a json.Encoder
// with SetIndent("", "  ") and SetEscapeHTML(false) writes for r, streamed
// story by story and member by member, so that the extra memory is one
// member, not the whole report twice (marshalled, then indented). After an
// error the output is cut short.
func WriteJSON(w io.Writer, r *Report) error {
	return writeReportJSON(w, r)
}
