package align

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"testing"

	"github.com/wiretrace/wiretrace/shingle"
)

const cloughPath = "../../shared/datasets/clough_stevenson.jsonl"

type csDoc struct {
	ID, Text, Category, Task string
	p                        Profile
}

func readClough(t *testing.T) []*csDoc {
	f, err := os.Open(cloughPath)
	if err != nil {
		t.Skip("Clough–Stevenson corpus not present:", err)
	}
	defer f.Close()
	var docs []*csDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	tz := shingle.NewTokenizer()
	for sc.Scan() {
		var d csDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		toks := tz.Tokenize(d.Text)
		d.p = NewProfile(d.Text, &toks, nil)
		docs = append(docs, &d)
	}
	return docs
}

// TestCloughStevensonCover prints, per category, how much of each answer
// and of its source the alignment covers (run with -v to see it), and
// checks the order a rewrite detector must keep: cut > light > heavy >
// non on the median answer cover.
func TestCloughStevensonCover(t *testing.T) {
	docs := readClough(t)
	freq := NewFrequencies()
	src := map[string]*csDoc{}
	for _, d := range docs {
		freq.Add(d.p.Words)
		if d.Category == "orig" {
			src[d.Task] = d
		}
	}
	covers := map[string][]float64{}
	for _, d := range docs {
		s := src[d.Task]
		if d.Category == "orig" || s == nil {
			continue
		}
		r := Align(&s.p, &d.p, freq, DefaultOptions())
		covers[d.Category] = append(covers[d.Category], min(r.CoverA, r.CoverB)+10*r.CoverB)
		if testing.Verbose() {
			fmt.Printf("%-6s %-16s seeds %3d passages %d coverSrc %.2f coverAns %.2f seededSrc %.2f seededAns %.2f rewSrc %.2f rewAns %.2f\n", d.Category, d.ID, r.Seeds, len(r.Passages), r.CoverA, r.CoverB, r.SeededA, r.SeededB, r.RewordedA, r.RewordedB)
		}
	}
	median := map[string]float64{}
	for c, xs := range covers {
		sort.Float64s(xs)
		median[c] = xs[len(xs)/2]
	}
	if !(median["cut"] >= median["light"] && median["light"] >= median["heavy"] && median["heavy"] > median["non"]) {
		t.Errorf("median covers out of order: %v", median)
	}
}
