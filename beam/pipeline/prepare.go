package pipeline

import (
	"errors"
	"fmt"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"
	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/match"
)

func init() {
	// Generic registration spares the workers reflection on every call.
	register.DoFn1x2[[]byte, int64, []byte](&keyAllFn{})
	register.DoFn1x3[[]byte, string, []byte, error](&byIDFn{})
	register.DoFn1x2[[]byte, int64, []byte](&positionFn{})
	register.DoFn5x1[int64, func(*[]byte) bool, func(*[]byte) bool, func(string, int64), func(int64), error](&rankFn{})
	register.DoFn5x1[string, func(*[]byte) bool, func(*int64) bool, func(int64, []byte), func(int64), error](&fingerprintFn{})
	register.DoFn4x1[int64, []byte, func(*int64) bool, func(int64, []byte), error](&shingleBatchFn{})
	register.DoFn4x1[int64, func(*[]byte) bool, func(*int64) bool, func([]byte), error](&countShardFn{})
	register.DoFn4x1[int64, []byte, func(*int64) bool, func(int64, []byte), error](&lineCountsFn{})
	register.DoFn4x1[int64, []byte, func(*int64) bool, func([]byte), error](&learnedLineFn{})
	register.DoFn7x1[[]byte, func(*int64) bool, func(*int) bool, func(*[]byte) bool, func(*[]byte) bool, func([]byte), func([]byte), error](&modelFn{})
	register.Iter1[int]()
	register.DoFn6x1[int64, []byte, func(*[]byte) bool, func(int64, []byte), func(int64), func(int64, []byte), error](&finishFn{})
	register.DoFn4x1[[]byte, func(*[]byte) bool, func(*int64) bool, func([]byte), error](&metaFn{})
	register.Emitter2[string, int64]()
}

// prepare fingerprints the articles, learns boilerplate over all of them,
// leaves it out and computes each article's content set, candidate keys
// and (for the rewrite channel) sentences, spread over workers with the
// library's per-document steps (match/stages.go):
//
//  1. index: every article's place in the input (file ordinal, line) and
//     id go to one worker (names only, about 40 bytes an article), which
//     numbers them in input order: a document's index decides every
//     tie-break of match, so it must be scan's.
//  2. fingerprint: each article is joined with its index and
//     fingerprinted alone (match.Options.Fingerprint).
//  3. boilerplate counts: shingle entries go, one batch per document and
//     key shard, to shard workers that count them
//     (match.Options.CountShingles); line counts are summed in shards of
//     line shapes by a combine (match.LineCount.Merge) and only those that make
//     boilerplate (match.Options.LearnsLine) reach the one worker that
//     builds the model (match.NewBoilerplate): a few thousand keys.
//  4. finish: each document is finished alone with the model as a side
//     input (match.Finisher): content set, candidate keys and, with the
//     rewrite channel, its sentences without boilerplate.
//
// The documents, keys and model are Scanner.Prepare's (the library's
// tests check it step by step).
func prepare(s beam.Scope, cfg Config, arts, bad beam.PCollection) (docs, info, sentences beam.PCollection) {
	s = s.Scope("prepare")
	ranks, count := beam.ParDo2(s, &rankFn{}, beam.GroupByKey(s, beam.ParDo(s, &positionFn{}, arts)), beam.SideInput{Input: bad})
	fps, shingles := beam.ParDo2(s, &fingerprintFn{Cfg: cfg}, beam.CoGroupByKey(s, beam.ParDo(s, &byIDFn{}, arts), ranks))
	total := stats.Sum(s, shingles)
	batches := beam.ParDo(s, &shingleBatchFn{}, fps, beam.SideInput{Input: total})
	hits := beam.ParDo(s, &countShardFn{Cfg: cfg}, beam.GroupByKey(s, batches), beam.SideInput{Input: count})
	lines := beam.CombinePerKey(s, &mergeLinesFn{}, beam.ParDo(s, &lineCountsFn{}, fps, beam.SideInput{Input: total}))
	learned := beam.ParDo(s, &learnedLineFn{Cfg: cfg}, lines, beam.SideInput{Input: count})
	model, modelMeta := beam.ParDo2(s, &modelFn{Cfg: cfg}, beam.Impulse(s), beam.SideInput{Input: count},
		beam.SideInput{Input: stats.CountElms(s, fps)}, beam.SideInput{Input: hits}, beam.SideInput{Input: learned})
	docs, keys, sentences := beam.ParDo3(s, &finishFn{Cfg: cfg}, fps, beam.SideInput{Input: model})
	info = beam.ParDo(s, &metaFn{}, beam.Impulse(s), beam.SideInput{Input: modelMeta}, beam.SideInput{Input: stats.Sum(s, keys)})
	return docs, info, sentences
}

