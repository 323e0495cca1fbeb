package match

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wiretrace/wiretrace/align"
	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/synth"
)

func scanDir(t *testing.T, opts Options, inputs ...string) *Result {
	t.Helper()
	s, err := NewScanner(opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	rd := corpus.NewReader(corpus.Options{Workers: opts.Workers})
	if err := rd.Read(context.Background(), inputs, s.Add); err != nil {
		t.Fatal(err)
	}
	res, err := s.Finish(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// membership renders clusters as "id:kind" lists, sorted, for comparison.
func membership(res *Result) [][]string {
	var out [][]string
	for _, c := range res.Clusters {
		var ms []string
		for _, m := range c.Members {
			ms = append(ms, res.Docs[m.Doc].ID+":"+string(m.Kind))
		}
		sort.Strings(ms)
		out = append(out, ms)
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

func TestExampleCorpus(t *testing.T) {
	res := scanDir(t, DefaultOptions(), "../testdata/example")
	want := [][]string{
		{"arabstoday/opec-output.txt:full", "gulfnews/week-in-review.txt:partial", "reuters/opec-output.txt:full"},
		{"arabstoday/russia-dismisses-post.txt:full", "gulfnews/week-in-review.txt:partial", "qna/ryabkov-aleppo.txt:full", "sputnik/ryabkov-aleppo.txt:full"},
	}
	if diff := cmp.Diff(want, membership(res)); diff != "" {
		t.Errorf("clusters (-want +got):\n%s", diff)
	}
	// The footer and the related-stories lines are learned as Arabs
	// Today's boilerplate.
	var learned []string
	for _, b := range res.Boilerplate {
		if b.Outlet == "arabstoday" {
			learned = append(learned, b.Text)
		}
	}
	for _, want := range []string{"Maintained and developed by Arabs Today Group SAL.", "All rights reserved to Arab Today Media Group 2016 ©"} {
		if !slices.Contains(learned, want) {
			t.Errorf("boilerplate %q not learned; learned %q", want, learned)
		}
	}
}

func TestBoilerplateDoesNotMatch(t *testing.T) {
	// Without boilerplate removal the unrelated Arabs Today articles share
	// their footer and related-stories block: check that this is what
	// removal prevents, so the test can fail.
	opts := DefaultOptions()
	opts.BoilerplateDocs = 1000
	opts.CommonDocs = 1000
	opts.MinShared = 20
	res := scanDir(t, opts, "../testdata/example")
	joined := fmt.Sprint(membership(res))
	if !strings.Contains(joined, "arabstoday/dubai-airshow.txt") {
		t.Fatalf("without boilerplate removal the shared footer should link unrelated stories; got %v", joined)
	}
	opts = DefaultOptions()
	opts.MinShared = 20
	res = scanDir(t, opts, "../testdata/example")
	if joined := fmt.Sprint(membership(res)); strings.Contains(joined, "dubai-airshow") || strings.Contains(joined, "egypt-currency") {
		t.Errorf("unrelated stories matched on boilerplate: %v", joined)
	}
}

func TestDeterministicAcrossWorkers(t *testing.T) {
	cfg := synth.DefaultConfig(60, 3)
	var first string
	for _, w := range []int{1, 2, 5} {
		opts := DefaultOptions()
		opts.Workers = w
		res := scanSynth(t, opts, cfg)
		got := fmt.Sprintf("%v", membership(res))
		for _, l := range res.Links {
			got += fmt.Sprintf(" %d-%d %d %v %v %v", l.A, l.B, l.Shared, l.J, l.CA, l.CB)
			if l.Aligned != nil {
				got += fmt.Sprintf(" %+v", *l.Aligned)
			}
		}
		if first == "" {
			first = got
		} else if got != first {
			t.Fatalf("workers=%d gives a different result", w)
		}
	}
}

func scanSynth(t *testing.T, opts Options, cfg synth.Config) *Result {
	t.Helper()
	_, res := synthScanner(t, opts, cfg)
	return res
}

// synthScanner scans a generated corpus and returns the scanner too (its
// spill files stay until Close).
func synthScanner(t *testing.T, opts Options, cfg synth.Config) (*Scanner, *Result) {
	t.Helper()
	s, err := NewScanner(opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = synth.Generate(cfg, func(a synth.Article, _ synth.Truth) error {
		tm, p, err := corpus.ParseTime(a.Published)
		if err != nil {
			return err
		}
		return s.Add(&corpus.Article{ID: a.ID, Outlet: a.Outlet, Published: a.Published, Time: tm, Precision: p, Title: a.Title, Text: a.Text})
	})
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Finish(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s, res
}

func TestSyntheticStories(t *testing.T) {
	cfg := synth.DefaultConfig(150, 11)
	story := map[string]string{}
	partial := map[string]bool{}
	reuse := map[string]string{}
	synth.Generate(cfg, func(a synth.Article, tr synth.Truth) error {
		story[a.ID] = tr.Story
		reuse[a.ID] = tr.Reuse
		partial[a.ID] = tr.Kind == "partial"
		return nil
	})
	opts := DefaultOptions()
	opts.Workers = 2
	res := scanSynth(t, opts, cfg)
	wrong := 0
	for _, c := range res.Clusters {
		stories := map[string]int{}
		for _, m := range c.Members {
			if m.Kind == Full {
				stories[story[res.Docs[m.Doc].ID]]++
			}
		}
		if len(stories) != 1 {
			t.Errorf("cluster %s mixes stories %v", c.ID, stories)
		}
		for _, m := range c.Members {
			id := res.Docs[m.Doc].ID
			// A version of another story quoted here (independent reports
			// of one event share a statement) is a partial member by
			// right; eval counts those separately.
			if stories[story[id]] == 0 && m.Kind == Partial {
				continue
			}
			if (m.Kind == Partial) != partial[id] {
				wrong++
				t.Logf("%s: %s, truth reuse %q", id, m.Kind, reuse[id])
			}
		}
	}
	if wrong > 2 {
		t.Errorf("%d members with the wrong kind", wrong)
	}
}

func TestCompoundArticleStaysPartial(t *testing.T) {
	// Two unrelated short stories, each quoted whole in one digest: the
	// digest is a partial member of both and the stories stay apart.
	a := strings.Repeat("alpha bravo charlie delta echo foxtrot golf hotel india juliet ", 6)
	b := strings.Repeat("kilo lima mike november oscar papa quebec romeo sierra tango ", 6)
	own := "the digest adds a long introduction of its own with many words that appear in neither story at all and goes on for a while longer still "
	digest := own + a + own + b + own
	o := DefaultOptions()
	s, _ := NewScanner(o, nil)
	for _, art := range []*corpus.Article{
		{ID: "a", Outlet: "x", Text: a}, {ID: "b", Outlet: "y", Text: b}, {ID: "digest", Outlet: "z", Text: digest},
	} {
		s.Add(art)
	}
	res, err := s.Finish(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"a:full", "digest:partial"}, {"b:full", "digest:partial"}}
	if diff := cmp.Diff(want, membership(res)); diff != "" {
		t.Errorf("clusters (-want +got):\n%s", diff)
	}
}

func TestStockPhraseAcrossOutlets(t *testing.T) {
	// Six outlets end different stories with the same long disclaimer.
	// Counted as a stock phrase it links nothing; with stock phrases
	// switched off, the shared passage would make excerpt links.
	disclaimer := "This article is provided for information only and does not constitute advice of any kind; readers should consult the official statements of the ministries concerned before acting on anything reported here, and the publisher accepts no liability for errors or omissions in the text above or for decisions made on its basis."
	var arts []*corpus.Article
	for i := 0; i < 6; i++ {
		var story []string
		for j := 0; j < 60; j++ {
			story = append(story, fmt.Sprintf("s%dw%d", i, j))
		}
		arts = append(arts, &corpus.Article{ID: fmt.Sprint("a", i), Outlet: fmt.Sprint("outlet", i), Text: strings.Join(story, " ") + ".\n" + disclaimer})
	}
	run := func(common int) int {
		opts := DefaultOptions()
		opts.CommonDocs = common
		s, _ := NewScanner(opts, nil)
		for _, a := range arts {
			s.Add(a)
		}
		res, err := s.Finish(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return len(res.Links)
	}
	if n := run(1000); n == 0 {
		t.Fatal("without stock-phrase removal the disclaimer should link the articles")
	}
	if n := run(5); n != 0 {
		t.Errorf("%d links through a stock phrase in 6 articles (common-docs 5)", n)
	}
}

// TestCopyRule pins the one rule for copies that clustering, reports and
// the index share.
func TestCopyRule(t *testing.T) {
	o := DefaultOptions()
	for _, c := range []struct {
		name string
		l    Link
		copy bool
	}{
		{"similar", Link{J: 0.6, CA: 0.75, CB: 0.75}, true},
		{"both share most", Link{J: 0.43, CA: 0.6, CB: 0.6}, true},
		{"contained", Link{J: 0.3, CA: 0.9, CB: 0.31}, true},
		// A trimmed copy whose words were edited: two thirds of the short
		// one is in the long one, which it covers for more than a third.
		{"edited and trimmed", Link{J: 0.32, CA: 0.66, CB: 0.38}, true},
		// Two paragraphs quoted in a long article.
		{"quoted passage", Link{J: 0.15, CA: 0.45, CB: 0.2}, false},
		{"short quote of a long story", Link{J: 0.15, CA: 0.65, CB: 0.18}, false},
		// The same shares, but the short text opens as the long one does:
		// a brief, cut from the bottom.
		{"brief", Link{J: 0.15, CA: 0.65, CB: 0.18, LeadA: true}, true},
		{"long text opening with a short one", Link{J: 0.15, CA: 0.65, CB: 0.18, LeadB: true}, false},
	} {
		if got := o.IsCopy(c.l); got != c.copy {
			t.Errorf("%s: IsCopy = %v, want %v", c.name, got, c.copy)
		}
	}
}

// An edited, trimmed copy of a story joins it as a full member: a website
// that kept two thirds of the text, changed words in every paragraph and
// dropped the rest is a version, not a quoting article.
func TestEditedCopyJoins(t *testing.T) {
	story := make([]string, 8)
	for i := range story {
		var ws []string
		for j := 0; j < 30; j++ {
			ws = append(ws, fmt.Sprintf("p%dw%d", i, j))
		}
		story[i] = strings.Join(ws, " ")
	}
	edited := slices.Clone(story[:4])
	for i := range edited {
		ws := strings.Fields(edited[i])
		ws[10], ws[20] = "changed", "altered"
		edited[i] = strings.Join(ws, " ")
	}
	res := scanArticles(t,
		&corpus.Article{ID: "story", Outlet: "agency", Text: strings.Join(story, "\n")},
		&corpus.Article{ID: "copy", Outlet: "site", Text: strings.Join(story, "\n")},
		&corpus.Article{ID: "edited", Outlet: "paper", Text: strings.Join(edited, "\n")})
	want := [][]string{{"copy:full", "edited:full", "story:full"}}
	if diff := cmp.Diff(want, membership(res)); diff != "" {
		t.Errorf("clusters (-want +got):\n%s", diff)
	}
}

// TestExcerptOfLongStory: an article that quotes three paragraphs of a
// long story carried by two outlets is a partial member of that story;
// the story's versions do not become partial members of the quoting
// article (the larger share of the passage is on the quoting side, which
// once made it the story).
func TestExcerptOfLongStory(t *testing.T) {
	para := func(tag string, i int) string {
		var ws []string
		for j := 0; j < 30; j++ {
			ws = append(ws, fmt.Sprintf("%s%dw%d", tag, i, j))
		}
		return strings.Join(ws, " ") + "."
	}
	var story, quoting []string
	for i := 0; i < 20; i++ {
		story = append(story, para("s", i))
	}
	for i := 0; i < 5; i++ {
		quoting = append(quoting, para("q", i))
	}
	quoting = append(quoting, story[6:9]...)
	res := scanArticles(t,
		&corpus.Article{ID: "wire", Outlet: "agency", Text: strings.Join(story, "\n")},
		&corpus.Article{ID: "copy", Outlet: "site", Text: strings.Join(story, "\n")},
		&corpus.Article{ID: "column", Outlet: "paper", Text: strings.Join(quoting, "\n")})
	want := [][]string{{"column:partial", "copy:full", "wire:full"}}
	if diff := cmp.Diff(want, membership(res)); diff != "" {
		t.Errorf("clusters (-want +got):\n%s", diff)
	}
}

// scanArticles scans the articles with the default options.
func scanArticles(t *testing.T, arts ...*corpus.Article) *Result {
	t.Helper()
	s, err := NewScanner(DefaultOptions(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		if err := s.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	res, err := s.Finish(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestIndependentReportsOfOneEvent: three events, each reported
// independently by two or three outlets that share names, figures and one
// quoted statement (testdata/events), and one rewrite of a report. Only the
// rewrite joins its source; the independent reports stay apart.
func TestIndependentReportsOfOneEvent(t *testing.T) {
	res := scanDir(t, DefaultOptions(), "../testdata/events")
	want := [][]string{{"flood-a-rewritten.txt:full", "flood-a.txt:full"}}
	if diff := cmp.Diff(want, membership(res)); diff != "" {
		t.Errorf("clusters (-want +got):\n%s", diff)
	}
	for _, c := range res.Clusters {
		for _, m := range c.Members {
			if m.Reuse != Rewritten {
				t.Errorf("%s: reuse %s, want rewritten", res.Docs[m.Doc].ID, m.Reuse)
			}
		}
	}
}

// storyParas returns n paragraphs of 30 words unique to name.
func storyParas(name string, n int) []string {
	ps := make([]string, n)
	for i := range ps {
		var ws []string
		for j := 0; j < 30; j++ {
			ws = append(ws, fmt.Sprintf("%s%dw%d", name, i, j))
		}
		ps[i] = strings.Join(ws, " ") + "."
	}
	return ps
}

// Papers print a wire story's first two paragraphs, each with a line of
// its own: the briefs are versions of one another, and they hold the
// story's lead, so they are versions of it too, and the wire's story is
// theirs, not a text quoting them.
func TestBriefsJoinTheirSource(t *testing.T) {
	w := storyParas("wire", 12)
	res := scanArticles(t,
		&corpus.Article{ID: "wire", Outlet: "w", Text: strings.Join(w, "\n")},
		&corpus.Article{ID: "copy", Outlet: "c", Text: strings.Join(w, "\n")},
		&corpus.Article{ID: "brief1", Outlet: "p1", Text: strings.Join(append(slices.Clone(w[:2]), "Read more of our coverage every day."), "\n")},
		&corpus.Article{ID: "brief2", Outlet: "p2", Text: strings.Join(append(slices.Clone(w[:2]), "Follow the paper for the latest news."), "\n")},
	)
	want := [][]string{{"brief1:full", "brief2:full", "copy:full", "wire:full"}}
	if diff := cmp.Diff(want, membership(res)); diff != "" {
		t.Errorf("clusters (-want +got):\n%s", diff)
	}
}

// A roundup opens with two paragraphs of one story and carries all of
// another, whose versions it joins: the first story's brief holds the
// roundup's lead, but the two stories stay apart.
func TestRoundupLeadDoesNotMergeStories(t *testing.T) {
	a, b := storyParas("alpha", 8), storyParas("bravo", 6)
	roundup := append(slices.Clone(b[:2]), a...)
	res := scanArticles(t,
		&corpus.Article{ID: "a", Outlet: "x", Text: strings.Join(a, "\n")},
		&corpus.Article{ID: "a2", Outlet: "y", Text: strings.Join(a, "\n")},
		&corpus.Article{ID: "b", Outlet: "z", Text: strings.Join(b, "\n")},
		&corpus.Article{ID: "b-brief", Outlet: "v", Text: strings.Join(b[:2], "\n")},
		&corpus.Article{ID: "roundup", Outlet: "r", Text: strings.Join(roundup, "\n")},
	)
	want := [][]string{{"a2:full", "a:full", "roundup:full"}, {"b-brief:full", "b:full", "roundup:partial"}}
	if diff := cmp.Diff(want, membership(res)); diff != "" {
		t.Errorf("clusters (-want +got):\n%s", diff)
	}
}

// A story whose only other version rewrote its opening paragraph is no
// roundup: a brief of it still joins it.
func TestBriefOfAStoryWithANewOpening(t *testing.T) {
	w := storyParas("wire", 12)
	reopened := slices.Clone(w)
	reopened[0] = storyParas("lede", 1)[0]
	res := scanArticles(t,
		&corpus.Article{ID: "wire", Outlet: "w", Text: strings.Join(w, "\n")},
		&corpus.Article{ID: "version", Outlet: "v", Text: strings.Join(reopened, "\n")},
		&corpus.Article{ID: "brief", Outlet: "p", Text: strings.Join(w[:2], "\n")},
	)
	want := [][]string{{"brief:full", "version:full", "wire:full"}}
	if diff := cmp.Diff(want, membership(res)); diff != "" {
		t.Errorf("clusters (-want +got):\n%s", diff)
	}
}

// A digest printing three stories whole, the first at its head, quotes
// them all: it joins none of them as a version.
func TestDigestOpeningWithAStory(t *testing.T) {
	x, y, z := storyParas("xray", 4), storyParas("yankee", 4), storyParas("zulu", 4)
	digest := slices.Concat(x, y, z)
	res := scanArticles(t,
		&corpus.Article{ID: "x", Outlet: "a", Text: strings.Join(x, "\n")},
		&corpus.Article{ID: "x2", Outlet: "b", Text: strings.Join(x, "\n")},
		&corpus.Article{ID: "y", Outlet: "c", Text: strings.Join(y, "\n")},
		&corpus.Article{ID: "y2", Outlet: "d", Text: strings.Join(y, "\n")},
		&corpus.Article{ID: "z", Outlet: "e", Text: strings.Join(z, "\n")},
		&corpus.Article{ID: "digest", Outlet: "f", Text: strings.Join(digest, "\n")},
	)
	want := [][]string{
		{"digest:partial", "x2:full", "x:full"},
		{"digest:partial", "y2:full", "y:full"},
		{"digest:partial", "z:full"},
	}
	if diff := cmp.Diff(want, membership(res)); diff != "" {
		t.Errorf("clusters (-want +got):\n%s", diff)
	}
}

// TestFewSentencesRestateMost pins the rewrite gate: an alignment of few
// sentence pairs is a rewrite only when it restates most of one text; two
// reports of one event restate a few of each other's sentences.
func TestFewSentencesRestateMost(t *testing.T) {
	o := DefaultOptions()
	pass := func(seeds int) []align.Passage { return []align.Passage{{Seeds: seeds}} }
	for _, c := range []struct {
		name string
		r    align.Result
		want bool
	}{
		{"two reports of one event, one way", align.Result{Passages: pass(5), SeededA: 0.55, SeededB: 0.52, RewordedA: 0.55, RewordedB: 0.52}, false},
		{"two reports of one event, both ways", align.Result{Passages: pass(5), SeededA: 0.65, SeededB: 0.64, RewordedA: 0.6, RewordedB: 0.5}, false},
		{"a short rewrite of most of a text", align.Result{Passages: pass(4), SeededA: 0.8, SeededB: 0.4, RewordedA: 0.8, RewordedB: 0.4}, true},
		{"a long rewrite", align.Result{Passages: pass(9), SeededA: 0.6, SeededB: 0.3, RewordedA: 0.6, RewordedB: 0.3}, true},
	} {
		if got := o.rewritten(Link{Aligned: &c.r}); got != c.want {
			t.Errorf("%s: rewritten = %v, want %v", c.name, got, c.want)
		}
	}
}
