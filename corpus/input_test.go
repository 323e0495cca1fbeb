package corpus

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace/internal/memstat"
)

func writeFile(t testing.TB, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// An impossible date stops the run naming --skip-bad; under --skip-bad
// the article is kept without it and the fault is listed.
func TestBadDateKeptUndated(t *testing.T) {
	p := writeFile(t, t.TempDir(), "d.jsonl", `{"id":"a","published":"2014-09-31","text":"text of a"}
{"id":"b","published":"2014-09-30","text":"text of b"}
`)
	_, _, err := readAll(t, Options{}, p)
	if err == nil || !strings.Contains(err.Error(), `d.jsonl:1: published "2014-09-31" is not a real date or time (day out of range)`) || !strings.Contains(err.Error(), "--skip-bad") {
		t.Errorf("err = %v", err)
	}
	got, r, err := readAll(t, Options{SkipBad: true}, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Published != "" || got[0].Precision != TimeNone || got[1].Precision != TimeDate {
		t.Fatalf("articles %+v", summarise(got))
	}
	if len(r.Skipped) != 0 || len(r.Dropped()) != 1 {
		t.Fatalf("skipped %v, dropped %v", r.Skipped, r.Dropped())
	}
	if d := r.Dropped()[0]; d.Pos.Line != 1 || d.ID != "a" || !strings.HasSuffix(d.Reason, "; the article is kept without its published") {
		t.Errorf("dropped %+v", d)
	}
}

func TestLongTitleDropped(t *testing.T) {
	p := writeFile(t, t.TempDir(), "t.jsonl", `{"id":"a","title":"`+strings.Repeat("x", MaxTitleBytes+1)+`","text":"text of a"}`+"\n")
	if _, _, err := readAll(t, Options{}, p); err == nil || !strings.Contains(err.Error(), "t.jsonl:1: title of 2049 bytes is longer than 2048") {
		t.Errorf("err = %v", err)
	}
	got, r, err := readAll(t, Options{SkipBad: true}, p)
	if err != nil || len(got) != 1 || got[0].Title != "" || r.DroppedTotal() != 1 {
		t.Errorf("err %v, %d articles, dropped %d", err, len(got), r.DroppedTotal())
	}
}

// The skipped list keeps MaxSkipped records and counts the rest: a 128 KB
// gzip of a million duplicate ids cost 847 MB when every one was kept.
func TestSkippedListBounded(t *testing.T) {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(`{"id":"x","outlet":"o","text":"the text"}` + "\n"))
	for i := 0; i < 1_000_000; i++ {
		zw.Write([]byte(`{"id":"x","outlet":"o","text":"the text"}` + "\n"))
	}
	zw.Close()
	p := writeFile(t, t.TempDir(), "dups.jsonl.gz", b.String())
	t.Logf("%d KB gzip", b.Len()>>10)
	b = bytes.Buffer{}
	runtime.GC()
	stop := memstat.Peak(time.Millisecond)
	got, r, err := readAll(t, Options{SkipBad: true, Workers: 2}, p)
	peak := stop()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(r.Skipped) != DefaultMaxSkipped || r.SkippedTotal() != 1_000_000 {
		t.Errorf("%d articles, %d listed, %d skipped", len(got), len(r.Skipped), r.SkippedTotal())
	}
	if s := r.SkippedSummary(); s != "999900 more not listed: duplicate id (999900)" {
		t.Errorf("summary %q", s)
	}
	t.Logf("peak heap %d MB", peak>>20)
	if peak > 64<<20 {
		t.Errorf("peak heap %d MB for a million skipped records", peak>>20)
	}
}

func TestReasonKind(t *testing.T) {
	for in, want := range map[string]string{
		`duplicate id "a7" (first at f.jsonl:3)`:                               "duplicate id",
		`article "e" has an empty text`:                                        "article has an empty text",
		`malformed JSON: invalid character 'x' at byte 12`:                     "malformed JSON",
		`invalid UTF-8 at byte 34`:                                             "invalid UTF-8 at byte N",
		`published "2014-09-31" is not a real date or time (day out of range)`: "published is not a real date or time",
	} {
		if got := reasonKind(in); got != want {
			t.Errorf("reasonKind(%q) = %q, want %q", in, got, want)
		}
	}
}

// CSV quirks: RFC 4180 quoting and fields over lines are read; bad rows
// are bad records naming their line.
func TestCSVErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, content, want string
	}{
		{"count.csv", "id,text\na,one\nb,two,extra\n", `count.csv:3: row has 3 fields, the header 2`},
		{"quote.csv", "id,text\na,one\nb,t\"wo\n", `quote.csv:3: malformed CSV: bare " in non-quoted-field`},
		{"dupcol.csv", "id,text,text\na,b,c\n", `dupcol.csv:1: header: key "text" appears twice`},
		{"casecol.csv", "id,Text\na,b\n", `casecol.csv:1: header: key "Text" is not "text"`},
		{"noname.csv", "id,,text\na,b,c\n", `noname.csv:1: column 2 of the header has no name`},
		{"notext.csv", "id,body\na,b\n", `notext.csv:2: no text: the record has no field "text" (its fields: body, id); name the text field with --text-field`},
	} {
		p := writeFile(t, dir, tc.name, tc.content)
		_, _, err := readAll(t, Options{}, p)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %s", tc.name, err, tc.want)
		}
	}
	p := writeFile(t, dir, "bad.csv", "id,text\na,one\nb,t\xffo\nc,three\n")
	got, r, err := readAll(t, Options{SkipBad: true}, p)
	if err != nil || len(got) != 2 || len(r.Skipped) != 1 || !strings.Contains(r.Skipped[0].Error(), `bad.csv:3: invalid UTF-8 in column "text"`) {
		t.Errorf("err %v, %d articles, skipped %v", err, len(got), r.Skipped)
	}
	// An unclosed quote does not pull the rest of the file into memory.
	p = writeFile(t, dir, "open.csv", "id,text\na,\"never closed\n"+strings.Repeat("more text\n", 5000))
	_, _, err = readAll(t, Options{MaxRecordBytes: 1024}, p)
	if err == nil || !strings.Contains(err.Error(), "open.csv:2: record longer than 1024 bytes (an unclosed quote?); the rest of the file is not read") {
		t.Errorf("unclosed quote: err = %v", err)
	}
}

