package credit

import (
	"testing"

	"github.com/wiretrace/wiretrace/synth"
)

// BenchmarkExtract measures credit extraction on generated articles of
// about 500 words with credit lines and datelines.
func BenchmarkExtract(b *testing.B) {
	var texts []string
	synth.Generate(synth.DefaultConfig(100, 5), func(a synth.Article, _ synth.Truth) error {
		texts = append(texts, a.Text)
		return nil
	})
	r := DefaultRegistry()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r.Extract(texts[i%len(texts)])
	}
}
