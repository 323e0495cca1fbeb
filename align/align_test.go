package align

import (
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace/shingle"
)

func profile(text string) Profile {
	toks := shingle.NewTokenizer().Tokenize(text)
	return NewProfile(text, &toks, nil)
}

const story = `The foreign minister of Norland met his Vesporian counterpart in Kalmar on Tuesday.
The two discussed the grain corridor across the Ostrava straits and the release of eleven fishermen.
Officials said the corridor would reopen within three weeks if inspections resume.
The fishermen were detained in March after their trawler drifted into Vesporian waters.
Talks are expected to continue in Geneva next month with observers from the League.`

// A rewrite: sentences reordered, split and merged, words swapped.
const rewrite = `Talks will go on next month in Geneva, with League observers present.
Norland's foreign minister held a meeting in Kalmar on Tuesday with the minister from Vesporia.
They talked about the grain corridor through the Ostrava straits. They also discussed freeing eleven fishermen, held since March when their trawler drifted into Vesporian waters.
According to officials, the corridor could reopen in three weeks should inspections resume.`

// An independent report of another event with the same kind of words.
const other = `Heavy rain flooded the lower town of Kalmar on Tuesday and closed the ferry port.
Residents were moved to schools while pumps worked through the night.
The mayor asked for help from the regional council and the army.`

func TestRewriteAligns(t *testing.T) {
	a, b := profile(story), profile(rewrite)
	r := Align(&a, &b, SentenceFrequencies(&a, &b), DefaultOptions())
	if r.SeededA < 0.6 || r.SeededB < 0.6 {
		t.Errorf("rewrite aligned too little: seeded %.2f / %.2f, passages %+v", r.SeededA, r.SeededB, r.Passages)
	}
	if r.RewordedA < 0.5 {
		t.Errorf("a rewrite's aligned sentences are reworded: reworded %.2f", r.RewordedA)
	}
	for _, p := range r.Passages {
		if !strings.Contains(story[p.A.Start:p.A.Stop], " ") || !strings.Contains(rewrite[p.B.Start:p.B.Stop], " ") {
			t.Errorf("passage %+v is not running text", p)
		}
	}
}

func TestUnrelatedDoesNotAlign(t *testing.T) {
	a, b := profile(story), profile(other)
	r := Align(&a, &b, SentenceFrequencies(&a, &b), DefaultOptions())
	if len(r.Passages) != 0 {
		t.Errorf("unrelated texts aligned: %+v", r.Passages)
	}
}

// A quotation aligns, but it is verbatim, not reworded.
func TestQuotationIsNotReworded(t *testing.T) {
	quote := "Residents were moved to schools while pumps worked through the night and the minister said it all.\n" +
		strings.Split(story, "\n")[2] + "\n" + strings.Split(story, "\n")[3]
	a, b := profile(story), profile(quote)
	r := Align(&a, &b, SentenceFrequencies(&a, &b), DefaultOptions())
	if r.SeededB == 0 {
		t.Fatalf("the quoted sentences did not align: %+v", r)
	}
	if r.RewordedB != 0 {
		t.Errorf("verbatim sentences counted as reworded: %.2f", r.RewordedB)
	}
}

// Figures that disagree stop two template sentences from seeding.
func TestDifferentFiguresDoNotSeed(t *testing.T) {
	a := profile("Civil defence teams put out a fire in a warehouse in Kalmar district 12 after 3 hours.")
	b := profile("Civil defence teams put out a fire in a warehouse in Kalmar district 40 after 7 hours.")
	r := Align(&a, &b, SentenceFrequencies(&a, &b), Options{SeedCosine: 0.33, SeedDice: 0.33, ValidCosine: 0.34, MaxGap: 4, MinGap: 1, MinWords: 1, MaxSeeds: 100})
	if r.Seeds != 0 {
		t.Errorf("sentences with different figures seeded: %+v", r)
	}
}
