package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace/index"
	"github.com/wiretrace/wiretrace/internal/memstat"
	"github.com/wiretrace/wiretrace/synth"
)

// BenchmarkIndexCheckAndAdd measures the daily job an index is for: check
// 1,000 new articles against an index (wiretrace check --index
// --uncredited) and add them (wiretrace index add), run in-process with
// the binary's memory limit. Between iterations the added articles are
// removed again, untimed.
//
// WIRETRACE_BENCH_INDEX and WIRETRACE_BENCH_NEW name a prebuilt index and
// the new articles (BENCHMARKS.md builds a 1,000,000-article one);
// WIRETRACE_BENCH_DROP_CACHES=1 (root, Linux) empties the page cache
// before each iteration, to time a cold start;
// without them the benchmark generates WIRETRACE_BENCH_INDEX_ARTICLES
// (default 20,000) articles, indexes all but 1,000 of them, and keeps the
// index in the temporary directory for the next run.
func BenchmarkIndexCheckAndAdd(b *testing.B) {
	ix, fresh := os.Getenv("WIRETRACE_BENCH_INDEX"), os.Getenv("WIRETRACE_BENCH_NEW")
	if ix == "" || fresh == "" {
		n := 20000
		if v, err := strconv.Atoi(os.Getenv("WIRETRACE_BENCH_INDEX_ARTICLES")); err == nil && v > 0 {
			n = v
		}
		ix, fresh = benchIndex(b, n)
	}
	ids := filepath.Join(b.TempDir(), "new-ids.txt")
	writeIDs(b, fresh, ids)
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(defaultMemoryLimit))
	ios := &streams{Out: io.Discard, Err: io.Discard}
	var checkTime, addTime time.Duration
	var peak uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if os.Getenv("WIRETRACE_BENCH_DROP_CACHES") == "1" {
			b.StopTimer()
			dropCaches(b)
			b.StartTimer()
		}
		runtime.GC()
		stop := memstat.Peak(20 * time.Millisecond)
		t0 := time.Now()
		if code := run([]string{"check", "--index", ix, "--uncredited", "--format", "json", "-o", os.DevNull, fresh}, ios); code > exitFindings {
			b.Fatalf("check: exit %d", code)
		}
		t1 := time.Now()
		if code := run([]string{"index", "add", "--index", ix, fresh}, ios); code != exitOK {
			b.Fatalf("add: exit %d", code)
		}
		checkTime += t1.Sub(t0)
		addTime += time.Since(t1)
		peak = max(peak, stop())
		b.StopTimer()
		if code := run([]string{"index", "rm", "--index", ix, "--ids-from", ids}, ios); code != exitOK {
			b.Fatalf("rm: exit %d", code)
		}
		b.StartTimer()
	}
	b.ReportMetric(checkTime.Seconds()/float64(b.N), "check-s")
	b.ReportMetric(addTime.Seconds()/float64(b.N), "add-s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// BenchmarkIndexBuild measures wiretrace index build on the JSON Lines
// file WIRETRACE_BENCH_CORPUS, or on a generated corpus of
// WIRETRACE_BENCH_INDEX_ARTICLES (default 20,000) articles, with the
// binary's memory limit. It reports articles/s, the peak Go heap (the
// memory-mapped file is not heap) and the index's bytes per article.
// WIRETRACE_BENCH_INDEX_OUT keeps the index at that path.
func BenchmarkIndexBuild(b *testing.B) {
	corpus := os.Getenv("WIRETRACE_BENCH_CORPUS")
	if corpus == "" {
		n := 20000
		if v, err := strconv.Atoi(os.Getenv("WIRETRACE_BENCH_INDEX_ARTICLES")); err == nil && v > 0 {
			n = v
		}
		corpus = benchCorpus(b, n)
	}
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(defaultMemoryLimit))
	ios := &streams{Out: io.Discard, Err: io.Discard}
	ix := filepath.Join(b.TempDir(), "index.db")
	if out := os.Getenv("WIRETRACE_BENCH_INDEX_OUT"); out != "" {
		ix = out // kept, for BenchmarkIndexCheckAndAdd
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		runtime.GC()
		stop := memstat.Peak(20 * time.Millisecond)
		if code := run([]string{"index", "build", "--index", ix, corpus}, ios); code != exitOK {
			b.Fatalf("build: exit %d", code)
		}
		b.ReportMetric(float64(stop())/(1<<20), "peak-heap-MB")
	}
	b.StopTimer()
	x, err := index.Open(ix, index.OpenOptions{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	st, err := x.Stats()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(st.Articles)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(st.BytesPerArticle), "bytes/article")
}

// benchIndex generates n articles, indexes all but 1,000 spread through
// them, and returns the index and the file of the others. Both are kept
// in the temporary directory between runs.
func benchIndex(b *testing.B, n int) (ix, fresh string) {
	b.Helper()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("wiretrace-index-bench-%d", n))
	ix, fresh = filepath.Join(dir, "index.db"), filepath.Join(dir, "new.jsonl")
	if _, err := os.Stat(ix); err == nil {
		return ix, fresh
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	base := filepath.Join(dir, "base.jsonl")
	bw, nw := createJSONL(b, base), createJSONL(b, fresh)
	every, count, picked := max(n/1000, 1), 0, 0
	err := synth.Generate(synth.DefaultConfig(n*10/56, 2024), func(a synth.Article, _ synth.Truth) error {
		count++
		w := bw
		if count%every == every/2 && picked < 1000 {
			w, picked = nw, picked+1
		}
		return w.enc.Encode(a)
	})
	if err != nil {
		b.Fatal(err)
	}
	bw.close(b)
	nw.close(b)
	ios := &streams{Out: io.Discard, Err: io.Discard}
	if code := run([]string{"index", "build", "--index", ix, base}, ios); code != exitOK {
		b.Fatalf("build: exit %d", code)
	}
	return ix, fresh
}

type jsonlFile struct {
	f   *os.File
	w   *bufio.Writer
	enc *json.Encoder
}

func createJSONL(b *testing.B, path string) *jsonlFile {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	return &jsonlFile{f, w, json.NewEncoder(w)}
}

func (j *jsonlFile) close(b *testing.B) {
	if err := j.w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := j.f.Close(); err != nil {
		b.Fatal(err)
	}
}

// writeIDs writes the ids of a JSON Lines file, one a line.
func writeIDs(b *testing.B, jsonl, out string) {
	in, err := os.Open(jsonl)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	o, err := os.Create(out)
	if err != nil {
		b.Fatal(err)
	}
	defer o.Close()
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var rec struct{ ID string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			b.Fatal(err)
		}
		fmt.Fprintln(o, rec.ID)
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
}

// dropCaches writes dirty pages and empties the page cache (Linux, root).
func dropCaches(b *testing.B) {
	if err := exec.Command("sync").Run(); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile("/proc/sys/vm/drop_caches", []byte("3\n"), 0o200); err != nil {
		b.Fatalf("dropping the page cache: %v", err)
	}
}
