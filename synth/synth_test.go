package synth

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func generate(t *testing.T, cfg Config) ([]Article, []Truth) {
	t.Helper()
	var arts []Article
	var truth []Truth
	if err := Generate(cfg, func(a Article, tr Truth) error {
		arts = append(arts, a)
		truth = append(truth, tr)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return arts, truth
}

func TestDeterministic(t *testing.T) {
	a1, t1 := generate(t, DefaultConfig(30, 9))
	a2, t2 := generate(t, DefaultConfig(30, 9))
	j1, _ := json.Marshal([]any{a1, t1})
	j2, _ := json.Marshal([]any{a2, t2})
	if string(j1) != string(j2) {
		t.Fatal("the same seed gave different corpora")
	}
	a3, _ := generate(t, DefaultConfig(30, 10))
	if fmt.Sprint(a1) == fmt.Sprint(a3) {
		t.Fatal("different seeds gave the same corpus")
	}
}

func TestLabelsAreConsistent(t *testing.T) {
	cfg := DefaultConfig(300, 4)
	arts, truth := generate(t, cfg)
	ids := map[string]Article{}
	for _, a := range arts {
		if _, dup := ids[a.ID]; dup {
			t.Fatalf("duplicate id %s", a.ID)
		}
		ids[a.ID] = a
	}
	kinds := map[string]int{}
	for i, tr := range truth {
		if tr.ID != arts[i].ID {
			t.Fatalf("label %d is for %s, article is %s", i, tr.ID, arts[i].ID)
		}
		kinds[tr.Verdict]++
		if tr.Parent != nil {
			p, ok := ids[*tr.Parent]
			if !ok {
				t.Errorf("%s: parent %s is not in the corpus", tr.ID, *tr.Parent)
			}
			if p.ID == tr.ID {
				t.Errorf("%s is its own parent", tr.ID)
			}
		}
		if tr.OriginDoc == nil && tr.Verdict == "origin" {
			t.Errorf("%s: origin without a document", tr.ID)
		}
		for _, c := range tr.Credits {
			if c == arts[i].Outlet {
				t.Errorf("%s credits its own outlet", tr.ID)
			}
			if !strings.Contains(arts[i].Text, c) {
				t.Errorf("%s: credit %s is not in the text", tr.ID, c)
			}
		}
	}
	for _, v := range []string{"origin", "credits-origin", "credits-intermediary", "uncredited", "miscredited"} {
		if kinds[v] == 0 {
			t.Errorf("no %s articles in %d", v, len(truth))
		}
	}
	missing := 0
	for _, tr := range truth {
		if tr.OriginDoc == nil {
			missing++
		}
	}
	if missing == 0 {
		t.Error("no family lost its origin")
	}
}
