package synth

import (
	"math/rand/v2"
	"slices"
	"time"
)

func pickRegion(r *rand.Rand) *region {
	total := 0.0
	for _, rg := range regions {
		total += rg.weight
	}
	x := r.Float64() * total
	for _, rg := range regions {
		if x < rg.weight {
			return rg
		}
		x -= rg.weight
	}
	return regions[len(regions)-1]
}

func (f *family) build(i int) {
	r := f.r
	f.reg = gulf
	if r.Float64() < f.cfg.MultilingualRate {
		f.reg = pickRegion(r)
	}
	rg := f.reg
	name := rg.wires[r.IntN(len(rg.wires))]
	pAgency := f.cfg.AgencyOriginRate
	if rg.agencyFirst {
		pAgency = min(1, 2.5*pAgency)
	}
	agencyOrigin := len(rg.agencies) > 0 && r.Float64() < pAgency
	if agencyOrigin {
		name = rg.agencies[r.IntN(len(rg.agencies))]
	}
	origin := f.article(name, rg.langOf(name), base.Add(time.Duration(i)*3*time.Minute), f.paragraphs(f.cfg.Words))
	origin.art.Title = f.headline()
	origin.truth = Truth{Kind: "full", Verdict: "origin"}
	if r.Float64() < f.cfg.OwnDatelineRate {
		f.ownDateline(origin)
	}
	if r.Float64() < f.cfg.BylineRate {
		f.ownByline(origin)
	}
	if r.Float64() < f.cfg.FalseFriendRate/2 {
		f.addFalseFriend(origin)
	}
	missing := r.Float64() < f.cfg.MissingOriginRate
	f.missing = missing
	versions := []*generated{origin}

	copiers := slices.DeleteFunc(slices.Clone(rg.copiers), func(s string) bool { return s == name })
	n := r.IntN(3)
	if rg != gulf {
		n = r.IntN(2)
	}
	for _, ci := range r.Perm(len(copiers))[:min(n, len(copiers))] {
		c := f.copyOf(origin, copiers[ci])
		// An agency writes its own dateline over the wire's.
		if r.Float64() < 0.9 {
			f.ownDateline(c)
		} else {
			c.stripDateline()
		}
		f.edit(c, 0.6, 1) // an agency always rewrites some words
		if r.Float64() < 0.85 {
			f.credit(c, origin.outl)
		}
		if r.Float64() < f.cfg.BylineRate {
			f.ownByline(c)
		}
		versions = append(versions, c)
	}
	nSites := 1 + r.IntN(4)
	if rg != gulf {
		nSites = 1 + r.IntN(5) // fewer agencies between: more sites
	}
	for _, si := range r.Perm(len(rg.sites))[:min(nSites, len(rg.sites))] {
		parent := versions[r.IntN(len(versions))]
		c := f.copyOf(parent, rg.sites[si])
		keep := f.cfg.KeepDatelineRate
		switch c.info.kind {
		case kindPaper: // verbatim reuse, and papers keep the agency's tag
			f.edit(c, 0.2, 0.4)
			keep = min(1, 3*keep)
		case kindAggregator:
			f.edit(c, 0.05, 0.1)
		default:
			f.edit(c, 0.35, 0.75)
		}
		if r.Float64() >= f.cfg.InheritRate {
			c.stripCredits()
		}
		if c.hasDateline() && r.Float64() >= keep {
			c.stripDateline()
		}
		f.siteCredits(c, versions)
		if r.Float64() < f.cfg.FalseFriendRate/2 {
			f.addFalseFriend(c)
		}
		versions = append(versions, c)
	}
	if r.Float64() < f.cfg.ExcerptRate {
		f.excerpt(versions[r.IntN(len(versions))])
	}
	if missing && !slices.ContainsFunc(slices.Concat(versions[1:], f.extras), func(g *generated) bool { return g.names(origin.outl) }) {
		// Some copy names a missing origin: without it nobody could tell
		// where the story began. versions[1] copied the origin itself.
		f.credit(versions[1], origin.outl)
	}
	f.finishAll(origin, append(versions, f.extras...), missing, agencyOrigin)
	for n := f.poisson(f.cfg.Background); n > 0; n-- {
		f.articles = append(f.articles, f.standalone())
	}
	f.more(i, origin, versions, missing, agencyOrigin)
	f.briefs(i, origin, versions, missing, agencyOrigin)
}

