package synth

import (
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
)

// Rewriting. A newsroom that rewrites agency copy keeps the facts and the
// content words and changes nearly everything a shingle sees: it reorders
// sentences and paragraphs, splits long sentences and merges short ones,
// swaps words for synonyms, turns clauses around with other function
// words, drops some sentences and adds its own. A summary keeps about a
// third of the story: the lead and a few later sentences, each shortened
// and reworded. The operations are mixed per copy at a strength drawn for
// that copy, so that the corpus holds light rewrites and heavy ones (Urdu
// papers' wholly derived versions of agency stories have a median word
// 3-gram Jaccard of 0.25 with them).

// functionWords is how many of the lexicon's most frequent words play the
// part of function words (about 37% of running text, as in English):
// clause paraphrase changes, drops and inserts them; synonyms are only for
// the rest.
const functionWords = 30

var rankOf = sync.OnceValue(func() map[string]int {
	m := make(map[string]int, lexiconSize)
	for i, w := range lexicon() {
		m[w] = i
	}
	return m
})

// synonymSets groups the content words of the lexicon into fixed sets of
// two to four words of about the same frequency (ranks within a block of
// 64), as real synonyms mostly are: a rewrite swaps a common word for a
// common one, a rare word for a rare one.
var synonymSets = sync.OnceValue(func() [][]int {
	r := rand.New(rand.NewPCG(0x5e7, 0x0aa))
	var sets [][]int
	for lo := functionWords; lo < lexiconSize; lo += 64 {
		hi := min(lo+64, lexiconSize)
		block := make([]int, 0, hi-lo)
		for _, k := range r.Perm(hi - lo) {
			block = append(block, lo+k)
		}
		for len(block) >= 2 {
			n := min(len(block), 2+r.IntN(3))
			if len(block)-n == 1 {
				n++ // no word left without a synonym
			}
			sets = append(sets, block[:n])
			block = block[n:]
		}
	}
	return sets
})

var synonymSetOf = sync.OnceValue(func() []int {
	of := make([]int, lexiconSize)
	for i := range of {
		of[i] = -1
	}
	for si, s := range synonymSets() {
		for _, w := range s {
			of[w] = si
		}
	}
	return of
})

// bare splits a written word into the lexicon word and what surrounds it
// (capital, punctuation); rank is -1 for words not in the lexicon.
func bare(w string) (core string, rank int, capital bool, punct string) {
	core = strings.TrimRight(w, ".,:;\"")
	punct = w[len(core):]
	if core != "" && core[0] >= 'A' && core[0] <= 'Z' {
		capital = true
		core = strings.ToLower(core[:1]) + core[1:]
	}
	r, ok := rankOf()[core]
	if !ok {
		return core, -1, capital, punct
	}
	return core, r, capital, punct
}

// synonym returns another word of w's synonym set, keeping its form, or w
// when it has none.
func (f *family) synonym(w string) string {
	core, rank, capital, punct := bare(w)
	if rank < functionWords {
		return w
	}
	set := synonymSets()[synonymSetOf()[rank]]
	alt := set[f.r.IntN(len(set))]
	for alt == rank {
		alt = set[f.r.IntN(len(set))]
	}
	core = lexicon()[alt]
	if capital {
		core = title(core)
	}
	return core + punct
}

// ContentKey is the synonym class of a content word of the generated
// text, or "" for a function word or a word outside the lexicon (names,
// numbers, credit phrases): two words with the same key mean the same.
func ContentKey(w string) string {
	_, rank, _, _ := bare(w)
	if rank < functionWords {
		return ""
	}
	return lexicon()[synonymSets()[synonymSetOf()[rank]][0]]
}

func (f *family) functionWord() string { return lexicon()[f.r.IntN(functionWords)] }

// sentences splits filler text into sentences of words, without their
// full stops; open reports that the last one has none (a credit phrase
// closes it).
func sentences(text string) (ss [][]string, open bool) {
	t := strings.TrimSpace(text)
	open = !strings.HasSuffix(t, ".")
	for _, s := range strings.Split(t, ". ") {
		s = strings.TrimSuffix(strings.TrimSpace(s), ".")
		if ws := strings.Fields(s); len(ws) > 0 {
			ss = append(ss, ws)
		}
	}
	return ss, open
}

