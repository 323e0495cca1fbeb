package synth

import (
	"slices"
	"strings"
	"time"
)

// A generated text is kept as paragraphs of parts: filler (the story's
// words, which copies edit) and phrases that name outlets (credits, own
// datelines, false friends), each with a mark saying what it names and who
// wrote it. The truth is read off the parts that survive into the
// published page, so whatever a copy keeps, strips, truncates or inherits,
// its label follows.

// mark describes a phrase that names an outlet, or looks as if it did.
type mark struct {
	outlet   string // canonical outlet; for a false friend the outlet a careless reader would take ("" for none)
	form     string
	lang     string
	credit   bool   // names outlet as the source of the text (false for a false friend)
	by       string // id of the article that wrote the phrase
	dateline bool   // the dateline opening the text
}

type part struct {
	text string
	alt  string // what is left when a removable phrase is removed
	mark *mark  // nil for filler
}

type para []part

func (p para) String() string {
	var b strings.Builder
	for _, x := range p {
		b.WriteString(x.text)
	}
	return b.String()
}

type generated struct {
	art    Article
	truth  Truth
	info   *outletInfo
	lang   string // the language it writes credits in
	paras  []para
	tail   []part // closing lines: Source: X, — X, (X), …
	author *part  // author field, with its mark if it names an outlet
	source *part  // source field
	when   time.Time
	outl   string
	anc    []string // outlets upstream of it, nearest first
	traits []string
	parent *generated
	pub    string // the published field, kept for children's traits
	// bodyText is the rendered text without a website's related-stories
	// block and footer.
	bodyText string
	// rewritten: the copy rewrote its parent's text; summary: as a
	// summary.
	rewritten, summary bool
}

func (g *generated) clone() []para {
	out := make([]para, len(g.paras))
	for i, p := range g.paras {
		out[i] = slices.Clone(p)
	}
	return out
}

// hasDateline reports whether the text opens with a dateline.
func (g *generated) hasDateline() bool {
	return len(g.paras) > 0 && len(g.paras[0]) > 0 && g.paras[0][0].mark != nil && g.paras[0][0].mark.dateline
}

// stripDateline removes the dateline the text opens with, if any.
func (g *generated) stripDateline() {
	if g.hasDateline() {
		g.paras[0] = slices.Delete(slices.Clone(g.paras[0]), 0, 1)
	}
}

// setDateline opens the text with a dateline, replacing any it had.
func (g *generated) setDateline(text string, m *mark) {
	g.stripDateline()
	m.dateline = true
	g.paras[0] = slices.Insert(slices.Clone(g.paras[0]), 0, part{text: text, mark: m})
}

// open puts a phrase at the start of the text, after the dateline.
func (g *generated) open(text string, m *mark) {
	at := 0
	if g.hasDateline() {
		at = 1
	}
	g.paras[0] = slices.Insert(slices.Clone(g.paras[0]), at, part{text: text, mark: m})
}

// appendable returns the paragraphs that end in a filler sentence, which
// a phrase can close.
func (g *generated) appendable(limit int) []int {
	var out []int
	for i := 0; i < len(g.paras) && i < limit; i++ {
		p := g.paras[i]
		if last := p[len(p)-1]; last.mark == nil && strings.HasSuffix(last.text, ".") {
			out = append(out, i)
		}
	}
	return out
}

// closeWith ends paragraph i's last sentence with a phrase that brings its
// own punctuation (", QNA reported."); removing the phrase restores the
// full stop.
func (g *generated) closeWith(i int, text string, m *mark) {
	p := slices.Clone(g.paras[i])
	last := &p[len(p)-1]
	last.text = strings.TrimSuffix(last.text, ".")
	g.paras[i] = append(p, part{text: text, alt: ".", mark: m})
}

// addSentence adds a sentence of its own at the end of paragraph i.
func (g *generated) addSentence(i int, text string, m *mark) {
	g.paras[i] = append(slices.Clone(g.paras[i]), part{text: " " + text, mark: m})
}

// stripCredits removes the credit phrases written upstream from the text
// and drops the closing lines: a copy that launders its text. Datelines
// are left to the caller; false friends stay (they are story text).
func (g *generated) stripCredits() {
	for i, p := range g.paras {
		var out para
		changed := false
		for _, x := range p {
			if x.mark != nil && x.mark.credit && !x.mark.dateline && x.mark.by != g.art.ID {
				changed = true
				if x.alt != "" {
					out = mergeAlt(out, x.alt)
				}
				continue
			}
			out = append(out, x)
		}
		if changed {
			g.paras[i] = out
		}
	}
	g.tail = nil
}

// mergeAlt adds the text left by a removed phrase to the part before it.
func mergeAlt(p para, alt string) para {
	if len(p) > 0 && p[len(p)-1].mark == nil {
		p[len(p)-1].text += alt
		return p
	}
	return append(p, part{text: alt})
}

// editWords changes n words of a filler part of paragraph i.
func (f *family) editWords(g *generated, i, n int) {
	var fill []int
	for j, x := range g.paras[i] {
		if x.mark == nil && strings.Count(x.text, " ") >= 3 {
			fill = append(fill, j)
		}
	}
	if len(fill) == 0 {
		return
	}
	p := slices.Clone(g.paras[i])
	j := fill[f.r.IntN(len(fill))]
	ws := strings.Fields(p[j].text)
	for k := 0; k < n; k++ {
		at := f.r.IntN(len(ws))
		w := f.word()
		if strings.HasSuffix(ws[at], ".") {
			w += "."
		}
		ws[at] = w
	}
	p[j].text = strings.Join(ws, " ")
	g.paras[i] = p
}

// body renders the paragraphs and closing lines.
func (g *generated) body() string {
	lines := make([]string, 0, len(g.paras)+len(g.tail))
	for _, p := range g.paras {
		lines = append(lines, p.String())
	}
	for _, t := range g.tail {
		lines = append(lines, t.text)
	}
	return strings.Join(lines, "\n")
}

// marks returns every mark of the page with where it is.
func (g *generated) marks(fn func(m *mark, text, where string)) {
	for _, p := range g.paras {
		for _, x := range p {
			if x.mark != nil {
				fn(x.mark, x.text, InText)
			}
		}
	}
	for _, t := range g.tail {
		fn(t.mark, t.text, InText)
	}
	if g.author != nil && g.author.mark != nil {
		fn(g.author.mark, g.author.text, InAuthor)
	}
	if g.source != nil && g.source.mark != nil {
		fn(g.source.mark, g.source.text, InSourceFld)
	}
}

// names reports whether the page credits outlet anywhere.
func (g *generated) names(outlet string) bool {
	found := false
	g.marks(func(m *mark, _, _ string) {
		found = found || (m.credit && m.outlet == outlet)
	})
	return found
}

// units are the pieces of a text that a copy carries over or not: the
// sentences of the story (without their full stop) and each phrase that
// names an outlet (datelines, credits, closing lines, false friends). A
// website's related-stories block and footer are not part of them.
func (g *generated) units() map[string]bool {
	u := map[string]bool{}
	phrase := func(s string) { u["\x00"+strings.TrimSpace(s)] = true }
	for _, p := range g.paras {
		for _, x := range p {
			if x.mark != nil {
				phrase(x.text)
				continue
			}
			for _, s := range strings.Split(x.text, ". ") {
				if s = strings.TrimSuffix(strings.TrimSpace(s), "."); s != "" {
					u[s] = true
				}
			}
		}
	}
	for _, t := range g.tail {
		phrase(t.text)
	}
	return u
}
