package synth

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// finishAll labels and renders the family's copies; with missing set the
// origin is left out and its direct copies lose their parent.
func (f *family) finishAll(origin *generated, all []*generated, missing, agencyOrigin bool) {
	var originDoc *string
	if !missing {
		id := origin.art.ID
		originDoc = &id
	}
	for _, g := range all {
		t := &g.truth
		t.Story, t.OriginOutlet, t.OriginDoc = f.id, origin.outl, originDoc
		if missing && t.Parent != nil && *t.Parent == origin.art.ID {
			t.Parent = nil
		}
		if agencyOrigin {
			g.traits = append(g.traits, TraitAgencyOrigin)
		}
		if missing {
			g.traits = append(g.traits, TraitMissingOrigin)
		}
		f.finish(g, origin, missing)
		if g == origin && missing {
			continue
		}
		f.articles = append(f.articles, g)
	}
	f.equivalents(all, origin, missing)
}

// finish renders g and reads its label off what the page carries.
func (f *family) finish(g, origin *generated, missing bool) {
	t := &g.truth
	t.ID = g.art.ID
	f.label(g)
	if g != origin {
		t.Verdict = verdictOf(t.Credits, g.anc, origin.outl)
	}
	if t.Kind == "partial" {
		g.traits = append(g.traits, TraitExcerpt)
	}
	t.Reuse = reuseOf(g)
	g.bodyText = g.body()
	g.art.Text = g.bodyText
	if g.info.tail() {
		g.art.Text += "\n" + siteTail(g.outl, f.r.IntN(1000))
	}
	if g.author != nil {
		g.art.Author = g.author.text
	}
	if g.source != nil {
		g.art.Source = g.source.text
	}
	g.pub = f.published(g, g == origin)
	g.art.Published = g.pub
	if p := g.parent; p != nil && !(missing && p == origin) {
		if slices.Contains(p.traits, TraitCrawlLate) {
			g.traits = append(g.traits, TraitParentCrawlLate)
		}
		if slices.Contains(p.traits, TraitDateOnly) {
			g.traits = append(g.traits, TraitParentDateOnly)
		}
	}
	g.traits = append(g.traits, TraitLang(g.lang))
	slices.Sort(g.traits)
	t.Traits = slices.Compact(g.traits)
}

// label fills Mentions and Credits from the marks the page carries, and
// the traits they give.
func (f *family) label(g *generated) {
	t := &g.truth
	t.Mentions, t.Credits = nil, []string{}
	type how struct{ all, byline, source, inherited, dateline, foreign int }
	by := map[string]*how{}
	ownDateline := false
	g.marks(func(m *mark, text, where string) {
		mn := Mention{Outlet: m.outlet, Text: strings.TrimSpace(text), Form: m.form, Lang: m.lang, Where: where,
			Inherited: m.by != g.art.ID}
		switch {
		case m.form == FormFalseFriend:
			g.traits = append(g.traits, TraitFalseFriend)
		case m.outlet == g.outl:
			mn.Own = true
			g.traits = append(g.traits, TraitOwnMention)
			if m.dateline {
				ownDateline = true
			}
		case m.credit:
			mn.Credit = true
			h := by[m.outlet]
			if h == nil {
				h = &how{}
				by[m.outlet] = h
				t.Credits = append(t.Credits, m.outlet)
			}
			h.all++
			if where == InAuthor {
				h.byline++
			}
			if where == InSourceFld {
				h.source++
			}
			if mn.Inherited && where == InText {
				h.inherited++
			}
			if m.dateline {
				h.dateline++
			}
			if m.lang != "en" {
				h.foreign++
			}
		}
		t.Mentions = append(t.Mentions, mn)
	})
	if ownDateline && g.hasDateline() {
		g.traits = append(g.traits, TraitOwnDateline)
	}
	for _, h := range by {
		for _, c := range []struct {
			n     int
			trait string
		}{{h.byline, TraitBylineCredit}, {h.source, TraitSourceFieldCredit}, {h.inherited, TraitInheritedCredit},
			{h.dateline, TraitDatelineCredit}, {h.foreign, TraitForeignCredit}} {
			if c.n == h.all {
				g.traits = append(g.traits, c.trait)
			}
		}
	}
}

// verdictOf applies the verdict rules to what the page credits:
// credits-origin when it names the origin outlet, credits-intermediary
// when it names only outlets between it and the origin (and perhaps
// others), miscredited when it names only outlets that are not upstream,
// uncredited when it names none.
func verdictOf(credits, anc []string, origin string) string {
	if len(credits) == 0 {
		return "uncredited"
	}
	if slices.Contains(credits, origin) {
		return "credits-origin"
	}
	for _, c := range credits {
		if slices.Contains(anc, c) {
			return "credits-intermediary"
		}
	}
	return "miscredited"
}

// reuseOf reads how g's text was made from its parent's (Truth.Reuse).
func reuseOf(g *generated) string {
	switch {
	case g.parent == nil:
		return ""
	case g.truth.Kind == "partial":
		return ReuseExcerpt
	case g.rewritten:
		return ReuseRewritten
	case slices.Equal(g.storySentences(), g.parent.storySentences()):
		return ReuseVerbatim
	}
	return ReuseEdited
}

