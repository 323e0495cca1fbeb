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

func TestProvenanceRules(t *testing.T) {
	// Story s: origin o; a and b are verbatim copies of o; c copies a.
	// The report names b as c's parent (identical text: right), x as d's
	// (wrong), reads a false friend of d as a credit, and misses a's
	// byline credit.
	truth := truthOf(t,
		`{"id":"o","story":"s","parent":null,"origin_doc":"o","origin_outlet":"SPA","kind":"full","verdict":"origin","credits":[],"traits":["crawl-late"]}`,
		`{"id":"a","story":"s","parent":"o","origin_doc":"o","origin_outlet":"SPA","kind":"full","verdict":"credits-origin","credits":["SPA"],`+
			`"mentions":[{"outlet":"SPA","text":"Riyadh - SPA","form":"byline","lang":"en","where":"author","credit":true}],"traits":["byline-credit"]}`,
		`{"id":"b","story":"s","parent":"o","origin_doc":"o","origin_outlet":"SPA","kind":"full","verdict":"uncredited","credits":[],"parent_equivalents":["a"]}`,
		`{"id":"c","story":"s","parent":"a","origin_doc":"o","origin_outlet":"SPA","kind":"full","verdict":"credits-origin","credits":["SPA"],"parent_equivalents":["b"],`+
			`"mentions":[{"outlet":"SPA","text":"(واس)","form":"tag","lang":"ar","where":"text","credit":true,"inherited":true}],"traits":["inherited-credit"]}`,
		`{"id":"d","story":"s","parent":"c","origin_doc":"o","origin_outlet":"SPA","kind":"full","verdict":"uncredited","credits":[],"parent_equivalents":["b"],"parent_indistinct":["b","x"],`+
			`"mentions":[{"outlet":"BBC","text":"بی سی بی کے مطابق","form":"false-friend","lang":"ur","where":"text","credit":false}],"traits":["false-friend"]}`,
		`{"id":"x","story":"x","parent":null,"origin_doc":"x","origin_outlet":"gulfpost","kind":"full","verdict":"origin","credits":[]}`)
	rep, err := ReadReport(strings.NewReader(`{"schema":"wiretrace/report/v1","clusters":[
		{"id":"c1","origin":{"doc":"o","outlet":"SPA"},"members":[
		 {"id":"o","kind":"full","parent":null,"attribution":{"verdict":"origin","credits":[]}},
		 {"id":"a","kind":"full","parent":"o","attribution":{"verdict":"uncredited","credits":[]}},
		 {"id":"b","kind":"full","parent":"o","attribution":{"verdict":"uncredited","credits":[]}},
		 {"id":"c","kind":"full","parent":"b","attribution":{"verdict":"credits-origin","credits":["SPA"]}},
		 {"id":"d","kind":"full","parent":"x","attribution":{"verdict":"miscredited","credits":["BBC"]}}]}]}`), "r.json")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Score(rep, truth)
	if err != nil {
		t.Fatal(err)
	}
	if s.ParentAccuracy != 0.8 || s.ParentByEquivalence != 1 {
		t.Errorf("parent accuracy %.2f with %d by equivalence; want 0.8 (c's parent b is a's twin) and 1", s.ParentAccuracy, s.ParentByEquivalence)
	}
	if s.ParentAccuracyIndistinct != 1 {
		t.Errorf("text-indistinct parent accuracy %.2f, want 1 (x is indistinct from d's parent)", s.ParentAccuracyIndistinct)
	}
	if s.VerdictAccuracy != 0.6 || s.CreditPrecision != 0.5 || s.CreditRecall != 0.5 || s.OriginAccuracy != 1 {
		t.Errorf("verdict %.2f, credit P %.2f R %.2f, origin %.2f; want 0.6, 0.5, 0.5, 1", s.VerdictAccuracy, s.CreditPrecision, s.CreditRecall, s.OriginAccuracy)
	}
	if s.FalseFriendCredits != 1 {
		t.Errorf("false-friend credits %d, want 1", s.FalseFriendCredits)
	}
	want := map[string]Figures{
		"byline-credit":    {Articles: 1, Stories: 1, ParentAccuracy: 1, OriginAccuracy: 1, VerdictAccuracy: 0, CreditPrecision: 1, CreditRecall: 0},
		"inherited-credit": {Articles: 1, Stories: 1, ParentAccuracy: 1, OriginAccuracy: 1, VerdictAccuracy: 1, CreditPrecision: 1, CreditRecall: 1},
		"false-friend":     {Articles: 1, Stories: 1, ParentAccuracy: 0, OriginAccuracy: 1, VerdictAccuracy: 0, CreditPrecision: 0, CreditRecall: 1},
		"crawl-late":       {Articles: 1, Stories: 1, ParentAccuracy: 1, OriginAccuracy: 1, VerdictAccuracy: 1, CreditPrecision: 1, CreditRecall: 1},
	}
	if len(s.ByTrait) != len(want) {
		t.Errorf("traits %v, want %d", s.TraitNames(), len(want))
	}
	for tr, w := range want {
		if g := s.ByTrait[tr]; g == nil || *g != w {
			t.Errorf("%s: %+v, want %+v", tr, g, w)
		}
	}
	if r := s.CreditRecallByForm["byline/en"]; r == nil || r.Credits != 1 || r.Found != 0 {
		t.Errorf("byline/en recall %+v, want 0 of 1", r)
	}
	if r := s.CreditRecallByForm["tag/ar"]; r == nil || r.Credits != 1 || r.Found != 1 || r.Recall != 1 {
		t.Errorf("tag/ar recall %+v, want 1 of 1", r)
	}
	if len(s.CreditRecallByForm) != 2 {
		t.Errorf("forms %v", s.FormNames())
	}
}

