package synth

import (
	"math/rand/v2"
	"strings"
	"sync"
)

const lexiconSize = 20000

var lexicon = sync.OnceValue(func() []string {
	r := rand.New(rand.NewPCG(0x5eed, 0x1e7))
	on := []string{"b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "st", "tr", "ch", "sh"}
	vo := []string{"a", "e", "i", "o", "u", "ai", "ou", "ea"}
	seen := map[string]bool{}
	var out []string
	for len(out) < lexiconSize {
		var b strings.Builder
		for n := 1 + r.IntN(3); n > 0; n-- {
			b.WriteString(on[r.IntN(len(on))])
			b.WriteString(vo[r.IntN(len(vo))])
		}
		if r.IntN(3) == 0 {
			b.WriteString(on[r.IntN(len(on))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
})

func (f *family) word() string {
	if f.zipf == nil {
		f.zipf = rand.NewZipf(f.r, 1.05, 2, lexiconSize-1)
	}
	return lexicon()[f.zipf.Uint64()]
}

// sentence is 10 to 25 words, capitalised, with a full stop.
func (f *family) sentence() string {
	n := 10 + f.r.IntN(16)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = f.word()
	}
	ws[0] = title(ws[0])
	return strings.Join(ws, " ") + "."
}

// paragraphs returns about words words in paragraphs of 2 to 4 sentences.
func (f *family) paragraphs(words int) []string {
	var paras []string
	total := 0
	for total < words {
		var p []string
		for n := 2 + f.r.IntN(3); n > 0; n-- {
			s := f.sentence()
			total += strings.Count(s, " ") + 1
			p = append(p, s)
		}
		paras = append(paras, strings.Join(p, " "))
	}
	return paras
}

func (f *family) headline() string {
	n := 6 + f.r.IntN(4)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = f.word()
	}
	ws[0] = title(ws[0])
	return strings.Join(ws, " ")
}

type headline struct {
	text            string
	hour, min, date int
	day             string
}

var headlineCache sync.Map

// siteHeadlines is a site's fixed pool of 40 related-story headlines.
func siteHeadlines(site string) []headline {
	if h, ok := headlineCache.Load(site); ok {
		return h.([]headline)
	}
	var seed uint64
	for _, c := range site {
		seed = seed*131 + uint64(c)
	}
	f := &family{r: rand.New(rand.NewPCG(seed, 99))}
	days := []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	hs := make([]headline, 40)
	for i := range hs {
		hs[i] = headline{text: f.headline(), hour: f.r.IntN(24), min: f.r.IntN(60), date: 1 + f.r.IntN(30), day: days[f.r.IntN(7)]}
	}
	headlineCache.Store(site, hs)
	return hs
}
