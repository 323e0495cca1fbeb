package report

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wiretrace/wiretrace/align"
	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/match"
	"github.com/wiretrace/wiretrace/provenance"
)

var update = flag.Bool("update", false, "rewrite golden files")

func exampleReport(t *testing.T) *Report {
	rep, _ := exampleReportTexts(t)
	return rep
}

// exampleReportTexts scans the example corpus and also returns its texts.
func exampleReportTexts(t *testing.T) (*Report, TextMap) {
	t.Helper()
	texts := TextMap{}
	var mu sync.Mutex
	rep := scanReport(t, func(a *corpus.Article) {
		mu.Lock()
		texts[a.ID] = a.Text
		mu.Unlock()
	}, func(add func(*corpus.Article) error) ([]*corpus.RecordError, error) {
		rd := corpus.NewReader(corpus.Options{})
		err := rd.Read(context.Background(), []string{"../testdata/example"}, add)
		return rd.Skipped, err
	})
	return rep, texts
}

// scanReport builds the report of the articles feed adds, with the
// default options and credit registry; seen, when set, is called with
// every article, concurrently.
func scanReport(tb testing.TB, seen func(*corpus.Article), feed func(add func(*corpus.Article) error) ([]*corpus.RecordError, error)) *Report {
	tb.Helper()
	opts := match.DefaultOptions()
	reg := credit.DefaultRegistry()
	s, err := match.NewScanner(opts, func(a *corpus.Article) []credit.Mention {
		if seen != nil {
			seen(a)
		}
		return reg.Extract(a.Text)
	})
	if err != nil {
		tb.Fatal(err)
	}
	skipped, err := feed(s.Add)
	if err != nil {
		tb.Fatal(err)
	}
	res, err := s.Finish(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	if streamReports {
		return BuildStreaming(res, provenance.Estimate(res, reg, 2), opts, skipped)
	}
	return Build(res, provenance.Analyze(res, reg, 2), opts, skipped)
}

// streamReports makes scanReport build with BuildStreaming; the streaming
// test sets it.
var streamReports bool

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", name, diff)
	}
}

func TestGoldenJSON(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, exampleReport(t)); err != nil {
		t.Fatal(err)
	}
	golden(t, "example.json", b.Bytes())
}

func TestGoldenText(t *testing.T) {
	var b bytes.Buffer
	if err := WriteText(&b, exampleReport(t), TextOptions{Width: 120}); err != nil {
		t.Fatal(err)
	}
	golden(t, "example.txt", b.Bytes())
	if strings.Contains(b.String(), "\x1b[") {
		t.Error("plain output contains ANSI escapes")
	}
}

func TestTextColorAndWidth(t *testing.T) {
	rep := exampleReport(t)
	var color bytes.Buffer
	WriteText(&color, rep, TextOptions{Color: true, Width: 60})
	if !strings.Contains(color.String(), "\x1b[1m") {
		t.Error("terminal output has no styles")
	}
	for _, line := range strings.Split(color.String(), "\n") {
		plain := stripANSI(line)
		if n := len([]rune(plain)); n > 60 && strings.HasPrefix(plain, "  20") {
			t.Errorf("member line of %d runes exceeds width 60: %q", n, plain)
		}
		if strings.Count(line, "\x1b[") != 2*strings.Count(line, "\x1b[0m") {
			t.Errorf("unbalanced styles: %q", line)
		}
	}
}

func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b {
			for i < len(s) && s[i] != 'm' {
				i++
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func TestRatioRounding(t *testing.T) {
	for in, want := range map[float64]string{1: "1", 0.5: "0.5", 2.0 / 3: "0.6667", 0.00004: "0", 0.123456: "0.1235"} {
		got, _ := Ratio(in).MarshalJSON()
		if string(got) != want {
			t.Errorf("Ratio(%v) = %s, want %s", in, got, want)
		}
	}
}

func TestGoldenHTML(t *testing.T) {
	rep, texts := exampleReportTexts(t)
	var b bytes.Buffer
	if err := WriteHTML(&b, rep, texts); err != nil {
		t.Fatal(err)
	}
	golden(t, "example.html", b.Bytes())
	// Links to the articles' own pages are fine; nothing may be loaded.
	for _, external := range []string{" src=", "<link", "@import", "url("} {
		if strings.Contains(b.String(), external) {
			t.Errorf("the page loads something: %s", external)
		}
	}
}

func TestGoldenFormats(t *testing.T) {
	rep := exampleReport(t)
	for name, write := range map[string]func(io.Writer, *Report) error{
		"example.md": WriteMarkdown, "example.csv": WriteCSV, "example.jsonl": WriteJSONL,
		"example.dot": WriteDOT, "example.graphml": WriteGraphML, "example.mmd": WriteMermaid,
	} {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := write(&b, rep); err != nil {
				t.Fatal(err)
			}
			golden(t, name, b.Bytes())
		})
	}
}

