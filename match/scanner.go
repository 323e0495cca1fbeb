package match

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/shingle"
)

// Scanner fingerprints articles as they are added and matches them when
// the corpus is complete.
type Scanner struct {
	opts       Options
	minhash    *shingle.MinHasher
	bands      int
	rows       int
	common     int
	outletIdx  map[string]int32
	outlets    []string
	outletIDs  []uint64
	outletDocs []int
	docs       []*Doc
	st         stores

	tasks   chan task
	closed  sync.Once
	wg      sync.WaitGroup
	credits func(*corpus.Article) []credit.Mention

	added, fingerprinted atomic.Int64
	phase                atomic.Value // string

	phases []Phase
	t0     time.Time
}

// Progress is a snapshot of a scan's progress, safe to take from another
// goroutine while the scan runs.
type Progress struct {
	Added, Fingerprinted int64
	Phase                string // "reading", then the stage of Finish
}

// Progress returns the scan's progress so far.
func (s *Scanner) Progress() Progress {
	p, _ := s.phase.Load().(string)
	if p == "" {
		p = "reading"
	}
	return Progress{Added: s.added.Load(), Fingerprinted: s.fingerprinted.Load(), Phase: p}
}

type task struct {
	doc  *Doc
	text string
	art  *corpus.Article
}

// Result is what a scan found.
type Result struct {
	Docs        []*Doc
	Links       []Link
	Clusters    []Cluster
	Boilerplate []BoilerLine
	Warnings    []string
	Bands, Rows int // LSH layout used
	CommonDocs  int // stock-phrase document frequency used
	// Phases times each stage of Finish; for benchmarks and progress, never
	// part of a report (it differs between runs).
	Phases []Phase

	evict func()
}

// EvictSets lets the pages of content sets read so far leave the
// process's resident memory when the sets were spilled to a mapped file
// (they come back from the page cache on the next read). A stage that
// reads many documents' sets calls it now and then, so that the mapping
// does not grow back to the memory the spill saved. It is safe while
// other goroutines read sets, and does nothing for sets in memory.
func (r *Result) EvictSets() {
	if r.evict != nil {
		r.evict()
	}
}

// Phase is the wall time of one stage.
type Phase struct {
	Name     string
	Duration time.Duration
}

// NewScanner validates opts and starts the fingerprinting workers. credits,
// if not nil, is called on each article in a worker (concurrently) and its
// result stored in Doc.Credits; it is how later stages keep what they
// need from a text that is not kept.
func NewScanner(opts Options, credits func(*corpus.Article) []credit.Mention) (*Scanner, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	opts.Workers = max(opts.Workers, 1)
	b, r := opts.Layout()
	s := &Scanner{
		opts: opts, minhash: shingle.NewMinHasher(opts.NumHashes, opts.Seed), bands: b, rows: r,
		outletIdx: map[string]int32{}, tasks: make(chan task, 4*opts.Workers), credits: credits,
		st: newStores(opts),
	}
	for w := 0; w < opts.Workers; w++ {
		s.wg.Add(1)
		go s.worker()
	}
	return s, nil
}

func (s *Scanner) worker() {
	defer s.wg.Done()
	f := &fingerprinter{tz: shingle.NewTokenizer()}
	for t := range s.tasks {
		f.fingerprint(t.doc, t.text, s.opts.K)
		// A failed Put is kept by the store and returned by Prepare.
		_ = s.st.raw.Put(t.doc.Index, f.raw)
		// Put copies or writes what it is given: one buffer serves both.
		f.enc = appendProfile(f.enc[:0], &f.prof)
		_ = s.st.profiles.Put(t.doc.Index, f.enc)
		f.enc = appendLines(f.enc[:0], &f.lines)
		_ = s.st.lines.Put(t.doc.Index, f.enc)
		if s.credits != nil {
			t.doc.Credits = s.credits(t.art)
		}
		s.fingerprinted.Add(1)
	}
}

// Add fingerprints one article. It must be called from one goroutine.
func (s *Scanner) Add(a *corpus.Article) error {
	if len(s.docs) >= maxDocs {
		return errTooMany
	}
	oi, ok := s.outletIdx[a.Outlet]
	if !ok {
		oi = int32(len(s.outlets))
		s.outletIdx[a.Outlet] = oi
		s.outlets = append(s.outlets, a.Outlet)
		s.outletIDs = append(s.outletIDs, outletID(a.Outlet))
		s.outletDocs = append(s.outletDocs, 0)
	}
	s.outletDocs[oi]++
	d := newDoc(len(s.docs), a, s.outletIDs[oi])
	d.outlet = oi
	s.docs = append(s.docs, d)
	s.added.Add(1)
	s.tasks <- task{doc: d, text: a.Text, art: a}
	return nil
}

type scanError string

func (e scanError) Error() string { return string(e) }

const errTooMany = scanError("too many articles for one scan (limit 67,108,864)")

