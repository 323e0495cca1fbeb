package pipeline

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/google/go-cmp/cmp"
	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/report"
	"github.com/wiretrace/wiretrace/synth"
)

// The tests run the pipeline on Prism, in process (ptest's default
// runner), and compare its report with the one `wiretrace scan --format
// json` writes for the same files, built from this tree: byte for byte.

// TestMain points TMPDIR at a directory it removes afterwards: Beam's
// loopback mode leaves an empty "beamloopbackworker-*" file in the
// temporary directory on every run.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "wiretrace-beam-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("TMPDIR", dir)
	code := ptest.MainRet(m)
	os.RemoveAll(dir)
	os.Exit(code)
}

var (
	buildOnce sync.Once
	scanBin   string
	buildErr  error
)

// wiretrace builds the main module's command once per test run.
func wiretrace(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		root, err := filepath.Abs("../..")
		if err != nil {
			buildErr = err
			return
		}
		dir, err := os.MkdirTemp("", "wiretrace-beam-test")
		if err != nil {
			buildErr = err
			return
		}
		scanBin = filepath.Join(dir, "wiretrace")
		out, err := exec.Command("go", "-C", root, "build", "-o", scanBin, "./cmd/wiretrace").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("building wiretrace: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return scanBin
}

// scan runs `wiretrace scan --format json` and returns the report, or
// the error text when it fails.
func scan(t *testing.T, args ...string) ([]byte, error) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "scan.json")
	cmd := exec.Command(wiretrace(t), append([]string{"scan", "--format", "json", "-o", out}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%v: %s", err, stderr.String())
	}
	return os.ReadFile(out)
}

// run runs the pipeline and returns its report.
func run(t *testing.T, cfg Config) ([]byte, error) {
	t.Helper()
	if cfg.Output == "" {
		cfg.Output = filepath.Join(t.TempDir(), "beam.json")
	}
	p, err := New(cfg)
	if err != nil {
		return nil, err
	}
	if err := ptest.Run(p); err != nil {
		return nil, err
	}
	return os.ReadFile(cfg.Output)
}

// same fails the test unless the two reports are identical, and says
// where they differ.
func same(t *testing.T, want, got []byte) {
	t.Helper()
	if bytes.Equal(want, got) {
		return
	}
	// Decoded as plain JSON values: the report type holds unexported
	// state cmp cannot compare.
	var w, g any
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("scan's report: %v", err)
	}
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("pipeline's report: %v", err)
	}
	diff := cmp.Diff(w, g)
	if len(diff) > 4000 {
		diff = diff[:4000] + "\n…"
	}
	t.Fatalf("the pipeline's report differs from scan's (-scan +pipeline):\n%s", diff)
}