// byIDFn keys an article by its id (unique after the duplicate check).
type byIDFn struct{}

func (f *byIDFn) ProcessElement(b []byte) (string, []byte, error) {
	a, err := decode[article](b)
	if err != nil {
		return "", nil, err
	}
	return a.Art.ID, b, nil
}

// position is where an article is in the input.
type position struct {
	File int64
	Line int
	ID   string
}

// positionFn sends an article's place, without its text, to the one
// worker that numbers them.
type positionFn struct{}

func (f *positionFn) ProcessElement(b []byte) (int64, []byte) {
	a, err := decode[article](b)
	if err != nil {
		panic(err) // read wrote it: a programming error
	}
	return 0, encode(position{File: a.File, Line: a.Art.Pos.Line, ID: a.Art.ID})
}

// rankFn numbers the articles in input order, as scan adds them, after
// checking that no bad record stops the run.
type rankFn struct{}

func (f *rankFn) ProcessElement(_ int64, recs func(*[]byte) bool, bads func(*[]byte) bool, emit func(string, int64), count func(int64)) error {
	if err := firstFatal(bads); err != nil {
		return err
	}
	all, err := decodeAll[position](recs)
	if err != nil {
		return err
	}
	slices.SortFunc(all, func(a, b *position) int {
		if a.File != b.File {
			return int(a.File - b.File)
		}
		return a.Line - b.Line
	})
	for i, p := range all {
		emit(p.ID, int64(i))
	}
	count(int64(len(all)))
	return nil
}

// fingerprinted is a document after step 1: its header (with credits)
// and its fingerprint as match encodes it.
type fingerprinted struct {
	Doc match.Doc
	FP  []byte
}

// fingerprintFn fingerprints one article under its index.
type fingerprintFn struct{ Cfg Config }

func (f *fingerprintFn) ProcessElement(_ string, arts func(*[]byte) bool, idxs func(*int64) bool, emit func(int64, []byte), shingles func(int64)) error {
	var b []byte
	var idx int64
	if !arts(&b) || !idxs(&idx) {
		// rankFn numbers every article or, when a bad record stops the
		// run, fails. A runner may still run this stage after that (Prism
		// clears a failed bundle's output), and the job reports whichever
		// stage fails first: failing here too would hide the record's
		// error. modelFn checks that every numbered article got here.
		return nil
	}
	a, err := decode[article](b)
	if err != nil {
		return err
	}
	d := match.NewDoc(int(idx), &a.Art)
	fp := f.Cfg.Match.Fingerprint(d, a.Art.Text)
	d.Credits = a.Credits
	enc, err := fp.MarshalBinary()
	if err != nil {
		return err
	}
	emit(idx, encode(fingerprinted{Doc: *d, FP: enc}))
	shingles(int64(fp.Shingles()))
	return nil
}

func decodeFingerprinted(b []byte) (*match.Doc, *match.Fingerprint, error) {
	v, err := decode[fingerprinted](b)
	if err != nil {
		return nil, nil, err
	}
	fp, err := match.UnmarshalFingerprint(v.FP)
	if err != nil {
		return nil, nil, err
	}
	return &v.Doc, fp, nil
}

