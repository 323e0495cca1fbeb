package pipeline

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/internal/atomicfile"
	"github.com/wiretrace/wiretrace/match"
	"github.com/wiretrace/wiretrace/policy"
	"github.com/wiretrace/wiretrace/provenance"
	"github.com/wiretrace/wiretrace/report"
)

func init() {
	// Generic registration spares the workers reflection on every call.
	register.DoFn7x1[context.Context, []byte, func(*[]byte) bool, func(*[]byte) bool, func(*[]byte) bool, func(*[]byte) bool, func(*int64) bool, error](&reportFn{})
}

// writeReport collects the placed stories on one worker and writes the
// report (and the check findings): the outlets' summary, report.Build and
// policy.Evaluate run over every story at once, as the report is one
// document. Provenance has run in the stories and provenance stages; the
// stories come without content sets, so this worker holds the documents'
// headers (ids, outlets, times, credits: a few hundred bytes each), the
// links and the placed members.
func writeReport(s beam.Scope, cfg Config, placed, clocks, info, bad, overfull beam.PCollection) {
	s = s.Scope("report")
	// One element (the impulse) runs the stage once, with or without
	// stories; everything it reads comes in as side inputs.
	beam.ParDo0(s, &reportFn{Cfg: cfg}, beam.Impulse(s), beam.SideInput{Input: placed}, beam.SideInput{Input: clocks},
		beam.SideInput{Input: info}, beam.SideInput{Input: bad}, beam.SideInput{Input: overfull})
}

type reportFn struct{ Cfg Config }

func (f *reportFn) ProcessElement(ctx context.Context, _ []byte, recs func(*[]byte) bool, clockRecs func(*[]byte) bool, infos func(*[]byte) bool, bads func(*[]byte) bool, overfulls func(*int64) bool) error {
	// Side inputs are iterated once: read the bad records into a list.
	sk, err := decodeAll[badRecord](bads)
	if err != nil {
		return err
	}
	sort.SliceStable(sk, func(i, j int) bool { return before(sk[i].File, sk[i].Err.Pos, sk[j].File, sk[j].Err.Pos) })
	var skipped []*corpus.RecordError
	for _, r := range sk {
		if r.Fatal {
			return &r.Err // the first in input order, as scan stops
		}
		skipped = append(skipped, &r.Err)
	}
	info, err := oneMeta(infos)
	if err != nil {
		return err
	}
	comps, err := decodeAll[component](recs)
	if err != nil {
		return err
	}
	if info.Documents == 0 && !f.Cfg.AllowEmpty {
		return &corpus.RecordError{Pos: corpus.Position{File: strings.Join(f.Cfg.Inputs, ", ")}, Reason: fmt.Sprintf("no articles were read (%d bad records skipped); pass --allow-empty if that is expected", len(skipped))}
	}
	reg, err := f.Cfg.registry()
	if err != nil {
		return err
	}
	clocks, err := oneClockSet(clockRecs)
	if err != nil {
		return err
	}
	res, prov := assemble(comps, info, overfulls, f.Cfg.Match)
	sum := provenance.NewSummary(clocks.Clocks)
	for i, c := range res.Clusters {
		sum.Add(c, prov.Clusters[i])
	}
	prov.Outlets = sum.Outlets()
	rep := report.Build(res, prov, f.Cfg.Match, skipped)
	// The report counts every article read; res holds only those in
	// stories.
	rep.Documents = info.Documents
	if err := writeFile(ctx, f.Cfg.Output, func(w io.Writer) error {
		if f.Cfg.Format == "jsonl" {
			return report.WriteJSONL(w, rep)
		}
		return report.WriteJSON(w, rep)
	}); err != nil {
		return err
	}
	if f.Cfg.FindingsOutput == "" {
		return nil
	}
	rules, err := f.Cfg.checkRules()
	if err != nil {
		return err
	}
	if rules.Uncredited == nil && rules.MaxDuplicateShare == nil {
		rules.Uncredited = &policy.UncreditedRule{}
	}
	findings := policy.Evaluate(rules, rep, reg, nil)
	result := &report.CheckResult{Documents: rep.Documents, Findings: findings, Passed: len(findings) == 0}
	return writeFile(ctx, f.Cfg.FindingsOutput, func(w io.Writer) error { return report.WriteCheckJSON(w, result) })
}

// assemble makes one match.Result of the components, and the provenance
// of its stories: their documents renumbered in index order, links sorted
// by (A, B), stories ordered and numbered as match orders them.
func assemble(comps []*component, info *meta, overfulls func(*int64) bool, opts match.Options) (*match.Result, *provenance.Result) {
	var docs []match.Doc
	var links []match.Link
	var all []story
	for _, c := range comps {
		docs = append(docs, c.Docs...)
		links = append(links, c.Links...)
		for i := range c.Clusters {
			all = append(all, story{c.Clusters[i], c.Prov[i]})
		}
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].Index < docs[j].Index })
	sortLinks(links)
	local, global := renumber(docs, links)
	at := make(map[int]int, len(global))
	for i, g := range global {
		at[g] = i
	}
	for i := range all {
		for j := range all[i].c.Members {
			m := &all[i].c.Members[j]
			m.Doc = at[m.Doc]
			if m.Best >= 0 {
				m.Best = at[m.Best]
			}
		}
		all[i].p = renumberPlaced(all[i].p, func(d int) int { return at[d] })
	}
	sortStories(local.docs, all)
	clusters := make([]match.Cluster, len(all))
	prov := &provenance.Result{Clusters: make([]provenance.Cluster, len(all))}
	for i, st := range all {
		clusters[i], prov.Clusters[i] = st.c, st.p
	}
	match.NumberClusters(clusters)
	res := &match.Result{
		Docs: local.docs, Links: local.links, Clusters: clusters, Boilerplate: info.Boilerplate,
		Bands: info.Bands, Rows: info.Rows, CommonDocs: info.CommonDocs,
	}
	if res.Bands == 0 { // no article: the layout the options give
		res.Bands, res.Rows = opts.Layout()
	}
	n, largest := 0, int64(0)
	var size int64
	for overfulls(&size) {
		n++
		largest = max(largest, size)
	}
	if n > 0 {
		res.Warnings = append(res.Warnings, match.BucketWarning(n, int(largest)))
	}
	return res, prov
}

// story is a clustered story with its provenance.
type story struct {
	c match.Cluster
	p provenance.Cluster
}

// sortStories orders stories as match orders them.
func sortStories(docs []*match.Doc, ss []story) {
	sort.Slice(ss, func(i, j int) bool { return match.ClusterBefore(docs, ss[i].c, ss[j].c) })
}

// writeFile writes a whole file on any Beam file system: a local path
// atomically (internal/atomicfile), an object store by its own atomic
// upload.
func writeFile(ctx context.Context, path string, write func(io.Writer) error) error {
	if !strings.Contains(path, "://") {
		return atomicfile.Write(path, write)
	}
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return err
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, path)
	if err != nil {
		return err
	}
	if err := write(w); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}
