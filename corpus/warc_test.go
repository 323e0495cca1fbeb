package corpus

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace/internal/memstat"
)

// rawWARC builds WARC records by hand, so a test can damage them in ways a
// WARC writer would refuse to.
type rawWARC struct{ n int }

// page is an HTML response record for a page with the given text; header
// replaces the record's Content-Length when not "".
func (w *rawWARC) page(text, contentLength string, extra ...string) []byte {
	w.n++
	body := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><head><title>Page %d</title></head><body><article><p>%s</p></article></body></html>", w.n, text)
	return w.record("response", fmt.Sprintf("https://example.com/%d", w.n), body, contentLength, extra...)
}

func (w *rawWARC) record(typ, uri, block, contentLength string, extra ...string) []byte {
	if contentLength == "" {
		contentLength = fmt.Sprint(len(block))
	}
	var b strings.Builder
	b.WriteString("WARC/1.0\r\n")
	fmt.Fprintf(&b, "WARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:rec-%d>\r\nWARC-Target-URI: %s\r\nWARC-Date: 2016-11-01T12:00:00Z\r\n", typ, w.n, uri)
	b.WriteString("Content-Type: application/http; msgtype=response\r\n")
	for _, h := range extra {
		b.WriteString(h + "\r\n")
	}
	fmt.Fprintf(&b, "Content-Length: %s\r\n\r\n%s\r\n\r\n", contentLength, block)
	return []byte(b.String())
}

// text is an article text long enough to be extracted.
func text(i int) string {
	return strings.Repeat(fmt.Sprintf("Sentence %d of a news article about the harbour and its ships. ", i), 12)
}

// gzipEach compresses each record as its own gzip member.
func gzipEach(t testing.TB, recs ...[]byte) []byte {
	var out bytes.Buffer
	for _, r := range recs {
		zw := gzip.NewWriter(&out)
		zw.Write(r)
		zw.Close()
	}
	return out.Bytes()
}

func readWARCFile(t *testing.T, name string, data []byte, opts Options) ([]*Article, *Reader, error) {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return readAll(t, opts, p)
}

func ids(arts []*Article) []string {
	var out []string
	for _, a := range arts {
		out = append(out, a.ID)
	}
	return out
}

// A Content-Length of 2^63-1 in the middle of a file is a bad record; the
// records after it are read (they were swallowed, without a warning).
func TestWARCHugeContentLength(t *testing.T) {
	var w rawWARC
	recs := [][]byte{w.page(text(1), ""), w.page(text(2), "9223372036854775807"), w.page(text(3), ""), w.page(text(4), "")}
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"plain.warc", bytes.Join(recs, nil)},
		{"members.warc.gz", gzipEach(t, recs...)},
	} {
		got, r, err := readWARCFile(t, tc.name, tc.data, Options{})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if want := "urn:uuid:rec-1 urn:uuid:rec-3 urn:uuid:rec-4"; strings.Join(ids(got), " ") != want {
			t.Errorf("%s: articles %v, want %s", tc.name, ids(got), want)
		}
		if s := r.WARC.Summary(); s != "1 of 4 WARC records did not become articles: 1 bad Content-Length" {
			t.Errorf("%s: summary %q", tc.name, s)
		}
	}
}

