package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// more adds what newsrooms do besides pasting: rewritten copies,
// summaries, copies of those, and independent reports of the family's
// event. It draws from a random stream of its own and runs after the
// family and its standalone articles are made, so that everything
// generated before it stays as it was for a seed: figures on the older
// variations stay comparable across the change.
func (f *family) more(i int, origin *generated, versions []*generated, missing, agencyOrigin bool) {
	saved, savedZipf := f.r, f.zipf
	f.r, f.zipf = rand.New(rand.NewPCG(f.cfg.Seed, uint64(i)+1+1<<40)), nil
	defer func() { f.r, f.zipf = saved, savedZipf }()
	r, rg := f.r, f.reg

	used := map[string]bool{}
	for _, g := range slices.Concat(versions, f.extras) {
		used[g.outl] = true
	}
	// free picks an outlet of the region with no version of the story
	// yet: a site or one of the region's rewriting newsrooms.
	free := func() string {
		var c []string
		for _, o := range slices.Concat(rg.sites, rg.rewriters) {
			if !used[o] {
				c = append(c, o)
			}
		}
		if len(c) == 0 {
			return ""
		}
		o := c[r.IntN(len(c))]
		used[o] = true
		return o
	}
	var upstream []*generated
	for _, v := range versions {
		if v.info.upstreamKind() {
			upstream = append(upstream, v)
		}
	}
	// Newsrooms rewrite the agency's or the wire's copy, sometimes a
	// website's.
	source := func() *generated {
		if r.Float64() < 0.75 {
			return upstream[r.IntN(len(upstream))]
		}
		return versions[r.IntN(len(versions))]
	}
	all := slices.Clone(versions)
	var added []*generated
	for n := f.poisson(f.cfg.RewriteRate * rg.rewriteWeight); n > 0; n-- {
		o := free()
		if o == "" {
			break
		}
		c := f.copyOf(source(), o)
		f.rewrite(c, 0.2+0.8*r.Float64())
		c.traits = append(c.traits, TraitRewritten)
		f.siteCopy(c, all)
		all, added = append(all, c), append(added, c)
	}
	if r.Float64() < f.cfg.SummaryRate {
		if o := free(); o != "" {
			c := f.copyOf(source(), o)
			f.summarize(c, r.Float64())
			c.traits = append(c.traits, TraitRewritten, TraitSummary)
			f.siteCopy(c, all)
			all, added = append(all, c), append(added, c)
		}
	}
	for _, rw := range slices.Clone(added) {
		if r.Float64() >= f.cfg.RecopyRate {
			continue
		}
		o := free()
		if o == "" {
			break
		}
		c := f.copyOf(rw, o)
		f.edit(c, 0.2, 0.4)
		c.traits = append(c.traits, TraitParentRewritten)
		f.siteCopy(c, all)
		all, added = append(all, c), append(added, c)
	}
	f.finishAll(origin, added, missing, agencyOrigin)

	if r.Float64() < f.cfg.EventRate {
		f.event(origin, all, used)
	}
	if r.Float64() < 0.15 { // the newsrooms write stories of their own too
		o := rg.rewriters[r.IntN(len(rg.rewriters))]
		f.articles = append(f.articles, f.standaloneOf(outletByName(o), rg.langOf(o)))
	}
}

// siteCopy applies a website's or newspaper's rules to a copy: it keeps
// or strips the credits and dateline of the text it copies and credits
// its source, or not, in its text, byline or source field.
func (f *family) siteCopy(c *generated, versions []*generated) {
	keep := f.cfg.KeepDatelineRate
	if c.info.kind == kindPaper {
		keep = min(1, 3*keep)
	}
	if f.r.Float64() >= f.cfg.InheritRate {
		c.stripCredits()
	}
	if c.hasDateline() && f.r.Float64() >= keep {
		c.stripDateline()
	}
	f.siteCredits(c, versions)
}

