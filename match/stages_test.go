package match_test

import (
	"bytes"
	"context"
	"encoding/gob"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/match"
	"github.com/wiretrace/wiretrace/provenance"
	"github.com/wiretrace/wiretrace/report"
	"github.com/wiretrace/wiretrace/synth"
)

// generated returns the articles of `wiretrace gen --stories n --seed 3`.
func generated(t testing.TB, n int) []*corpus.Article {
	t.Helper()
	var arts []*corpus.Article
	err := synth.Generate(synth.DefaultConfig(n, 3), func(a synth.Article, _ synth.Truth) error {
		arts = append(arts, &corpus.Article{ID: a.ID, Outlet: a.Outlet, Published: a.Published, Title: a.Title, Text: a.Text, Extra: a.Meta()})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return arts
}

func example(t testing.TB) []*corpus.Article {
	t.Helper()
	var arts []*corpus.Article
	rd := corpus.NewReader(corpus.Options{})
	if err := rd.Read(context.Background(), []string{"../testdata/example"}, func(a *corpus.Article) error {
		arts = append(arts, a)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return arts
}

// prepared is what Prepare computes for a corpus: the documents, their
// candidate keys and the model.
type prepared struct {
	docs      []*match.Doc
	keys      [][]uint64
	sentences []*match.Sentences // from the steps only
	model     []byte
	lines     []match.BoilerLine
}

func prepareWithScanner(t *testing.T, opts match.Options, arts []*corpus.Article) prepared {
	t.Helper()
	sc, err := match.NewScanner(opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer sc.Close()
	for _, a := range arts {
		if err := sc.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	p, err := sc.Prepare(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	out := prepared{docs: p.Docs, lines: p.Learned.Lines()}
	for _, d := range p.Docs {
		k, err := sc.Keys(d)
		if err != nil {
			t.Fatal(err)
		}
		out.keys = append(out.keys, k)
		d.Set = slices.Clone(d.Set) // the store's view dies with Close
	}
	out.model, _ = p.Learned.MarshalBinary()
	return out
}

// prepareInSteps runs the exported steps as a distributed caller does:
// each article fingerprinted alone and its fingerprint sent as bytes; line
// counts merged by key in a shuffled order; shingle entries cut into
// shards by key, each shard counted alone with its documents renumbered;
// the model built from the sums; each document finished alone.
func prepareInSteps(t *testing.T, opts match.Options, arts []*corpus.Article, shards int) prepared {
	t.Helper()
	docs := make([]*match.Doc, len(arts))
	fps := make([]*match.Fingerprint, len(arts))
	for i, a := range arts {
		d := match.NewDoc(i, a)
		b, err := opts.Fingerprint(d, a.Text).MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		fp, err := match.UnmarshalFingerprint(b)
		if err != nil {
			t.Fatal(err)
		}
		docs[i], fps[i] = d, fp
	}
	order := rand.New(rand.NewPCG(3, 4)).Perm(len(docs))
	sums := map[string]match.LineCount{}
	byShard := make([][]uint64, shards)
	for _, i := range order {
		for _, lc := range fps[i].LineCounts(docs[i]) {
			if s, ok := sums[lc.Key()]; ok {
				lc = s.Merge(lc)
			}
			sums[lc.Key()] = lc
		}
		for _, e := range fps[i].ShingleEntries(docs[i]) {
			s := int(e>>40) % shards // any function of the key's bits
			byShard[s] = append(byShard[s], e)
		}
	}
	common := opts.CommonDocsFor(len(docs))
	var stock, outlet []uint64
	for _, entries := range byShard {
		// Renumber the shard's documents 0..n-1 in index order.
		var ds []int
		for _, e := range entries {
			ds = append(ds, int(e&(1<<26-1)))
		}
		slices.Sort(ds)
		ds = slices.Compact(ds)
		at := map[int]int{}
		outletOf := make([]int32, len(ds))
		var ids []uint64
		for j, d := range ds {
			at[d] = j
			id := match.OutletID(docs[d].Outlet)
			k := slices.Index(ids, id)
			if k < 0 {
				k = len(ids)
				ids = append(ids, id)
			}
			outletOf[j] = int32(k)
		}
		for j, e := range entries {
			entries[j] = e&^(1<<26-1) | uint64(at[int(e&(1<<26-1))])
		}
		s, o := opts.CountShingles(entries, outletOf, ids, common)
		stock, outlet = append(stock, s...), append(outlet, o...)
	}
	var lines []match.LineCount
	for _, lc := range sums {
		if opts.LearnsLine(lc, len(docs)) { // only these need to reach the model
			lines = append(lines, lc)
		}
	}
	bp := match.NewBoilerplate(opts, len(docs), lines, stock, outlet)
	out := prepared{docs: docs, lines: bp.Lines()}
	out.model, _ = bp.MarshalBinary()
	fin := match.NewFinisher(opts, bp)
	out.keys = make([][]uint64, len(docs))
	out.sentences = make([]*match.Sentences, len(docs))
	for _, i := range order {
		// The header as a worker decodes it: exported fields only.
		var b bytes.Buffer
		var d match.Doc
		if err := gob.NewEncoder(&b).Encode(docs[i]); err != nil {
			t.Fatal(err)
		}
		if err := gob.NewDecoder(&b).Decode(&d); err != nil {
			t.Fatal(err)
		}
		out.keys[i], out.sentences[i] = fin.Finish(&d, fps[i])
		docs[i] = &d
	}
	return out
}

func comparePrepared(t *testing.T, want, got prepared) {
	t.Helper()
	if !bytes.Equal(want.model, got.model) {
		t.Fatalf("models differ: %d bytes from the scanner, %d from the steps", len(want.model), len(got.model))
	}
	if diff := cmp.Diff(want.lines, got.lines); diff != "" {
		t.Fatalf("boilerplate lines differ (-scanner +steps):\n%s", diff)
	}
	for i, w := range want.docs {
		g := got.docs[i]
		if diff := cmp.Diff(*w, *g, cmpopts.IgnoreUnexported(match.Doc{})); diff != "" {
			t.Fatalf("document %d (%s) differs (-scanner +steps):\n%s", i, w.ID, diff)
		}
		if !slices.Equal(want.keys[i], got.keys[i]) {
			t.Fatalf("document %d (%s): keys differ: %d from the scanner, %d from the steps", i, w.ID, len(want.keys[i]), len(got.keys[i]))
		}
	}
}

// The exported steps, run one document at a time and counted in shards,
// give Prepare's documents, keys and model. The corpora learn
// boilerplate (footers in the example, stock phrases and outlet lines in
// the generated one), so a step that loses counts changes the answer.
func TestStepsSameAsPrepare(t *testing.T) {
	for _, tc := range []struct {
		name string
		arts []*corpus.Article
		opts func(*match.Options)
	}{
		{"example", example(t), func(*match.Options) {}},
		{"generated", generated(t, 200), func(*match.Options) {}},
		// A low stock-phrase frequency, to learn many common keys.
		{"generated-common-20", generated(t, 200), func(o *match.Options) { o.CommonDocs = 20 }},
		{"generated-short-sets", generated(t, 200), func(o *match.Options) { o.ShortSets = true }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := match.DefaultOptions()
			opts.Workers = 2
			tc.opts(&opts)
			want := prepareWithScanner(t, opts, tc.arts)
			got := prepareInSteps(t, opts, tc.arts, 5)
			comparePrepared(t, want, got)
			bp, err := match.UnmarshalBoilerplate(want.model)
			if err != nil {
				t.Fatal(err)
			}
			dropped := 0
			for _, d := range got.docs {
				dropped += d.Boilerplate
			}
			if bp.Size() == 0 || dropped == 0 {
				t.Fatalf("model of %d keys, %d shingles left out: the corpus tests no boilerplate", bp.Size(), dropped)
			}
			t.Logf("%d documents, model of %d keys and %d lines, %d shingles left out", len(got.docs), bp.Size(), len(got.lines), dropped)
		})
	}
}

func TestLineCountMerge(t *testing.T) {
	a := match.LineCount{Shape: 7, Docs: 2, First: 5, Text: "five"}
	b := match.LineCount{Shape: 7, Docs: 3, First: 3, Text: "three"}
	none := match.LineCount{Shape: 7, Docs: 1, First: -1}
	if got := a.Merge(b); got.Docs != 5 || got.First != 3 || got.Text != "three" {
		t.Fatalf("merge: %+v", got)
	}
	if got := b.Merge(a); got.Docs != 5 || got.First != 3 || got.Text != "three" {
		t.Fatalf("merge the other way: %+v", got)
	}
	if got := none.Merge(a); got.First != 5 || got.Text != "five" {
		t.Fatalf("merge into a count without text: %+v", got)
	}
	if got := a.Merge(none); got.First != 5 || got.Docs != 3 {
		t.Fatalf("merge of a count without text: %+v", got)
	}
	o := match.LineCount{PerOutlet: true, OutletID: 1, Shape: 7}
	if o.Key() == a.Key() || o.Key() == (match.LineCount{PerOutlet: true, OutletID: 2, Shape: 7}).Key() {
		t.Fatal("keys of different counts are equal")
	}
}

func TestUnmarshalFingerprintRejects(t *testing.T) {
	opts := match.DefaultOptions()
	arts := example(t)
	b, _ := opts.Fingerprint(match.NewDoc(0, arts[0]), arts[0].Text).MarshalBinary()
	if _, err := match.UnmarshalFingerprint(b); err != nil {
		t.Fatal(err)
	}
	for n := 0; n < len(b); n += max(1, len(b)/50) {
		if _, err := match.UnmarshalFingerprint(b[:n]); err == nil && n > 0 {
			t.Fatalf("a fingerprint cut to %d of %d bytes decoded", n, len(b))
		}
	}
	if _, err := match.UnmarshalFingerprint(append(slices.Clone(b), 0)); err == nil {
		t.Fatal("a fingerprint with a trailing byte decoded")
	}
}

// FuzzUnmarshalFingerprint: any bytes either fail to decode or decode to
// a fingerprint every step reads without panicking, and that encodes
// back to the same bytes.
func FuzzUnmarshalFingerprint(f *testing.F) {
	opts := match.DefaultOptions()
	for i, a := range example(f) {
		b, _ := opts.Fingerprint(match.NewDoc(i, a), a.Text).MarshalBinary()
		f.Add(b)
	}
	f.Add([]byte{})
	fin := match.NewFinisher(opts, match.NewBoilerplate(opts, 1, nil, nil, nil))
	f.Fuzz(func(t *testing.T, b []byte) {
		fp, err := match.UnmarshalFingerprint(b)
		if err != nil {
			return
		}
		again, _ := fp.MarshalBinary()
		if !bytes.Equal(again, b) {
			t.Fatalf("re-encoded differently")
		}
		d := &match.Doc{Index: 3, Outlet: "x"}
		fp.LineCounts(d)
		fp.ShingleEntries(d)
		_, sent := fin.Finish(d, fp)
		b2, _ := sent.MarshalBinary()
		if _, err := match.UnmarshalSentences(b2); err != nil {
			t.Fatalf("finished sentences do not decode: %v", err)
		}
	})
}

// candidatesInSteps finds the candidate pairs of prepared documents as a
// distributed caller does: keys grouped on their top 38 bits, each key's
// weight (KeyWeight) added to every pair of its documents, pairs reaching
// MinFingerprints verified (Scanner.Verify).
func candidatesInSteps(t *testing.T, opts match.Options, p prepared) ([]match.Link, []string) {
	t.Helper()
	sc, err := match.NewScanner(opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	sc.Abort()
	byKey := map[uint64][]int{}
	for i, ks := range p.keys {
		for _, k := range ks {
			byKey[k&^(1<<26-1)] = append(byKey[k&^(1<<26-1)], i)
		}
	}
	common := opts.CommonDocsFor(len(p.docs))
	sums := map[[2]int]int{}
	overfull, largest := 0, 0
	for k, ds := range byKey {
		if len(ds) < 2 {
			continue
		}
		w, over := opts.KeyWeight(k, len(ds), common)
		if over {
			overfull, largest = overfull+1, max(largest, len(ds))
		}
		for i, a := range ds {
			if i > 0 && a == ds[i-1] {
				continue
			}
			for _, b := range ds[i+1:] {
				if b > a {
					sums[[2]int{a, b}] += w
				}
			}
		}
	}
	var links []match.Link
	for pair, n := range sums {
		if n < opts.MinFingerprints {
			continue
		}
		if l, ok := sc.Verify(p.docs[pair[0]], p.docs[pair[1]]); ok {
			links = append(links, l)
		}
	}
	slices.SortFunc(links, func(x, y match.Link) int {
		if x.A != y.A {
			return x.A - y.A
		}
		return x.B - y.B
	})
	var warnings []string
	if overfull > 0 {
		warnings = append(warnings, match.BucketWarning(overfull, largest))
	}
	return links, warnings
}

// A scan assembled from the exported steps (prepare one document at a
// time, candidates by KeyWeight, Verify, Cluster, stories ordered by
// ClusterBefore) writes scan's report, byte for byte. A small MaxBucket
// leaves buckets unexpanded, so the warning is compared too.
func TestStepsReportSameAsScan(t *testing.T) {
	arts := generated(t, 200)
	for _, tc := range []struct {
		maxBucket int
		rewrites  bool
	}{{match.DefaultOptions().MaxBucket, false}, {3, false}, {match.DefaultOptions().MaxBucket, true}} {
		maxBucket := tc.maxBucket
		opts := match.DefaultOptions()
		opts.Rewrites, opts.Workers, opts.MaxBucket = tc.rewrites, 2, maxBucket
		sc, err := match.NewScanner(opts, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range arts {
			if err := sc.Add(a); err != nil {
				t.Fatal(err)
			}
		}
		want, err := sc.Finish(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		p := prepareInSteps(t, opts, arts, 3)
		links, warnings := candidatesInSteps(t, opts, p)
		if tc.rewrites {
			before := len(links)
			links = rewritesInSteps(t, opts, p, links)
			aligned := 0
			for _, l := range links {
				if l.Aligned != nil {
					aligned++
				}
			}
			if len(links) == before || aligned == 0 {
				t.Fatalf("the rewrite channel found nothing (%d links, %d aligned): the test cannot see it", len(links), aligned)
			}
			t.Logf("rewrite channel: %d links added, %d aligned", len(links)-before, aligned)
		}
		cl, _ := match.NewScanner(opts, nil)
		cl.Abort()
		clusters := cl.Cluster(p.docs, links)
		// Cluster orders its stories; ClusterBefore must agree, and
		// restore the order from any other.
		shuffled := slices.Clone(clusters)
		rand.New(rand.NewPCG(5, 6)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		slices.SortFunc(shuffled, func(a, b match.Cluster) int {
			if match.ClusterBefore(p.docs, a, b) {
				return -1
			}
			if match.ClusterBefore(p.docs, b, a) {
				return 1
			}
			return 0
		})
		if diff := cmp.Diff(clusters, shuffled); diff != "" {
			t.Fatalf("ClusterBefore's order differs from Cluster's:\n%.2000s", diff)
		}
		bp, _ := match.UnmarshalBoilerplate(p.model)
		bands, rows := opts.Layout()
		got := &match.Result{Docs: p.docs, Links: links, Clusters: clusters, Boilerplate: bp.Lines(), Warnings: warnings,
			Bands: bands, Rows: rows, CommonDocs: opts.CommonDocsFor(len(p.docs))}
		if len(want.Warnings) != len(got.Warnings) || (maxBucket == 3) != (len(got.Warnings) > 0) {
			t.Fatalf("max bucket %d: warnings %q from the scan, %q from the steps", maxBucket, want.Warnings, got.Warnings)
		}
		reg := credit.DefaultRegistry()
		var wb, gb bytes.Buffer
		if err := report.WriteJSON(&wb, report.Build(want, provenance.Analyze(want, reg, 2), opts, nil)); err != nil {
			t.Fatal(err)
		}
		if err := report.WriteJSON(&gb, report.Build(got, provenance.Analyze(got, reg, 2), opts, nil)); err != nil {
			t.Fatal(err)
		}
		sc.Close()
		if !bytes.Equal(wb.Bytes(), gb.Bytes()) {
			t.Fatalf("max bucket %d, rewrites %v: reports differ (%d and %d bytes); links %d and %d, stories %d and %d",
				maxBucket, tc.rewrites, wb.Len(), gb.Len(), len(want.Links), len(links), len(want.Clusters), len(clusters))
		}
		t.Logf("max bucket %d: %d documents, %d links, %d stories, %d report bytes, warnings %q", maxBucket, len(p.docs), len(links), len(clusters), gb.Len(), got.Warnings)
	}
}

func TestKeyWeight(t *testing.T) {
	o := match.DefaultOptions()
	band := uint64(1) << 63
	if !match.IsBandKey(band) {
		t.Fatal("test key is not a band key")
	}
	for _, tc := range []struct {
		key          uint64
		size, common int
		weight       int
		over         bool
	}{
		{band, 2, 50, o.MinFingerprints, false},
		{band, o.MaxBucket, 50, o.MinFingerprints, false},
		{band, o.MaxBucket + 1, 50, 0, true},
		{7 << 26, 2, 50, 1, false},
		{7 << 26, 49, 50, 1, false},
		{7 << 26, 50, 50, 0, false},
	} {
		if w, over := o.KeyWeight(tc.key, tc.size, tc.common); w != tc.weight || over != tc.over {
			t.Errorf("KeyWeight(%x, %d, %d) = %d, %v; want %d, %v", tc.key, tc.size, tc.common, w, over, tc.weight, tc.over)
		}
	}
}

// rewritesInSteps runs the rewrite channel as a distributed caller does:
// sentences sent as bytes, word frequencies summed, rare keys grouped and
// weighted by RareKeyWeight, pairs sharing RareKeysShared aligned alone.
func rewritesInSteps(t *testing.T, opts match.Options, p prepared, links []match.Link) []match.Link {
	t.Helper()
	df := map[uint32]int{}
	n := 0
	words := make([][]uint32, len(p.docs))
	sents := make([]*match.Sentences, len(p.docs))
	for i, s := range p.sentences {
		b, _ := s.MarshalBinary()
		s2, err := match.UnmarshalSentences(b)
		if err != nil {
			t.Fatal(err)
		}
		sents[i], words[i] = s2, s2.Words()
		if len(words[i]) > 0 {
			n++
		}
		for _, w := range words[i] {
			df[w]++
		}
	}
	freq := match.NewWordFrequencies(n, df)
	for w, f := range df {
		if freq.DF(w) != f {
			t.Fatalf("word %d: frequency %d, want %d", w, freq.DF(w), f)
		}
	}
	if freq.Docs() != n {
		t.Fatalf("frequencies of %d documents, want %d", freq.Docs(), n)
	}
	byKey := map[uint64][]int{}
	for i, ws := range words {
		for _, k := range match.RareKeys(ws, freq) {
			byKey[k>>26] = append(byKey[k>>26], i)
		}
	}
	sums := map[[2]int]int{}
	for _, ds := range byKey {
		w := match.RareKeyWeight(len(ds))
		for i, a := range ds {
			for _, b := range ds[i+1:] {
				sums[[2]int{a, b}] += w
			}
		}
	}
	byPair := map[[2]int]int{}
	for i, l := range links {
		byPair[[2]int{l.A, l.B}] = i
	}
	out := slices.Clone(links)
	for pair, s := range sums {
		if s < match.RareKeysShared {
			continue
		}
		a, b := pair[0], pair[1]
		li, ok := byPair[pair]
		var existing *match.Link
		if ok {
			l := links[li]
			existing = &l
		}
		l, keep := opts.AlignPair(p.docs[a], p.docs[b], sents[a], sents[b], existing, freq)
		if !keep {
			continue
		}
		if ok {
			out[li] = l
		} else {
			out = append(out, l)
		}
	}
	slices.SortFunc(out, func(x, y match.Link) int {
		if x.A != y.A {
			return x.A - y.A
		}
		return x.B - y.B
	})
	return out
}

// FuzzUnmarshalSentences: any bytes either fail to decode or decode to
// sentences whose words and alignment read without panicking, and that
// encode back to the same bytes.
func FuzzUnmarshalSentences(f *testing.F) {
	opts := match.DefaultOptions()
	fin := match.NewFinisher(opts, match.NewBoilerplate(opts, 1, nil, nil, nil))
	for i, a := range example(f) {
		d := match.NewDoc(i, a)
		_, s := fin.Finish(d, opts.Fingerprint(d, a.Text))
		b, _ := s.MarshalBinary()
		f.Add(b)
	}
	f.Add([]byte{})
	freq := match.NewWordFrequencies(2, map[uint32]int{1: 1, 2: 2})
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := match.UnmarshalSentences(b)
		if err != nil {
			return
		}
		again, _ := s.MarshalBinary()
		if !bytes.Equal(again, b) {
			t.Fatal("re-encoded differently")
		}
		match.RareKeys(s.Words(), freq)
		opts.AlignPair(&match.Doc{Index: 0}, &match.Doc{Index: 1}, s, s, nil, freq)
	})
}
