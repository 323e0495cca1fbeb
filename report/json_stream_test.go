package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"runtime"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/match"
	"github.com/wiretrace/wiretrace/provenance"
	"github.com/wiretrace/wiretrace/synth"
)

// wholeJSON is how WriteJSON wrote a report before it streamed: the whole
// report marshalled by one encoder, then indented.
func wholeJSON(t *testing.T, r *Report) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func streamedJSON(t *testing.T, r *Report) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sameJSON fails unless WriteJSON writes want for r.
func sameJSON(t *testing.T, r *Report, want []byte) {
	t.Helper()
	if diff := cmp.Diff(string(want), string(streamedJSON(t, r))); diff != "" {
		t.Errorf("streamed JSON differs (-whole +streamed):\n%s", diff)
	}
}

// TestWriteJSONAsWholeEncoder: the streamed report is byte for byte what
// one encoder writes for the whole report, for reports with and without
// stories, lists, optional fields and characters HTML escaping would
// change, and the report read back from it writes the same bytes again.
func TestWriteJSONAsWholeEncoder(t *testing.T) {
	emptyBuilt := Build(&match.Result{}, &provenance.Result{}, match.DefaultOptions(), nil)
	lists := exampleReport(t)
	lists.Boilerplate = []Boilerplate{{Outlet: "*", Text: "Follow us on <X> & more", Docs: 12}}
	lists.Skipped = []Skipped{{File: "a.jsonl", Line: 3, Reason: "article has an empty text"}, {File: "a.jsonl", Line: 9, ID: "x", Reason: "bad time"}}
	lists.Warnings = []string{"one <warning>", "two & three"}
	lists.Index = &IndexSummary{New: 3, Indexed: 1000, Candidates: 12, InReport: 2}
	everything := filledReport()
	everything.Schema = Schema
	for name, r := range map[string]*Report{
		"example": exampleReport(t), "generated": generatedReport(t, 40, 3),
		"empty": {}, "empty built": emptyBuilt, "no members": {Schema: Schema, Clusters: []Cluster{{ID: "c1"}, {ID: "c2", Members: []Member{}}}},
		"hostile": hostileReport(), "lists and index": lists, "every field set": everything, "nil": nil,
	} {
		t.Run(name, func(t *testing.T) {
			want := wholeJSON(t, r)
			sameJSON(t, r, want)
			if r == nil || r.Schema != Schema {
				return
			}
			back, err := ReadJSON(bytes.NewReader(want))
			if err != nil {
				t.Fatal(err)
			}
			if r.Clusters != nil && r.Outlets != nil && r.Boilerplate != nil && r.Skipped != nil && r.Warnings != nil {
				sameJSON(t, back, want)
			}
		})
	}
}

// TestWriteJSONWritesEveryField: a report with every field of every
// record set (by reflection, so a new field is set too) is written as
// json.Marshal writes it, re-indented. WriteJSON lists the fields of
// Report and Cluster itself; this fails when one is added there and not
// in writeReportJSON.
func TestWriteJSONWritesEveryField(t *testing.T) {
	r := filledReport()
	whole, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := json.Indent(&want, whole, "", "  "); err != nil {
		t.Fatal(err)
	}
	want.WriteByte('\n')
	sameJSON(t, r, want.Bytes())
}

// filledReport is a report with every field set, two elements in every
// list and map; strings are plain, so that json.Marshal's HTML escaping
// does not matter.
func filledReport() *Report {
	r := &Report{}
	n := 0
	fill(reflect.ValueOf(r).Elem(), &n)
	return r
}

func fill(v reflect.Value, n *int) {
	*n++
	if v.Type() == reflect.TypeFor[json.RawMessage]() {
		v.SetBytes([]byte(fmt.Sprintf(`{"raw": [%d, "r"]}`, *n)))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d", *n))
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(*n))
	case reflect.Uint64:
		v.SetUint(uint64(*n))
	case reflect.Float64:
		v.SetFloat(float64(*n) / 7)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() { // JSON writes only these
				fill(v.Field(i), n)
			}
		}
	case reflect.Array, reflect.Slice:
		if v.Kind() == reflect.Slice {
			v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		}
		for i := 0; i < v.Len(); i++ {
			fill(v.Index(i), n)
		}
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		for range 2 {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(k, n)
			fill(e, n)
			v.SetMapIndex(k, e)
		}
	default:
		panic("fill: no value for " + v.Type().String())
	}
}