// joinSentences writes sentences back, capitalised, with full stops.
func joinSentences(ss [][]string, open bool) string {
	out := make([]string, 0, len(ss))
	for _, ws := range ss {
		ws = slices.Clone(ws)
		ws[0] = title(ws[0])
		for i := 1; i < len(ws); i++ { // a capital mid-sentence only on names
			if _, rank, capital, punct := bare(ws[i]); capital && rank >= 0 {
				ws[i] = lexicon()[rank] + punct
			}
		}
		out = append(out, strings.Join(ws, " "))
	}
	s := strings.Join(out, ". ")
	if !open && s != "" {
		s += "."
	}
	return s
}

// reword swaps content words for synonyms with probability p each.
func (f *family) reword(ws []string, p float64) []string {
	ws = slices.Clone(ws)
	for i, w := range ws {
		if f.r.Float64() < p {
			ws[i] = f.synonym(w)
		}
	}
	return ws
}

// paraphrase turns a sentence's clauses around ("A B C D" -> "Then C D,
// A B") and changes its function words: each replaced with probability
// p, dropped with p/4, and one or two inserted.
func (f *family) paraphrase(ws []string, p float64) []string {
	ws = slices.Clone(ws)
	if n := len(ws); n >= 8 {
		k := 3 + f.r.IntN(n-6)
		head := slices.Clone(ws[:k])
		head[len(head)-1] = strings.TrimRight(head[len(head)-1], ",")
		tail := slices.Clone(ws[k:])
		tail[len(tail)-1] = strings.TrimRight(tail[len(tail)-1], ",") + ","
		var lead []string
		if f.r.IntN(2) == 0 {
			lead = []string{f.functionWord()}
		}
		ws = slices.Concat(lead, tail, head)
	}
	var out []string
	for _, w := range ws {
		_, rank, _, punct := bare(w)
		if rank >= 0 && rank < functionWords {
			switch x := f.r.Float64(); {
			case x < p/4 && punct == "":
				continue
			case x < p:
				w = f.functionWord() + punct
			}
		}
		out = append(out, w)
	}
	for n := 1 + f.r.IntN(2); n > 0 && len(out) > 2; n-- {
		at := 1 + f.r.IntN(len(out)-1)
		out = slices.Insert(out, at, f.functionWord())
	}
	return out
}

// shorten keeps a run of 55 to 85% of a sentence's words: a summary's
// sentence drops a clause at its start or its end.
func (f *family) shorten(ws []string) []string {
	keep := max(5, len(ws)*(55+f.r.IntN(31))/100)
	if keep >= len(ws) {
		return slices.Clone(ws)
	}
	at := 0
	if f.r.IntN(3) == 0 {
		at = len(ws) - keep
	}
	out := slices.Clone(ws[at : at+keep])
	out[len(out)-1] = strings.TrimRight(out[len(out)-1], ",")
	return out
}

// rewriteSentences applies the sentence operations at strength s: drops,
// additions, splits, merges, paraphrase, synonyms and reordering.
func (f *family) rewriteSentences(ss [][]string, s float64) [][]string {
	r := f.r
	var out [][]string
	for i, ws := range ss {
		if i > 0 && r.Float64() < 0.12*s {
			continue // a sentence left out
		}
		if r.Float64() < 0.6*s {
			ws = f.paraphrase(ws, 0.2+0.4*s)
		}
		ws = f.reword(ws, 0.05+0.25*s)
		if len(ws) >= 16 && r.Float64() < 0.35*s {
			k := 6 + r.IntN(len(ws)-11)
			a, b := slices.Clone(ws[:k]), slices.Clone(ws[k:])
			a[len(a)-1] = strings.TrimRight(a[len(a)-1], ",")
			out = append(out, a, append([]string{f.functionWord()}, b...))
		} else {
			out = append(out, ws)
		}
		if r.Float64() < 0.1*s {
			out = append(out, strings.Fields(strings.TrimSuffix(f.sentence(), "."))) // the newsroom's own
		}
	}
	// Merge short neighbours: "A. B." -> "A, and B."
	for i := 0; i+1 < len(out); i++ {
		if len(out[i])+len(out[i+1]) <= 34 && r.Float64() < 0.35*s {
			a := slices.Clone(out[i])
			a[len(a)-1] = strings.TrimRight(a[len(a)-1], ",") + ","
			out[i] = slices.Concat(a, []string{f.functionWord()}, out[i+1])
			out = slices.Delete(out, i+1, i+2)
		}
	}
	// Reorder: swap neighbours, more of them the stronger the rewrite.
	for i := 0; i+1 < len(out); i++ {
		if r.Float64() < 0.45*s {
			out[i], out[i+1] = out[i+1], out[i]
			i++
		}
	}
	return out
}