// shingleShardBits is the number of key bits that choose a shingle
// shard: shards of about keysPerShard entries.
func shingleShardBits(total int64) int {
	bits := 0
	for bits < 16 && total>>bits > keysPerShard {
		bits++
	}
	return bits
}

// shingleBatchFn sends a document's shingle entries to their shards, one
// batch per shard: the document's outlet id, then the entries.
type shingleBatchFn struct {
	bits  int // from the side input, read once per instance
	ready bool
}

func (f *shingleBatchFn) ProcessElement(_ int64, b []byte, totals func(*int64) bool, emit func(int64, []byte)) error {
	if !f.ready {
		var total int64
		totals(&total)
		f.bits, f.ready = shingleShardBits(total), true
	}
	d, fp, err := decodeFingerprinted(b)
	if err != nil {
		return err
	}
	bits := f.bits
	byShard := map[int64][]uint64{}
	for _, e := range fp.ShingleEntries(d) {
		sh := int64(e>>docBits) & (1<<bits - 1)
		if byShard[sh] == nil {
			byShard[sh] = []uint64{match.OutletID(d.Outlet)}
		}
		byShard[sh] = append(byShard[sh], e)
	}
	for sh, es := range byShard {
		emit(sh, packSet(nil, es))
	}
	return nil
}

// shardHits is what one shard of shingle counts learned.
type shardHits struct {
	Stock, Outlet []uint64
}

// countShardFn counts one shard of shingle entries with the library, its
// documents renumbered 0..n-1 in index order (which keeps every count).
type countShardFn struct{ Cfg Config }

func (f *countShardFn) ProcessElement(_ int64, batches func(*[]byte) bool, counts func(*int64) bool, emit func([]byte)) error {
	var n int64
	counts(&n)
	var entries []uint64
	outletOfDoc := map[int]uint64{}
	var b []byte
	for batches(&b) {
		es := unpackSet(b)
		if len(es) < 2 {
			continue
		}
		outletOfDoc[int(es[1]&(maxDocs-1))] = es[0]
		entries = append(entries, es[1:]...)
	}
	docs := make([]int, 0, len(outletOfDoc))
	for d := range outletOfDoc {
		docs = append(docs, d)
	}
	slices.Sort(docs)
	at := make(map[int]int, len(docs))
	outletOf := make([]int32, len(docs))
	ids := map[uint64]int32{}
	var outletIDs []uint64
	for i, d := range docs {
		at[d] = i
		id := outletOfDoc[d]
		k, ok := ids[id]
		if !ok {
			k = int32(len(outletIDs))
			ids[id] = k
			outletIDs = append(outletIDs, id)
		}
		outletOf[i] = k
	}
	for i, e := range entries {
		entries[i] = e&^(maxDocs-1) | uint64(at[int(e&(maxDocs-1))])
	}
	stock, outlet := f.Cfg.Match.CountShingles(entries, outletOf, outletIDs, f.Cfg.Match.CommonDocsFor(int(n)))
	if len(stock) > 0 || len(outlet) > 0 {
		emit(encode(shardHits{Stock: stock, Outlet: outlet}))
	}
	return nil
}

// lineCountsFn sends what a document adds to line shapes' counts, one
// batch per shard of shapes (as many as shingle shards).
type lineCountsFn struct {
	bits  int // from the side input, read once per instance
	ready bool
}

func (f *lineCountsFn) ProcessElement(_ int64, b []byte, totals func(*int64) bool, emit func(int64, []byte)) error {
	if !f.ready {
		var total int64
		totals(&total)
		f.bits, f.ready = shingleShardBits(total), true
	}
	d, fp, err := decodeFingerprinted(b)
	if err != nil {
		return err
	}
	byShard := map[int64][]match.LineCount{}
	for _, lc := range fp.LineCounts(d) {
		sh := int64(lc.Shape & (1<<f.bits - 1))
		byShard[sh] = append(byShard[sh], lc)
	}
	for sh, lcs := range byShard {
		emit(sh, encode(lcs))
	}
	return nil
}

// learnedLineFn keeps a shard's summed counts that make boilerplate.
type learnedLineFn struct{ Cfg Config }

