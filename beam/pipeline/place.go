package pipeline

import (
	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/match"
	"github.com/wiretrace/wiretrace/provenance"
)

func init() {
	// Generic registration spares the workers reflection on every call.
	register.DoFn3x1[[]byte, func(*[]byte) bool, func([]byte), error](&clocksFn{})
	register.DoFn3x1[[]byte, func(*[]byte) bool, func([]byte), error](&placeFn{})
}

// place runs provenance's second pass where the stories are: the clocks
// are estimated from every story's pairs on one worker (the pairs are 40
// bytes each, a few per article; every outlet's estimate reads all of its
// pairs, for quantiles, so they cannot be summed on the way), and each
// component's stories are placed with them on as many workers as there
// are components. It returns the components with their provenance and
// without content sets (the report does not read them), and the clocks.
//
// Placing a component alone gives what placing the corpus gives: the
// analysis of a story reads only its members' documents, and documents
// are renumbered in their order (see stories).
func place(s beam.Scope, cfg Config, comps, pairs beam.PCollection) (placed, clocks beam.PCollection) {
	s = s.Scope("provenance")
	clocks = beam.ParDo(s, &clocksFn{}, beam.Impulse(s), beam.SideInput{Input: pairs})
	placed = beam.ParDo(s, &placeFn{Cfg: cfg}, comps, beam.SideInput{Input: clocks})
	return placed, clocks
}

// clockSet is the outlets' clock estimates, one element for the corpus.
type clockSet struct {
	Clocks []provenance.ClockEstimate
}

// clocksFn estimates the outlets' clocks from every component's pairs.
type clocksFn struct{}

func (f *clocksFn) ProcessElement(_ []byte, recs func(*[]byte) bool, emit func([]byte)) error {
	groups, err := decodeAll[[]provenance.ClockPair](recs)
	if err != nil {
		return err
	}
	pairs := make([][]provenance.ClockPair, len(groups))
	for i, g := range groups {
		pairs[i] = *g
	}
	emit(encode(clockSet{Clocks: provenance.EstimateClocks(pairs...)}))
	return nil
}

// oneClockSet reads the clocks side input.
func oneClockSet(recs func(*[]byte) bool) (*clockSet, error) {
	var b []byte
	if !recs(&b) {
		return &clockSet{}, nil
	}
	return decode[clockSet](b)
}

// placeFn places the stories of one component.
type placeFn struct {
	Cfg    Config
	reg    *credit.Registry
	clocks *clockSet // the side input, decoded once per instance
}

func (f *placeFn) Setup() (err error) {
	f.reg, err = f.Cfg.registry()
	return err
}

func (f *placeFn) ProcessElement(b []byte, clocks func(*[]byte) bool, emit func([]byte)) error {
	if f.clocks == nil {
		cs, err := oneClockSet(clocks)
		if err != nil {
			return err
		}
		f.clocks = cs
	}
	c, err := decode[component](b)
	if err != nil {
		return err
	}
	local, global := renumber(c.Docs, nil)
	at := make(map[int]int, len(global))
	for i, g := range global {
		at[g] = i
	}
	clusters := make([]match.Cluster, len(c.Clusters))
	for i, cl := range c.Clusters {
		cl.Members = append([]match.Member(nil), cl.Members...)
		for j := range cl.Members {
			m := &cl.Members[j]
			m.Doc = at[m.Doc]
			if m.Best >= 0 {
				m.Best = at[m.Best]
			}
		}
		clusters[i] = cl
	}
	an := provenance.NewAnalysis(&match.Result{Docs: local.docs, Clusters: clusters}, f.reg)
	an.SetClocks(f.clocks.Clocks)
	c.Prov = make([]provenance.Cluster, len(clusters))
	for i := range clusters {
		c.Prov[i] = renumberPlaced(an.Cluster(i), func(d int) int { return global[d] })
	}
	for i := range c.Docs {
		c.Docs[i].Set = nil
	}
	emit(encode(c))
	return nil
}

// renumberPlaced rewrites the document indexes of a placed story.
func renumberPlaced(p provenance.Cluster, to func(int) int) provenance.Cluster {
	doc := func(d int) int {
		if d < 0 {
			return d
		}
		return to(d)
	}
	p.Origin.Doc = doc(p.Origin.Doc)
	for i := range p.Members {
		m := &p.Members[i]
		m.Parent = doc(m.Parent)
		if m.Edge != nil {
			e := *m.Edge
			e.Versus = doc(e.Versus)
			m.Edge = &e
		}
	}
	return p
}