// writeJSONL writes articles as JSON Lines, gzipped when the name ends
// in .gz.
func writeJSONL(t *testing.T, path string, recs []map[string]any) {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, r := range recs {
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
	}
	data := b.Bytes()
	if strings.HasSuffix(path, ".gz") {
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(data)
		zw.Close()
		data = z.Bytes()
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// exampleRecords reads the main repository's example corpus (a tree of
// text files, which the pipeline does not read) as JSON records.
func exampleRecords(t *testing.T) []map[string]any {
	t.Helper()
	var recs []map[string]any
	rd := corpus.NewReader(corpus.Options{})
	err := rd.Read(context.Background(), []string{"../../testdata/example"}, func(a *corpus.Article) error {
		r := map[string]any{"id": a.ID, "outlet": a.Outlet, "published": a.Published, "title": a.Title, "text": a.Text}
		if a.URL != "" {
			r["url"] = a.URL
		}
		for k, v := range a.Extra {
			r[k] = v
		}
		recs = append(recs, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestExampleSameAsScan(t *testing.T) {
	for _, rewrites := range []bool{true, false} {
		t.Run(fmt.Sprintf("rewrites=%v", rewrites), func(t *testing.T) { testExample(t, rewrites) })
	}
}

func testExample(t *testing.T, rewrites bool) {
	dir := t.TempDir()
	in := filepath.Join(dir, "example.jsonl")
	writeJSONL(t, in, exampleRecords(t))
	want, err := scan(t, fmt.Sprintf("--rewrites=%v", rewrites), in)
	if err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.Match.Rewrites = rewrites
	cfg.Inputs = []string{in}
	got, err := run(t, cfg)
	if err != nil {
		t.Fatal(err)
	}
	same(t, want, got)
	// The example has stories: a comparison of two empty reports would
	// prove nothing.
	var r report.Report
	json.Unmarshal(got, &r)
	if len(r.Clusters) < 2 {
		t.Fatalf("%d stories in the example, want at least 2", len(r.Clusters))
	}
}

// TestGeneratedSameAsScan compares on a generated corpus of more than
// 5,000 articles, split over three files, one gzipped, read through a
// glob: scan gets the same files in path order.
func TestGeneratedSameAsScan(t *testing.T) {
	if testing.Short() {
		t.Skip("5,000 articles: not in -short")
	}
	var recs []map[string]any
	err := synth.Generate(synth.DefaultConfig(800, 3), func(a synth.Article, _ synth.Truth) error {
		b, _ := json.Marshal(a)
		var r map[string]any
		json.Unmarshal(b, &r)
		recs = append(recs, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < 5000 {
		t.Fatalf("generated %d articles, want at least 5,000", len(recs))
	}
	dir := t.TempDir()
	third := len(recs) / 3
	files := []string{filepath.Join(dir, "part-0.jsonl"), filepath.Join(dir, "part-1.jsonl.gz"), filepath.Join(dir, "part-2.jsonl")}
	writeJSONL(t, files[0], recs[:third])
	writeJSONL(t, files[1], recs[third:2*third])
	writeJSONL(t, files[2], recs[2*third:])
	// With the rewrite channel (the default) the links come from the
	// prepare worker; without it from the distributed candidates and
	// verify stages: both must give scan's answer.
	for _, rewrites := range []bool{true, false} {
		t.Run(fmt.Sprintf("rewrites=%v", rewrites), func(t *testing.T) {
			want, err := scan(t, append([]string{fmt.Sprintf("--rewrites=%v", rewrites)}, files...)...)
			if err != nil {
				t.Fatal(err)
			}
			cfg := DefaultConfig()
			cfg.Match.Rewrites = rewrites
			cfg.Inputs = []string{filepath.Join(dir, "part-*")}
			got, err := run(t, cfg)
			if err != nil {
				t.Fatal(err)
			}
			same(t, want, got)
			var r report.Report
			json.Unmarshal(got, &r)
			t.Logf("%d articles, %d stories, %d pairs", r.Documents, len(r.Clusters), r.Stats.Pairs)
			if len(r.Clusters) < 500 {
				t.Fatalf("%d stories, want at least 500 of 800 families", len(r.Clusters))
			}
			// The rewrite channel's links reach the report: the
			// comparison sees them.
			if n := bytes.Count(got, []byte(`"reuse": "rewritten"`)); rewrites && n == 0 {
				t.Fatal("no rewritten copy in the report: the comparison does not test the rewrite channel")
			}
		})
	}
}

// badCorpus writes two files: the second has a malformed line, an
// article without text and a duplicate of an id of the first.
func badCorpus(t *testing.T) []string {
	recs := exampleRecords(t)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")
	writeJSONL(t, a, recs[:5])
	writeJSONL(t, b, recs[5:])
	data, _ := os.ReadFile(b)
	dup, _ := json.Marshal(recs[1])
	data = append([]byte("{\"id\": \"broken\"\n{\"id\":\"x\",\"text\":\"  \"}\n"+string(dup)+"\n"), data...)
	os.WriteFile(b, data, 0o644)
	return []string{a, b}
}

// Both prepare stages (the Scanner on one worker with the rewrite
// channel, the library's steps on many without) skip and stop alike.
func TestSkipBadSameAsScan(t *testing.T) {
	for _, rewrites := range []bool{true, false} {
		t.Run(fmt.Sprintf("rewrites=%v", rewrites), func(t *testing.T) {
			files := badCorpus(t)
			want, err := scan(t, "--skip-bad", fmt.Sprintf("--rewrites=%v", rewrites), files[0], files[1])
			if err != nil {
				t.Fatal(err)
			}
			cfg := DefaultConfig()
			cfg.Inputs, cfg.SkipBad, cfg.Match.Rewrites = files, true, rewrites
			got, err := run(t, cfg)
			if err != nil {
				t.Fatal(err)
			}
			same(t, want, got)
			var r report.Report
			json.Unmarshal(got, &r)
			if len(r.Skipped) != 3 {
				t.Fatalf("%d records skipped, want 3: %+v", len(r.Skipped), r.Skipped)
			}
		})
	}
}

// A bad record fails the run naming its file and line, as scan's does.
func TestBadRecordFails(t *testing.T) {
	files := badCorpus(t)
	_, scanErr := scan(t, files...)
	if scanErr == nil || !strings.Contains(scanErr.Error(), files[1]+":1:") {
		t.Fatalf("scan: %v", scanErr)
	}
	for _, rewrites := range []bool{true, false} {
		cfg := DefaultConfig()
		cfg.Inputs, cfg.Match.Rewrites = files, rewrites
		_, err := run(t, cfg)
		if err == nil {
			t.Fatalf("rewrites=%v: the pipeline passed a malformed record", rewrites)
		}
		if !strings.Contains(err.Error(), files[1]+":1:") {
			t.Fatalf("rewrites=%v: the error does not name %s:1: %v", rewrites, files[1], err)
		}
	}
}

func TestMissingInputFails(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Inputs = []string{filepath.Join(t.TempDir(), "nothing.jsonl")}
	_, err := run(t, cfg)
	if err == nil || !strings.Contains(err.Error(), "nothing.jsonl") {
		t.Fatalf("got %v, want an error naming the missing input", err)
	}
}

// lateClockRecords: eight stories whose credits show an agency's clock
// running three hours late, and a story only that clock orders (the
// corpus of provenance's TestClockEstimate). The clocks are estimated
// from every story's pairs and applied where each story is placed.
func lateClockRecords() []map[string]any {
	paras := func(name string) []string {
		var ps []string
		for i := 0; i < 6; i++ {
			var ws []string
			for j := 0; j < 30; j++ {
				ws = append(ws, fmt.Sprintf("%s%dw%d", name, i, j))
			}
			ps = append(ps, strings.Join(ws, " ")+".")
		}
		return ps
	}
	rec := func(id, outlet string, day, hour int, ps []string) map[string]any {
		return map[string]any{"id": id, "outlet": outlet, "published": fmt.Sprintf("2019-06-%02dT%02d:00:00Z", day, hour), "text": strings.Join(ps, "\n")}
	}
	var recs []map[string]any
	for i := 1; i <= 8; i++ {
		p := paras(fmt.Sprintf("story%c", 'a'+i))
		recs = append(recs, rec(fmt.Sprintf("late-%d", i), "Late Agency", i, 12, p),
			rec(fmt.Sprintf("copy-%d", i), "site1", i, 10, append(p[:5:5], "Source: Late Agency")))
	}
	p := paras("quiet")
	return append(recs, rec("late-quiet", "Late Agency", 20, 12, p), rec("site-quiet", "site2", 20, 10, p[:5]))
}

func TestClocksSameAsScan(t *testing.T) {
	in := filepath.Join(t.TempDir(), "clocks.jsonl")
	writeJSONL(t, in, lateClockRecords())
	want, err := scan(t, in)
	if err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.Inputs = []string{in}
	got, err := run(t, cfg)
	if err != nil {
		t.Fatal(err)
	}
	same(t, want, got)
	cfg.Match.Rewrites = false
	want, err = scan(t, "--rewrites=false", in)
	if err != nil {
		t.Fatal(err)
	}
	if got, err = run(t, cfg); err != nil {
		t.Fatal(err)
	}
	same(t, want, got)
	// The comparison proves something only if a clock was applied.
	var r report.Report
	json.Unmarshal(got, &r)
	for _, o := range r.Outlets {
		if o.Outlet == "Late Agency" && o.Clock != nil && o.Clock.Applied {
			return
		}
	}
	t.Fatalf("no clock applied to Late Agency: %+v", r.Outlets)
}

// LSH buckets over --max-bucket are left unexpanded and reported, in the
// distributed candidates stage as in scan.
func TestOverfullBucketsSameAsScan(t *testing.T) {
	in := filepath.Join(t.TempDir(), "example.jsonl")
	writeJSONL(t, in, exampleRecords(t))
	want, err := scan(t, "--rewrites=false", "--max-bucket=2", in)
	if err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.Inputs, cfg.Match.Rewrites, cfg.Match.MaxBucket = []string{in}, false, 2
	got, err := run(t, cfg)
	if err != nil {
		t.Fatal(err)
	}
	same(t, want, got)
	if !bytes.Contains(got, []byte("LSH buckets held more than")) {
		t.Fatal("no bucket was left unexpanded: the test proves nothing")
	}
}