func TestIndistinctFromMissingOrigin(t *testing.T) {
	// Story s lost its origin. a and b pasted it (no parent in the
	// corpus), their text is the original's; c copies a, d edited the
	// original, e copies d. In parent_indistinct "" means no in-corpus
	// parent.
	truth := truthOf(t,
		`{"id":"a","story":"s","parent":null,"origin_doc":null,"origin_outlet":"TASS","kind":"full","verdict":"uncredited","credits":[],"parent_indistinct":["b"]}`,
		`{"id":"b","story":"s","parent":null,"origin_doc":null,"origin_outlet":"TASS","kind":"full","verdict":"uncredited","credits":[],"parent_indistinct":["a"]}`,
		`{"id":"c","story":"s","parent":"a","origin_doc":null,"origin_outlet":"TASS","kind":"full","verdict":"uncredited","credits":[],"parent_equivalents":["b"],"parent_indistinct":["","b"]}`,
		`{"id":"d","story":"s","parent":null,"origin_doc":null,"origin_outlet":"TASS","kind":"full","verdict":"uncredited","credits":[],"parent_indistinct":["a","b"]}`,
		`{"id":"e","story":"s","parent":"d","origin_doc":null,"origin_outlet":"TASS","kind":"full","verdict":"uncredited","credits":[]}`)
	// The report names b as a's parent (indistinct), none for c
	// (indistinct: ""), none for b and d (right), none for e (wrong: e's
	// text carries d's edits).
	rep, err := ReadReport(strings.NewReader(`{"schema":"wiretrace/report/v1","clusters":[
		{"id":"c1","origin":{"doc":null,"outlet":"TASS"},"members":[
		 {"id":"a","kind":"full","parent":"b","attribution":{"verdict":"uncredited","credits":[]}},
		 {"id":"b","kind":"full","parent":null,"attribution":{"verdict":"uncredited","credits":[]}},
		 {"id":"c","kind":"full","parent":null,"attribution":{"verdict":"uncredited","credits":[]}},
		 {"id":"d","kind":"full","parent":null,"attribution":{"verdict":"uncredited","credits":[]}},
		 {"id":"e","kind":"full","parent":null,"attribution":{"verdict":"uncredited","credits":[]}}]}]}`), "r.json")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Score(rep, truth)
	if err != nil {
		t.Fatal(err)
	}
	if s.ParentAccuracy != 0.4 || s.ParentByEquivalence != 0 {
		t.Errorf("parent accuracy %.2f with %d by equivalence; want 0.4 (b and d) and 0: \"\" counts only in the lenient figure",
			s.ParentAccuracy, s.ParentByEquivalence)
	}
	if s.ParentAccuracyIndistinct != 0.8 {
		t.Errorf("text-indistinct parent accuracy %.2f, want 0.8 (a: b is indistinct from the missing original; c: \"\" is listed; e wrong)",
			s.ParentAccuracyIndistinct)
	}
}
