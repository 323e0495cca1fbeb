package provenance

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/match"
	"github.com/wiretrace/wiretrace/synth"
)

type row struct {
	ID, Parent, Verdict, Credits, Flags string
}

// analyze scans articles and returns one row per member of every cluster,
// plus each cluster's origin.
func analyze(t *testing.T, arts []*corpus.Article) ([]row, []string) {
	t.Helper()
	reg := credit.DefaultRegistry()
	s, err := match.NewScanner(match.DefaultOptions(), func(a *corpus.Article) []credit.Mention { return reg.Extract(a.Text) })
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		tm, p, err := corpus.ParseTime(a.Published)
		if err != nil {
			t.Fatal(err)
		}
		a.Time, a.Precision = tm, p
		if err := s.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	res, err := s.Finish(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	prov := Analyze(res, reg, 2)
	var rows []row
	var origins []string
	for ci, c := range res.Clusters {
		pc := prov.Clusters[ci]
		origin := pc.Origin.Outlet
		if pc.Origin.Doc >= 0 {
			origin += ":" + res.Docs[pc.Origin.Doc].ID
		}
		origins = append(origins, origin)
		for mi, m := range c.Members {
			pm := pc.Members[mi]
			r := row{ID: res.Docs[m.Doc].ID, Verdict: string(pm.Verdict), Credits: strings.Join(pm.Credits, ",")}
			if pm.Parent >= 0 {
				r.Parent = res.Docs[pm.Parent].ID
			}
			if pm.Edge != nil {
				r.Flags = strings.Join(pm.Edge.Flags, ",")
			}
			rows = append(rows, r)
		}
	}
	return rows, origins
}

// paras returns n paragraphs of distinct filler text for a story.
func paras(name string, n int) []string {
	var ps []string
	for i := 0; i < n; i++ {
		var ws []string
		for j := 0; j < 30; j++ {
			ws = append(ws, fmt.Sprintf("%s%dw%d", name, i, j))
		}
		ps = append(ps, strings.Join(ws, " ")+".")
	}
	return ps
}

func text(ps ...string) string { return strings.Join(ps, "\n") }

func without(ps []string, i int) []string {
	return append(append([]string(nil), ps[:i]...), ps[i+1:]...)
}

func TestExampleChain(t *testing.T) {
	reg := credit.DefaultRegistry()
	s, _ := match.NewScanner(match.DefaultOptions(), func(a *corpus.Article) []credit.Mention { return reg.Extract(a.Text) })
	rd := corpus.NewReader(corpus.Options{})
	if err := rd.Read(context.Background(), []string{"../testdata/example"}, s.Add); err != nil {
		t.Fatal(err)
	}
	res, err := s.Finish(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	prov := Analyze(res, reg, 2)
	got := map[string]row{}
	for ci, c := range res.Clusters {
		for mi, m := range c.Members {
			pm := prov.Clusters[ci].Members[mi]
			r := row{ID: res.Docs[m.Doc].ID, Verdict: string(pm.Verdict), Credits: strings.Join(pm.Credits, ",")}
			if pm.Parent >= 0 {
				r.Parent = res.Docs[pm.Parent].ID
			}
			got[r.ID+"@"+c.ID] = r
		}
	}
	want := []row{
		{ID: "sputnik/ryabkov-aleppo.txt", Verdict: "origin"},
		{ID: "qna/ryabkov-aleppo.txt", Parent: "sputnik/ryabkov-aleppo.txt", Verdict: "credits-origin", Credits: "Sputnik"},
		// Its page tells the reader both: QNA in a source line, Sputnik in
		// the text it kept from QNA.
		{ID: "arabstoday/russia-dismisses-post.txt", Parent: "qna/ryabkov-aleppo.txt", Verdict: "credits-origin", Credits: "QNA,Sputnik"},
	}
	for _, w := range want {
		found := false
		for k, g := range got {
			if strings.HasPrefix(k, w.ID+"@") {
				found = true
				if diff := cmp.Diff(w, g); diff != "" {
					t.Errorf("%s (-want +got):\n%s", w.ID, diff)
				}
			}
		}
		if !found {
			t.Errorf("%s is in no cluster", w.ID)
		}
	}
}

func TestVerdicts(t *testing.T) {
	p := paras("aleppo", 6)
	edited := append([]string{"MOSCOW (QNA) - " + p[0] + " Sputnik reported."}, p[2:]...) // drops a paragraph, credits in the text
	arts := []*corpus.Article{
		{ID: "wire", Outlet: "Sputnik", Published: "2016-11-28T10:00:00Z", Text: text(append([]string{"MOSCOW (Sputnik) - " + p[0]}, p[1:]...)...)},
		{ID: "agency", Outlet: "QNA", Published: "2016-11-28T11:00:00Z", Text: text(edited...)},
		// Carries QNA's in-text credit to Sputnik (not its own) and adds a source line.
		{ID: "launderer", Outlet: "arabstoday", Published: "2016-11-28T12:00:00Z", Text: text(append(edited[1:], "Source: QNA")...)},
		// Each website copies the wire and drops a different paragraph, so
		// no website's text explains another's.
		{ID: "honest", Outlet: "site2", Published: "2016-11-28T12:30:00Z", Text: text(append(without(p, 5), "Source: Sputnik")...)},
		{ID: "silent", Outlet: "site3", Published: "2016-11-28T13:00:00Z", Text: text(without(p, 2)...)},
		{ID: "wrong", Outlet: "site4", Published: "2016-11-28T13:30:00Z", Text: text(append(without(p, 3), "Source: Reuters")...)},
		{ID: "vague", Outlet: "site5", Published: "2016-11-28T14:00:00Z", Text: text(append(without(p, 4), "Source: Agencies")...)},
		{ID: "own", Outlet: "Sputnik", Published: "2016-11-28T15:00:00Z", Text: text(append(p, "Updated with an extra closing line of its own today.")...)},
	}
	rows, origins := analyze(t, arts)
	if diff := cmp.Diff([]string{"Sputnik:wire"}, origins); diff != "" {
		t.Fatalf("origins (-want +got):\n%s", diff)
	}
	want := map[string][2]string{
		"wire":      {"", "origin"},
		"agency":    {"wire", "credits-origin"},
		"launderer": {"agency", "credits-intermediary"},
		"honest":    {"wire", "credits-origin"},
		"silent":    {"wire", "uncredited"},
		"wrong":     {"wire", "miscredited"},
		"vague":     {"wire", "uncredited"},
		"own":       {"wire", "credits-origin"},
	}
	for _, r := range rows {
		w := want[r.ID]
		if r.Parent != w[0] || r.Verdict != w[1] {
			t.Errorf("%s: parent %q verdict %s, want parent %q verdict %s", r.ID, r.Parent, r.Verdict, w[0], w[1])
		}
	}
}

func TestExternalOrigin(t *testing.T) {
	p := paras("budget", 6)
	arts := []*corpus.Article{
		{ID: "paper1", Outlet: "aljazirah", Published: "2015-07-21T08:00:00", Text: text(append([]string{"الرياض (واس) " + p[0]}, p[1:]...)...)},
		{ID: "paper2", Outlet: "okaz", Published: "2015-07-21T09:00:00", Text: text(append([]string{"الرياض (واس) " + p[0]}, p[1:5]...)...)},
		{ID: "paper3", Outlet: "alriyadh", Published: "2015-07-21T10:00:00", Text: text(p[:5]...)},
	}
	rows, origins := analyze(t, arts)
	if diff := cmp.Diff([]string{"SPA"}, origins); diff != "" {
		t.Fatalf("origins (-want +got):\n%s", diff)
	}
	for _, r := range rows {
		switch r.ID {
		case "paper1", "paper2":
			if r.Parent != "" || r.Verdict != "credits-origin" {
				t.Errorf("%s: parent %q verdict %s; want none, credits-origin", r.ID, r.Parent, r.Verdict)
			}
		case "paper3":
			if r.Verdict != "uncredited" {
				t.Errorf("%s: verdict %s, want uncredited", r.ID, r.Verdict)
			}
		}
	}
}

func TestTimeFlags(t *testing.T) {
	p := paras("flood", 6)
	arts := []*corpus.Article{
		{ID: "origin", Outlet: "Reuters", Published: "2020-01-01T08:00:00Z", Text: text(p...)},
		{ID: "nodate", Outlet: "site1", Text: text(p[:5]...)},
		{ID: "dateonly", Outlet: "site2", Published: "2020-01-01", Text: text(p[1:]...)},
		// Credits site3 but claims to be earlier than it: the credit and
		// the text say site3 came first.
		{ID: "site3", Outlet: "site3", Published: "2020-01-01T12:00:00Z", Text: text(append([]string{"An added opening line of its own with several words."}, p...)...)},
	}
	rows, _ := analyze(t, arts)
	flags := map[string]string{}
	for _, r := range rows {
		flags[r.ID] = r.Flags
	}
	if !strings.Contains(flags["nodate"], FlagTimeMissing) {
		t.Errorf("nodate flags = %q", flags["nodate"])
	}
	if !strings.Contains(flags["dateonly"], FlagTimeDateOnly) {
		t.Errorf("dateonly flags = %q", flags["dateonly"])
	}
}

func TestGeneratedCorpusFloor(t *testing.T) {
	// A regression guard on a small generated corpus; the figures in the
	// README come from `wiretrace eval` on larger ones.
	cfg := synth.DefaultConfig(120, 7)
	var arts []*corpus.Article
	truth := map[string]synth.Truth{}
	synth.Generate(cfg, func(a synth.Article, tr synth.Truth) error {
		arts = append(arts, &corpus.Article{ID: a.ID, Outlet: a.Outlet, Published: a.Published, Title: a.Title, Text: a.Text})
		truth[a.ID] = tr
		return nil
	})
	rows, _ := analyze(t, arts)
	seen := map[string]bool{}
	parentOK, verdictOK, n := 0, 0, 0
	for _, r := range rows {
		if seen[r.ID] || truth[r.ID].Kind == "partial" {
			continue
		}
		seen[r.ID] = true
		n++
		tp := ""
		if truth[r.ID].Parent != nil {
			tp = *truth[r.ID].Parent
		}
		if tp == r.Parent {
			parentOK++
		}
		if truth[r.ID].Verdict == r.Verdict {
			verdictOK++
		}
	}
	pa, va := float64(parentOK)/float64(n), float64(verdictOK)/float64(n)
	t.Logf("%d members: parent accuracy %.3f, verdict accuracy %.3f", n, pa, va)
	if pa < 0.85 || va < 0.88 {
		t.Errorf("parent accuracy %.3f (floor 0.85), verdict accuracy %.3f (floor 0.88)", pa, va)
	}
}
