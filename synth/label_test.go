package synth

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// Hand-built families: the labelling rules on cases small enough to check
// by reading them.

func handFamily() *family {
	cfg := DefaultConfig(1, 1)
	return &family{cfg: cfg, w: newWorld(cfg), r: rand.New(rand.NewPCG(1, 1)), id: "h", reg: gulf}
}

func handOrigin(f *family, outlet string) *generated {
	o := f.article(outlet, "en", base, []string{
		"Alpha bravo charlie delta echo foxtrot golf.",
		"Hotel india juliet kilo lima mike november.",
		"Oscar papa quebec romeo sierra tango uniform.",
		"Victor whiskey xray yankee zulu alpha bravo.",
	})
	o.art.Title = "Title"
	o.truth = Truth{Kind: "full", Verdict: "origin"}
	return o
}

func creditMark(g *generated, outlet, form string) *mark {
	return &mark{outlet: outlet, form: form, lang: "en", credit: true, by: g.art.ID}
}

func wantLabel(t *testing.T, g *generated, verdict string, credits ...string) {
	t.Helper()
	if credits == nil {
		credits = []string{}
	}
	got := slices.Clone(g.truth.Credits)
	slices.Sort(got)
	slices.Sort(credits)
	if g.truth.Verdict != verdict || !slices.Equal(got, credits) {
		t.Errorf("%s (%s): verdict %s, credits %v; want %s, %v\ntext: %q\nauthor: %q source: %q",
			g.art.ID, g.outl, g.truth.Verdict, g.truth.Credits, verdict, credits, g.art.Text, g.art.Author, g.art.Source)
	}
}

func hasTrait(g *generated, tr string) bool { return slices.Contains(g.truth.Traits, tr) }

func TestInheritedCreditCounts(t *testing.T) {
	f := handFamily()
	origin := handOrigin(f, "Sputnik")
	f.ownDateline(origin)
	qna := f.copyOf(origin, "QNA")
	f.ownDateline(qna)
	qna.closeWith(0, ", Sputnik reported.", creditMark(qna, "Sputnik", FormReported))
	// A website copies QNA and strips its dateline: the "Sputnik
	// reported" it carries over still tells its reader where the text
	// comes from.
	site := f.copyOf(qna, "gulfpost")
	site.stripDateline()
	// Another launders it: the credit it inherited goes too.
	laundered := f.copyOf(qna, "newsnow")
	laundered.stripDateline()
	laundered.stripCredits()
	// A third keeps QNA's dateline.
	kept := f.copyOf(qna, "dailymirrorme")
	f.finishAll(origin, []*generated{origin, qna, site, laundered, kept}, false, false)

	wantLabel(t, origin, "origin")
	wantLabel(t, qna, "credits-origin", "Sputnik")
	wantLabel(t, site, "credits-origin", "Sputnik")
	wantLabel(t, laundered, "uncredited")
	wantLabel(t, kept, "credits-origin", "Sputnik", "QNA")
	if !hasTrait(site, TraitInheritedCredit) || hasTrait(qna, TraitInheritedCredit) {
		t.Errorf("inherited-credit traits: site %v, qna %v", site.truth.Traits, qna.truth.Traits)
	}
	if !strings.Contains(site.art.Text, ", Sputnik reported.") {
		t.Errorf("the copy lost the credit it carries: %q", site.art.Text)
	}
	if strings.Contains(laundered.art.Text, "Sputnik") || !strings.HasPrefix(laundered.art.Text, "Alpha bravo charlie delta echo foxtrot golf.\n") {
		t.Errorf("laundered text: %q", laundered.art.Text)
	}
	for _, m := range site.truth.Mentions {
		if m.Outlet == "Sputnik" && (!m.Inherited || !m.Credit) {
			t.Errorf("site mention %+v: want an inherited credit", m)
		}
	}
}

