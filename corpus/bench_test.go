package corpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/wiretrace/wiretrace/corpus/corpustest"
	"github.com/wiretrace/wiretrace/synth"
)

// parquetArticle is a generated article as a Parquet row.
type parquetArticle struct {
	ID        string `parquet:"id"`
	Outlet    string `parquet:"outlet"`
	Published string `parquet:"published,optional"`
	Title     string `parquet:"title,optional"`
	Text      string `parquet:"text"`
	Author    string `parquet:"author,optional"`
	Source    string `parquet:"source,optional"`
}

// benchFiles writes n generated articles as JSON Lines (plain, gzip,
// zstd), CSV and Parquet in dir, and returns the paths by reader name and
// the size of the plain JSON Lines.
func benchFiles(b testing.TB, dir string, n int) (map[string]string, int64) {
	var arts []synth.Article
	for fam := 0; len(arts) < n; fam++ {
		synth.Generate(synth.DefaultConfig(1, uint64(fam)), func(a synth.Article, _ synth.Truth) error {
			if len(arts) < n {
				a.ID = strconv.Itoa(len(arts)) + "-" + a.ID
				arts = append(arts, a)
			}
			return nil
		})
	}
	var jsonl bytes.Buffer
	enc := json.NewEncoder(&jsonl)
	for _, a := range arts {
		enc.Encode(a)
	}
	paths := map[string]string{}
	write := func(name string, data []byte) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			b.Fatal(err)
		}
		paths[name] = p
	}
	write("corpus.jsonl", jsonl.Bytes())
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(jsonl.Bytes())
	zw.Close()
	write("corpus.jsonl.gz", gz.Bytes())
	var zst bytes.Buffer
	if err := corpustest.Zstd(&zst, bytes.NewReader(jsonl.Bytes())); err != nil {
		b.Fatal(err)
	}
	write("corpus.jsonl.zst", zst.Bytes())
	var cb bytes.Buffer
	cw := csv.NewWriter(&cb)
	cw.Write([]string{"id", "outlet", "published", "title", "text", "author", "source"})
	for _, a := range arts {
		cw.Write([]string{a.ID, a.Outlet, a.Published, a.Title, a.Text, a.Author, a.Source})
	}
	cw.Flush()
	write("corpus.csv", cb.Bytes())
	var pb bytes.Buffer
	pw := parquet.NewGenericWriter[parquetArticle](&pb, parquet.MaxRowsPerRowGroup(4096))
	for _, a := range arts {
		pw.Write([]parquetArticle{{a.ID, a.Outlet, a.Published, a.Title, a.Text, a.Author, a.Source}})
	}
	if err := pw.Close(); err != nil {
		b.Fatal(err)
	}
	write("corpus.parquet", pb.Bytes())
	return paths, int64(jsonl.Len())
}

// BenchmarkReaders reads one generated corpus in each format with two
// workers and reports input MB/s (of the file as stored), text MB/s (of
// the same records as plain JSON Lines) and articles/s. Set
// WIRETRACE_BENCH_READ_ARTICLES (default 20,000).
//
//	go test ./corpus -run '^$' -bench BenchmarkReaders -benchtime 5x
func BenchmarkReaders(b *testing.B) {
	n := 20000
	if v, err := strconv.Atoi(os.Getenv("WIRETRACE_BENCH_READ_ARTICLES")); err == nil && v > 0 {
		n = v
	}
	paths, plain := benchFiles(b, b.TempDir(), n)
	for _, name := range []string{"corpus.jsonl", "corpus.jsonl.gz", "corpus.jsonl.zst", "corpus.csv", "corpus.parquet"} {
		b.Run(name, func(b *testing.B) {
			st, _ := os.Stat(paths[name])
			b.SetBytes(st.Size())
			got := 0
			for i := 0; i < b.N; i++ {
				r := NewReader(Options{Workers: 2})
				got = 0
				if err := r.Read(context.Background(), []string{paths[name]}, func(*Article) error { got++; return nil }); err != nil {
					b.Fatal(err)
				}
			}
			if got != n {
				b.Fatalf("%d articles, want %d", got, n)
			}
			secs := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(float64(n)/secs, "articles/s")
			b.ReportMetric(float64(plain)/(1<<20)/secs, "text-MB/s")
		})
	}
}

// TestBigParquetStreams writes a Parquet file of at least 1 GB of
// generated articles (row groups of 10,000 rows) and reads it, checking
// that the heap stays bounded: the reader holds a few rows and the pages
// being decoded, never a row group's worth of text. It takes a few
// minutes and a gigabyte of disk, so it runs only with
// WIRETRACE_BIG_PARQUET=1 (WIRETRACE_BIG_PARQUET_KEEP=PATH keeps the file).
func TestBigParquetStreams(t *testing.T) {
	if os.Getenv("WIRETRACE_BIG_PARQUET") == "" {
		t.Skip("set WIRETRACE_BIG_PARQUET=1 to write and read a 1 GB Parquet file")
	}
	path := os.Getenv("WIRETRACE_BIG_PARQUET_KEEP")
	if path == "" {
		path = filepath.Join(t.TempDir(), "big.parquet")
	}
	start := time.Now()
	rows, size := writeBigParquet(t, path, 1<<30)
	t.Logf("wrote %s: %d MB, %d rows, in %v", path, size>>20, rows, time.Since(start).Round(time.Second))

	_, n, elapsed, peak := readMeasured(t, path)
	t.Logf("read %d articles in %v: %.0f MB/s, peak heap %d MB", n, elapsed.Round(time.Millisecond), float64(size)/(1<<20)/elapsed.Seconds(), peak>>20)
	if n != rows {
		t.Errorf("%d articles, want %d", n, rows)
	}
	if peak > 256<<20 {
		t.Errorf("peak heap %d MB reading a %d MB Parquet file: not streaming", peak>>20, size>>20)
	}
}

// writeBigParquet writes generated articles until the file reaches size
// bytes; it returns the rows and the file size.
func writeBigParquet(t testing.TB, path string, size int64) (rows int, written int64) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	// Uncompressed pages: generated text compresses well, and the file
	// must be 1 GB on disk.
	pw := parquet.NewGenericWriter[parquetArticle](bw, parquet.MaxRowsPerRowGroup(10000), parquet.Compression(&parquet.Uncompressed))
	var textBytes int64
	for fam := 0; textBytes < size; fam++ {
		synth.Generate(synth.DefaultConfig(1, uint64(fam)), func(a synth.Article, _ synth.Truth) error {
			a.ID = strconv.Itoa(rows) + "-" + a.ID
			if _, err := pw.Write([]parquetArticle{{a.ID, a.Outlet, a.Published, a.Title, a.Text, a.Author, a.Source}}); err != nil {
				t.Fatal(err)
			}
			rows++
			textBytes += int64(len(a.Text) + len(a.Title) + len(a.ID) + 40)
			return nil
		})
	}
	if err := pw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	st, _ := f.Stat()
	return rows, st.Size()
}
