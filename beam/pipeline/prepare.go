package pipeline

import (
	"context"
	"runtime"
	"sort"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/match"
)

func init() {
	// Generic registration spares the workers reflection on every call.
	register.DoFn7x1[context.Context, int64, func(*[]byte) bool, func(*[]byte) bool, func(int64, []byte), func([]byte), func([]byte), error](&prepareFn{})
	register.DoFn1x2[[]byte, int64, []byte](&keyAllFn{})
}

func creditMeta(a *corpus.Article, reg *credit.Registry) []credit.Meta {
	return credit.MetaOf(a.Extra, reg.MetaFields())
}

// prepare fingerprints the articles, learns boilerplate over all of them,
// leaves it out and computes each article's content set and candidate
// keys. It returns the prepared documents keyed by document index, one
// meta element, and, when the rewrite channel is on (match.Options.Rewrites),
// the links Scanner.Match found.
//
// GAP, the one stage that is not distributed: match fuses tokenising,
// boilerplate learning and the removal of what was learned inside
// Scanner.Prepare, and a Doc's ordered shingles and line shapes (what the
// boilerplate counts read) are unexported, so the counts cannot be a Beam
// combine without a second copy of match's code. This stage therefore
// collects every article on one worker and runs the library's Scanner
// there, as `wiretrace scan` does: its memory is scan's, the texts of all
// articles while they are sorted into input order and then about 5 KB an
// article (about 50 GB for ten million articles), its time scan's
// fingerprinting on that worker's cores. Everything after it is
// distributed. The exports that would distribute it are listed in
// docs/beam.md ("Gaps").
func prepare(s beam.Scope, cfg Config, arts, bad beam.PCollection) (docs, info, links beam.PCollection) {
	s = s.Scope("prepare")
	all := beam.GroupByKey(s, beam.ParDo(s, &keyAllFn{}, arts))
	return beam.ParDo3(s, &prepareFn{Cfg: cfg}, all, beam.SideInput{Input: bad})
}

// keyAllFn puts every element under one key, to reach one worker.
type keyAllFn struct{}

func (f *keyAllFn) ProcessElement(b []byte) (int64, []byte) { return 0, b }

type prepareFn struct{ Cfg Config }

func (f *prepareFn) ProcessElement(ctx context.Context, _ int64, recs func(*[]byte) bool, bads func(*[]byte) bool, emitDoc func(int64, []byte), emitMeta func([]byte), emitLink func([]byte)) error {
	// A fatal bad record stops the run before the costly stages, as
	// scan stops reading at the first: the first in input order wins.
	if err := firstFatal(bads); err != nil {
		return err
	}
	all, err := decodeAll[article](recs)
	if err != nil {
		return err
	}
	sort.Slice(all, func(i, j int) bool { return before(all[i].File, all[i].Art.Pos, all[j].File, all[j].Art.Pos) })
	credits := make(map[*corpus.Article][]credit.Mention, len(all))
	for _, a := range all {
		credits[&a.Art] = a.Credits
	}
	opts := f.Cfg.Match
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	sc, err := match.NewScanner(opts, func(a *corpus.Article) []credit.Mention { return credits[a] })
	if err != nil {
		return err
	}
	for i, a := range all {
		if err := sc.Add(&a.Art); err != nil {
			sc.Abort()
			return err
		}
		all[i] = nil // the scanner has the text; let it go once fingerprinted
	}
	p, err := sc.Prepare(ctx, nil)
	if err != nil {
		return err
	}
	res := sc.Result(p, nil, nil, nil)
	m := meta{Documents: len(p.Docs), Bands: res.Bands, Rows: res.Rows, CommonDocs: res.CommonDocs, Boilerplate: res.Boilerplate}
	if opts.Rewrites {
		// GAP: the rewrite channel (match/rewrite.go) reads per-document
		// word profiles that are unexported and aligns pairs against the
		// shingle links inside Scanner.Match; both channels then run here,
		// in memory, and the candidates and verify stages get no keys.
		links, warnings, err := sc.Match(p.Docs)
		if err != nil {
			return err
		}
		m.Warnings = warnings
		for _, l := range links {
			emitLink(encode(l))
		}
		for _, d := range p.Docs {
			emitDoc(int64(d.Index), encode(prepared{Doc: *d}))
		}
		emitMeta(encode(m))
		return nil
	}
	for _, d := range p.Docs {
		keys, err := sc.Keys(d)
		if err != nil {
			return err
		}
		m.Keys += len(keys)
		emitDoc(int64(d.Index), encode(prepared{Doc: *d, Keys: keys}))
	}
	emitMeta(encode(m))
	return nil
}

// firstFatal returns the first fatal bad record in input order, if any.
func firstFatal(bads func(*[]byte) bool) error {
	var first *badRecord
	var b []byte
	for bads(&b) {
		r, err := decode[badRecord](b)
		if err != nil {
			return err
		}
		if r.Fatal && (first == nil || before(r.File, r.Err.Pos, first.File, first.Err.Pos)) {
			first = r
		}
	}
	if first != nil {
		return &first.Err
	}
	return nil
}
