package synth

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

func (f *family) build(i int) {
	r := f.r
	w := wires[r.IntN(len(wires))]
	origin := &generated{outl: w.name, when: base.Add(time.Duration(i) * 3 * time.Minute), paras: f.paragraphs(f.cfg.Words)}
	origin.setDateline(strings.ToUpper(w.city), w.name)
	origin.art = Article{ID: f.nextID(w.name), Outlet: w.name, Title: f.headline()}
	origin.truth = Truth{Kind: "full", Verdict: "origin"}
	missing := r.Float64() < f.cfg.MissingOriginRate
	versions := []*generated{origin}

	for _, ai := range r.Perm(len(agencies))[:r.IntN(3)] {
		ag := agencies[ai]
		c := f.copyOf(origin, ag.name)
		c.setDateline(ag.city, ag.name) // replaces the wire's
		f.edit(c, 0.6, 0.8)
		if r.Float64() < 0.85 {
			f.credit(c, w.name)
		}
		versions = append(versions, c)
	}
	for _, si := range r.Perm(len(sites))[:1+r.IntN(4)] {
		parent := versions[r.IntN(len(versions))]
		c := f.copyOf(parent, sites[si])
		f.edit(c, 0.35, 0.75)
		// Websites usually strip the dateline; a kept one still tells
		// readers where the text came from.
		if c.dateline != "" && r.Float64() < 0.85 {
			c.paras[0] = strings.TrimPrefix(c.paras[0], c.dateline)
			c.dateline, c.datelineOutlet = "", ""
		}
		for _, o := range f.siteCredit(c) {
			f.credit(c, o)
		}
		if c.datelineOutlet != "" && !slices.Contains(c.truth.Credits, c.datelineOutlet) {
			c.truth.Credits = append(c.truth.Credits, c.datelineOutlet)
		}
		versions = append(versions, c)
	}
	if r.Float64() < f.cfg.ExcerptRate {
		f.excerpt(versions[r.IntN(len(versions))])
	}
	f.finishAll(origin, append(versions, f.extras...), missing)
	for n := f.poisson(f.cfg.Background); n > 0; n-- {
		f.articles = append(f.articles, f.standalone())
	}
}

// copyOf starts a copy of parent at outlet, published 15 minutes to 4 hours
// later, carrying the parent's text.
func (f *family) copyOf(parent *generated, outlet string) *generated {
	c := &generated{
		outl:  outlet,
		when:  parent.when.Add(time.Duration(15+f.r.IntN(225)) * time.Minute),
		paras: slices.Clone(parent.paras),
		anc:   append([]string{parent.outl}, parent.anc...),
	}
	c.art = Article{ID: f.nextID(outlet), Outlet: outlet, Title: parent.art.Title}
	c.dateline, c.datelineOutlet = parent.dateline, parent.datelineOutlet
	pid := parent.art.ID
	c.truth = Truth{Parent: &pid, Kind: "full"}
	return c
}

// setDateline opens the text with "CITY (OUTLET) - ", replacing any
// dateline it had.
func (g *generated) setDateline(city, outlet string) {
	g.paras[0] = strings.TrimPrefix(g.paras[0], g.dateline)
	g.dateline = fmt.Sprintf("%s (%s) - ", city, outlet)
	g.datelineOutlet = outlet
	g.paras[0] = g.dateline + g.paras[0]
}

// credit makes g name outlet as its source, in one of four styles. The
// in-text styles become part of the text, so later copies carry them; the
// attribution styles are added when the text is rendered.
func (f *family) credit(g *generated, outlet string) {
	g.truth.Credits = append(g.truth.Credits, outlet)
	switch f.r.IntN(4) {
	case 0:
		g.attribution = append(g.attribution, "Source: "+outlet)
	case 1:
		g.attribution = append(g.attribution, fmt.Sprintf("This report was first published by %s.", outlet))
	case 2:
		g.paras[0] = strings.TrimSuffix(g.paras[0], ".") + fmt.Sprintf(", according to %s.", outlet)
	default:
		g.paras[0] += fmt.Sprintf(" %s reported.", outlet)
	}
}

