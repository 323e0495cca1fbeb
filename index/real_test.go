package index

import (
	"context"
	"os"
	"testing"

	"github.com/wiretrace/wiretrace/corpus"
)

const saudiNewsNet = "../../shared/datasets/saudinewsnet-dev.jsonl.gz"

// On a real corpus (SaudiNewsNet: Arabic, SPA wire copied by 13
// newspapers), a query of every fifth article against an index of the
// others finds the stories and copies a scan of everything finds.
func TestSaudiNewsNetQueryAgreesWithScan(t *testing.T) {
	if _, err := os.Stat(saudiNewsNet); err != nil {
		t.Skipf("%s not present", saudiNewsNet)
	}
	if testing.Short() {
		t.Skip("reads 15,000 articles")
	}
	var all, old, fresh []*corpus.Article
	rd := corpus.NewReader(corpus.Options{SkipBad: true, Workers: 2})
	err := rd.Read(context.Background(), []string{saudiNewsNet}, func(a *corpus.Article) error {
		all = append(all, a)
		if len(all)%5 == 0 {
			fresh = append(fresh, a)
		} else {
			old = append(old, a)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ix := open(t, newIndex(t, old), OpenOptions{ReadOnly: true})
	isNew := map[string]bool{}
	for _, a := range fresh {
		isNew[a.ID] = true
	}
	got, want := runQuery(t, ix, fresh, 0.5), scanAll(t, all, 0.5)
	stories := agreement(pairsOf(got, isNew), pairsOf(want, isNew))
	copies := agreement(copyPairs(got, isNew, 0.5), copyPairs(want, isNew, 0.5))
	t.Logf("%d articles, %d new: %d story pairs with a new article (agreement %.4f), %d copy pairs (agreement %.4f)",
		len(all), len(fresh), len(pairsOf(want, isNew)), stories, len(copyPairs(want, isNew, 0.5)), copies)
	// Not 1: boilerplate is learned from different articles. A full scan
	// takes a story an outlet ran three times for that outlet's
	// boilerplate and drops half its text; the index, learning from 80%
	// and 20% of the corpus, may not (measured: 0.8934 and 0.8840).
	if stories < 0.85 || copies < 0.85 {
		t.Errorf("agreement with a full scan: stories %.4f, copies %.4f; want at least 0.85", stories, copies)
	}
}
