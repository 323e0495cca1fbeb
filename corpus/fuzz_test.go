package corpus

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// checkArticles is what every reader promises of what it hands on, and of
// what it skips: ids and texts present and valid UTF-8, positions named,
// each id once.
func checkArticles(t *testing.T, r *Reader, arts []*Article) {
	seen := map[string]bool{}
	for _, a := range arts {
		if strings.TrimSpace(a.ID) == "" || strings.TrimSpace(a.Text) == "" {
			t.Fatalf("article without id or text: %+v", a)
		}
		if !utf8.ValidString(a.ID) || !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) || !utf8.ValidString(a.Outlet) {
			t.Fatalf("invalid UTF-8 in article %q", a.ID)
		}
		if seen[a.ID] {
			t.Fatalf("id %q handed on twice", a.ID)
		}
		seen[a.ID] = true
		if a.Pos.File == "" {
			t.Fatalf("article %q without a position", a.ID)
		}
		if _, _, err := ParseTime(a.Published); err != nil {
			t.Fatalf("article %q kept with a bad date %q", a.ID, a.Published)
		}
	}
	for _, e := range r.Skipped {
		if e.Pos.File == "" || e.Reason == "" || !utf8.ValidString(e.Error()) {
			t.Fatalf("skipped record without position or reason, or invalid message: %#v", e)
		}
	}
	if len(r.Skipped) > DefaultMaxSkipped {
		t.Fatalf("%d skipped records kept", len(r.Skipped))
	}
}

// watchdog fails an input that takes more than 10 s (the fuzzer has no
// timeout of its own, and a hang is a bug): the panic crashes the worker,
// and the fuzzer keeps the input.
func watchdog(data any) (stop func()) {
	done := make(chan struct{})
	go func() {
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			panic(fmt.Sprintf("no result after 10 s for %q", data))
		}
	}()
	return func() { close(done) }
}

// readStdin reads data as standard input in a format.
func readStdin(t *testing.T, data []byte, opts Options) {
	defer watchdog(data)()
	opts.Stdin, opts.SkipBad, opts.AllowEmpty, opts.MaxRecordBytes = bytes.NewReader(data), true, true, 1<<16
	r := NewReader(opts)
	var arts []*Article
	err := r.Read(context.Background(), []string{"-"}, func(a *Article) error {
		arts = append(arts, a)
		return nil
	})
	if err != nil && !errors.Is(err, ErrFieldAbsent) {
		t.Fatalf("error under SkipBad: %v", err)
	}
	checkArticles(t, r, arts)
}

func gzipped(s string) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.Bytes()
}

// FuzzReadJSONL reads JSON Lines, plain, gzipped or zstd-compressed (by
// their magic bytes), with the default and with mapped fields.
func FuzzReadJSONL(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","outlet":"o","published":"2016-11-28","title":"t","text":"x"}` + "\n",
		"\ufeff" + `{"id":1,"text":"x","extra":[1,{"a":null}]}` + "\n" + `{"id":"a","text":"x","tExt":"y"}`,
		`{"id":"a","text":"x","text":"y"}` + "\n{\n[1]\n" + `{"id":"a","text":"x"}`,
		`{"id":"b","text":"x","published":"2014-09-31","title":"` + strings.Repeat("t", 3000) + `"}`,
		`{"doc":{"id":"n"},"body":"x","meta":{"source":"s","by":["a","b"]}}`,
	} {
		f.Add([]byte(s), false)
		f.Add(gzipped(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, mapped bool) {
		var fields Fields
		if mapped {
			fields = Fields{ID: "doc.id", Text: "body", Outlet: "meta.source", Author: "meta.by"}
		}
		readStdin(t, data, Options{Fields: fields})
	})
}

// FuzzReadCSV reads CSV (and TSV) with a header row.
func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"id,outlet,text\na,o,\"x, \"\"y\"\"\nz\"\nb,o,w\n",
		"\ufeffid,text\r\na,x\r\nb,\"unclosed\n",
		"id,text,text\na,b,c\n",
		"id,text\na\nb,c,d\n\n",
		"id\ttext\ta \"b\"\tc\n",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, tsv bool) {
		format := FormatCSV
		if tsv {
			format = FormatTSV
		}
		readStdin(t, data, Options{Format: format})
	})
}