// FuzzIndentCompact: indentCompact indents compact JSON as json.Indent
// does, at any depth.
func FuzzIndentCompact(f *testing.F) {
	for _, seed := range []string{`{}`, `[]`, `{"a":[],"b":{},"c":[1,{"d":null}]}`, `"x"`, `[true,false,-1.5e3]`,
		`{"q\"":"a\\","b":"\\\"]}","c":"{[,:]}"}`, `{"e":"\u003c\n"}`, `[[[[]]],[{}]]`} {
		f.Add([]byte(seed), 0)
		f.Add([]byte(seed), 2)
	}
	f.Fuzz(func(t *testing.T, src []byte, depth int) {
		depth = max(0, min(depth, 8))
		var compact bytes.Buffer
		if json.Compact(&compact, src) != nil {
			return
		}
		var want bytes.Buffer
		if err := json.Indent(&want, compact.Bytes(), string(appendLineBreak(nil, depth)[1:]), "  "); err != nil {
			t.Fatal(err)
		}
		if got := indentCompact(nil, compact.Bytes(), depth); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("indentCompact(%q, %d) = %q, want %q", compact.Bytes(), depth, got, want.Bytes())
		}
	})
}

type failingWriter struct{ after int }

func (f *failingWriter) Write(p []byte) (int, error) {
	if f.after -= len(p); f.after < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

// TestWriteJSONErrors: a failed write and a value that cannot be
// marshalled are reported.
func TestWriteJSONErrors(t *testing.T) {
	r := replicate(exampleReport(t), 200)
	if err := WriteJSON(&failingWriter{after: 100 << 10}, r); err == nil || err.Error() != "disk full" {
		t.Errorf("write error: %v, want disk full", err)
	}
	bad := exampleReport(t)
	bad.Clusters[1].Members[0].Extra = map[string]json.RawMessage{"x": json.RawMessage("{")}
	if err := WriteJSON(io.Discard, bad); err == nil {
		t.Error("no error for an invalid raw field")
	}
}

// TestWriteJSONMemory: writing a report allocates a small share of its
// size, not the copies of the whole report the encoder held.
func TestWriteJSONMemory(t *testing.T) {
	if raceEnabled {
		t.Skip("allocations are not measurable under the race detector")
	}
	r := replicate(exampleReport(t), 5000)
	var cw countingWriter
	if err := WriteJSON(&cw, r); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if err := WriteJSON(io.Discard, r); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	if alloc > uint64(cw)/8 {
		t.Errorf("writing %d bytes allocated %d bytes", cw, alloc)
	}
	t.Logf("writing %d bytes allocated %d bytes", cw, alloc)
}

// generatedReport builds the report of a generated corpus of the given
// story families, with metadata and input positions as a scan has them.
func generatedReport(tb testing.TB, families int, seed uint64) *Report {
	tb.Helper()
	return scanReport(tb, nil, func(add func(*corpus.Article) error) ([]*corpus.RecordError, error) {
		line := 0
		return nil, synth.Generate(synth.DefaultConfig(families, seed), func(a synth.Article, _ synth.Truth) error {
			line++
			tm, p, err := corpus.ParseTime(a.Published)
			if err != nil {
				return err
			}
			return add(&corpus.Article{ID: a.ID, Outlet: a.Outlet, Published: a.Published, Time: tm, Precision: p,
				Title: a.Title, Text: a.Text, Extra: a.Meta(), Pos: corpus.Position{File: "generated.jsonl", Line: line}})
		})
	})
}

// replicate returns a report with the stories of r repeated until it holds
// at least members members; the copies share their members with the
// originals and get story ids of their own.
func replicate(r *Report, members int) *Report {
	out := *r
	out.Clusters = nil
	n := 0
	for copy := 0; n < members; copy++ {
		for _, c := range r.Clusters {
			c.ID = fmt.Sprintf("%s-%d", c.ID, copy)
			out.Clusters = append(out.Clusters, c)
			n += len(c.Members)
		}
	}
	out.Documents = n
	return &out
}

// BenchmarkWriteJSON writes the JSON report of 100,000 story members
// (WIRETRACE_BENCH_MEMBERS to change it): the stories of a generated corpus
// of 300 families, repeated.
func BenchmarkWriteJSON(b *testing.B) {
	members := 100000
	if v, err := strconv.Atoi(os.Getenv("WIRETRACE_BENCH_MEMBERS")); err == nil && v > 0 {
		members = v
	}
	rep := replicate(generatedReport(b, 300, 7), members)
	var cw countingWriter
	if err := WriteJSON(&cw, rep); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := WriteJSON(io.Discard, rep); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cw), "report-bytes")
}

type countingWriter int64

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}
