package index

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/match"
	"github.com/wiretrace/wiretrace/shingle"
	"github.com/wiretrace/wiretrace/synth"
	"go.etcd.io/bbolt"
)

// generated returns a synthetic corpus of about 5.5 articles a story.
func generated(t testing.TB, stories int, seed uint64) []*corpus.Article {
	t.Helper()
	var out []*corpus.Article
	err := synth.Generate(synth.DefaultConfig(stories, seed), func(a synth.Article, _ synth.Truth) error {
		tm, prec, err := corpus.ParseTime(a.Published)
		if err != nil {
			return err
		}
		out = append(out, &corpus.Article{ID: a.ID, Outlet: a.Outlet, Published: a.Published, Time: tm, Precision: prec,
			Title: a.Title, Text: a.Text, Pos: corpus.Position{File: "gen.jsonl", Line: len(out) + 1}})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// testRegistry is built once: the shipped registry takes milliseconds to
// load, and extract runs for every article.
var testRegistry = credit.DefaultRegistry()

func extract(a *corpus.Article) []credit.Mention { return testRegistry.Extract(a.Text) }

// newIndex builds an index of arts (empty when nil) at a fresh path.
func newIndex(t testing.TB, arts []*corpus.Article) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "index.db")
	s, err := NewSettings(match.DefaultOptions(), 0.3)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Build(path, s, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) > 0 {
		add(t, b.Index, arts)
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	return path
}

func open(t testing.TB, path string, o OpenOptions) *Index {
	t.Helper()
	ix, err := Open(path, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// scanned returns a scanner of options o given arts.
func scanned(t testing.TB, o match.Options, arts []*corpus.Article) *match.Scanner {
	t.Helper()
	sc, err := match.NewScanner(o, extract)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		if err := sc.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	return sc
}

func add(t testing.TB, ix *Index, arts []*corpus.Article) AddStats {
	t.Helper()
	st, err := ix.Add(context.Background(), scanned(t, ix.AddOptions(2), arts))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func runQuery(t testing.TB, ix *Index, arts []*corpus.Article, threshold float64) *match.Result {
	t.Helper()
	o := match.DefaultOptions()
	o.Threshold, o.Workers = threshold, 2
	o, err := ix.CompatibleOptions(o, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, _, err := ix.Query(context.Background(), scanned(t, o, arts), nil)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func ids(t testing.TB, ix *Index) []string {
	t.Helper()
	var out []string
	err := ix.db.View(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketIDs).ForEach(func(k, _ []byte) error {
			out = append(out, string(k))
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func idsOf(arts []*corpus.Article) []string {
	var out []string
	for _, a := range arts {
		out = append(out, a.ID)
	}
	slices.Sort(out)
	return out
}

func TestBuildAddRemoveStats(t *testing.T) {
	arts := generated(t, 60, 1)
	half := len(arts) / 2
	path := newIndex(t, arts[:half])
	ix := open(t, path, OpenOptions{})
	st, err := ix.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != half || st.Links == 0 || st.Postings == 0 {
		t.Fatalf("after build: %+v, want %d articles with links and postings", st, half)
	}
	// Many small adds: runs must be merged, not pile up.
	rest := arts[half:]
	adds := 0
	for i := 0; i < len(rest); i += 15 {
		add(t, ix, rest[i:min(i+15, len(rest))])
		adds++
	}
	st, _ = ix.Stats()
	if st.Articles != len(arts) {
		t.Fatalf("after adds: %d articles, want %d", st.Articles, len(arts))
	}
	if len(st.Runs) >= adds {
		t.Errorf("%d runs after %d adds: runs were not merged", len(st.Runs), adds)
	}
	if got, want := ids(t, ix), idsOf(arts); !slices.Equal(got, want) {
		t.Fatalf("ids differ from the corpus: %d vs %d", len(got), len(want))
	}
	if err := ix.Verify(); err != nil {
		t.Fatal(err)
	}
	gone := []string{arts[0].ID, arts[1].ID, arts[half].ID}
	if err := ix.Remove(gone); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := ix.Lookup(arts[0].ID); ok {
		t.Errorf("%s still found after rm", arts[0].ID)
	}
	if err := ix.Verify(); err != nil {
		t.Fatalf("after rm: %v", err)
	}
	st2, _ := ix.Stats()
	if st2.Articles != len(arts)-3 || st2.Removed != 3 {
		t.Errorf("after rm: %d articles, %d removed; want %d and 3", st2.Articles, st2.Removed, len(arts)-3)
	}
	// Removed articles are neither candidates nor in stories.
	res := runQuery(t, ix, []*corpus.Article{arts[0]}, 0.5)
	for _, d := range res.Docs[1:] {
		if slices.Contains(gone, d.ID) {
			t.Errorf("removed %s came back in a query", d.ID)
		}
	}
	err = ix.Remove([]string{arts[2].ID, "no-such-id"})
	if err == nil || !strings.Contains(err.Error(), "no-such-id") {
		t.Fatalf("rm of an unknown id: %v", err)
	}
	if _, ok, _ := ix.Lookup(arts[2].ID); !ok {
		t.Error("a failed rm removed some articles")
	}
}

// pairsOf returns the pairs of ids in one story in which at least one is
// among the ids of want.
func pairsOf(res *match.Result, want map[string]bool) map[[2]string]bool {
	out := map[[2]string]bool{}
	for _, c := range res.Clusters {
		for _, a := range c.Members {
			for _, b := range c.Members {
				x, y := res.Docs[a.Doc].ID, res.Docs[b.Doc].ID
				if x < y && (want[x] || want[y]) {
					out[[2]string{x, y}] = true
				}
			}
		}
	}
	return out
}

func scanAll(t testing.TB, arts []*corpus.Article, threshold float64) *match.Result {
	o := match.DefaultOptions()
	// An index has no texts to align: compare with a scan by shingles.
	o.Threshold, o.Workers, o.Rewrites = threshold, 2, false
	sc, err := match.NewScanner(o, extract)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		sc.Add(a)
	}
	res, err := sc.Finish(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// copyPairs returns the linked pairs with a new article that are copies
// at threshold th: Jaccard similarity th, or containment 0.8 (the default).
func copyPairs(res *match.Result, want map[string]bool, th float64) map[[2]string]bool {
	out := map[[2]string]bool{}
	for _, l := range res.Links {
		x, y := res.Docs[l.A].ID, res.Docs[l.B].ID
		if x > y {
			x, y = y, x
		}
		if (l.J >= th || max(l.CA, l.CB) >= 0.8) && (want[x] || want[y]) {
			out[[2]string{x, y}] = true
		}
	}
	return out
}

func agreement(a, b map[[2]string]bool) float64 {
	inter := 0
	for p := range a {
		if b[p] {
			inter++
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 1
	}
	return float64(inter) / float64(union)
}

// A query finds the stories a scan of everything finds for the new
// articles, at whatever threshold the query asks for.
func TestQueryThresholdAtQueryTime(t *testing.T) {
	arts := generated(t, 150, 2)
	var old, fresh []*corpus.Article
	for i, a := range arts {
		if i%5 == 0 {
			fresh = append(fresh, a)
		} else {
			old = append(old, a)
		}
	}
	ix := open(t, newIndex(t, old), OpenOptions{ReadOnly: true})
	isNew := map[string]bool{}
	for _, a := range fresh {
		isNew[a.ID] = true
	}
	copies := map[float64]int{}
	for _, th := range []float64{0.3, 0.5, 0.9} {
		got := runQuery(t, ix, fresh, th)
		want := scanAll(t, arts, th)
		ag := agreement(pairsOf(got, isNew), pairsOf(want, isNew))
		t.Logf("threshold %v: %d story pairs with a new article, agreement with a full scan %.4f", th, len(pairsOf(want, isNew)), ag)
		if ag < 0.95 {
			t.Errorf("threshold %v: story pairs agree %.3f with a full scan, want at least 0.95", th, ag)
		}
		gotCopies, wantCopies := copyPairs(got, isNew, th), copyPairs(want, isNew, th)
		t.Logf("threshold %v: %d copy pairs with a new article, agreement %.4f", th, len(wantCopies), agreement(gotCopies, wantCopies))
		// Not 1: a footer variant seen twice in the index and once in the
		// new articles is boilerplate to a full scan only (see doc.go).
		if ag := agreement(gotCopies, wantCopies); ag < 0.95 {
			t.Errorf("threshold %v: copy pairs agree %.4f with a full scan, want at least 0.95", th, ag)
		}
		copies[th] = len(gotCopies)
		for _, d := range got.Docs[len(fresh):] {
			if !d.Indexed || isNew[d.ID] {
				t.Fatalf("document %s after the new ones is not an indexed one", d.ID)
			}
		}
	}
	t.Logf("copy pairs by threshold: %v", copies)
	if !(copies[0.3] > copies[0.5] && copies[0.5] > copies[0.9]) {
		t.Errorf("pairs at or above the threshold: %v; want fewer as the threshold rises", copies)
	}
	o := match.DefaultOptions()
	o.Threshold = 0.2
	if _, err := ix.CompatibleOptions(o, nil); err == nil || !strings.Contains(err.Error(), "below the index's floor") {
		t.Errorf("threshold below the floor: %v", err)
	}
}

func TestSettingsMismatch(t *testing.T) {
	path := newIndex(t, generated(t, 5, 3))
	ix := open(t, path, OpenOptions{ReadOnly: true})
	o := match.DefaultOptions()
	o.K = 4
	_, err := ix.CompatibleOptions(o, func(flag string) bool { return flag == "shingle-size" })
	var ie *Error
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "--shingle-size 5") || !strings.Contains(err.Error(), "wiretrace index build --shingle-size 4") {
		t.Errorf("shingle size mismatch: %v", err)
	}
	ix.Close()

	edit := func(change func(*Settings)) {
		db, err := bbolt.Open(path, 0o644, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		err = db.Update(func(tx *bbolt.Tx) error {
			var s Settings
			json.Unmarshal(tx.Bucket(bucketMeta).Get(keySettings), &s)
			change(&s)
			js, _ := json.Marshal(s)
			tx.Bucket(bucketMeta).Put(keySettingsSum, binary.LittleEndian.AppendUint32(nil, checksum(js)))
			return tx.Bucket(bucketMeta).Put(keySettings, js)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	edit(func(s *Settings) { s.Format = Format + 1 })
	if _, err := Open(path, OpenOptions{}); err == nil || !strings.Contains(err.Error(), "newer wiretrace") {
		t.Errorf("newer format: %v", err)
	}
	edit(func(s *Settings) { s.Format, s.Normalization = Format, s.Normalization+1 })
	if _, err := Open(path, OpenOptions{}); err == nil || !strings.Contains(err.Error(), "normalisation version") || !strings.Contains(err.Error(), "rebuild") {
		t.Errorf("other normalisation: %v", err)
	}
	if _, err := Open(filepath.Join(t.TempDir(), "none.db"), OpenOptions{}); err == nil || !strings.Contains(err.Error(), "wiretrace index build") {
		t.Errorf("missing index: %v", err)
	}
}

func TestSecondWriterIsLocked(t *testing.T) {
	path := newIndex(t, generated(t, 5, 4))
	first, err := Open(path, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = Open(path, OpenOptions{})
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "locked") {
		t.Fatalf("second writer: %v, want ErrLocked", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("the locked error took %v", d)
	}
	if _, err := Open(path, OpenOptions{ReadOnly: true}); !errors.Is(err, ErrLocked) {
		t.Errorf("reader during a write: %v, want ErrLocked", err)
	}
	// The second writer waits; once it has found the lock taken, the
	// first lets go, and the second gets it.
	waiting := make(chan struct{})
	var once sync.Once
	lockWaiting = func(string) { once.Do(func() { close(waiting) }) }
	defer func() { lockWaiting = nil }()
	opened := make(chan error)
	go func() {
		second, err := Open(path, OpenOptions{LockWait: time.Minute})
		if err == nil {
			second.Close()
		}
		opened <- err
	}()
	<-waiting
	first.Close()
	if err := <-opened; err != nil {
		t.Fatalf("waiting writer: %v", err)
	}
}

func TestBoilerplateModelRoundTrip(t *testing.T) {
	arts := generated(t, 40, 5)
	ix := open(t, newIndex(t, arts), OpenOptions{ReadOnly: true})
	bp, err := ix.Boilerplate()
	if err != nil || bp == nil || bp.Size() == 0 || len(bp.Lines()) == 0 {
		t.Fatalf("boilerplate model: %v, %v", bp, err)
	}
	raw, _ := bp.MarshalBinary()
	back, err := match.UnmarshalBoilerplate(raw)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := back.MarshalBinary()
	if string(raw) != string(again) {
		t.Error("boilerplate model changes on a round trip")
	}
	if _, err := match.UnmarshalBoilerplate(raw[:len(raw)-1]); err == nil {
		t.Error("a truncated model decoded")
	}
}

// The signature and band keys of an article follow from its stored set
// and the index's settings: every band key recomputed from a record has a
// posting for that article.
func TestStoredSetGivesBandKeys(t *testing.T) {
	ix := open(t, newIndex(t, generated(t, 20, 6)), OpenOptions{ReadOnly: true})
	s := ix.Settings()
	mh := shingle.NewMinHasher(s.Hashes, s.Seed)
	err := ix.db.View(func(tx *bbolt.Tx) error {
		runs, err := loadRuns(tx, ix.sums())
		if err != nil {
			return err
		}
		checked := 0
		return tx.Bucket(bucketDocs).ForEach(func(k, v []byte) error {
			r, err := decodeRecord(v, ix.sums())
			if err != nil || len(r.Set) == 0 {
				return err
			}
			n := uint32(binary.BigEndian.Uint64(k))
			for _, key := range shingle.BandKeys(mh.Signature(r.Set), s.Bands, s.Rows) {
				want := posting(key|1<<63, n)
				found := false
				for _, run := range runs {
					if i := run.lowerBound(want, 0); i < run.n && run.at(i) == want {
						found = true
					}
				}
				if !found {
					t.Fatalf("article %d (%s): band key %x recomputed from its record has no posting", n, r.ID, key)
				}
			}
			if checked++; checked > 50 {
				return errStop
			}
			return nil
		})
	})
	if err != nil && !errors.Is(err, errStop) {
		t.Fatal(err)
	}
}

var errStop = errors.New("stop")

// buildInBatches builds an index of arts, n articles a transaction.
func buildInBatches(t *testing.T, arts []*corpus.Article, n int) (path string, merges int) {
	t.Helper()
	s, _ := NewSettings(match.DefaultOptions(), 0.3)
	path = filepath.Join(t.TempDir(), "index.db")
	b, err := Build(path, s, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(arts); i += n {
		merges += add(t, b.Index, arts[i:min(i+n, len(arts))]).Merges
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	return path, merges
}

// A build merges its runs over several transactions, holding one step in
// memory; the result is the index a merge in one transaction makes.
func TestBuildMergesInSteps(t *testing.T) {
	arts := generated(t, 200, 7)
	defer func(old int) { mergeStep = old }(mergeStep)
	mergeStep = 1 << 30 // each merge in one transaction
	onePath, _ := buildInBatches(t, arts, 60)
	mergeStep = blockEntries // several transactions per merge
	stepPath, merges := buildInBatches(t, arts, 60)
	one, stepped := open(t, onePath, OpenOptions{ReadOnly: true}), open(t, stepPath, OpenOptions{ReadOnly: true})
	a, _ := stepped.Stats()
	w, _ := one.Stats()
	t.Logf("%d merges, runs %v (in one transaction each: %v)", merges, a.Runs, w.Runs)
	if merges == 0 || a.Runs[0] <= 2*blockEntries {
		t.Fatalf("no merge took several steps: %d merges, runs %v", merges, a.Runs)
	}
	if !slices.Equal(a.Runs, w.Runs) || a.Postings != w.Postings {
		t.Errorf("runs %v after stepwise merges, %v merged at once", a.Runs, w.Runs)
	}
	if err := stepped.Verify(); err != nil {
		t.Fatal(err)
	}
	probe := arts[:40]
	isNew := map[string]bool{}
	for _, x := range probe {
		isNew[x.ID] = true
	}
	got, want := pairsOf(runQuery(t, stepped, probe, 0.5), isNew), pairsOf(runQuery(t, one, probe, 0.5), isNew)
	if ag := agreement(got, want); ag != 1 || len(want) == 0 {
		t.Errorf("stepwise-merged index agrees %.4f with the other (%d pairs)", ag, len(want))
	}
}

// A merge that a crash cut short leaves a run without a length: readers
// ignore it, the index checks out, and the next add removes it.
func TestPartialRunLeftByCrash(t *testing.T) {
	arts := generated(t, 40, 8)
	ix := open(t, newIndex(t, arts[:100]), OpenOptions{})
	before, _ := ix.Stats()
	err := ix.db.Update(func(tx *bbolt.Tx) error {
		w, err := newRunWriter(tx, ix.sums())
		if err != nil {
			return err
		}
		for i := 0; i < blockEntries; i++ { // one whole block, never closed
			w.add(uint64(i) << docBits)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	during, _ := ix.Stats()
	if !slices.Equal(during.Runs, before.Runs) {
		t.Errorf("runs with a partial merge: %v, want %v", during.Runs, before.Runs)
	}
	if err := ix.Verify(); err != nil {
		t.Fatalf("with a partial merge: %v", err)
	}
	add(t, ix, arts[100:])
	partial := 0
	ix.db.View(func(tx *bbolt.Tx) error {
		segs := tx.Bucket(bucketSegments)
		return segs.ForEachBucket(func(k []byte) error {
			if segs.Bucket(k).Get(keyRunLen) == nil {
				partial++
			}
			return nil
		})
	})
	if partial != 0 {
		t.Errorf("%d partial runs left after an add", partial)
	}
	if err := ix.Verify(); err != nil {
		t.Fatal(err)
	}
}