// FuzzFrontMatter reads a text file with an optional YAML front matter.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: T\npublished: 2016-11-28T10:00:00Z\noutlet: o\n---\nBody text.\n",
		"---\r\ntags: [a, b]\r\nurl: http://x\r\n---\r\nBody\r\n",
		"---\nno closing\n",
		"---\n: : :\n---\nx",
		"\ufeff---\ntitle: |\n  many\n  lines\n---\n",
		"plain text without front matter",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a := &Article{ID: "f.txt", Pos: Position{File: "f.txt", Line: 1}}
		body, e := parseFrontMatter(s, a)
		if e != nil {
			if e.Pos.File == "" || e.Reason == "" {
				t.Fatalf("error without position or reason: %#v", e)
			}
			return
		}
		if len(body) > len(s) {
			t.Fatalf("body longer than the file")
		}
		if strings.TrimPrefix(s, "\ufeff") != s || strings.HasPrefix(s, "---") {
			return
		}
		if body != s {
			t.Fatalf("a file without front matter lost text: %q -> %q", s, body)
		}
	})
}

// FuzzParseTime parses publication times.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2016-11-28T10:05:00Z", "2016-11-28T13:40:00.5-05:00", "2015-07-21T02:51:32", "2016-11-28",
		"2014-09-31", "Mon, 02 Jan 2006 15:04:05 -0700", "2016-11-28 10:00:00+03:00", "", "  ", "yesterday", "2016-13-01T25:61:00Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, p, err := ParseTime(s)
		if err != nil {
			if p != TimeNone || !tm.IsZero() {
				t.Fatalf("%q: an error with a time", s)
			}
			if !utf8.ValidString(err.Error()) && utf8.ValidString(s) {
				t.Fatalf("%q: invalid message", s)
			}
			return
		}
		if (p == TimeNone) != (strings.TrimSpace(s) == "") {
			t.Fatalf("%q: precision %v", s, p)
		}
	})
}

// FuzzReadWARC reads WARC streams, plain or gzipped.
func FuzzReadWARC(f *testing.F) {
	var w rawWARC
	page := w.page(text(1), "")
	f.Add(page)
	f.Add(append(append([]byte{}, page...), w.page(text(2), "9223372036854775807")...))
	f.Add(gzipEach(f, page, w.page(text(3), "10")))
	f.Add(w.page(text(4), "", "no colon here"))
	f.Add(w.record("request", "https://x/", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", ""))
	f.Add(page[:len(page)/2])
	f.Add([]byte("not a warc\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		defer watchdog(data)()
		r := NewReader(Options{SkipBad: true, AllowEmpty: true, MaxRecordBytes: 1 << 16})
		wr, err := newWARCReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		var arts []*Article
		err = r.readWARCRecords(context.Background(), wr, "f.warc", func(a *Article) error {
			arts = append(arts, a)
			return nil
		})
		if err != nil {
			t.Fatalf("error under SkipBad: %v", err)
		}
		checkArticles(t, r, arts)
		n := 0
		for _, c := range r.WARC.Skipped {
			n += c
		}
		if r.WARC.Pages+n != r.WARC.Records && r.SkippedTotal() == 0 {
			t.Fatalf("%d pages + %d skipped != %d records", r.WARC.Pages, n, r.WARC.Records)
		}
	})
}

// FuzzReadParquet reads Parquet files: damage must be a bad input, never
// a panic.
func FuzzReadParquet(f *testing.F) {
	dir := f.TempDir()
	p := filepath.Join(dir, "seed.parquet")
	writeParquet(f, p, `{"id":"a","text":"x","meta":{"source":"s"}}`+"\n"+`{"id":2,"text":"y"}`+"\n", 1)
	seed, _ := os.ReadFile(p)
	f.Add(seed)
	f.Add(seed[:len(seed)-10])
	f.Add([]byte("PAR1PAR1"))
	f.Fuzz(func(t *testing.T, data []byte) {
		defer watchdog(data)()
		p := filepath.Join(t.TempDir(), "f.parquet")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		r := NewReader(Options{SkipBad: true, AllowEmpty: true, MaxRecordBytes: 1 << 16})
		var arts []*Article
		if err := r.Read(context.Background(), []string{p}, func(a *Article) error {
			arts = append(arts, a)
			return nil
		}); err != nil {
			t.Fatalf("error under SkipBad: %v", err)
		}
		checkArticles(t, r, arts)
	})
}
