package compare

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace/credit"
)

func TestCompare(t *testing.T) {
	shared := "Heavy rain closed the coast road between the two northern towns on Friday morning and crews moved families to schools"
	a := Article{ID: "a", Outlet: "wire", Text: "MOSCOW (Sputnik) - Opening words of the wire. " + shared + ". Closing words of the wire."}
	b := Article{ID: "b", Outlet: "site", Text: "A site's own introduction here. " + shared + ". Its own ending.\nSource: QNA"}
	r := Compare(a, b, 5, credit.DefaultRegistry())
	if len(r.Passages) != 1 {
		t.Fatalf("%d passages: %+v", len(r.Passages), r.Passages)
	}
	p := r.Passages[0]
	if p.Text != shared || a.Text[p.A.Start:p.A.End] != shared || b.Text[p.B.Start:p.B.End] != shared {
		t.Errorf("passage %q at A[%d:%d] B[%d:%d]", p.Text, p.A.Start, p.A.End, p.B.Start, p.B.End)
	}
	if p.Words != len(strings.Fields(shared)) {
		t.Errorf("words = %d", p.Words)
	}
	if r.Jaccard <= 0 || r.Jaccard >= 1 || r.AInB <= r.Jaccard || r.BInA <= r.Jaccard {
		t.Errorf("J %.3f A in B %.3f B in A %.3f", r.Jaccard, r.AInB, r.BInA)
	}
	if len(r.CreditsA) != 1 || r.CreditsA[0].Outlet != "Sputnik" || len(r.CreditsB) != 1 || r.CreditsB[0].Outlet != "QNA" {
		t.Errorf("credits %v / %v", r.CreditsA, r.CreditsB)
	}
}

func TestCompareNothingShared(t *testing.T) {
	r := Compare(Article{Text: "one two three four five six"}, Article{Text: "seven eight nine ten eleven twelve"}, 5, credit.DefaultRegistry())
	if len(r.Passages) != 0 || r.Jaccard != 0 {
		t.Errorf("passages %v, J %v", r.Passages, r.Jaccard)
	}
}

// A source named in the record's author field is named, as scan counts it.
func TestCompareReadsTheByline(t *testing.T) {
	text := "The minister opened the new road on Monday and said more would follow soon."
	b := Article{Text: text, Extra: map[string]json.RawMessage{"author": json.RawMessage(`"لاہور (این این آئی)"`)}}
	r := Compare(Article{Text: text}, b, 5, credit.DefaultRegistry())
	if len(r.CreditsA) != 0 || len(r.CreditsB) != 1 || r.CreditsB[0].Outlet != "NNI" || r.CreditsB[0].Where != "author" {
		t.Errorf("credits A %+v, B %+v; want NNI from B's author field", r.CreditsA, r.CreditsB)
	}
}