func TestOwnDatelineAndBylineAreNotCredits(t *testing.T) {
	f := handFamily()
	origin := handOrigin(f, "QNA")
	f.ownDateline(origin)
	origin.author = &part{text: "Doha - QNA", mark: creditMark(origin, "QNA", FormByline)}
	site := f.copyOf(origin, "gulfpost")
	site.stripDateline()
	f.finishAll(origin, []*generated{origin, site}, false, true)
	wantLabel(t, origin, "origin")
	wantLabel(t, site, "uncredited") // the byline is the origin's metadata, not the copy's
	if origin.art.Author != "Doha - QNA" || site.art.Author != "" {
		t.Errorf("authors: %q, %q", origin.art.Author, site.art.Author)
	}
	own := 0
	for _, m := range origin.truth.Mentions {
		if m.Own && !m.Credit {
			own++
		}
	}
	if own != 2 || !hasTrait(origin, TraitOwnDateline) || !hasTrait(origin, TraitOwnMention) {
		t.Errorf("origin mentions %+v, traits %v: want its own dateline and byline, not credits", origin.truth.Mentions, origin.truth.Traits)
	}
}

func TestMetadataCreditsCount(t *testing.T) {
	f := handFamily()
	origin := handOrigin(f, "Reuters")
	spa := f.copyOf(origin, "SPA")
	spa.closeWith(1, ", according to Reuters.", creditMark(spa, "Reuters", FormAccordingTo))
	// A newspaper names SPA only in its byline; an aggregator names it in
	// a source field; a site's byline names a reporter only.
	paper := f.copyOf(spa, "najdnews")
	paper.stripCredits()
	paper.author = &part{text: "الرياض - واس", mark: &mark{outlet: "SPA", form: FormByline, lang: "ar", credit: true, by: paper.art.ID}}
	agg := f.copyOf(spa, "akhbarnow")
	agg.stripCredits()
	agg.source = &part{text: "وكالة الأنباء السعودية", mark: &mark{outlet: "SPA", form: FormSourceField, lang: "ar", credit: true, by: agg.art.ID}}
	site := f.copyOf(spa, "gulfpost")
	site.stripCredits()
	site.author = &part{text: "Staff Reporter"}
	f.finishAll(origin, []*generated{origin, spa, paper, agg, site}, false, false)

	wantLabel(t, paper, "credits-intermediary", "SPA")
	wantLabel(t, agg, "credits-intermediary", "SPA")
	wantLabel(t, site, "uncredited")
	if paper.art.Author != "الرياض - واس" || agg.art.Source != "وكالة الأنباء السعودية" || site.art.Author != "Staff Reporter" {
		t.Errorf("metadata fields: %q, %q, %q", paper.art.Author, agg.art.Source, site.art.Author)
	}
	if !hasTrait(paper, TraitBylineCredit) || !hasTrait(agg, TraitSourceFieldCredit) || hasTrait(site, TraitBylineCredit) {
		t.Errorf("traits: paper %v, aggregator %v, site %v", paper.truth.Traits, agg.truth.Traits, site.truth.Traits)
	}
	m := paper.art.Meta()
	if string(m["author"]) != `"الرياض - واس"` || len(m) != 1 {
		t.Errorf("Meta() = %v", m)
	}
}

func TestFalseFriendsAreNotCredits(t *testing.T) {
	f := handFamily()
	origin := handOrigin(f, "Reuters")
	origin.addSentence(0, "Mr Reuter, the company's chairman, declined to comment.",
		&mark{outlet: "Reuters", form: FormFalseFriend, lang: "en", by: origin.art.ID})
	site := f.copyOf(origin, "gulfpost")
	site.addSentence(1, "More students sat AP exams this year than ever before.",
		&mark{outlet: "AP", form: FormFalseFriend, lang: "en", by: site.art.ID})
	paper := f.copyOf(origin, "qaumiakhbar")
	paper.addSentence(1, "بی سی بی کے مطابق ٹیم کا اعلان جمعہ کو کیا جائے گا۔",
		&mark{outlet: "BBC", form: FormFalseFriend, lang: "ur", by: paper.art.ID})
	f.finishAll(origin, []*generated{origin, site, paper}, false, false)

	wantLabel(t, site, "uncredited")
	wantLabel(t, paper, "uncredited")
	for _, g := range []*generated{site, paper} {
		if !hasTrait(g, TraitFalseFriend) {
			t.Errorf("%s: no false-friend trait", g.art.ID)
		}
		for _, m := range g.truth.Mentions {
			if m.Credit {
				t.Errorf("%s: %+v is a credit", g.art.ID, m)
			}
		}
	}
	if !strings.Contains(paper.art.Text, "بی سی بی کے مطابق") || !strings.Contains(site.art.Text, "Mr Reuter") {
		t.Error("the false friends are not in the text")
	}
	// The credit forms inside a generated corpus are never false friends.
	_, truth := generate(t, DefaultConfig(200, 5))
	n := 0
	for _, tr := range truth {
		for _, m := range tr.Mentions {
			if m.Form == FormFalseFriend {
				n++
				if m.Credit {
					t.Errorf("%s: false friend %+v is a credit", tr.ID, m)
				}
				if m.Outlet != "" && slices.Contains(tr.Credits, m.Outlet) && !creditedElsewhere(tr, m.Outlet) {
					t.Errorf("%s credits %s from a false friend only", tr.ID, m.Outlet)
				}
			}
		}
	}
	if n == 0 {
		t.Error("no false friends in 200 families")
	}
}