// hostileReport is a report whose article fields try to break out of
// every format.
func hostileReport() *Report {
	parent := `a"b`
	hostile := "<script>alert(1)</script>|`x`](javascript:alert(2)) \"q\" =cmd|' /C calc'!A0\n# heading"
	return &Report{Schema: Schema, Clusters: []Cluster{{
		ID: "c001", Size: 2, Outlets: []string{hostile}, Origin: Origin{Doc: &parent, Outlet: hostile},
		Members: []Member{
			{ID: parent, Outlet: hostile, Title: "=cmd|' /C calc'!A0", Attribution: Attribution{Verdict: "origin", Credits: []string{}}},
			{ID: hostile, Outlet: hostile, Title: hostile, Parent: &parent,
				Attribution: Attribution{Verdict: "uncredited", Credits: []string{hostile}},
				Edge:        &Edge{Reason: hostile, Flags: []string{}}},
		},
	}}}
}

func TestFormatsEscapeArticleText(t *testing.T) {
	rep := hostileReport()
	check := func(name string, write func(io.Writer, *Report) error, forbidden ...string) {
		var b bytes.Buffer
		if err := write(&b, rep); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, f := range forbidden {
			if strings.Contains(b.String(), f) {
				t.Errorf("%s output contains %q:\n%s", name, f, b.String())
			}
		}
	}
	// In Markdown a backslash neutralises the next character: look for
	// the link syntax without one.
	check("markdown", WriteMarkdown, "<script", "`x`", "\n# heading", "x`](", " ](javascript")
	var md bytes.Buffer
	WriteMarkdown(&md, rep)
	if i := strings.Index(md.String(), "](javascript"); i > 0 && md.String()[i-1] != '\\' {
		t.Errorf("markdown has an unescaped link: %q", md.String()[max(0, i-10):i+12])
	}
	check("mermaid", WriteMermaid, "<script", `"q"`, "](")
	check("graphml", WriteGraphML, "<script")
	check("dot", WriteDOT, `"q"`, `a"b`)
	check("csv", WriteCSV, ",=cmd")
}

// TestStatsCountCopiesAsClusteringDoes: two articles sharing 60% of their
// text both ways are versions of one story, so the summary counts a copy
// pair, not an excerpt pair.
func TestStatsCountCopiesAsClusteringDoes(t *testing.T) {
	res := &match.Result{
		Docs:  []*match.Doc{{ID: "a", Outlet: "x"}, {ID: "b", Outlet: "y"}},
		Links: []match.Link{{A: 0, B: 1, Shared: 60, J: 0.43, CA: 0.6, CB: 0.6}},
	}
	r := Build(res, &provenance.Result{}, match.DefaultOptions(), nil)
	if r.Stats.CopyPairs != 1 || r.Stats.CrossOutletCopies != 1 || r.Stats.ExcerptPairs != 0 {
		t.Errorf("stats %+v, want 1 copy pair across outlets and no excerpt pair", r.Stats)
	}
}

// A rewritten copy's reason says what was restated, not what share of its
// few shared shingles its parent explains; other reasons stay as they are.
func TestRewriteReason(t *testing.T) {
	docs := []*match.Doc{{ID: "parent"}, {ID: "copy"}}
	l := match.Link{A: 0, B: 1, Aligned: &align.Result{Seeds: 6, SeededA: 0.5, SeededB: 0.9, Passages: []align.Passage{{Seeds: 3}, {Seeds: 1}}}}
	got := rewriteReason("parent explains 100% of its story text; published 2h0m0s later", docs, l, 1, 1)
	if want := "parent restates it in other words: 4 sentence pairs aligned, holding 90% of its words; published 2h0m0s later"; got != want {
		t.Errorf("reason %q, want %q", got, want)
	}
	other := "copied from SPA, whose version is not in the corpus"
	if got := rewriteReason(other, docs, l, 1, 1); got != other {
		t.Errorf("reason %q changed to %q", other, got)
	}
}
