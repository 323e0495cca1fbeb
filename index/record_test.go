package index

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace/corpus"

	"github.com/wiretrace/wiretrace/match"
)

// A record keeps a document's lead, so that clustering with indexed
// articles tells a brief from a quoted passage as a scan does; a record
// written before leads were kept reads with none.
func TestRecordKeepsTheLead(t *testing.T) {
	d := &match.Doc{ID: "a", Outlet: "o", Lead: [4]uint64{5 << 32, 6 << 32, 7 << 32, 8 << 32}, Set: []uint64{5 << 32, 6 << 32, 7 << 32, 8 << 32}}
	for _, sums := range []bool{false, true} {
		v, err := newRecord(d).encode(sums)
		if err != nil {
			t.Fatal(err)
		}
		r, err := decodeRecord(v, sums)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.doc(0).Lead; got != d.Lead {
			t.Errorf("lead %v read back as %v", d.Lead, got)
		}
	}
	old := &record{ID: "b", Outlet: "o", Set: []uint64{1 << 32}}
	v, _ := old.encode(true)
	r, err := decodeRecord(v, true)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.doc(0).Lead; got != ([4]uint64{}) {
		t.Errorf("a record without a lead reads as %v", got)
	}
	short := &record{ID: "c", Outlet: "o", Lead: []uint64{1 << 32, 2 << 32}}
	v, _ = short.encode(true)
	var dmg *damage
	if _, err := decodeRecord(v, true); !errors.As(err, &dmg) {
		t.Errorf("a lead of 2 samples read with error %v, want damage", err)
	}
}

// Briefs checked against an index holding their source and its copy join
// the source's story as a scan of all four does: the indexed articles'
// leads are read from their records.
func TestBriefsAgainstAnIndex(t *testing.T) {
	var w []string
	for i := 0; i < 12; i++ {
		var ws []string
		for j := 0; j < 30; j++ {
			ws = append(ws, fmt.Sprintf("wire%dw%d", i, j))
		}
		w = append(w, strings.Join(ws, " ")+".")
	}
	old := []*corpus.Article{
		{ID: "wire", Outlet: "w", Text: strings.Join(w, "\n")},
		{ID: "copy", Outlet: "c", Text: strings.Join(w, "\n")},
	}
	fresh := []*corpus.Article{
		{ID: "brief1", Outlet: "p1", Text: strings.Join(append(slices.Clone(w[:2]), "Read more of our coverage every day."), "\n")},
		{ID: "brief2", Outlet: "p2", Text: strings.Join(append(slices.Clone(w[:2]), "Follow the paper for the latest news."), "\n")},
	}
	ix := open(t, newIndex(t, old), OpenOptions{ReadOnly: true})
	got := runQuery(t, ix, fresh, match.DefaultOptions().Threshold)
	var members []string
	for _, c := range got.Clusters {
		for _, m := range c.Members {
			members = append(members, got.Docs[m.Doc].ID+":"+string(m.Kind))
		}
	}
	slices.Sort(members)
	if want := []string{"brief1:full", "brief2:full", "copy:full", "wire:full"}; !slices.Equal(members, want) || len(got.Clusters) != 1 {
		t.Errorf("%d stories %v, want one: %v", len(got.Clusters), members, want)
	}
}