func creditedElsewhere(tr Truth, outlet string) bool {
	for _, m := range tr.Mentions {
		if m.Credit && m.Outlet == outlet {
			return true
		}
	}
	return false
}

func TestVerdictRules(t *testing.T) {
	anc := []string{"QNA", "Sputnik"} // parent QNA, origin Sputnik
	for _, tc := range []struct {
		credits []string
		want    string
	}{
		{nil, "uncredited"},
		{[]string{"Sputnik"}, "credits-origin"},
		{[]string{"QNA", "Sputnik"}, "credits-origin"},
		{[]string{"AFP", "Sputnik"}, "credits-origin"},
		{[]string{"QNA"}, "credits-intermediary"},
		{[]string{"AFP", "QNA"}, "credits-intermediary"},
		{[]string{"AFP"}, "miscredited"},
		{[]string{"AFP", "TASS"}, "miscredited"},
	} {
		if got := verdictOf(tc.credits, anc, "Sputnik"); got != tc.want {
			t.Errorf("verdictOf(%v) = %s, want %s", tc.credits, got, tc.want)
		}
	}
}

func TestExcerptDropsDatelineKeepsCredits(t *testing.T) {
	f := handFamily()
	origin := handOrigin(f, "AFP")
	f.ownDateline(origin)
	origin.closeWith(0, ", the ministry said in its first statement, AFP reported.", creditMark(origin, "AFP", FormReported))
	for i := 0; i < 20; i++ {
		f.excerpt(origin)
	}
	f.finishAll(origin, append([]*generated{origin}, f.extras...), false, false)
	for _, e := range f.extras {
		if strings.Contains(e.art.Text, "(AFP) -") {
			t.Errorf("excerpt %s quotes the dateline: %q", e.art.ID, e.art.Text)
		}
		quotesFirst := strings.Contains(e.art.Text, "in its first statement, AFP reported")
		inherited := false
		for _, m := range e.truth.Mentions {
			inherited = inherited || (m.Credit && m.Inherited && m.Outlet == "AFP")
		}
		if quotesFirst != inherited || quotesFirst && !slices.Contains(e.truth.Credits, "AFP") {
			t.Errorf("excerpt %s: credits %v, mentions %+v, quotes the credited paragraph %v", e.art.ID, e.truth.Credits, e.truth.Mentions, quotesFirst)
		}
		if e.truth.Kind != "partial" || !hasTrait(e, TraitExcerpt) {
			t.Errorf("excerpt %s: kind %s traits %v", e.art.ID, e.truth.Kind, e.truth.Traits)
		}
	}
}

func TestParentEquivalents(t *testing.T) {
	f := handFamily()
	origin := handOrigin(f, "APP")
	// Two newspapers print the agency's text verbatim (no dateline on
	// either side, no edits, no credit in the text).
	p1 := f.copyOf(origin, "qaumiakhbar")
	p2 := f.copyOf(origin, "roznamapak")
	p2.author = &part{text: "اے پی پی", mark: &mark{outlet: "APP", form: FormByline, lang: "ur", credit: true, by: p2.art.ID}}
	child := f.copyOf(p1, "karachipost")
	other := f.copyOf(origin, "indusurdu")
	other.closeWith(0, ", APP reported.", creditMark(other, "APP", FormReported))
	f.finishAll(origin, []*generated{origin, p1, p2, child, other}, false, true)
	if p1.art.Text != origin.art.Text || p2.art.Text != origin.art.Text {
		t.Fatal("the verbatim copies differ from the original")
	}
	if got := child.truth.ParentEquivalents; !slices.Equal(got, []string{origin.art.ID, p2.art.ID}) {
		t.Errorf("child's parent equivalents %v, want the origin and the other verbatim copy", got)
	}
	// The website's copy of p1 carries the same story text under its own
	// related-stories block and footer: it is a twin too.
	if got := p1.truth.ParentEquivalents; !slices.Equal(got, []string{p2.art.ID, child.art.ID}) {
		t.Errorf("p1's parent equivalents %v, want [%s %s]", got, p2.art.ID, child.art.ID)
	}
	if !strings.Contains(child.art.Text, "Karachipost Media Group") {
		t.Errorf("the website's copy has no footer: %q", child.art.Text)
	}
	if len(other.truth.ParentEquivalents) != 3 || !hasTrait(child, TraitParentEquivalent) {
		t.Errorf("other: %v; child traits %v", other.truth.ParentEquivalents, child.truth.Traits)
	}
	wantLabel(t, p1, "uncredited")
	wantLabel(t, p2, "credits-origin", "APP")
	wantLabel(t, other, "credits-origin", "APP")
}

