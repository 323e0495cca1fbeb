package synth

import (
	"fmt"
	"strings"
	"time"
)

// finishAll labels and renders the family's copies; with missing set the
// origin is left out and its direct copies lose their parent.
func (f *family) finishAll(origin *generated, all []*generated, missing bool) {
	var originDoc *string
	if !missing {
		id := origin.art.ID
		originDoc = &id
	}
	for _, g := range all {
		t := &g.truth
		t.ID, t.Story, t.OriginOutlet, t.OriginDoc = g.art.ID, f.id, origin.outl, originDoc
		if missing && t.Parent != nil && *t.Parent == origin.art.ID {
			t.Parent = nil
		}
		t.Verdict = verdictOf(g, origin)
		if t.Credits == nil {
			t.Credits = []string{}
		}
		g.art.Text = f.renderCopy(g)
		g.art.Published = f.published(g)
		if g == origin && missing {
			continue
		}
		f.articles = append(f.articles, g)
	}
}

func verdictOf(g, origin *generated) string {
	if g == origin {
		return "origin"
	}
	named := false
	for _, c := range g.truth.Credits {
		if c == origin.outl {
			return "credits-origin"
		}
		named = true
	}
	for _, c := range g.truth.Credits {
		for _, a := range g.anc {
			if c == a {
				return "credits-intermediary"
			}
		}
	}
	if !named {
		return "uncredited"
	}
	return "miscredited"
}

// renderCopy writes the text: paragraphs, attribution lines, and a
// website's related-stories block and footer.
func (f *family) renderCopy(g *generated) string {
	text := strings.Join(append(append([]string(nil), g.paras...), g.attribution...), "\n")
	if isSite(g.outl) {
		text += "\n" + siteTail(g.outl, f.r.IntN(1000))
	}
	return text
}

func render(g *generated) string {
	text := strings.Join(g.paras, "\n")
	if isSite(g.outl) {
		text += "\n" + siteTail(g.outl, int(g.when.Unix()%1000))
	}
	return text
}

var zones = map[bool]*time.Location{true: time.FixedZone("AST", 3*3600), false: time.UTC}

// published formats a copy's time: usually an instant (agencies write in
// +03:00), sometimes nothing, a bare date, or a clock running early.
func (f *family) published(g *generated) string {
	if g.truth.Parent == nil && g.truth.Verdict == "origin" {
		return g.when.Format(time.RFC3339)
	}
	switch x := f.r.Float64(); {
	case x < f.cfg.TimeMissingRate:
		return ""
	case x < f.cfg.TimeMissingRate+f.cfg.DateOnlyRate:
		return g.when.Format("2006-01-02")
	case x < f.cfg.TimeMissingRate+f.cfg.DateOnlyRate+f.cfg.SkewRate:
		return g.when.Add(-6 * time.Hour).Format(time.RFC3339)
	}
	return g.when.In(zones[isAgency(g.outl)]).Format(time.RFC3339)
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