// event has one or two other outlets report the family's event
// independently: wires or agencies of the region that have no version of
// the story, or its sites and newsrooms. They share the facts (names
// taken from the story's rarer words, numbers) and often the official
// statement the story quotes, one or two of its sentences verbatim; the
// rest of their text is their own. Each is a story of its own, and a
// website may copy it.
func (f *family) event(origin *generated, versions []*generated, used map[string]bool) {
	r, rg := f.r, f.reg
	var names []string
	seen := map[string]bool{}
	var parts [][][]string // runs of whole sentences of the first paragraphs, for the statement
	for pi, p := range origin.paras {
		for _, x := range p {
			if x.mark != nil {
				continue
			}
			ss, open := sentences(x.text)
			if open { // a credit phrase closes the last one
				ss = ss[:len(ss)-1]
			}
			if pi < 3 && len(ss) > 0 {
				parts = append(parts, ss)
			}
			for _, ws := range ss {
				for _, w := range ws {
					if core, rank, _, _ := bare(w); rank >= 300 && !seen[core] {
						seen[core] = true
						names = append(names, core)
					}
				}
			}
		}
	}
	r.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	names = names[:min(len(names), 5+r.IntN(4))]
	for i, n := range names {
		names[i] = title(n)
	}
	numbers := make([]string, 2+r.IntN(3))
	for i := range numbers {
		switch r.IntN(3) {
		case 0:
			numbers[i] = fmt.Sprint(2 + r.IntN(998))
		case 1:
			numbers[i] = fmt.Sprintf("%d,%03d", 1+r.IntN(99), r.IntN(1000))
		default:
			numbers[i] = fmt.Sprintf("%d.%d", 1+r.IntN(40), r.IntN(10))
		}
	}
	var statement string
	if len(parts) > 0 && r.Float64() < 0.8 {
		ss := parts[r.IntN(len(parts))]
		n := min(len(ss), 1+r.IntN(2))
		k := r.IntN(len(ss) - n + 1)
		statement = strings.Join(strings.Fields(strings.TrimSpace(joinNamed(ss[k:k+n]))), " ")
	}
	var reporters []string
	for _, o := range slices.Concat(rg.wires, rg.agencies) {
		if !used[o] && !slices.Contains(reporters, o) {
			reporters = append(reporters, o)
		}
	}
	all := slices.Clone(versions)
	var reports []*generated
	for n := 1 + r.IntN(2); n > 0; n-- {
		var o string
		if len(reporters) > 0 && r.Float64() < 0.7 {
			k := r.IntN(len(reporters))
			o = reporters[k]
			reporters = slices.Delete(reporters, k, k+1)
		} else {
			for _, s := range slices.Concat(rg.sites, rg.rewriters) {
				if !used[s] {
					o = s
					break
				}
			}
		}
		if o == "" {
			break
		}
		used[o] = true
		g := f.independent(origin, o, names, numbers, statement)
		all = append(all, g)
		reports = append(reports, g)
	}
	var copies []*generated
	for _, g := range reports {
		// Only an agency's or a wire's report is copied (and credited:
		// the sites have no names a reader would know).
		if !g.info.upstreamKind() || r.Float64() >= 0.4 {
			continue
		}
		o := ""
		for _, s := range r.Perm(len(rg.sites)) {
			if !used[rg.sites[s]] {
				o = rg.sites[s]
				break
			}
		}
		if o == "" {
			break
		}
		used[o] = true
		c := f.copyOf(g, o)
		f.edit(c, 0.2, 0.4)
		f.siteCopy(c, all)
		id := g.art.ID
		c.truth.Story, c.truth.OriginOutlet, c.truth.OriginDoc = id, g.outl, &id
		c.traits = append(c.traits, TraitIndependent)
		all = append(all, c)
		copies = append(copies, c)
	}
	for _, g := range reports {
		f.finish(g, g, false)
		f.articles = append(f.articles, g)
	}
	for _, c := range copies {
		f.finish(c, c.parent, false)
		f.articles = append(f.articles, c)
	}
	f.equivalents(copies, nil, false)
	for _, g := range f.articles {
		if g.truth.Story == f.id {
			g.truth.Event = f.id
		}
	}
	for _, g := range slices.Concat(reports, copies) {
		g.truth.Event = f.id
	}
}

