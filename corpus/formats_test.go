package corpus

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wiretrace/wiretrace/corpus/corpustest"
)

// decodeRecords reads JSON Lines into maps, numbers kept as json.Number.
func decodeRecords(t testing.TB, jsonl string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(jsonl), "\n") {
		dec := json.NewDecoder(strings.NewReader(line))
		dec.UseNumber()
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		out = append(out, m)
	}
	return out
}

func writeParquet(t testing.TB, path, jsonl string, rowsPerGroup int) {
	t.Helper()
	var b bytes.Buffer
	if err := corpustest.Parquet(&b, decodeRecords(t, jsonl), rowsPerGroup); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func writeZstd(t testing.TB, path, content string) {
	t.Helper()
	var b bytes.Buffer
	if err := corpustest.Zstd(&b, strings.NewReader(content)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// summary is what a test compares of an article.
type summary struct {
	ID, Outlet, Published, Title, URL, Text string
	Extra                                   string
	Pos                                     string
}

func summarise(arts []*Article) []summary {
	var out []summary
	for _, a := range arts {
		extra, _ := json.Marshal(a.Extra)
		if a.Extra == nil {
			extra = nil
		}
		out = append(out, summary{a.ID, a.Outlet, a.Published, a.Title, a.URL, a.Text, string(extra), a.Pos.String()})
	}
	return out
}

const mappedJSONL = `{"doc_id":17,"content":"first text","meta":{"source":"Reuters","lang":"en"},"date":"2016-11-28","headline":"One","link":"https://r.example/1","byline":{"name":"Jane Roe"}}
{"doc_id":"a2","content":"second text","meta":{"source":"QNA"},"date":"2016-11-29T10:00:00Z","headline":"Two","tag":"x"}
`

func TestFieldMapping(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "m.jsonl")
	os.WriteFile(p, []byte(mappedJSONL), 0o644)
	f := Fields{ID: "doc_id", Text: "content", Outlet: "meta.source", Published: "date", Title: "headline", URL: "link", Author: "byline"}
	got, _, err := readAll(t, Options{Fields: f}, p)
	if err != nil {
		t.Fatal(err)
	}
	want := []summary{
		{"17", "Reuters", "2016-11-28", "One", "https://r.example/1", "first text", `{"author":{"name":"Jane Roe"},"meta":{"lang":"en"}}`, p + ":1"},
		{"a2", "QNA", "2016-11-29T10:00:00Z", "Two", "", "second text", `{"tag":"x"}`, p + ":2"},
	}
	if diff := cmp.Diff(want, summarise(got)); diff != "" {
		t.Errorf("articles (-want +got):\n%s", diff)
	}
}

func TestMissingMappedText(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "m.jsonl")
	os.WriteFile(p, []byte(`{"id":"a","content":"the text","title":"t"}`+"\n"), 0o644)
	_, _, err := readAll(t, Options{}, p)
	if err == nil || !strings.Contains(err.Error(), `m.jsonl:1: no text: the record has no field "text" (its fields: content, id, title); name the text field with --text-field`) {
		t.Errorf("err = %v", err)
	}
	if err == nil || !strings.Contains(err.Error(), "--skip-bad") {
		t.Errorf("the error does not name --skip-bad: %v", err)
	}
}

func TestNumericIDs(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "n.jsonl")
	os.WriteFile(p, []byte(`{"id":42,"text":"a"}
{"id":-7,"text":"b"}
{"id":1e3,"text":"c"}
{"id":true,"text":"d"}
`), 0o644)
	got, r, err := readAll(t, Options{SkipBad: true}, p)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range got {
		ids = append(ids, a.ID)
	}
	if diff := cmp.Diff([]string{"42", "-7", "1000"}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if len(r.Skipped) != 1 || !strings.Contains(r.Skipped[0].Reason, `field "id" must be a string or a number`) {
		t.Errorf("skipped = %v", r.Skipped)
	}
}

func TestFormatsReadAlike(t *testing.T) {
	dir := t.TempDir()
	jsonl := `{"id":"a","outlet":"o","published":"2016-11-28","title":"T, \"quoted\"","text":"line one\nline two","author":"By X"}
{"id":"b","outlet":"p","text":"only text"}
`
	csv := "\ufeffid,outlet,published,title,text,author\r\n" +
		"a,o,2016-11-28,\"T, \"\"quoted\"\"\",\"line one\nline two\",By X\r\n" +
		"b,p,,,only text,\r\n"
	tsv := "id\toutlet\tpublished\ttitle\ttext\tauthor\n" +
		"a\to\t2016-11-28\tT, \"quoted\"\t\"line one\nline two\"\tBy X\n" +
		"b\tp\t\t\tonly text\t\n"
	os.WriteFile(filepath.Join(dir, "c.jsonl"), []byte(jsonl), 0o644)
	os.WriteFile(filepath.Join(dir, "c.csv"), []byte(csv), 0o644)
	os.WriteFile(filepath.Join(dir, "c.tsv"), []byte(tsv), 0o644)
	writeParquet(t, filepath.Join(dir, "c.parquet"), jsonl, 1)
	writeZstd(t, filepath.Join(dir, "c.jsonl.zst"), jsonl)
	writeZstd(t, filepath.Join(dir, "c.csv.zst"), csv)
	want, _, err := readAll(t, Options{}, filepath.Join(dir, "c.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	norm := func(s []summary) []summary {
		for i := range s {
			s[i].Pos = ""
		}
		return s
	}
	for _, name := range []string{"c.csv", "c.tsv", "c.parquet", "c.jsonl.zst", "c.csv.zst"} {
		got, _, err := readAll(t, Options{}, filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if diff := cmp.Diff(norm(summarise(want)), norm(summarise(got))); diff != "" {
			t.Errorf("%s reads otherwise than JSON Lines (-jsonl +%s):\n%s", name, name, diff)
		}
	}
	// Positions: CSV the line a row starts on, Parquet the row number.
	got, _, _ := readAll(t, Options{}, filepath.Join(dir, "c.csv"))
	if len(got) == 2 && (got[0].Pos.Line != 2 || got[1].Pos.Line != 4) {
		t.Errorf("CSV lines %d, %d; want 2, 4", got[0].Pos.Line, got[1].Pos.Line)
	}
	got, _, _ = readAll(t, Options{}, filepath.Join(dir, "c.parquet"))
	if len(got) == 2 && (got[0].Pos.Line != 1 || got[1].Pos.Line != 2) {
		t.Errorf("Parquet rows %d, %d; want 1, 2", got[0].Pos.Line, got[1].Pos.Line)
	}
}
