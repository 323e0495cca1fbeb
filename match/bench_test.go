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
	"sync"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/internal/memstat"
	"github.com/wiretrace/wiretrace/shingle"
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
		// WIRETRACE_BENCH_MEMORY=1024 gives the scan a 1 GiB budget
		// (Options.Memory) and soft heap limit, as the binary's --memory
		// does; 0 or unset keeps every array in memory.
		if mb, err := strconv.Atoi(os.Getenv("WIRETRACE_BENCH_MEMORY")); err == nil && mb > 0 {
			opts.Memory = int64(mb) << 20
			debug.SetMemoryLimit(opts.Memory)
		}
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
		b.ReportMetric(float64(s.SpilledBytes())/(1<<20), "spilled-MB")
		s.Close()
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

// BenchmarkFloor is the floor every scan figure is compared with: it only
// reads the corpus, tokenises each text and hashes its word K-shingles, on
// as many workers as the scan uses, and keeps nothing. Run it beside
// BenchmarkScanGenerated in one `go test -bench 'Floor|ScanGenerated'` so
// the ratio is measured on one machine state.
func BenchmarkFloor(b *testing.B) {
	path := generatedCorpus(b, benchArticles())
	b.ResetTimer()
	workers := runtime.NumCPU()
	k := DefaultOptions().K
	var docs, shingles int64
	for i := 0; i < b.N; i++ {
		texts := make(chan string, 4*workers)
		counts := make([]int64, workers)
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				tz := shingle.NewTokenizer()
				var toks shingle.Tokens
				var hashes []uint64
				for t := range texts {
					tz.TokenizeInto(t, &toks)
					hashes = hashes[:0]
					for _, tk := range toks.Tokens {
						hashes = append(hashes, tk.Hash)
					}
					counts[w] += int64(len(shingle.Shingles(hashes, k)))
				}
			}()
		}
		rd := corpus.NewReader(corpus.Options{SkipBad: true, Workers: workers})
		n := 0
		err := rd.Read(context.Background(), []string{path}, func(a *corpus.Article) error {
			n++
			texts <- a.Text
			return nil
		})
		close(texts)
		wg.Wait()
		if err != nil {
			b.Fatal(err)
		}
		docs, shingles = int64(n), 0
		for _, c := range counts {
			shingles += c
		}
	}
	b.ReportMetric(float64(docs)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.Logf("%d articles, %d shingles", docs, shingles)
}
