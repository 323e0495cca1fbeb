package policy

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/report"
)

func TestUnknownOutlets(t *testing.T) {
	c := Config{Uncredited: &UncreditedRule{WatchOutlets: []string{"Sputnk", "sputniknews.com", "portwatch", " portwatch ", "Portwatch"}},
		Ignore: Ignore{Outlets: []string{"Gulf News", "gulfnewz"}}}
	got := c.UnknownOutlets(credit.DefaultRegistry(), []string{"portwatch", "sputnik"})
	want := []UnknownOutlet{
		{"uncredited.watch_outlets", "Sputnk"},
		{"uncredited.watch_outlets", "Portwatch"},
		{"ignore.outlets", "gulfnewz"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("unknown outlets (-want +got):\n%s", diff)
	}
}

// An ignored outlet is matched by any of its registry names, as a watched
// one is.
func TestIgnoreOutletByRegistryName(t *testing.T) {
	r := &report.Report{Documents: 2, Clusters: []report.Cluster{{ID: "c001", Origin: report.Origin{Outlet: "Reuters"},
		Members: []report.Member{member("w", "reuters", "origin"), member("x", "gulfnews", "uncredited")}}}}
	reg := credit.DefaultRegistry()
	for ignore, want := range map[string]int{"": 1, "gulfnews": 0, "Gulf News": 0, "Sputnik": 1} {
		c := Config{Uncredited: &UncreditedRule{}}
		if ignore != "" {
			c.Ignore.Outlets = []string{ignore}
		}
		if got := len(Evaluate(c, r, reg, nil)); got != want {
			t.Errorf("ignore %q: %d findings, want %d", ignore, got, want)
		}
	}
}
