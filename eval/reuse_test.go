package eval

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// Story s (event ev): origin o; v verbatim, e edited, r rewritten, and an
// excerpt x of it. Story i is an independent report of ev. Story m lost
// its origin: its copies m1 (rewritten) and m2 (verbatim) have no parent.
func reuseTruth(t *testing.T) []Truth {
	return truthOf(t,
		`{"id":"o","story":"s","event":"ev","kind":"full","reuse":""}`,
		`{"id":"v","story":"s","event":"ev","parent":"o","kind":"full","reuse":"verbatim"}`,
		`{"id":"e","story":"s","event":"ev","parent":"o","kind":"full","reuse":"edited"}`,
		`{"id":"r","story":"s","event":"ev","parent":"v","kind":"full","reuse":"rewritten","traits":["rewritten","summary"]}`,
		`{"id":"x","story":"s","event":"ev","parent":"e","kind":"partial","reuse":"excerpt"}`,
		`{"id":"i","story":"i","event":"ev","kind":"full","reuse":""}`,
		`{"id":"m1","story":"m","kind":"full","reuse":"rewritten"}`,
		`{"id":"m2","story":"m","kind":"full","reuse":"verbatim"}`,
		`{"id":"z","story":"z","kind":"full"}`)
}

func score(t *testing.T, report string, truth []Truth) *Scores {
	t.Helper()
	rep, err := ReadReport(strings.NewReader(`{"schema":"wiretrace/report/v1","clusters":[`+report+`]}`), "r.json")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Score(rep, truth)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func wantReuse(t *testing.T, s *Scores, kind string, copies, linked int, prec float64) {
	t.Helper()
	f := s.ByReuse[kind]
	if f == nil {
		t.Fatalf("no figures for %s: %v", kind, s.ReuseNames())
	}
	if f.Copies != copies || f.Linked != linked {
		t.Errorf("%s: %d of %d linked, want %d of %d", kind, f.Linked, f.Copies, linked, copies)
	}
	switch {
	case prec < 0 && f.Precision != nil:
		t.Errorf("%s: precision %v without reuse fields", kind, *f.Precision)
	case prec >= 0 && (f.Precision == nil || *f.Precision != prec):
		t.Errorf("%s: precision %v, want %v", kind, f.Precision, prec)
	}
}

func TestReuseWithoutReuseField(t *testing.T) {
	// The rewritten r is left out; the excerpt x is a partial member
	// beside its parent e; the independent report i is quoted (partial);
	// m1 and m2 are together.
	s := score(t, `
		{"id":"c1","members":[{"id":"o","kind":"full"},{"id":"v","kind":"full"},{"id":"e","kind":"full"},
		 {"id":"x","kind":"partial"},{"id":"i","kind":"partial"}]},
		{"id":"c2","members":[{"id":"m1","kind":"full"},{"id":"m2","kind":"full"}]}`, reuseTruth(t))
	if s.ReportHasReuse {
		t.Error("report has no reuse field")
	}
	wantReuse(t, s, "verbatim", 2, 2, -1)
	wantReuse(t, s, "edited", 1, 1, -1)
	wantReuse(t, s, "rewritten", 2, 1, -1) // m1 with m2; r alone
	wantReuse(t, s, SummaryKey, 1, 0, -1)
	wantReuse(t, s, "excerpt", 1, 1, -1)
	if se := s.SameEvent; se == nil || *se != (SameEvent{Events: 1, Stories: 2, Merged: 0, Quoted: 1}) {
		t.Errorf("same event %+v", se)
	}
	var b bytes.Buffer
	if err := WriteText(&b, s); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "n/a (report has no reuse field)") || !strings.Contains(b.String(), "should be 0") {
		t.Errorf("text:\n%s", b.String())
	}
	j, _ := json.Marshal(s.ByReuse["verbatim"])
	if !strings.Contains(string(j), `"precision":null`) {
		t.Errorf("json %s", j)
	}
}

func TestReuseWithReuseField(t *testing.T) {
	// The independent report i is made a full member of s's cluster as
	// "rewritten": a false rewrite, and two stories of one event merged.
	// The excerpt x is a full member of a cluster of its own parent, so
	// linked (any membership counts). r is linked to v.
	s := score(t, `
		{"id":"c1","members":[{"id":"o","kind":"full","reuse":""},{"id":"v","kind":"full","reuse":"verbatim"},
		 {"id":"e","kind":"full","reuse":"verbatim"},{"id":"r","kind":"full","reuse":"rewritten"},
		 {"id":"i","kind":"full","reuse":"rewritten"},{"id":"x","kind":"full","reuse":"excerpt"}]},
		{"id":"c2","members":[{"id":"m1","kind":"full","reuse":""},{"id":"m2","kind":"full","reuse":"verbatim"}]},
		{"id":"c3","members":[{"id":"z","kind":"full","reuse":""},{"id":"m1","kind":"partial","reuse":"excerpt"}]}`, reuseTruth(t))
	if !s.ReportHasReuse {
		t.Fatal("report has reuse fields")
	}
	wantReuse(t, s, "verbatim", 2, 2, 1)    // v, e, m2 reported verbatim: all copies of their cluster's story
	wantReuse(t, s, "rewritten", 2, 2, 0.5) // r right, i wrong
	wantReuse(t, s, "excerpt", 1, 1, 0.5)   // x right; m1 in z's cluster wrong
	wantReuse(t, s, "edited", 1, 1, -1)     // none reported edited
	if got := s.ReuseConfusion["edited"]["verbatim"]; got != 1 {
		t.Errorf("confusion %v", s.ReuseConfusion)
	}
	if got := s.ReuseConfusion["rewritten"]["(none)"]; got != 1 { // m1 is reported with no reuse where it is full
		t.Errorf("confusion %v", s.ReuseConfusion)
	}
	// o, v, e, r, x's story s and i's story i are merged: the full
	// members of event ev with another story of it beside them (x is
	// partial in the truth and not counted).
	if se := s.SameEvent; se == nil || se.Merged != 5 || se.Quoted != 0 {
		t.Errorf("same event %+v", se)
	}
}