func TestHijri(t *testing.T) {
	for _, tc := range []struct {
		date    string
		y, m, d int
	}{{"2015-08-10", 1436, 10, 25}, {"2016-11-01", 1438, 2, 1}, {"2017-01-01", 1438, 4, 3}} {
		tm, _ := time.Parse("2006-01-02", tc.date)
		if y, m, d := hijri(tm); y != tc.y || m != tc.m || d != tc.d {
			t.Errorf("hijri(%s) = %d-%d-%d, want %d-%d-%d", tc.date, y, m, d, tc.y, tc.m, tc.d)
		}
	}
}

func TestParseCrawlClock(t *testing.T) {
	c, err := ParseCrawlClock("SPA=40h:16h")
	if err != nil || c != (CrawlClock{"SPA", 40 * time.Hour, 16 * time.Hour}) {
		t.Errorf("ParseCrawlClock = %+v, %v", c, err)
	}
	if c, err := ParseCrawlClock("x=3h"); err != nil || c.Spread != 0 || c.String() != "x=3h0m0s:0s" {
		t.Errorf("ParseCrawlClock(x=3h) = %+v, %v", c, err)
	}
	for _, bad := range []string{"SPA", "=3h", "SPA=soon", "SPA=3h:-1h", "SPA=-3h"} {
		if _, err := ParseCrawlClock(bad); err == nil {
			t.Errorf("ParseCrawlClock(%q) accepted", bad)
		}
	}
}

func TestParentIndistinct(t *testing.T) {
	f := handFamily()
	origin := handOrigin(f, "TASS")
	f.ownDateline(origin)
	// A site strips TASS's dateline and credits it in a sentence.
	site := f.copyOf(origin, "gulfpost")
	site.stripDateline()
	site.closeWith(1, ", TASS said in a report.", creditMark(site, "TASS", FormSaidInReport))
	// A launderer copies the site and strips the credit: its text is
	// TASS's without the dateline; nothing in it tells the site from TASS.
	laundered := f.copyOf(site, "newsnow")
	laundered.stripCredits()
	// Another copy of the site keeps the credit the site wrote: that
	// phrase is the site's.
	kept := f.copyOf(site, "levantwire")
	// A site that changes words, and a verbatim copy of it: the changed
	// words are the editor's.
	editor := f.copyOf(origin, "dailymirrorme")
	editor.stripDateline()
	f.editWords(editor, 2, 3)
	follower := f.copyOf(editor, "desertherald")
	f.finishAll(origin, []*generated{origin, site, laundered, kept, editor, follower}, false, false)

	// kept is a verbatim copy of the site: an equivalent of the parent.
	if !slices.Contains(laundered.truth.ParentIndistinct, origin.art.ID) || !slices.Equal(laundered.truth.ParentEquivalents, []string{kept.art.ID}) {
		t.Errorf("laundered copy: indistinct %v, equivalents %v; want TASS indistinct, the site's verbatim copy equivalent",
			laundered.truth.ParentIndistinct, laundered.truth.ParentEquivalents)
	}
	if slices.Contains(kept.truth.ParentIndistinct, origin.art.ID) {
		t.Errorf("a copy that carries its parent's credit phrase: indistinct %v", kept.truth.ParentIndistinct)
	}
	if slices.Contains(follower.truth.ParentIndistinct, origin.art.ID) {
		t.Errorf("a copy that carries its parent's word changes: indistinct %v", follower.truth.ParentIndistinct)
	}
	for _, g := range []*generated{site, laundered, kept, editor, follower} {
		for _, e := range g.truth.ParentEquivalents {
			if !slices.Contains(g.truth.ParentIndistinct, e) {
				t.Errorf("%s: equivalent %s is not indistinct", g.art.ID, e)
			}
		}
	}
}

