package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/wiretrace/wiretrace/corpus/corpustest"
)

// TestInputScripts runs the scripts of testdata/script/input, which write
// Parquet and zstd inputs with commands of their own (parquet, zstd).
func TestInputScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script/input",
		UpdateScripts: *updateScripts,
		Cmds:          inputScriptCmds,
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "1")
			return nil
		},
	})
}

// inputScriptCmds write binary inputs in scripts.
var inputScriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"parquet":    cmdParquet,
	"zstd":       cmdZstd,
	"gzip":       cmdGzip,
	"writebytes": cmdWriteBytes,
}

// cmdParquet writes the records of a JSON Lines file as Parquet: parquet
// SRC.jsonl DST.parquet [ROWS-PER-GROUP].
func cmdParquet(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 || len(args) > 3 {
		ts.Fatalf("usage: parquet SRC.jsonl DST.parquet [ROWS-PER-GROUP]")
	}
	recs, err := decodeJSONL(strings.NewReader(ts.ReadFile(args[0])))
	ts.Check(err)
	rows := 0
	if len(args) == 3 {
		if _, err := json.Number(args[2]).Int64(); err != nil {
			ts.Fatalf("rows per group: %v", err)
		}
		n, _ := json.Number(args[2]).Int64()
		rows = int(n)
	}
	var b bytes.Buffer
	ts.Check(corpustest.Parquet(&b, recs, rows))
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), b.Bytes(), 0o644))
}

// cmdZstd compresses a file: zstd SRC DST.
func cmdZstd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: zstd SRC DST")
	}
	var b bytes.Buffer
	ts.Check(corpustest.Zstd(&b, strings.NewReader(ts.ReadFile(args[0]))))
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), b.Bytes(), 0o644))
}

func decodeJSONL(r interface{ Read([]byte) (int, error) }) ([]map[string]any, error) {
	var out []map[string]any
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.UseNumber()
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, sc.Err()
}

// writeCSV writes records as CSV, one column per field of any record.
func writeCSV(t *testing.T, path string, recs []map[string]any) {
	cols := map[string]bool{}
	for _, r := range recs {
		for k := range r {
			cols[k] = true
		}
	}
	var header []string
	for k := range cols {
		header = append(header, k)
	}
	sort.Strings(header)
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(header)
	for _, r := range recs {
		row := make([]string, len(header))
		for i, k := range header {
			switch v := r[k].(type) {
			case nil:
			case string:
				row[i] = v
			default:
				t.Fatalf("field %q: %T in a generated record", k, v)
			}
		}
		w.Write(row)
	}
	w.Flush()
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

var sourcePos = regexp.MustCompile(`"source": \{\n\s*"file": "[^"]*",\n\s*"line": \d+\n\s*\}`)

// TestFormatsGiveOneReport reads one generated corpus as JSON Lines, CSV,
// Parquet and .jsonl.zst: the JSON reports are byte-identical apart from
// the source positions.
func TestFormatsGiveOneReport(t *testing.T) {
	dir := t.TempDir()
	jsonl := filepath.Join(dir, "corpus.jsonl")
	ios, _, errb := testStreams()
	if code := run([]string{"gen", "--stories", "40", "-o", jsonl}, ios); code != 0 {
		t.Fatalf("gen: exit %d: %s", code, errb)
	}
	data, err := os.ReadFile(jsonl)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := decodeJSONL(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	writeCSV(t, filepath.Join(dir, "corpus.csv"), recs)
	var pq bytes.Buffer
	if err := corpustest.Parquet(&pq, recs, 100); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "corpus.parquet"), pq.Bytes(), 0o644)
	var zst bytes.Buffer
	if err := corpustest.Zstd(&zst, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "corpus.jsonl.zst"), zst.Bytes(), 0o644)

	reports := map[string]string{}
	for _, name := range []string{"corpus.jsonl", "corpus.csv", "corpus.parquet", "corpus.jsonl.zst"} {
		ios, out, errb := testStreams()
		if code := run([]string{"scan", "--format", "json", "--workers", "2", filepath.Join(dir, name)}, ios); code != 0 {
			t.Fatalf("scan %s: exit %d: %s", name, code, errb)
		}
		rep := sourcePos.ReplaceAllString(out.String(), `"source": {}`)
		if n := strings.Count(out.String(), `"source": {`); n == 0 || n != strings.Count(rep, `"source": {}`) {
			t.Fatalf("%s: %d sources, not all replaced", name, n)
		}
		reports[name] = rep
	}
	if !strings.Contains(reports["corpus.jsonl"], `"documents": `+itoa(len(recs))) {
		t.Fatalf("the JSON Lines report does not hold all %d articles", len(recs))
	}
	for name, rep := range reports {
		if rep != reports["corpus.jsonl"] {
			t.Errorf("%s gives another report than corpus.jsonl:\n%s", name, firstDiff(reports["corpus.jsonl"], rep))
		}
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func testStreams() (*streams, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &streams{In: strings.NewReader(""), Out: &out, Err: &errb}, &out, &errb
}

// firstDiff shows the first line where two texts differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "line " + itoa(i+1) + ":\n- " + al[i] + "\n+ " + bl[i]
		}
	}
	return "lengths differ"
}
