package eval

import (
	"math"
	"strings"
	"testing"
)

func truthOf(t *testing.T, lines ...string) []Truth {
	t.Helper()
	tr, err := ReadTruth(strings.NewReader(strings.Join(lines, "\n")), "truth.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestPairScores(t *testing.T) {
	truth := truthOf(t,
		`{"id":"a","story":"s1"}`, `{"id":"b","story":"s1"}`, `{"id":"c","story":"s1"}`,
		`{"id":"d","story":"s2"}`, `{"id":"e","story":"s2"}`, `{"id":"f","story":"f"}`)
	tests := []struct {
		name          string
		pred          map[string]string
		ari, prec, rc float64
	}{
		{"perfect", map[string]string{"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"}, 1, 1, 1},
		{"nothing found", map[string]string{}, 0, 1, 0},
		// Pairs: truth {ab ac bc de}; predicted {ab de}: precision 1, recall
		// 0.5. ARI by hand: index 2, expected 4*2/15, maximum (4+2)/2, so
		// (2-8/15)/(3-8/15) = 22/37.
		{"half the pairs", map[string]string{"a": "1", "b": "1", "d": "2", "e": "2"}, 22.0 / 37, 1, 0.5},
		// Everything merged: 15 predicted pairs, 4 right.
		{"all merged", map[string]string{"a": "x", "b": "x", "c": "x", "d": "x", "e": "x", "f": "x"}, 0, 4.0 / 15, 1},
	}
	for _, tc := range tests {
		ari, p, r := pairScores(truth, tc.pred)
		if math.Abs(ari-tc.ari) > 1e-3 || math.Abs(p-tc.prec) > 1e-9 || math.Abs(r-tc.rc) > 1e-9 {
			t.Errorf("%s: ari %.4f p %.4f r %.4f; want %.4f %.4f %.4f", tc.name, ari, p, r, tc.ari, tc.prec, tc.rc)
		}
	}
}

func TestReadTruthErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"id":"a","story":"s"}` + "\n" + `{"id":"a","story":"s"}`, `truth.jsonl:2: duplicate id "a" (first on line 1)`},
		{`{"id":"a"}`, `truth.jsonl:1: a label needs id and story`},
		{`{"id":`, `truth.jsonl:1: malformed JSON`},
	} {
		_, err := ReadTruth(strings.NewReader(tc.in), "truth.jsonl")
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("ReadTruth(%q) = %v, want %q", tc.in, err, tc.want)
		}
	}
}

func TestStoriesOf(t *testing.T) {
	truth := truthOf(t,
		`{"id":"a","story":"s1"}`, `{"id":"b","story":"s1"}`,
		`{"id":"d","story":"s2"}`, `{"id":"e","story":"s2"}`, `{"id":"f","story":"f"}`)
	rep, err := ReadReport(strings.NewReader(`{"schema":"wiretrace/report/v1","clusters":[
		{"id":"c1","members":[{"id":"a","kind":"full"},{"id":"b","kind":"full"}]},
		{"id":"c2","members":[{"id":"d","kind":"full"},{"id":"e","kind":"full"},{"id":"f","kind":"partial"}]}]}`), "r.json")
	if err != nil {
		t.Fatal(err)
	}
	r, tr := StoriesOf(rep, truth, []string{"b"})
	if len(tr) != 2 || tr[0].ID != "a" || tr[1].ID != "b" {
		t.Fatalf("truth kept: %+v, want the story of b (a, b)", tr)
	}
	if len(r.Clusters) != 1 || r.Clusters[0].ID != "c1" {
		t.Fatalf("clusters kept: %+v, want c1 only", r.Clusters)
	}
	if len(rep.Clusters[1].Members) != 3 {
		t.Error("StoriesOf changed the report it was given")
	}
	s, err := Score(r, tr)
	if err != nil || s.Articles != 2 || s.ARI != 1 {
		t.Errorf("score of the narrowed report: %+v, %v", s, err)
	}
}
