package pipeline

import (
	"errors"
	"sort"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/match"
	"github.com/wiretrace/wiretrace/provenance"
)

func init() {
	// Generic registration spares the workers reflection on every call.
	register.DoFn4x1[int64, func(*[]byte) bool, func(int64, int64), func(int64, []byte), error](&componentsFn{})
	register.DoFn4x1[int64, func(*[]byte) bool, func(*int64) bool, func(int64, []byte), error](&docToComponentFn{})
	register.DoFn5x1[int64, func(*[]byte) bool, func(*[]byte) bool, func([]byte), func([]byte), error](&clusterFn{})
}

// stories finds the connected components of the link graph and clusters
// each component with the library's Scanner.Cluster, on as many workers
// as there are components. It returns the components and, per component,
// the clock pairs of its stories (provenance.Analysis.ClockPairs): the
// first pass of provenance, run where the stories are.
//
// Components are found by collecting the links, and only the links (40
// bytes each; a few million per million articles), on one worker and
// running union-find there: label propagation in Beam would take one
// shuffle of every link per round, and as many rounds as the longest
// chain of copies, which a pipeline must fix before it runs. At 40 bytes
// a link, ten million links take 400 MB on that worker.
//
// Clustering a component alone gives what clustering the corpus gives:
// every rule of match.Cluster reads only the links and documents of one
// component, and documents are renumbered in their order, which keeps
// every tie-break (union roots, earlier document, best member).
func stories(s beam.Scope, cfg Config, docs, links beam.PCollection) (comps, pairs beam.PCollection) {
	s = s.Scope("stories")
	docComp, linksByComp := beam.ParDo2(s, &componentsFn{}, beam.GroupByKey(s, beam.ParDo(s, &keyAllFn{}, links)))
	docsByComp := beam.ParDo(s, &docToComponentFn{}, beam.CoGroupByKey(s, docs, docComp))
	return beam.ParDo2(s, &clusterFn{Cfg: cfg}, beam.CoGroupByKey(s, docsByComp, linksByComp))
}

// componentsFn labels each linked document with the smallest document
// index of its component, and keys each link by its component.
type componentsFn struct{}

func (f *componentsFn) ProcessElement(_ int64, recs func(*[]byte) bool, emitDoc func(int64, int64), emitLink func(int64, []byte)) error {
	parent := map[int]int{}
	var find func(int) int
	find = func(x int) int {
		p, ok := parent[x]
		if !ok || p == x {
			return x
		}
		r := find(p)
		parent[x] = r
		return r
	}
	var links []match.Link
	var raw [][]byte
	var b []byte
	for recs(&b) {
		l, err := decode[match.Link](b)
		if err != nil {
			return err
		}
		links = append(links, *l)
		raw = append(raw, append([]byte(nil), b...))
		ra, rb := find(l.A), find(l.B)
		if ra != rb {
			parent[max(ra, rb)] = min(ra, rb)
		}
		parent[l.A], parent[l.B] = find(l.A), find(l.B)
	}
	for d := range parent {
		emitDoc(int64(d), int64(find(d)))
	}
	for i, l := range links {
		emitLink(int64(find(l.A)), raw[i])
	}
	return nil
}

// docToComponentFn keys a prepared document by its component; documents
// in no link are dropped here.
type docToComponentFn struct{}

func (f *docToComponentFn) ProcessElement(_ int64, docs func(*[]byte) bool, comps func(*int64) bool, emit func(int64, []byte)) error {
	var comp int64
	if !comps(&comp) {
		return nil
	}
	var b []byte
	if !docs(&b) {
		return errors.New("pipeline: a link names a document that was not prepared")
	}
	emit(comp, b)
	return nil
}

// clusterFn clusters one component with the library and finds the clock
// pairs of its stories.
type clusterFn struct {
	Cfg Config
	sc  *match.Scanner
	reg *credit.Registry
}

func (f *clusterFn) Setup() (err error) {
	if f.sc, err = f.Cfg.scanner(); err != nil {
		return err
	}
	f.reg, err = f.Cfg.registry()
	return err
}

func (f *clusterFn) ProcessElement(_ int64, docRecs func(*[]byte) bool, linkRecs func(*[]byte) bool, emit func([]byte), emitPairs func([]byte)) error {
	var c component
	var b []byte
	for docRecs(&b) {
		d, err := decode[match.Doc](b)
		if err != nil {
			return err
		}
		c.Docs = append(c.Docs, *d)
	}
	for linkRecs(&b) {
		l, err := decode[match.Link](b)
		if err != nil {
			return err
		}
		c.Links = append(c.Links, *l)
	}
	sort.Slice(c.Docs, func(i, j int) bool { return c.Docs[i].Index < c.Docs[j].Index })
	sortLinks(c.Links)
	local, global := renumber(c.Docs, c.Links)
	clusters := f.sc.Cluster(local.docs, local.links)
	an := provenance.NewAnalysis(&match.Result{Docs: local.docs, Clusters: clusters}, f.reg)
	var pairs []provenance.ClockPair
	for i := range clusters {
		pairs = append(pairs, an.ClockPairs(i)...)
	}
	if len(pairs) > 0 {
		emitPairs(encode(pairs))
	}
	for i := range clusters {
		for j := range clusters[i].Members {
			m := &clusters[i].Members[j]
			m.Doc = global[m.Doc]
			if m.Best >= 0 {
				m.Best = global[m.Best]
			}
		}
	}
	c.Clusters = clusters
	emit(encode(c))
	return nil
}

func sortLinks(ls []match.Link) {
	sort.Slice(ls, func(i, j int) bool {
		if ls[i].A != ls[j].A {
			return ls[i].A < ls[j].A
		}
		return ls[i].B < ls[j].B
	})
}

type numbered struct {
	docs  []*match.Doc
	links []match.Link
}

// renumber gives documents sorted by index the indexes 0..n-1, and
// rewrites the links to match; global maps a new index to the old one.
// The order is kept, so every comparison of indexes in the library
// decides as it would have.
func renumber(docs []match.Doc, links []match.Link) (numbered, []int) {
	var out numbered
	global := make([]int, len(docs))
	at := make(map[int]int, len(docs))
	for i := range docs {
		d := docs[i] // a copy: the caller's index stays global
		global[i], at[d.Index] = d.Index, i
		d.Index = i
		out.docs = append(out.docs, &d)
	}
	for _, l := range links {
		l.A, l.B = at[l.A], at[l.B]
		out.links = append(out.links, l)
	}
	return out, global
}