// TestParentIndistinctMissingOrigin: when the origin is left out, a copy
// whose text cannot tell an in-corpus version from the missing original
// lists that version, and a copy of an in-corpus version whose text cannot
// tell it from the missing original lists "" (no in-corpus parent).
func TestParentIndistinctMissingOrigin(t *testing.T) {
	f := handFamily()
	origin := handOrigin(f, "TASS")
	// Two sites paste TASS's text unchanged: their text is TASS's.
	a := f.copyOf(origin, "gulfpost")
	b := f.copyOf(origin, "newsnow")
	// A site copies a verbatim.
	c := f.copyOf(a, "levantwire")
	// A site changes words of TASS's text, and another copies it: the
	// changed words are the editor's, not TASS's.
	d := f.copyOf(origin, "dailymirrorme")
	f.editWords(d, 2, 3)
	e := f.copyOf(d, "desertherald")
	f.finishAll(origin, []*generated{origin, a, b, c, d, e}, true, false)

	if slices.Contains(f.articles, origin) {
		t.Fatal("the missing origin is in the corpus")
	}
	if a.bodyText != origin.bodyText || b.bodyText != origin.bodyText {
		t.Fatalf("the verbatim copies' story text differs from the original's")
	}
	for _, g := range []*generated{a, b, d} {
		if g.truth.Parent != nil {
			t.Fatalf("%s, a copy of the missing origin, has parent %s", g.art.ID, *g.truth.Parent)
		}
		if len(g.truth.ParentEquivalents) > 0 {
			t.Errorf("%s: parent equivalents %v without a parent", g.art.ID, g.truth.ParentEquivalents)
		}
		if slices.Contains(g.truth.ParentIndistinct, "") {
			t.Errorf("%s: \"\" is its true parent, not an indistinct one: %v", g.art.ID, g.truth.ParentIndistinct)
		}
	}
	// b's text equals a's, which equals the missing original's.
	if !slices.Contains(b.truth.ParentIndistinct, a.art.ID) || !hasTrait(b, TraitParentIndistinct) {
		t.Errorf("b, a copy of the missing origin: indistinct %v, traits %v; want a (%s), whose text is the original's",
			b.truth.ParentIndistinct, b.truth.Traits, a.art.ID)
	}
	if !slices.Contains(a.truth.ParentIndistinct, b.art.ID) {
		t.Errorf("a: indistinct %v, want b (%s)", a.truth.ParentIndistinct, b.art.ID)
	}
	// Even with its edits, nothing in d's text tells a from the original.
	if !slices.Contains(d.truth.ParentIndistinct, a.art.ID) {
		t.Errorf("d: indistinct %v, want a (%s)", d.truth.ParentIndistinct, a.art.ID)
	}
	// c copies a, whose text is the missing original's: "" is as good
	// an answer as a; b is a's verbatim twin (strict equivalent).
	if c.truth.Parent == nil || *c.truth.Parent != a.art.ID {
		t.Fatalf("c's parent %v, want %s", c.truth.Parent, a.art.ID)
	}
	if !slices.Contains(c.truth.ParentIndistinct, "") || !slices.Contains(c.truth.ParentIndistinct, b.art.ID) {
		t.Errorf("c, a copy of a verbatim copy of the missing origin: indistinct %v, want \"\" and b (%s)", c.truth.ParentIndistinct, b.art.ID)
	}
	if !slices.Equal(c.truth.ParentEquivalents, []string{b.art.ID}) {
		t.Errorf("c: parent equivalents %v, want [%s] (no \"\": the strict figure is unchanged)", c.truth.ParentEquivalents, b.art.ID)
	}
	// e carries d's changed words: its text tells d from the original.
	if slices.Contains(e.truth.ParentIndistinct, "") {
		t.Errorf("e, a copy of an edited version: indistinct %v, want no \"\"", e.truth.ParentIndistinct)
	}
}