// A Content-Length longer than the block but not absurd: in a file of one
// gzip member per record the block ends with its member, and is a
// truncated record; the next member is the next record.
func TestWARCContentLengthPastMember(t *testing.T) {
	var w rawWARC
	recs := [][]byte{w.page(text(1), ""), w.page(text(2), "10000000"), w.page(text(3), "")}
	got, r, err := readWARCFile(t, "m.warc.gz", gzipEach(t, recs...), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "urn:uuid:rec-1 urn:uuid:rec-3"; strings.Join(ids(got), " ") != want {
		t.Errorf("articles %v, want %s", ids(got), want)
	}
	if s := r.WARC.Summary(); s != "1 of 3 WARC records did not become articles: 1 truncated" {
		t.Errorf("summary %q", s)
	}
}

// A last record cut short is a truncated record, not an article holding
// part of its page.
func TestWARCTruncatedLastRecord(t *testing.T) {
	var w rawWARC
	first, last := w.page(text(1), ""), w.page(text(2), "")
	cut := len(last) * 2 / 3
	plain := append(append([]byte{}, first...), last[:cut]...)
	members := gzipEach(t, first, last)
	oneMember := gzipEach(t, first)
	members = members[:len(oneMember)+(len(members)-len(oneMember))*2/3]
	for _, tc := range []struct {
		name string
		data []byte
	}{{"cut.warc", plain}, {"cut.warc.gz", members}} {
		got, r, err := readWARCFile(t, tc.name, tc.data, Options{})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if len(got) != 1 || got[0].ID != "urn:uuid:rec-1" {
			t.Errorf("%s: articles %v, want only the first", tc.name, ids(got))
		}
		if s := r.WARC.Summary(); s != "1 of 2 WARC records did not become articles: 1 truncated" {
			t.Errorf("%s: summary %q", tc.name, s)
		}
	}
}

// After a record with a bad header line the count is exact and the
// records after it are read.
func TestWARCBadHeaderCounts(t *testing.T) {
	var w rawWARC
	recs := [][]byte{w.page(text(1), ""), w.page(text(2), "", "this line has no colon"), w.page(text(3), "")}
	for i := 4; i <= 9; i++ {
		recs = append(recs, w.page(text(i), ""))
	}
	got, r, err := readWARCFile(t, "h.warc", bytes.Join(recs, nil), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 8 {
		t.Errorf("%d articles, want 8: %v", len(got), ids(got))
	}
	if s := r.WARC.Summary(); s != "1 of 9 WARC records did not become articles: 1 bad headers" {
		t.Errorf("summary %q", s)
	}
}

// A .warc file that is not WARC is a bad input (it gave exit 0 and "1 of
// 0 WARC records").
func TestWARCNotWARC(t *testing.T) {
	_, _, err := readWARCFile(t, "notes.warc", []byte("just some notes\nin a file\n"), Options{})
	if err == nil || !strings.Contains(err.Error(), `notes.warc:1: not a WARC file: it starts with "just some notes"`) {
		t.Errorf("err = %v", err)
	}
	_, r, err := readWARCFile(t, "notes.warc", []byte("just some notes\n"), Options{SkipBad: true, AllowEmpty: true})
	if err != nil || r.SkippedTotal() != 1 {
		t.Errorf("with SkipBad: err %v, %d skipped", err, r.SkippedTotal())
	}
}

// The header lines and their number are bounded: a 64 MB header line
// costs neither 64 MB of heap nor the records after it.
func TestWARCHeaderBounds(t *testing.T) {
	var w rawWARC
	long := "X-Long: " + strings.Repeat("a", 64<<20)
	many := make([]string, 5000)
	for i := range many {
		many[i] = fmt.Sprintf("X-H%d: v", i)
	}
	data := bytes.Join([][]byte{w.page(text(1), ""), w.page(text(2), "", long), w.page(text(3), "", many...), w.page(text(4), "")}, nil)
	p := filepath.Join(t.TempDir(), "big.warc")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	data, long = nil, ""
	runtime.GC()
	stop := memstat.Peak(time.Millisecond)
	got, r, err := readAll(t, Options{}, p)
	peak := stop()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(ids(got), " ") != "urn:uuid:rec-1 urn:uuid:rec-4" {
		t.Errorf("articles %v", ids(got))
	}
	if s := r.WARC.Summary(); s != "2 of 4 WARC records did not become articles: 2 bad headers" {
		t.Errorf("summary %q", s)
	}
	if peak > 32<<20 {
		t.Errorf("peak heap %d MB reading a 64 MB header line", peak>>20)
	}
}

// Pages are extracted in batches sized by bytes: big pages are not held
// 64 at a time.
func TestWARCBatchesByBytes(t *testing.T) {
	defer func(n int) { warcBatchBytes = n }(warcBatchBytes)
	warcBatchBytes = 1 << 20
	var w rawWARC
	var recs [][]byte
	big := strings.Repeat("A long paragraph of the article, repeated to make a big page. ", 6000) // ~380 KB
	for i := 0; i < 12; i++ {
		recs = append(recs, w.page(fmt.Sprintf("%d %s", i, big), ""))
	}
	got, r, err := readWARCFile(t, "b.warc", bytes.Join(recs, nil), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 12 {
		t.Fatalf("%d articles", len(got))
	}
	if r.maxBatchBytes > warcBatchBytes+len(big)+1024 {
		t.Errorf("a batch held %d bytes of pages, over the %d bound by more than a page", r.maxBatchBytes, warcBatchBytes)
	}
}
