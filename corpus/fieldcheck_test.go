package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const absentJSONL = `{"id":"a1","meta":{"source":"sputnik"},"datum":"2016-11-28","text":"one"}
{"id":"a2","datum":"2016-11-29","text":"two"}
{"id":"a3","meta":{"source":"qna"},"datum":null,"text":"three"}
`

// A field named for a part that no record of an input has is an error
// naming the input and the field; one some records lack is a warning.
// Wiretrace's own shape (the fast path) and mapped fields, JSON Lines,
// CSV and Parquet, one worker or several, say the same.
func TestAbsentFields(t *testing.T) {
	dir := t.TempDir()
	jl := filepath.Join(dir, "in.jsonl")
	os.WriteFile(jl, []byte(absentJSONL), 0o644)
	pq := filepath.Join(dir, "in.parquet")
	writeParquet(t, pq, absentJSONL, 2)
	for _, in := range []string{jl, pq} {
		for _, workers := range []int{1, 3} {
			_, _, err := readAll(t, Options{Workers: workers, Fields: Fields{Outlet: "meta.sorce"}}, in)
			var re *RecordError
			if !errors.As(err, &re) || re.Pos.File != in || re.Pos.Line != 0 ||
				!strings.Contains(re.Reason, `no record has the field "meta.sorce" (--outlet-field)`) || !strings.Contains(re.Reason, `did you mean "meta.source"?`) {
				t.Errorf("%s: err = %v, want no record has the field", in, err)
			}
			// Not a bad record: --skip-bad does not pass over it.
			_, _, err = readAll(t, Options{SkipBad: true, Workers: workers, Fields: Fields{Published: "date"}, FieldSources: map[string]string{"published": "published_field in x.yaml"}}, in)
			if !errors.Is(err, ErrFieldAbsent) || !strings.Contains(err.Error(), `no record has the field "date" (published_field in x.yaml)`) {
				t.Errorf("%s: err = %v", in, err)
			}
			_, rd, err := readAll(t, Options{Workers: workers, Fields: Fields{Outlet: "meta.source", Published: "datum"}}, in)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range rd.FieldWarnings {
				got = append(got, w.Error())
			}
			want := []string{
				in + `: 1 of 3 records have no field "meta.source" (--outlet-field), the first at ` + in + `:2: their outlet is empty`,
				in + `: 1 of 3 records have no field "datum" (--published-field), the first at ` + in + `:3: they have no date`,
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s, %d workers: warnings (-want +got):\n%s", in, workers, diff)
			}
		}
	}
}

// The default outlet field absent from every record is a warning; the
// default date field only when a field looks like a date.
func TestAbsentDefaultFields(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "in.csv")
	os.WriteFile(csv, []byte("id,source,date,text\ns1,sputnik,2016-11-28,one\ns2,qna,,two\n"), 0o644)
	plain := filepath.Join(dir, "plain.jsonl")
	os.WriteFile(plain, []byte(`{"id":"p1","outlet":"qna","text":"one"}`+"\n"), 0o644)
	_, rd, err := readAll(t, Options{}, csv, plain)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range rd.FieldWarnings {
		got = append(got, w.Error())
	}
	want := []string{
		csv + `: no record has the field "outlet", so every article's outlet is empty; name the field that holds it with --outlet-field (the first record has: date, id, source, text)`,
		csv + `: no record has the field "published", so no article has a date; if "date" holds it, name it with --published-field date`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	// A text tree has no fields to miss.
	tree := filepath.Join(dir, "tree", "qna")
	os.MkdirAll(tree, 0o755)
	os.WriteFile(filepath.Join(tree, "a.txt"), []byte("text\n"), 0o644)
	if _, rd, err := readAll(t, Options{Fields: Fields{Outlet: "src"}}, filepath.Dir(tree)); err != nil || len(rd.FieldWarnings) > 0 {
		t.Errorf("text tree: err %v, warnings %v", err, rd.FieldWarnings)
	}
}