// edit applies a copy's own edits: with pDrop it drops (or, at a website,
// trims) paragraphs; with pWords it changes words in one paragraph.
func (f *family) edit(c *generated, pDrop, pWords float64) {
	r := f.r
	if len(c.paras) > 3 && r.Float64() < pDrop {
		if isAgency(c.outl) {
			i := 1 + r.IntN(len(c.paras)-1)
			c.paras = slices.Delete(c.paras, i, i+1)
		} else {
			keep := max(2, len(c.paras)*(6+r.IntN(4))/10)
			c.paras = c.paras[:keep]
		}
	}
	if r.Float64() < pWords {
		i := r.IntN(len(c.paras))
		prefix := ""
		if i == 0 { // the dateline stays as it is
			prefix = c.dateline
		}
		ws := strings.Fields(strings.TrimPrefix(c.paras[i], prefix))
		for n := 0; n < 3 && len(ws) > 0; n++ {
			ws[r.IntN(len(ws))] = f.word()
		}
		c.paras[i] = prefix + strings.Join(ws, " ")
	}
}

func isAgency(name string) bool {
	for _, a := range agencies {
		if a.name == name {
			return true
		}
	}
	return false
}

// siteCredit picks a website's credit: the origin, its parent, nobody, or
// an outlet that is not upstream.
func (f *family) siteCredit(c *generated) []string {
	origin := c.anc[len(c.anc)-1]
	parent := c.anc[0]
	switch x := f.r.Float64(); {
	case x < 0.3:
		return []string{origin}
	case x < 0.6:
		if isSite(parent) {
			return nil // websites rarely credit each other
		}
		return []string{parent}
	case x < 0.9:
		return nil
	}
	var wrong []string
	for _, o := range append(outletNames(wires), outletNames(agencies)...) {
		if !slices.Contains(c.anc, o) {
			wrong = append(wrong, o)
		}
	}
	return []string{wrong[f.r.IntN(len(wrong))]}
}

func isSite(name string) bool { return slices.Contains(sites, name) }

func outletNames(os []outlet) []string {
	var n []string
	for _, o := range os {
		n = append(n, o.name)
	}
	return n
}

// excerpt adds a website's own article quoting two or three paragraphs of v.
func (f *family) excerpt(v *generated) {
	r := f.r
	site := sites[r.IntN(len(sites))]
	own := f.paragraphs(f.cfg.Words)
	n := min(2+r.IntN(2), len(v.paras))
	at := r.IntN(len(v.paras) - n + 1)
	mid := len(own) / 2
	paras := slices.Concat(own[:mid], v.paras[at:at+n], own[mid:])
	pid := v.art.ID
	e := &generated{outl: site, when: v.when.Add(time.Duration(60+r.IntN(600)) * time.Minute), paras: paras,
		anc: append([]string{v.outl}, v.anc...)}
	e.art = Article{ID: f.nextID(site), Outlet: site, Title: f.headline()}
	e.truth = Truth{Parent: &pid, Kind: "partial"}
	if r.Float64() < 0.5 {
		f.credit(e, v.anc0())
	}
	f.extras = append(f.extras, e)
}

func (g *generated) anc0() string {
	if len(g.anc) == 0 {
		return g.outl
	}
	return g.anc[len(g.anc)-1]
}

// standalone is an article with no copies, from any outlet.
func (f *family) standalone() *generated {
	all := append(append(outletNames(wires), outletNames(agencies)...), sites...)
	o := all[f.r.IntN(len(all))]
	g := &generated{outl: o, when: base.Add(time.Duration(f.r.IntN(60*24*60)) * time.Minute), paras: f.paragraphs(f.cfg.Words * 3 / 4)}
	g.art = Article{ID: f.nextID(o), Outlet: o, Title: f.headline()}
	g.truth = Truth{Story: g.art.ID, Kind: "full", Verdict: "origin", OriginOutlet: o}
	id := g.art.ID
	g.truth.OriginDoc = &id
	g.truth.ID = id
	g.art.Text = render(g)
	g.art.Published = g.when.Format(time.RFC3339)
	return g
}

func (f *family) poisson(mean float64) int {
	n := int(mean)
	if f.r.Float64() < mean-float64(n) {
		n++
	}
	return n
}
