package synth

import (
	"encoding/json"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

var wordRE = regexp.MustCompile(`[\pL\pN]+`)

func normWords(s string) []string { return wordRE.FindAllString(strings.ToLower(s), -1) }

func ngrams(ws []string, k int) map[string]bool {
	out := map[string]bool{}
	for i := 0; i+k <= len(ws); i++ {
		out[strings.Join(ws[i:i+k], " ")] = true
	}
	return out
}

func jaccard(a, b map[string]bool) float64 {
	n := 0
	for x := range a {
		if b[x] {
			n++
		}
	}
	if u := len(a) + len(b) - n; u > 0 {
		return float64(n) / float64(u)
	}
	return 0
}

// contentKeys are the synonym classes of a text's content words.
func contentKeys(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(s) {
		if k := ContentKey(w); k != "" {
			out[k] = true
		}
	}
	return out
}

func median(xs []float64) float64 {
	sort.Float64s(xs)
	return xs[len(xs)/2]
}

// TestRewrites: a rewritten copy has little shingle overlap with its
// parent yet keeps most of its content words (up to synonyms); a summary
// is about a third of its parent and takes its words from it.
func TestRewrites(t *testing.T) {
	arts, truth := generate(t, DefaultConfig(300, 5))
	byID := map[string]Article{}
	for _, a := range arts {
		byID[a.ID] = a
	}
	var j3, kept, sumLen, sumFrom []float64
	for _, tr := range truth {
		if tr.Reuse != ReuseRewritten || tr.Parent == nil {
			continue
		}
		c, p := storyText(byID[tr.ID]), storyText(byID[*tr.Parent])
		cw, pw := normWords(c), normWords(p)
		ck, pk := contentKeys(c), contentKeys(p)
		shared := 0
		for k := range ck {
			if pk[k] {
				shared++
			}
		}
		if slices.Contains(tr.Traits, TraitSummary) {
			sumLen = append(sumLen, float64(len(cw))/float64(len(pw)))
			sumFrom = append(sumFrom, float64(shared)/float64(len(ck)))
			continue
		}
		j := jaccard(ngrams(cw, 3), ngrams(pw, 3))
		if j > 0.7 {
			t.Errorf("%s: word 3-gram Jaccard %.2f with its parent: not a rewrite", tr.ID, j)
		}
		j3 = append(j3, j)
		kept = append(kept, float64(shared)/float64(len(pk)))
	}
	if len(j3) < 50 || len(sumLen) < 10 {
		t.Fatalf("%d rewrites and %d summaries in 300 families", len(j3), len(sumLen))
	}
	// Urdu papers' wholly derived versions of agency stories: median 0.25.
	if m := median(j3); m < 0.15 || m > 0.4 {
		t.Errorf("median word 3-gram Jaccard of rewrites %.2f, want about 0.25", m)
	}
	if m := median(kept); m < 0.75 {
		t.Errorf("median share of the parent's content words kept by a rewrite %.2f, want most", m)
	}
	if m := median(sumLen); m < 0.2 || m > 0.45 {
		t.Errorf("median length of a summary %.2f of its parent's, want about a third", m)
	}
	if m := median(sumFrom); m < 0.9 {
		t.Errorf("median share of a summary's content words from its parent %.2f", m)
	}
}

// TestReuseLabels: the label follows what happened to the text. A
// verbatim copy has its parent's story sentences, an edited one does not;
// every copy has a label and nothing else has.
func TestReuseLabels(t *testing.T) {
	arts, truth := generate(t, DefaultConfig(200, 12))
	byID := map[string]Article{}
	for _, a := range arts {
		byID[a.ID] = a
	}
	// sentences of a text without the phrases that name outlets.
	sents := func(a Article, tr Truth) []string {
		s := storyText(a)
		for _, m := range tr.Mentions {
			if m.Credit || m.Own {
				s = strings.Replace(s, m.Text, " ", 1)
			}
		}
		var out []string
		for _, x := range regexp.MustCompile(`[.\n]`).Split(s, -1) {
			if ws := normWords(x); len(ws) >= 4 {
				out = append(out, strings.Join(ws, " "))
			}
		}
		sort.Strings(out)
		return out
	}
	truthOf := map[string]Truth{}
	for _, tr := range truth {
		truthOf[tr.ID] = tr
	}
	count := map[string]int{}
	for _, tr := range truth {
		count[tr.Reuse]++
		copied := tr.Parent != nil || (tr.OriginDoc == nil && tr.Verdict != "origin")
		if copied != (tr.Reuse != "") {
			t.Errorf("%s: reuse %q, parent %v, verdict %s", tr.ID, tr.Reuse, tr.Parent, tr.Verdict)
		}
		if (tr.Kind == "partial") != (tr.Reuse == ReuseExcerpt) {
			t.Errorf("%s: kind %s, reuse %s", tr.ID, tr.Kind, tr.Reuse)
		}
		if tr.Parent == nil || (tr.Reuse != ReuseVerbatim && tr.Reuse != ReuseEdited) {
			continue
		}
		same := slices.Equal(sents(byID[tr.ID], tr), sents(byID[*tr.Parent], truthOf[*tr.Parent]))
		if same != (tr.Reuse == ReuseVerbatim) {
			t.Errorf("%s: reuse %s, but its sentences equal its parent's: %v", tr.ID, tr.Reuse, same)
		}
	}
	for _, k := range []string{ReuseVerbatim, ReuseEdited, ReuseRewritten, ReuseExcerpt} {
		if count[k] == 0 {
			t.Errorf("no %s copy in %d articles", k, len(truth))
		}
	}
}

var quoteRE = regexp.MustCompile(`said: "([^"]+)"`)

// TestSameEvent: independent reports of an event are stories of their
// own that share names and, often, a statement quoted verbatim from the
// story, and little else.
func TestSameEvent(t *testing.T) {
	arts, truth := generate(t, DefaultConfig(300, 7))
	byID := map[string]Article{}
	for _, a := range arts {
		byID[a.ID] = a
	}
	stories := map[string]map[string]bool{} // event -> stories
	var reports []Truth
	origin := map[string]string{} // event -> text of the family's story's first version
	for _, tr := range truth {
		if tr.Event == "" {
			continue
		}
		if stories[tr.Event] == nil {
			stories[tr.Event] = map[string]bool{}
		}
		stories[tr.Event][tr.Story] = true
		if tr.Story == tr.Event && tr.Kind == "full" {
			origin[tr.Event] += "\n" + byID[tr.ID].Text
		}
		if tr.Story == tr.ID && tr.Story != tr.Event {
			reports = append(reports, tr)
		}
	}
	if len(reports) < 20 {
		t.Fatalf("%d independent reports in 300 families", len(reports))
	}
	quoted := 0
	for _, tr := range reports {
		if tr.Reuse != "" || tr.Parent != nil || tr.Verdict != "origin" || !slices.Contains(tr.Traits, TraitIndependent) {
			t.Errorf("%s: an independent report labelled %+v", tr.ID, tr)
		}
		if len(stories[tr.Event]) < 2 {
			t.Errorf("%s: event %s has one story", tr.ID, tr.Event)
		}
		text := storyText(byID[tr.ID])
		if q := quoteRE.FindStringSubmatch(text); q != nil {
			quoted++
			if o := origin[tr.Event]; o != "" && !strings.Contains(strings.ToLower(o), strings.ToLower(q[1])) {
				t.Errorf("%s: statement %q is not in the story of event %s", tr.ID, q[1], tr.Event)
			}
		}
		// Apart from the statement, the text is its own.
		own := quoteRE.ReplaceAllString(text, "")
		if o := origin[tr.Event]; o != "" {
			if j := jaccard(ngrams(normWords(own), 3), ngrams(normWords(o), 3)); j > 0.05 {
				t.Errorf("%s: word 3-gram Jaccard %.2f with the story of its event", tr.ID, j)
			}
			if k := contentKeys(own); len(k) > 0 {
				names := 0
				for _, w := range strings.Fields(own) {
					if w[0] >= 'A' && w[0] <= 'Z' && strings.Contains(strings.ToLower(o), " "+strings.ToLower(strings.Trim(w, ".,:\""))+" ") {
						names++
					}
				}
				if names < 3 {
					t.Errorf("%s: %d names shared with the story of its event", tr.ID, names)
				}
			}
		}
	}
	if quoted < len(reports)/3 {
		t.Errorf("%d of %d independent reports quote the statement", quoted, len(reports))
	}
}

// TestAddedNotReplaced: rewrites, summaries, events and briefs are added
// to a corpus; every article generated without them is generated
// unchanged with them, with the same label (figures on the older
// variations stay comparable).
func TestAddedNotReplaced(t *testing.T) {
	cfg := DefaultConfig(80, 21)
	with, withT := generate(t, cfg)
	cfg.RewriteRate, cfg.SummaryRate, cfg.EventRate, cfg.BriefRate = 0, 0, 0, 0
	without, withoutT := generate(t, cfg)
	if len(with) <= len(without) {
		t.Fatalf("%d articles with rewrites and events, %d without", len(with), len(without))
	}
	for i := range withT {
		withT[i].Event = ""
	}
	unchanged(t, with, withT, without, withoutT, func(a Article) bool {
		// a newsroom's own story, which more adds whatever the rates
		return slices.ContainsFunc(newsrooms, func(o *outletInfo) bool { return o.name == a.Outlet })
	})
}

// unchanged fails the test for each article of the smaller corpus (but
// those skip names) that the larger one does not hold as it is, label
// and all.
func unchanged(t *testing.T, with []Article, withT []Truth, without []Article, withoutT []Truth, skip func(Article) bool) {
	t.Helper()
	got := map[string]string{}
	for i, a := range with {
		j, _ := json.Marshal([]any{a, withT[i]})
		got[a.ID] = string(j)
	}
	for i, a := range without {
		if skip != nil && skip(a) {
			continue
		}
		if j, _ := json.Marshal([]any{a, withoutT[i]}); got[a.ID] != string(j) {
			t.Errorf("%s changed:\n%s\n%s", a.ID, j, got[a.ID])
		}
	}
}

func articlesByID(arts []Article) map[string]Article {
	byID := make(map[string]Article, len(arts))
	for _, a := range arts {
		byID[a.ID] = a
	}
	return byID
}

// TestBriefs: a brief is a full copy of a wire's or agency's version made
// of its first paragraphs (at most two fifths of them), labelled edited or
// verbatim against that version; briefs leave every other article as it
// was.
func TestBriefs(t *testing.T) {
	cfg := DefaultConfig(200, 5)
	arts, truth := generate(t, cfg)
	byID := articlesByID(arts)
	briefs := 0
	for i, tr := range truth {
		if !slices.Contains(tr.Traits, TraitBrief) {
			continue
		}
		briefs++
		if tr.Kind != "full" || (tr.Reuse != ReuseEdited && tr.Reuse != ReuseVerbatim) {
			t.Errorf("%s: a brief labelled %s %s", tr.ID, tr.Kind, tr.Reuse)
		}
		if tr.Parent == nil {
			continue // a copy of a missing origin
		}
		parent, ok := byID[*tr.Parent]
		if !ok {
			t.Fatalf("%s: parent %s not generated", tr.ID, *tr.Parent)
		}
		// Two fifths of the story, and a website's related stories and
		// footer.
		if n, p := len(strings.Fields(arts[i].Text)), len(strings.Fields(parent.Text)); 10*n >= 7*p {
			t.Errorf("%s: %d words, its parent %s has %d", tr.ID, n, parent.ID, p)
		}
	}
	if briefs < 20 {
		t.Fatalf("%d briefs in 200 families at rate %.2f", briefs, cfg.BriefRate)
	}
	cfg.BriefRate = 0
	without, withoutT := generate(t, cfg)
	if len(arts)-len(without) != briefs {
		t.Errorf("%d articles with briefs, %d without, %d briefs", len(arts), len(without), briefs)
	}
	unchanged(t, arts, truth, without, withoutT, nil)
}