// storySentences are the sentences of g's story text in order: the
// filler and false friends, without the phrases that credit an outlet
// (datelines, credits, closing lines), which a verbatim copy may change.
func (g *generated) storySentences() []string {
	var out []string
	for _, p := range g.paras {
		for _, x := range p {
			if x.mark != nil && x.mark.credit {
				continue
			}
			for _, s := range strings.Split(x.text, ". ") {
				if s = strings.TrimSuffix(strings.TrimSpace(s), "."); s != "" {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// equivalents lists, for each article with a parent, the other articles
// whose text is identical to the parent's, not counting a website's
// related-stories block and footer (the site's boilerplate, not the
// story's text); and the wider set of articles that its text cannot tell
// from its parent (see Truth.ParentIndistinct). It labels the targets,
// comparing them with every article of the family so far.
//
// With missing set, origin is left out of the corpus. Its direct copies
// have no parent in the truth, but their parent's text is still known:
// they get in ParentIndistinct the in-corpus articles their text cannot
// tell from the missing origin. A copy of an in-corpus version whose text
// cannot tell that version from the missing origin gets "" there: naming
// no in-corpus parent is as good an answer as the true one.
func (f *family) equivalents(targets []*generated, origin *generated, missing bool) {
	byText := map[string][]string{}
	units := map[*generated]map[string]bool{}
	for _, g := range f.articles {
		byText[g.bodyText] = append(byText[g.bodyText], g.art.ID)
		units[g] = g.units()
	}
	if missing {
		units[origin] = origin.units()
	}
	for _, g := range targets {
		t := &g.truth
		if g.parent == nil || t.Parent == nil && !(missing && g.parent == origin) {
			continue
		}
		if t.Parent != nil {
			for _, id := range byText[g.parent.bodyText] {
				if id != g.art.ID && id != *t.Parent {
					t.ParentEquivalents = append(t.ParentEquivalents, id)
				}
			}
		}
		own, parent := units[g], units[g.parent]
		// same: g's text cannot tell r from its parent (every sentence
		// and phrase of g is in both or in neither).
		same := func(r map[string]bool) bool {
			for u := range own {
				if parent[u] != r[u] {
					return false
				}
			}
			return true
		}
		if missing && t.Parent != nil && same(units[origin]) {
			t.ParentIndistinct = append(t.ParentIndistinct, "")
		}
		for _, r := range f.articles {
			if r == g || r == g.parent {
				continue
			}
			if same(units[r]) {
				t.ParentIndistinct = append(t.ParentIndistinct, r.art.ID)
			}
		}
		if len(t.ParentEquivalents) > 0 {
			t.Traits = append(t.Traits, TraitParentEquivalent)
		}
		if len(t.ParentIndistinct) > 0 {
			t.Traits = append(t.Traits, TraitParentIndistinct)
		}
		slices.Sort(t.Traits)
	}
}

func zoneOf(outlet string) *time.Location {
	z := outletByName(outlet).zone
	if z == 0 {
		return time.UTC
	}
	return time.FixedZone(fmt.Sprintf("UTC%+d", z), z*3600)
}

// published formats an article's time: an outlet with a crawl-time clock
// gives the crawl time, a date-only outlet the local date; an origin the
// exact time; a copy usually an instant in its outlet's zone, sometimes
// nothing, a bare date, or a clock running six hours early.
func (f *family) published(g *generated, isOrigin bool) string {
	zone := zoneOf(g.outl)
	if f.w.dateOnly[g.outl] {
		g.traits = append(g.traits, TraitDateOnly)
		return g.when.In(zone).Format("2006-01-02")
	}
	if late, ok := f.w.lateBy(f, g.outl); ok {
		g.traits = append(g.traits, TraitCrawlLate)
		return g.when.Add(late).In(zone).Format(time.RFC3339)
	}
	if isOrigin {
		return g.when.Format(time.RFC3339)
	}
	switch x := f.r.Float64(); {
	case x < f.cfg.TimeMissingRate:
		g.traits = append(g.traits, TraitNoTime)
		return ""
	case x < f.cfg.TimeMissingRate+f.cfg.DateOnlyRate:
		g.traits = append(g.traits, TraitDateOnly)
		return g.when.Format("2006-01-02")
	case x < f.cfg.TimeMissingRate+f.cfg.DateOnlyRate+f.cfg.SkewRate:
		g.traits = append(g.traits, TraitSkewed)
		return g.when.Add(-6 * time.Hour).Format(time.RFC3339)
	}
	return g.when.In(zone).Format(time.RFC3339)
}

// siteTail is a website's related-stories block and footer. The block
// lists three of the site's 40 recent headlines with their times.
func siteTail(site string, pick int) string {
	var b strings.Builder
	for i := 0; i < 3; i++ {
		h := siteHeadlines(site)[(pick+i*7)%40]
		fmt.Fprintf(&b, "%sGMT %02d:%02d 2016 %s ,%d November\n", h.text, h.hour, h.min, h.day, h.date)
	}
	fmt.Fprintf(&b, "Maintained and developed by %s Group SAL.\nAll rights reserved to %s Media Group 2025 ©", title(site), title(site))
	return b.String()
}

func title(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
