package match

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/internal/memstat"
	"github.com/wiretrace/wiretrace/synth"
)

// benchArticles is the corpus size of BenchmarkScanGenerated: set
// WIRETRACE_BENCH_ARTICLES=100000 for the figure in BENCHMARKS.md.
func benchArticles() int {
	if n, err := strconv.Atoi(os.Getenv("WIRETRACE_BENCH_ARTICLES")); err == nil && n > 0 {
		return n
	}
	return 10000
}

// generatedCorpus writes (once) a synthetic corpus of about n articles of
// about 500 words to the temporary directory and returns its path.
func generatedCorpus(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("wiretrace-bench-v2-%d.jsonl", n))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	// About 6.6 articles per family with the default mix (rewrites,
	// summaries and independent reports included).
	cfg := synth.DefaultConfig(n*10/66, 2024)
	if err := synth.Generate(cfg, func(a synth.Article, _ synth.Truth) error { return enc.Encode(a) }); err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return path
}

func benchScan(b *testing.B, path string) {
	// The same soft limit the wiretrace binary sets (cmd/wiretrace/main.go).
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(1200 << 20))
	workers := runtime.NumCPU()
	var docs int
	for i := 0; i < b.N; i++ {
		runtime.GC()
		stop := memstat.Peak(20 * time.Millisecond)
		opts := DefaultOptions()
		opts.Workers = workers
		// WIRETRACE_BENCH_REWRITES=0 measures the scan without the rewrite
		// channel, for its share of the time.
		opts.Rewrites = os.Getenv("WIRETRACE_BENCH_REWRITES") != "0"
		s, err := NewScanner(opts, nil)
		if err != nil {
			b.Fatal(err)
		}
		rd := corpus.NewReader(corpus.Options{SkipBad: true, Workers: workers})
		if err := rd.Read(context.Background(), []string{path}, s.Add); err != nil {
			b.Fatal(err)
		}
		res, err := s.Finish(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(stop())/(1<<20), "peak-heap-MB")
		docs = len(res.Docs)
		if i == 0 {
			for _, p := range res.Phases {
				b.Logf("%-20s %v", p.Name, p.Duration.Round(time.Millisecond))
			}
			b.Logf("%d articles, %d clusters, %d links", docs, len(res.Clusters), len(res.Links))
		}
	}
	b.ReportMetric(float64(docs)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkScanGenerated scans a generated corpus end to end: reading JSON
// Lines, fingerprinting, boilerplate, candidates, verification, clusters.
func BenchmarkScanGenerated(b *testing.B) {
	path := generatedCorpus(b, benchArticles())
	b.ResetTimer()
	benchScan(b, path)
}

// BenchmarkScanSaudiNewsNet scans the real Arabic corpus when it is present.
func BenchmarkScanSaudiNewsNet(b *testing.B) {
	path := "../../shared/datasets/saudinewsnet-dev.jsonl.gz"
	if _, err := os.Stat(path); err != nil {
		b.Skip("SaudiNewsNet not present:", err)
	}
	benchScan(b, path)
}