// A zstd stream cut short says the file is truncated.
func TestZstdTruncated(t *testing.T) {
	dir := t.TempDir()
	var content strings.Builder
	for i := 0; i < 2000; i++ {
		content.WriteString(`{"id":"` + strings.Repeat("i", 1+i%7) + string(rune('a'+i%26)) + `-` + strings.Repeat("z", i%5) + `","text":"` + text(i) + `"}` + "\n")
	}
	p := filepath.Join(dir, "c.jsonl.zst")
	writeZstd(t, p, content.String())
	data, _ := os.ReadFile(p)
	os.WriteFile(p, data[:len(data)/2], 0o644)
	_, _, err := readAll(t, Options{SkipBad: true}, p)
	_ = err
	_, r, _ := readAll(t, Options{SkipBad: true}, p)
	found := false
	for _, e := range r.Skipped {
		if strings.Contains(e.Reason, "the compressed stream ends early: the file is truncated") {
			found = true
		}
	}
	if !found {
		t.Errorf("no truncation reported: %v", r.Skipped)
	}
}

// --input-format reads a file whatever its name; an unknown format is an
// error.
func TestInputFormatOverride(t *testing.T) {
	p := writeFile(t, t.TempDir(), "export.txt", "id,text\na,one\n")
	got, _, err := readAll(t, Options{Format: "csv"}, p)
	if err != nil || len(got) != 1 || got[0].Text != "one" {
		t.Errorf("err %v, %v", err, summarise(got))
	}
	if _, _, err := readAll(t, Options{Format: "xml"}, p); err == nil || !strings.Contains(err.Error(), `unknown input format "xml"`) {
		t.Errorf("err = %v", err)
	}
}

// Links out of a directory input are read only with FollowSymlinks.
func TestFollowSymlinks(t *testing.T) {
	outside := t.TempDir()
	writeFile(t, outside, "secret.txt", "a text outside the tree")
	os.MkdirAll(filepath.Join(outside, "more", "o"), 0o755)
	writeFile(t, filepath.Join(outside, "more", "o"), "x.txt", "a text in a linked directory")
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "o"), 0o755)
	writeFile(t, filepath.Join(root, "o"), "in.txt", "a text inside")
	if err := os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(root, "o", "link.txt")); err != nil {
		t.Skip(err)
	}
	os.Symlink(filepath.Join(outside, "more"), filepath.Join(root, "dirlink"))
	got, r, err := readAll(t, Options{}, root)
	if err != nil || len(got) != 1 || len(r.Irregular) != 2 {
		t.Errorf("without the flag: err %v, articles %v, irregular %v", err, ids(got), r.Irregular)
	}
	got, _, err = readAll(t, Options{FollowSymlinks: true}, root)
	if err != nil || strings.Join(ids(got), " ") != "dirlink/o/x.txt o/in.txt o/link.txt" {
		t.Errorf("with the flag: err %v, articles %v", err, ids(got))
	}
}