func (f *learnedLineFn) ProcessElement(_ int64, b []byte, counts func(*int64) bool, emit func([]byte)) error {
	var n int64
	counts(&n)
	lcs, err := decode[[]match.LineCount](b)
	if err != nil {
		return err
	}
	for _, lc := range *lcs {
		if f.Cfg.Match.LearnsLine(lc, int(n)) {
			emit(encode(lc))
		}
	}
	return nil
}

// modelFn builds the boilerplate model from the learned counts, with
// what the report needs of it.
type modelFn struct{ Cfg Config }

func (f *modelFn) ProcessElement(_ []byte, counts func(*int64) bool, fingerprinted func(*int) bool, hitRecs func(*[]byte) bool, lineRecs func(*[]byte) bool, emitModel func([]byte), emitMeta func([]byte)) error {
	var n int64
	if !counts(&n) {
		return nil // no article
	}
	var got int
	fingerprinted(&got)
	if int64(got) != n {
		return fmt.Errorf("pipeline: %d articles numbered, %d fingerprinted", n, got)
	}
	hits, err := decodeAll[shardHits](hitRecs)
	if err != nil {
		return err
	}
	var stock, outlet []uint64
	for _, h := range hits {
		stock, outlet = append(stock, h.Stock...), append(outlet, h.Outlet...)
	}
	lines, err := decodeAll[match.LineCount](lineRecs)
	if err != nil {
		return err
	}
	lcs := make([]match.LineCount, len(lines))
	for i, lc := range lines {
		lcs[i] = *lc
	}
	opts := f.Cfg.Match
	bp := match.NewBoilerplate(opts, int(n), lcs, stock, outlet)
	b, err := bp.MarshalBinary()
	if err != nil {
		return err
	}
	emitModel(b)
	bands, rows := opts.Layout()
	emitMeta(encode(meta{Documents: int(n), Bands: bands, Rows: rows, CommonDocs: opts.CommonDocsFor(int(n)), Boilerplate: bp.Lines()}))
	return nil
}

// finishFn finishes one document with the model: content set, candidate
// keys and, for the rewrite channel, its sentences without boilerplate.
type finishFn struct {
	Cfg Config
	fin *match.Finisher
}

func (f *finishFn) ProcessElement(idx int64, b []byte, models func(*[]byte) bool, emit func(int64, []byte), keys func(int64), sentences func(int64, []byte)) error {
	if f.fin == nil {
		var mb []byte
		if !models(&mb) {
			return errors.New("pipeline: no boilerplate model")
		}
		bp, err := match.UnmarshalBoilerplate(mb)
		if err != nil {
			return err
		}
		f.fin = match.NewFinisher(f.Cfg.Match, bp)
	}
	d, fp, err := decodeFingerprinted(b)
	if err != nil {
		return err
	}
	ks, sent := f.fin.Finish(d, fp)
	emit(idx, encode(prepared{Doc: *d, Keys: ks}))
	keys(int64(len(ks)))
	if f.Cfg.Match.Rewrites {
		enc, err := sent.MarshalBinary()
		if err != nil {
			return err
		}
		sentences(idx, enc)
	}
	return nil
}

// metaFn completes the prepare stage's meta with the number of keys.
type metaFn struct{}

func (f *metaFn) ProcessElement(_ []byte, metas func(*[]byte) bool, keySums func(*int64) bool, emit func([]byte)) error {
	var b []byte
	if !metas(&b) {
		return nil // no article
	}
	m, err := decode[meta](b)
	if err != nil {
		return err
	}
	var n int64
	keySums(&n)
	m.Keys = int(n)
	emit(encode(m))
	return nil
}

func creditMeta(a *corpus.Article, reg *credit.Registry) []credit.Meta {
	return credit.MetaOf(a.Extra, reg.MetaFields())
}

// keyAllFn puts every element under one key, to reach one worker.
type keyAllFn struct{}

func (f *keyAllFn) ProcessElement(b []byte) (int64, []byte) { return 0, b }

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
