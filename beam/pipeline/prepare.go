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
	register.DoFn4x0[string, func(*[]byte) bool, func(*int64) bool, func(int64, []byte)](&numberFn{})
	register.DoFn5x1[int64, []byte, func(*int64) bool, func(int64, []byte), func(int64, []byte), error](&countsFn{})
	register.DoFn4x1[int64, []byte, func(*int64) bool, func([]byte), error](&countShardFn{})
	register.DoFn4x1[int64, []byte, func(*int64) bool, func([]byte), error](&learnedLineFn{})
	register.DoFn7x1[[]byte, func(*int64) bool, func(*int) bool, func(*[]byte) bool, func(*[]byte) bool, func([]byte), func([]byte), error](&modelFn{})
	register.Iter1[int]()
	register.DoFn8x1[int64, []byte, func(*[]byte) bool, func(int64, []byte), func(int64, []byte), func(int64, []byte), func(int64), func(int64, []byte), error](&finishFn{})
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
//  2. boilerplate counts: each article, joined with its index, is
//     fingerprinted alone (match.Options.Fingerprint); its shingle entries
//     go, one batch per key shard, to shard workers that count them
//     (match.Options.CountShingles); line counts are summed in shards of
//     line shapes by a combine (match.LineCount.Merge) and only those
//     that make boilerplate (match.Options.LearnsLine) reach the one
//     worker that builds the model (match.NewBoilerplate): a few
//     thousand keys.
//  3. finish: each article is fingerprinted again and finished alone
//     with the model as a side input (match.Finisher): content set,
//     candidate keys and, with the rewrite channel, its sentences
//     without boilerplate.
//
// Fingerprinting twice costs less than shipping fingerprints: with their
// ordered shingles and lines they are twice the article's size, and the
// runner would hold them from the counts to the finish (Prism holds every
// stage's input, and copies it three times to send it to the worker).
//
// It returns the documents with their content sets (for the stories), the
// leads and sets and the candidate keys alone (packed, for verification
// and candidates)
// and the sentences, each keyed by document index, and the corpus's meta.
// The documents, keys and model are Scanner.Prepare's (the library's
// tests check it step by step).
func prepare(s beam.Scope, cfg Config, arts, bad beam.PCollection) (docs, sets, keys, info, sentences beam.PCollection) {
	s = s.Scope("prepare")
	ranks, count := beam.ParDo2(s, &rankFn{}, beam.GroupByKey(s, beam.ParDo(s, &positionFn{}, arts)), beam.SideInput{Input: bad})
	numbered := beam.ParDo(s, &numberFn{}, beam.CoGroupByKey(s, beam.ParDo(s, &byIDFn{}, arts), ranks))
	batches, lineBatches := beam.ParDo2(s, &countsFn{Cfg: cfg}, numbered, beam.SideInput{Input: count})
	hits := beam.ParDo(s, &countShardFn{Cfg: cfg}, beam.CombinePerKey(s, &concatFn{}, batches), beam.SideInput{Input: count})
	lines := beam.CombinePerKey(s, &mergeLinesFn{}, lineBatches)
	learned := beam.ParDo(s, &learnedLineFn{Cfg: cfg}, lines, beam.SideInput{Input: count})
	model, modelMeta := beam.ParDo2(s, &modelFn{Cfg: cfg}, beam.Impulse(s), beam.SideInput{Input: count},
		beam.SideInput{Input: stats.CountElms(s, numbered)}, beam.SideInput{Input: hits}, beam.SideInput{Input: learned})
	docs, sets, keys, keyCounts, sentences := beam.ParDo5(s, &finishFn{Cfg: cfg}, numbered, beam.SideInput{Input: model})
	info = beam.ParDo(s, &metaFn{}, beam.Impulse(s), beam.SideInput{Input: modelMeta}, beam.SideInput{Input: stats.Sum(s, keyCounts)})
	return docs, sets, keys, info, sentences
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

// numberFn keys an article by its index.
type numberFn struct{}

func (f *numberFn) ProcessElement(_ string, arts func(*[]byte) bool, idxs func(*int64) bool, emit func(int64, []byte)) {
	var b []byte
	var idx int64
	if !arts(&b) || !idxs(&idx) {
		// rankFn numbers every article or, when a bad record stops the
		// run, fails. A runner may still run this stage after that (Prism
		// clears a failed bundle's output), and the job reports whichever
		// stage fails first: failing here too would hide the record's
		// error. modelFn checks that every numbered article got here.
		return
	}
	emit(idx, b)
}

// fingerprint decodes a numbered article and fingerprints it.
func (c Config) fingerprint(idx int64, b []byte) (*match.Doc, *match.Fingerprint, *article, error) {
	a, err := decode[article](b)
	if err != nil {
		return nil, nil, nil, err
	}
	d := match.NewDoc(int(idx), &a.Art)
	return d, c.Match.Fingerprint(d, a.Art.Text), a, nil
}

// shinglesPerShard is the number of shingle entries a shingle shard is
// cut for, and shinglesPerDoc the number an article is taken to have
// (one a word: 500-word articles), to choose the number of shards before
// any article is fingerprinted.
const (
	shinglesPerShard = 1 << 20
	shinglesPerDoc   = 512
)

// shingleShardBits is the number of key bits that choose a shingle or
// line shard for a corpus of n articles.
func shingleShardBits(n int64) int {
	bits := 0
	for bits < 16 && n*shinglesPerDoc>>bits > shinglesPerShard {
		bits++
	}
	return bits
}

// countsFn fingerprints a numbered article and sends its shingle entries
// to their shards, one batch per shard (the number of entries, the
// document's outlet id, then the entries), and what it adds to line
// shapes' counts, one batch per shard of shapes.
type countsFn struct {
	Cfg   Config
	bits  int // from the side input, read once per instance
	ready bool
}

func (f *countsFn) ProcessElement(idx int64, b []byte, counts func(*int64) bool, shingles func(int64, []byte), lines func(int64, []byte)) error {
	if !f.ready {
		var n int64
		counts(&n)
		f.bits, f.ready = shingleShardBits(n), true
	}
	d, fp, _, err := f.Cfg.fingerprint(idx, b)
	if err != nil {
		return err
	}
	mask := uint64(1)<<f.bits - 1
	byShard := map[int64][]uint64{}
	for _, e := range fp.ShingleEntries(d) {
		sh := int64(e >> docBits & mask)
		if byShard[sh] == nil {
			byShard[sh] = []uint64{0, match.OutletID(d.Outlet)}
		}
		byShard[sh][0]++
		byShard[sh] = append(byShard[sh], e)
	}
	for sh, es := range byShard {
		shingles(sh, packSet(nil, es))
	}
	lineShards := map[int64][]match.LineCount{}
	for _, lc := range fp.LineCounts(d) {
		sh := int64(lc.Shape & mask)
		lineShards[sh] = append(lineShards[sh], lc)
	}
	for sh, lcs := range lineShards {
		lines(sh, encode(lcs))
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

func (f *countShardFn) ProcessElement(_ int64, b []byte, counts func(*int64) bool, emit func([]byte)) error {
	var n int64
	counts(&n)
	var entries []uint64
	outletOfDoc := map[int]uint64{}
	for words := unpackSet(b); len(words) > 0; {
		k := words[0]
		if len(words) < 2 || k < 1 || k > uint64(len(words)-2) {
			return errors.New("pipeline: bad shingle batch")
		}
		es := words[2 : 2+k]
		outletOfDoc[int(es[0]&(maxDocs-1))] = words[1]
		entries = append(entries, es...)
		words = words[2+k:]
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

func (f *modelFn) ProcessElement(_ []byte, counts func(*int64) bool, joined func(*int) bool, hitRecs func(*[]byte) bool, lineRecs func(*[]byte) bool, emitModel func([]byte), emitMeta func([]byte)) error {
	var n int64
	if !counts(&n) {
		return nil // no article
	}
	var got int
	joined(&got)
	if int64(got) != n {
		return fmt.Errorf("pipeline: %d articles numbered, %d joined with their index", n, got)
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

// finishFn finishes one document with the model: the document with its
// content set, the set and candidate keys alone (packed) and, for the
// rewrite channel, its sentences without boilerplate.
type finishFn struct {
	Cfg Config
	fin *match.Finisher
}

func (f *finishFn) ProcessElement(idx int64, b []byte, models func(*[]byte) bool, emitDoc func(int64, []byte), emitSet func(int64, []byte), emitKeys func(int64, []byte), keyCount func(int64), sentences func(int64, []byte)) error {
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
	d, fp, a, err := f.Cfg.fingerprint(idx, b)
	if err != nil {
		return err
	}
	d.Credits = a.Credits
	ks, sent := f.fin.Finish(d, fp)
	emitDoc(idx, encode(d))
	emitSet(idx, packDocSet(d))
	emitKeys(idx, packSet(nil, ks))
	keyCount(int64(len(ks)))
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