// Prepared is a scan's articles ready for matching: boilerplate learned
// and left out, content sets, band keys and fingerprints computed.
type Prepared struct {
	Docs []*Doc
	// Learned is the boilerplate learned from these articles alone; Used
	// is what was left out of them: the prior model with Learned merged
	// in (Learned itself when there was none).
	Learned, Used *Boilerplate
}

// Finish waits for fingerprinting, then learns boilerplate, finds and
// verifies candidates and builds clusters. The Scanner cannot be used after.
func (s *Scanner) Finish(ctx context.Context) (*Result, error) {
	p, err := s.Prepare(ctx, nil)
	if err != nil {
		return nil, err
	}
	links, warnings, err := s.Match(p.Docs)
	if err != nil {
		return nil, err
	}
	s.mark("align")
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	clusters := s.Cluster(p.Docs, links)
	s.mark("cluster")
	return s.Result(p, links, clusters, warnings), nil
}

// Result assembles a scan's result from its parts.
func (s *Scanner) Result(p *Prepared, links []Link, clusters []Cluster, warnings []string) *Result {
	return &Result{
		Docs: p.Docs, Links: links, Clusters: clusters,
		Boilerplate: p.Learned.lines, Warnings: warnings,
		Bands: s.bands, Rows: s.rows, CommonDocs: s.common, Phases: s.phases,
		evict: s.st.sets.Evict,
	}
}

var nextStage = map[string]string{"fingerprint (wait)": "learning boilerplate", "boilerplate": "fingerprinting content",
	"minhash": "finding and verifying pairs", "verify": "aligning rewrites", "align": "clustering"}

// mark ends the stage called name, for Result.Phases and progress.
func (s *Scanner) mark(name string) {
	if next, ok := nextStage[name]; ok {
		s.phase.Store(next)
	}
	now := time.Now()
	s.phases = append(s.phases, Phase{name, now.Sub(s.t0)})
	s.t0 = now
}

// Prepare waits for fingerprinting, learns boilerplate from the articles,
// merges it into prior (if not nil; Prepare takes it over), leaves it out
// and computes each article's content set, band keys and fingerprints. The
// Scanner accepts no more articles after.
func (s *Scanner) Prepare(ctx context.Context, prior *Boilerplate) (*Prepared, error) {
	s.t0 = time.Now()
	s.phase.Store("fingerprinting")
	s.stop()
	s.mark("fingerprint (wait)")
	if err := firstErr(ctx.Err(), s.st.err()); err != nil {
		return nil, err
	}
	docs := s.docs
	s.common = s.opts.CommonDocsFor(len(docs))
	learned, err := s.learnBoilerplate(docs, s.outletDocs)
	if err != nil {
		return nil, err
	}
	used := learned
	if prior != nil {
		prior.Merge(learned)
		used = prior
	}
	s.mark("boilerplate")
	bufs := make([]finishBuffers, s.opts.Workers)
	parallel(len(docs), s.opts.Workers, func(w, i int) { s.finish(docs[i], used, &bufs[w]) })
	s.st.raw.Close()
	s.st.profiles.Close()
	s.st.lines.Close()
	if err := s.st.sets.Map(); err != nil {
		return nil, err
	}
	for i, d := range docs {
		d.Set = s.st.sets.View(i)
	}
	s.mark("minhash")
	if err := firstErr(ctx.Err(), s.st.err()); err != nil {
		return nil, err
	}
	return &Prepared{Docs: docs, Learned: learned, Used: used}, nil
}

// Match finds and verifies the candidate pairs among prepared documents.
// It consumes their band keys and fingerprints (see Scanner.Keys). Links come
// out sorted by (A, B); warnings tell of LSH buckets left unexpanded.
func (s *Scanner) Match(docs []*Doc) ([]Link, []string, error) {
	links, warnings, err := s.findLinks(docs)
	if err != nil {
		return nil, nil, err
	}
	s.mark("verify")
	s.st.keys.Close()
	s.st.sets.Evict()
	if s.opts.Rewrites {
		if links, err = s.alignRewrites(docs, links); err != nil {
			return nil, nil, err
		}
		s.st.sets.Evict()
	}
	s.st.sentences.Close()
	return links, warnings, nil
}

// Options returns the options the scanner runs with.
func (s *Scanner) Options() Options { return s.opts }

// Abort stops the workers without matching, after a failed read. It may
// be called after Prepare.
func (s *Scanner) Abort() { s.stop() }

// Close removes the scan's spill files. The content sets of its
// documents (Doc.Set) may live in one of them, mapped into memory: they
// are invalid after Close.
func (s *Scanner) Close() { s.st.close() }

// SpilledBytes is the size of the spill files the scan wrote (0 when its
// arrays fitted Options.Memory).
func (s *Scanner) SpilledBytes() int64 { return s.st.spilledBytes() }

// firstErr returns the first error that is not nil.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (s *Scanner) stop() {
	s.closed.Do(func() { close(s.tasks) })
	s.wg.Wait()
}
