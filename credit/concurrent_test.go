package credit

import (
	"sync"
	"testing"
)

// TestConcurrentUse runs Extract, ExtractMeta and Resolve on one registry
// from 8 goroutines: a registry is safe for concurrent use once built
// (run with go test -race).
func TestConcurrentUse(t *testing.T) {
	r := DefaultRegistry()
	texts := []string{
		"MOSCOW (Sputnik) - Russia said on Monday.",
		"الرياض (واس) أكد وزير المالية\nوذكرت وكالة رويترز أن",
		"Prices rose, according to a report by Reuters.\nThe minister told AFP.",
		"Diez personas murieron, según EFE.\nFuente: EFE",
		"Body.\nSources: Reuters / AFP",
	}
	want := make([]string, len(texts))
	for i, s := range texts {
		want[i] = show(r.Extract(s))
	}
	wantMeta := showMeta(r.ExtractMeta(Meta{Field: "author", Value: "الرياض - واس"}))
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 50; k++ {
				for i, s := range texts {
					if got := show(r.Extract(s)); got != want[i] {
						t.Errorf("Extract(%q) = %q, want %q", s, got, want[i])
					}
				}
				if got := showMeta(r.ExtractMeta(Meta{Field: "author", Value: "الرياض - واس"})); got != wantMeta {
					t.Errorf("ExtractMeta = %q, want %q", got, wantMeta)
				}
				if c, ok := r.Resolve("Reutres"); c != "Reuters" || !ok {
					t.Errorf("Resolve(Reutres) = %q, %v", c, ok)
				}
			}
		}()
	}
	wg.Wait()
}