// independent writes outlet's own report of the event: its own sentences
// carrying the event's names and numbers, and, three times in four, the
// statement quoted verbatim.
func (f *family) independent(origin *generated, outlet string, names, numbers []string, statement string) *generated {
	r := f.r
	lang := f.reg.langOf(outlet)
	paras := f.paragraphs(f.cfg.Words * (50 + r.IntN(41)) / 100)
	for i, p := range paras {
		ss, _ := sentences(p)
		for j, ws := range ss {
			ws = slices.Clone(ws)
			lead := i == 0 && j == 0
			if lead || r.Float64() < 0.4 {
				ws[1+r.IntN(len(ws)-1)] = names[r.IntN(len(names))]
			}
			if lead || r.Float64() < 0.2 {
				ws[1+r.IntN(len(ws)-1)] = numbers[r.IntN(len(numbers))]
			}
			if lead {
				ws[1+r.IntN(len(ws)-1)] = names[r.IntN(len(names))]
			}
			ss[j] = ws
		}
		paras[i] = strings.Join(strings.Fields(joinNamed(ss)), " ")
	}
	if statement != "" && r.Float64() < 0.75 {
		q := fmt.Sprintf("%s %s said: \"%s\"", names[r.IntN(len(names))], names[r.IntN(len(names))], statement)
		at := min(len(paras), 1+r.IntN(2))
		paras = slices.Insert(paras, at, q)
	}
	when := origin.when.Add(time.Duration(r.IntN(480)-120) * time.Minute)
	g := f.article(outlet, lang, when, paras)
	hl := strings.Fields(f.headline())
	hl[len(hl)-1] = names[0]
	g.art.Title = strings.Join(hl, " ")
	if g.info.upstreamKind() && r.Float64() < f.cfg.OwnDatelineRate {
		f.ownDateline(g)
	}
	if r.Float64() < f.cfg.BylineRate {
		f.ownByline(g)
	}
	id := g.art.ID
	g.truth = Truth{Story: id, Kind: "full", Verdict: "origin", OriginOutlet: outlet, OriginDoc: &id}
	g.traits = append(g.traits, TraitIndependent)
	return g
}

// joinNamed writes sentences that carry names: like joinSentences, but
// capitals mid-sentence (the names) are kept.
func joinNamed(ss [][]string) string {
	out := make([]string, 0, len(ss))
	for _, ws := range ss {
		ws = slices.Clone(ws)
		ws[0] = title(ws[0])
		out = append(out, strings.Join(ws, " "))
	}
	return strings.Join(out, ". ") + "."
}

// briefs has one or two newspapers or websites of the region print a
// short version of a wire's or agency's story (Config.BriefRate): its
// lead and the next paragraph or two, cut from the bottom as newsrooms
// fit a story to the space they have, sometimes with a few words changed,
// crediting by the rules of any website copy. Like more, it draws from a
// random stream of its own after everything else, so the rest of a
// seed's corpus stays as it was.
func (f *family) briefs(i int, origin *generated, versions []*generated, missing, agencyOrigin bool) {
	saved, savedZipf := f.r, f.zipf
	f.r, f.zipf = rand.New(rand.NewPCG(f.cfg.Seed, uint64(i)+1+2<<40)), nil
	defer func() { f.r, f.zipf = saved, savedZipf }()
	r, rg := f.r, f.reg
	if r.Float64() >= f.cfg.BriefRate {
		return
	}
	used := map[string]bool{}
	for _, g := range slices.Concat(versions, f.articles) { // versions holds a missing origin too
		if g.truth.Story == f.id {
			used[g.outl] = true
		}
	}
	var free []string
	for _, o := range slices.Concat(rg.sites, rg.rewriters) {
		if !used[o] {
			free = append(free, o)
		}
	}
	var sources []*generated
	for _, v := range versions {
		if v.info.upstreamKind() && len(v.paras) >= 6 {
			sources = append(sources, v)
		}
	}
	if len(sources) == 0 {
		return
	}
	var added []*generated
	for n := 1 + r.IntN(2); n > 0 && len(free) > 0; n-- {
		k := r.IntN(len(free))
		o := free[k]
		free = slices.Delete(free, k, k+1)
		c := f.copyOf(sources[r.IntN(len(sources))], o)
		c.paras = c.paras[:min(len(c.paras), max(2, len(c.paras)*(2+r.IntN(2))/10))]
		if r.Float64() < 0.4 {
			f.editWords(c, r.IntN(len(c.paras)), 3)
		}
		c.traits = append(c.traits, TraitBrief)
		f.siteCopy(c, versions)
		added = append(added, c)
	}
	f.finishAll(origin, added, missing, agencyOrigin)
}
