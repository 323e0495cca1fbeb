package index

import (
	"errors"
	"testing"

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
