package corpus

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		prec Precision
		bad  bool
	}{
		{"2016-11-28T10:05:00Z", time.Date(2016, 11, 28, 10, 5, 0, 0, time.UTC), TimeInstant, false},
		{"2016-11-28T13:40:00+03:00", time.Date(2016, 11, 28, 10, 40, 0, 0, time.UTC), TimeInstant, false},
		{"2016-11-28T13:40:00.5-05:00", time.Date(2016, 11, 28, 18, 40, 0, 5e8, time.UTC), TimeInstant, false},
		{"2015-07-21T02:51:32", time.Date(2015, 7, 21, 2, 51, 32, 0, time.UTC), TimeLocal, false},
		{"2016-11-28", time.Date(2016, 11, 28, 0, 0, 0, 0, time.UTC), TimeDate, false},
		{"", time.Time{}, TimeNone, false},
		{"  ", time.Time{}, TimeNone, false},
		{"28/11/2016", time.Time{}, TimeNone, true},
		{"2016-13-01", time.Time{}, TimeNone, true},
	}
	for _, tc := range tests {
		got, prec, err := ParseTime(tc.in)
		if (err != nil) != tc.bad {
			t.Errorf("%q: err = %v", tc.in, err)
			continue
		}
		if !got.Equal(tc.want) || prec != tc.prec {
			t.Errorf("%q: got %v %v, want %v %v", tc.in, got, prec, tc.want, tc.prec)
		}
	}
}

func readAll(t *testing.T, opts Options, inputs ...string) ([]*Article, *Reader, error) {
	t.Helper()
	r := NewReader(opts)
	var got []*Article
	err := r.Read(context.Background(), inputs, func(a *Article) error {
		got = append(got, a)
		return nil
	})
	return got, r, err
}

func TestFrontMatter(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	write("qna/a.txt", "---\noutlet: Qatar News Agency\npublished: 2016-11-28\ntitle: \"A: title\"\ntags: [syria, russia]\n---\nBody line one.\nBody line two.\n")
	write("qna/sub/b.md", "No front matter here.\n")
	write("root.txt", "At the root.\n")
	write("qna/bad.txt", "---\ntitle: never closed\nBody\n")
	got, _, err := readAll(t, Options{SkipBad: true}, dir)
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ ID, Outlet, Published, Title, Text, Extra string }
	var rows []row
	for _, a := range got {
		extra := ""
		for k, v := range a.Extra {
			extra += k + "=" + string(v)
		}
		rows = append(rows, row{a.ID, a.Outlet, a.Published, a.Title, a.Text, extra})
	}
	want := []row{
		{"qna/a.txt", "Qatar News Agency", "2016-11-28", "A: title", "Body line one.\nBody line two.\n", `tags=["syria","russia"]`},
		{"qna/sub/b.md", "qna", "", "", "No front matter here.\n", ""},
		{"root.txt", "", "", "", "At the root.\n", ""},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("articles (-want +got):\n%s", diff)
	}
	_, r, _ := readAll(t, Options{SkipBad: true}, dir)
	if len(r.Skipped) != 1 || !strings.Contains(r.Skipped[0].Error(), "bad.txt:1: front matter starts with --- but has no closing ---") {
		t.Errorf("skipped = %v", r.Skipped)
	}
}

func TestLongRecord(t *testing.T) {
	p := filepath.Join(t.TempDir(), "long.jsonl")
	long := `{"id":"x","outlet":"o","text":"` + strings.Repeat("word ", 100) + `"}`
	os.WriteFile(p, []byte(long+"\n"+`{"id":"y","outlet":"o","text":"short"}`+"\n"), 0o644)
	got, r, err := readAll(t, Options{SkipBad: true, MaxRecordBytes: 200}, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != "y" {
		t.Fatalf("read %d articles", len(got))
	}
	if len(r.Skipped) != 1 || r.Skipped[0].Pos.Line != 1 || !strings.Contains(r.Skipped[0].Reason, "longer than 200 bytes") {
		t.Errorf("skipped = %v", r.Skipped)
	}
}

func TestCancel(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.jsonl")
	os.WriteFile(p, []byte(`{"id":"y","outlet":"o","text":"short"}`+"\n"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := NewReader(Options{}).Read(ctx, []string{p}, func(*Article) error { return nil })
	if err != context.Canceled {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestTopLevelKeys(t *testing.T) {
	for in, want := range map[string]int{
		`{}`:      0,
		`{"a":1}`: 1,
		`{"a":{"b":1,"c":[1,{"d":2}]},"e":"x:y"}`: 2,
		`{"a":"say \"k\": v","b":null}`:           2,
	} {
		if got := len(topLevelKeys([]byte(in), nil)); got != want {
			t.Errorf("topLevelKeys(%s) = %d, want %d", in, got, want)
		}
	}
}

// A gzip file cut short says so, at the line where it ends, and the cut
// record is not read as malformed JSON.
func TestTruncatedGzip(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	for i := 0; i < 200; i++ {
		fmt.Fprintf(zw, `{"id":"a%d","outlet":"o","text":"record %d of a file that a download cut short, with some words to compress"}`+"\n", i, i)
	}
	zw.Close()
	path := filepath.Join(t.TempDir(), "cut.jsonl.gz")
	if err := os.WriteFile(path, buf.Bytes()[:buf.Len()/2], 0o644); err != nil {
		t.Fatal(err)
	}
	rd := NewReader(Options{SkipBad: true})
	n := 0
	if err := rd.Read(context.Background(), []string{path}, func(*Article) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	if len(rd.Skipped) != 1 || !strings.Contains(rd.Skipped[0].Reason, "the file is truncated") || rd.Skipped[0].Pos.Line != n+1 {
		t.Errorf("read %d records; skipped %+v; want one entry at line %d saying the file is truncated", n, rd.Skipped, n+1)
	}
}

// An unreadable subdirectory is a bad record: listed under SkipBad while
// the rest of the tree is read, never a silent drop of the whole tree.
func TestUnreadableSubdirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every directory; run as another user to test this")
	}
	root := t.TempDir()
	for _, p := range []string{"a/one.txt", "b/two.txt"} {
		full := filepath.Join(root, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte("an article text of a few words"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	locked := filepath.Join(root, "b")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(locked, 0o755)
	rd := NewReader(Options{SkipBad: true})
	var ids []string
	if err := rd.Read(context.Background(), []string{root}, func(a *Article) error { ids = append(ids, a.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(ids) != 1 || ids[0] != "a/one.txt" || len(rd.Skipped) != 1 || rd.Skipped[0].Pos.File != locked {
		t.Errorf("read %v, skipped %v; want a/one.txt read and %s listed", ids, rd.Skipped, locked)
	}
	if err := NewReader(Options{}).Read(context.Background(), []string{root}, func(*Article) error { return nil }); err == nil || !strings.Contains(err.Error(), locked) {
		t.Errorf("without SkipBad: %v, want an error naming %s", err, locked)
	}
}