// article starts an article of outlet written in lang at when.
func (f *family) article(outlet, lang string, when time.Time, paras []string) *generated {
	g := &generated{outl: outlet, info: outletByName(outlet), lang: lang, when: when}
	for _, p := range paras {
		g.paras = append(g.paras, para{{text: p}})
	}
	g.art = Article{ID: f.nextID(outlet), Outlet: outlet}
	return g
}

// copyOf starts a copy of parent at outlet carrying the parent's text and
// closing lines: an aggregator 5 to 40 minutes later, a newspaper often
// the next morning, others 15 minutes to 4 hours later.
func (f *family) copyOf(parent *generated, outlet string) *generated {
	info := outletByName(outlet)
	var delay time.Duration
	switch {
	case info.kind == kindAggregator:
		delay = time.Duration(5+f.r.IntN(35)) * time.Minute
	case info.kind == kindPaper && f.r.IntN(2) == 0:
		local := parent.when.In(zoneOf(outlet))
		next := time.Date(local.Year(), local.Month(), local.Day()+1, 5, 0, 0, 0, local.Location())
		delay = next.Sub(parent.when) + time.Duration(f.r.IntN(240))*time.Minute
	default:
		delay = time.Duration(15+f.r.IntN(225)) * time.Minute
	}
	c := &generated{
		outl: outlet, info: info, lang: f.reg.langOf(outlet),
		when:   parent.when.Add(delay),
		paras:  parent.clone(),
		tail:   slices.Clone(parent.tail),
		anc:    append([]string{parent.outl}, parent.anc...),
		parent: parent,
	}
	c.art = Article{ID: f.nextID(outlet), Outlet: outlet, Title: parent.art.Title}
	pid := parent.art.ID
	c.truth = Truth{Parent: &pid, Kind: "full"}
	return c
}

// ownDateline opens g's text with its outlet's own dateline.
func (f *family) ownDateline(g *generated) {
	text, form := f.dateline(g.outl, g.lang, g.when)
	g.setDateline(text, &mark{outlet: g.outl, form: form, lang: g.lang, credit: true, by: g.art.ID})
}

// ownByline gives an agency's or wire's article a byline: its own name
// ("Doha - QNA", "By Jane Roe, Reuters") or a reporter's.
func (f *family) ownByline(g *generated) {
	if !g.info.upstreamKind() || f.r.IntN(3) == 0 {
		g.author = &part{text: f.plainByline(g.lang)}
		return
	}
	g.author = &part{text: f.creditByline(g.outl, g.lang),
		mark: &mark{outlet: g.outl, form: FormByline, lang: g.lang, credit: true, by: g.art.ID}}
}

// edit applies a copy's own edits: with pDrop it drops (or, at a website,
// trims) paragraphs; with pWords it changes words in one paragraph.
func (f *family) edit(c *generated, pDrop, pWords float64) {
	r := f.r
	if len(c.paras) > 3 && r.Float64() < pDrop {
		if c.info.upstreamKind() {
			i := 1 + r.IntN(len(c.paras)-1)
			c.paras = slices.Delete(c.paras, i, i+1)
		} else {
			keep := max(2, len(c.paras)*(6+r.IntN(4))/10)
			c.paras = c.paras[:keep]
		}
	}
	if r.Float64() < pWords {
		f.editWords(c, r.IntN(len(c.paras)), 3)
	}
}