// rewrite rewrites the story text of copy c at strength s in (0, 1]: the
// filler of every paragraph is rewritten, the phrases that name outlets
// (datelines, credits, false friends) stay where they are, and
// paragraphs that hold only story text may change places.
func (f *family) rewrite(c *generated, s float64) {
	for i := range c.paras {
		p := slices.Clone(c.paras[i])
		for j := range p {
			if p[j].mark != nil || strings.Count(strings.TrimSpace(p[j].text), " ") < 3 {
				continue
			}
			lead := p[j].text[:len(p[j].text)-len(strings.TrimLeft(p[j].text, " "))]
			ss, open := sentences(p[j].text)
			if out := f.rewriteSentences(ss, s); len(out) > 0 {
				p[j].text = lead + joinSentences(out, open)
			}
		}
		c.paras[i] = p
	}
	plain := func(i int) bool { return len(c.paras[i]) == 1 && c.paras[i][0].mark == nil }
	for i := 1; i+2 < len(c.paras); i++ { // the first and last paragraphs carry the phrases
		if plain(i) && plain(i+1) && f.r.Float64() < 0.4*s {
			c.paras[i], c.paras[i+1] = c.paras[i+1], c.paras[i]
			i++
		}
	}
	if f.r.Float64() < 0.7 {
		c.art.Title = strings.Join(f.reword(strings.Fields(c.art.Title), 0.5), " ")
	}
	c.rewritten = true
}

// summarize replaces copy c's text by a summary of about a third of its
// length: the lead sentence and later ones picked in order, each
// shortened and reworded. The dateline and the closing lines stay (the
// copy's credit rules decide about them); phrases inside the text go with
// the sentences they closed.
func (f *family) summarize(c *generated, s float64) {
	var all [][]string
	total := 0
	for _, p := range c.paras {
		for _, x := range p {
			if x.mark != nil {
				continue
			}
			ss, _ := sentences(x.text)
			for _, ws := range ss {
				if len(ws) >= 4 {
					all = append(all, ws)
					total += len(ws)
				}
			}
		}
	}
	if len(all) == 0 {
		return
	}
	want := total / 3
	var picked [][]string
	words := 0
	for i, ws := range all {
		if words >= want {
			break
		}
		// The lead always, then later sentences less often.
		if i > 0 && f.r.Float64() >= 0.75-0.45*float64(i)/float64(len(all)) {
			continue
		}
		ws = f.shorten(ws)
		if f.r.Float64() < 0.6*s {
			ws = f.paraphrase(ws, 0.2+0.4*s)
		}
		ws = f.reword(ws, 0.05+0.25*s)
		picked = append(picked, ws)
		words += len(ws)
	}
	var paras []para
	if c.hasDateline() { // the first sentences follow the dateline
		paras = append(paras, para{c.paras[0][0]})
	}
	for len(picked) > 0 {
		n := min(len(picked), 1+f.r.IntN(3))
		text := joinSentences(picked[:n], false)
		if len(paras) == 1 && len(paras[0]) == 1 && paras[0][0].mark != nil {
			paras[0] = append(paras[0], part{text: text})
		} else {
			paras = append(paras, para{{text: text}})
		}
		picked = picked[n:]
	}
	c.paras = paras
	c.rewritten, c.summary = true, true
}
