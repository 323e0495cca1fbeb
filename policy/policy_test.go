package policy

import (
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/provenance"
	"github.com/wiretrace/wiretrace/report"
)

func member(id, outlet, verdict string) report.Member {
	return report.Member{ID: id, Outlet: outlet, Similarity: report.Similarity{Jaccard: 0.9, Containment: 0.9},
		Attribution: report.Attribution{Verdict: provenance.Verdict(verdict)}}
}

func TestKeysIgnoreClusterNumbers(t *testing.T) {
	rule := Config{Uncredited: &UncreditedRule{}}
	a := &report.Report{Documents: 3, Clusters: []report.Cluster{{ID: "c001", Origin: report.Origin{Outlet: "Reuters"},
		Members: []report.Member{member("w", "Reuters", "origin"), member("x", "site", "uncredited")}}}}
	// The same finding after unrelated stories were added ahead of it.
	b := &report.Report{Documents: 9, Clusters: []report.Cluster{
		{ID: "c001", Origin: report.Origin{Outlet: "AFP"}, Members: []report.Member{member("o", "AFP", "origin"), member("p", "x", "credits-origin")}},
		{ID: "c002", Origin: report.Origin{Outlet: "Reuters"}, Members: []report.Member{member("w", "Reuters", "origin"), member("x", "site", "uncredited")}}}}
	reg := credit.DefaultRegistry()
	fa, fb := Evaluate(rule, a, reg, nil), Evaluate(rule, b, reg, nil)
	if len(fa) != 1 || len(fb) != 1 || fa[0].Key != fb[0].Key {
		t.Fatalf("keys differ: %v / %v", fa, fb)
	}
	fresh, accepted, stale := NewBaseline(fa).Apply(fb)
	if len(fresh) != 0 || len(accepted) != 1 || len(stale) != 0 {
		t.Errorf("baseline: %d new, %d accepted, %d stale", len(fresh), len(accepted), len(stale))
	}
}

func TestLoadErrors(t *testing.T) {
	for in, want := range map[string]string{
		"policies:\n  colour: red\n":                          "x.yaml:2: unknown setting colour",
		"policies:\n  max_duplicate_share: 2\n":               "max_duplicate_share 2",
		"policies:\n  uncredited:\n    verdicts: [rude]\n":    `"rude" is not a verdict`,
		"policies:\n  uncredited:\n    watch_kinds: [blog]\n": `watch_kinds: "blog"`,
		"threshold: [1]\n":                                    "x.yaml:1:",
	} {
		_, err := Load(strings.NewReader(in), "x.yaml")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Load(%q) = %v, want %q", in, err, want)
		}
	}
}

func TestUnknownSettingSuggests(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"treshold: 0.5\n", "unknown setting treshold (did you mean threshold?)"},
		{"policies:\n  uncredited:\n    watch_outlet: [Reuters]\n", "unknown setting watch_outlet (did you mean watch_outlets?)"},
		{"colour: red\n", "unknown setting colour (see docs/check.md)"},
	} {
		_, err := Load(strings.NewReader(c.yaml), "w.yaml")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want it to contain %q", c.yaml, err, c.want)
		}
	}
}