// siteCredits decides what a website or newspaper credits and where: its
// text, its byline or its source field.
func (f *family) siteCredits(c *generated, versions []*generated) {
	r := f.r
	bylineP, sourceP := f.cfg.BylineRate, f.cfg.SourceFieldRate
	switch c.info.kind {
	case kindPaper:
		bylineP = min(1, 2*bylineP)
	case kindAggregator:
		sourceP = min(1, 6*sourceP)
	}
	if target := f.siteCredit(c, versions); target != "" {
		inText := true
		upstream := slices.Contains(c.anc, target)
		switch x := r.Float64(); {
		case upstream && x < bylineP:
			c.author = &part{text: f.creditByline(target, c.lang),
				mark: &mark{outlet: target, form: FormByline, lang: c.lang, credit: true, by: c.art.ID}}
			inText = r.Float64() < 0.35
		case upstream && x < bylineP+sourceP:
			c.source = &part{text: anyName(f, target, c.lang),
				mark: &mark{outlet: target, form: FormSourceField, lang: c.lang, credit: true, by: c.art.ID}}
			inText = r.Float64() < 0.5
		}
		if inText {
			f.credit(c, target)
		}
	}
	if c.author == nil && r.Float64() < bylineP/2 {
		c.author = &part{text: f.plainByline(c.lang)}
	}
}

// siteCredit picks a website's credit: the origin, its parent, nobody, or
// an outlet that is not upstream. A wrong credit names an outlet with no
// version of the story: one that has a version could be read as the
// source whatever the text says.
func (f *family) siteCredit(c *generated, versions []*generated) string {
	origin := c.anc[len(c.anc)-1]
	parent := c.anc[0]
	switch x := f.r.Float64(); {
	case x < 0.3:
		return origin
	case x < 0.6:
		if !isUpstreamKind(parent) {
			return "" // websites rarely credit each other
		}
		return parent
	case x < 0.9 || f.missing:
		// Without the origin in the corpus, a wrong credit could pass for
		// it: nobody could tell which outlet broke the story.
		return ""
	}
	var wrong []string
	for _, o := range upstreamOutlets() {
		if !slices.ContainsFunc(versions, func(v *generated) bool { return v.outl == o }) {
			wrong = append(wrong, o)
		}
	}
	return wrong[f.r.IntN(len(wrong))]
}

// excerpt adds a website's own article quoting two or three paragraphs of
// v (without a dateline: nobody quotes one mid-article).
func (f *family) excerpt(v *generated) {
	r := f.r
	site := f.reg.sites[r.IntN(len(f.reg.sites))]
	e := f.article(site, f.reg.langOf(site), v.when.Add(time.Duration(60+r.IntN(600))*time.Minute), f.paragraphs(f.cfg.Words))
	e.art.Title = f.headline()
	e.anc = append([]string{v.outl}, v.anc...)
	e.parent = v
	quoted := v.clone()
	n := min(2+r.IntN(2), len(quoted))
	at := r.IntN(len(quoted) - n + 1)
	quoted = quoted[at : at+n]
	if len(quoted[0]) > 0 && quoted[0][0].mark != nil && quoted[0][0].mark.dateline {
		quoted[0] = quoted[0][1:]
	}
	mid := len(e.paras) / 2
	e.paras = slices.Concat(e.paras[:mid], quoted, e.paras[mid:])
	pid := v.art.ID
	e.truth = Truth{Parent: &pid, Kind: "partial"}
	if r.Float64() < 0.5 {
		f.credit(e, e.anc[len(e.anc)-1])
	}
	f.extras = append(f.extras, e)
}

// standalone is an article with no copies, from any outlet.
func (f *family) standalone() *generated {
	o := outlets[f.r.IntN(len(outlets))]
	return f.standaloneOf(o, o.lang)
}

// standaloneOf is a standalone article of outlet o, crediting in lang.
func (f *family) standaloneOf(o *outletInfo, lang string) *generated {
	g := f.article(o.name, lang, base.Add(time.Duration(f.r.IntN(60*24*60))*time.Minute), f.paragraphs(f.cfg.Words*3/4))
	g.art.Title = f.headline()
	if o.upstreamKind() && f.r.Float64() < f.cfg.OwnDatelineRate {
		f.ownDateline(g)
	}
	if f.r.Float64() < f.cfg.BylineRate {
		f.ownByline(g)
	}
	if f.r.Float64() < f.cfg.FalseFriendRate/2 {
		f.addFalseFriend(g)
	}
	id := g.art.ID
	g.truth = Truth{Story: id, Kind: "full", Verdict: "origin", OriginOutlet: o.name, OriginDoc: &id}
	f.finish(g, g, false)
	return g
}

func (f *family) poisson(mean float64) int {
	n := int(mean)
	if f.r.Float64() < mean-float64(n) {
		n++
	}
	return n
}
