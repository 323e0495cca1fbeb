package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/internal/memstat"
	"github.com/wiretrace/wiretrace/match"
	"github.com/wiretrace/wiretrace/report"
	"github.com/wiretrace/wiretrace/synth"
)

// BenchmarkScanEndToEnd runs what `wiretrace scan --format json` runs on a
// generated corpus (reading, fingerprinting, matching, credits,
// provenance, the JSON report), with the binary's soft memory limit. Set
// WIRETRACE_BENCH_ARTICLES=100000 for the figure in BENCHMARKS.md; the
// default is 10,000. It reports articles/s and the peak Go heap.
func BenchmarkScanEndToEnd(b *testing.B) {
	n := 10000
	if v, err := strconv.Atoi(os.Getenv("WIRETRACE_BENCH_ARTICLES")); err == nil && v > 0 {
		n = v
	}
	path := benchCorpus(b, n)
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(defaultMemoryLimit))
	ios := &streams{In: nil, Out: io.Discard, Err: io.Discard}
	opts := match.DefaultOptions()
	opts.Workers = runtime.NumCPU()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		runtime.GC()
		stop := memstat.Peak(20 * time.Millisecond)
		job := &scanJob{match: opts, registry: credit.DefaultRegistry(), args: []string{path}, ios: ios}
		rep, err := scanInputs(context.Background(), job)
		if err != nil {
			b.Fatal(err)
		}
		if err := report.WriteJSON(io.Discard, rep); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(stop())/(1<<20), "peak-heap-MB")
		b.ReportMetric(float64(rep.Documents)/b.Elapsed().Seconds()*float64(i+1), "articles/s")
	}
}

func benchCorpus(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("wiretrace-e2e-%d.jsonl", n))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	f, err := os.Create(path + ".tmp")
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	if err := synth.Generate(synth.DefaultConfig(n*10/66, 2024), func(a synth.Article, _ synth.Truth) error { return enc.Encode(a) }); err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	if err := os.Rename(path+".tmp", path); err != nil {
		b.Fatal(err)
	}
	return path
}
