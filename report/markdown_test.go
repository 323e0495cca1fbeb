package report

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/match"
	"github.com/wiretrace/wiretrace/provenance"
)

// bigReport is a report whose full Markdown would be megabytes: many
// stories of many members with long ids, many outlets and warnings, and
// cells full of characters that escaping lengthens.
func bigReport() *Report {
	r := &Report{Documents: 60000}
	for c := 0; c < 2000; c++ {
		size := 2 + c%40
		cl := Cluster{ID: fmt.Sprintf("c%04d", c+1), Size: size, Origin: Origin{Outlet: fmt.Sprintf("outlet-%d", c%300)}}
		for m := 0; m < size; m++ {
			id := fmt.Sprintf("sa-2015-07-%02d-%05d-%s", m%28+1, c*50+m, strings.Repeat("<&|*_", 40))
			parent := "parent-" + id
			cl.Members = append(cl.Members, Member{ID: id, Outlet: fmt.Sprintf("outlet-%d", (c+m)%300), Published: "2015-07-21T10:00:00+03:00",
				Kind: "full", Parent: &parent, Attribution: Attribution{Verdict: provenance.Uncredited, Credits: []string{"SPA", "Reuters"}}})
		}
		r.Clusters = append(r.Clusters, cl)
		r.Stats.InClusters += size
	}
	for o := 0; o < 300; o++ {
		from := map[string]int{}
		for k := 0; k < 50; k++ {
			from[fmt.Sprintf("source-%d", k)] = k
		}
		r.Outlets = append(r.Outlets, Outlet{Outlet: fmt.Sprintf("outlet-%d", o), Originated: o % 7, Copied: o, Uncredited: o / 2, From: from})
	}
	for i := 0; i < 40; i++ {
		r.Warnings = append(r.Warnings, strings.Repeat("a long warning ", 100))
	}
	r.Skipped = make([]Skipped, 3)
	return r
}

func TestMarkdownFitsAComment(t *testing.T) {
	r := bigReport()
	if n := len(markdownFull(r)); n < 10*MarkdownLimit {
		t.Fatalf("the test report's full summary is only %d bytes; it must exceed the limit by far", n)
	}
	var b bytes.Buffer
	if err := WriteMarkdownWith(&b, r, MarkdownOptions{FullReport: "report.html"}); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	if n := utf8.RuneCountInString(s); n >= MarkdownLimit {
		t.Fatalf("%d characters, limit %d", n, MarkdownLimit)
	}
	for _, want := range []string{
		"## wiretrace: 60000 articles, 2000 stories with copies",
		"| uncredited | ",         // verdict totals
		"### c0040 · 41 articles", // the largest stories first
		"16 more members in this story.",
		"### Outlets",
		"The 30 outlets with most originals and copies are shown; 270 more are in the full report.",
		"3 bad records were skipped",
		"> 30 more warnings in the full report",
		"The full report: report.html",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q", want)
		}
	}
	if i, j := strings.Index(s, "### c0040 "), strings.Index(s, "### c0001 "); j >= 0 && j < i {
		t.Error("a 2-article story comes before the largest")
	}
	// Cut or not, the tables stay tables: every row has its 7 or 5 cells.
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, "| 2015") && strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") != 8 {
			t.Errorf("broken row %q", line)
		}
	}
}

func TestMarkdownSmallIsWhole(t *testing.T) {
	r := bigReport()
	r.Clusters, r.Outlets, r.Warnings = r.Clusters[:2], r.Outlets[:2], nil
	var b bytes.Buffer
	WriteMarkdown(&b, r)
	if b.String() != markdownFull(r) || strings.Contains(b.String(), "cut to fit") {
		t.Error("a report that fits is not written whole")
	}
}

func TestCheckMarkdownFits(t *testing.T) {
	r := &CheckResult{Documents: 15042}
	for i := 0; i < 4600; i++ {
		r.Findings = append(r.Findings, Finding{Key: fmt.Sprintf("u%d", i), Rule: "uncredited", File: "data/saudinewsnet.jsonl.gz", Line: i + 1,
			Message: fmt.Sprintf("sa-%05d copies a story that %s published first", i, strings.Repeat("واس ", 30))})
	}
	for i := 0; i < 23; i++ {
		r.Findings = append(r.Findings, Finding{Key: fmt.Sprintf("l%d", i), Rule: "leakage", File: "train.jsonl", Line: i + 1, Message: "leak"})
	}
	r.Findings = append(r.Findings, Finding{Key: "duplicate-share", Rule: "duplicate-share", Message: "too many copies"})
	r.Accepted = []Finding{{Rule: "uncredited"}}
	r.Stale = []string{"k"}
	r.Run.Rules = []string{"uncredited", "leakage", "duplicate-share"}
	var b bytes.Buffer
	if err := WriteCheckMarkdown(&b, r); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	if n := utf8.RuneCountInString(s); n >= MarkdownLimit {
		t.Fatalf("%d characters", n)
	}
	for _, want := range []string{
		"## wiretrace check failed: 4624 new findings in 15042 articles",
		"| duplicate-share | 1 | 0 |\n| leakage | 23 | 0 |\n| uncredited | 4600 | 1 |",
		"1 baseline entry is no longer found",
		"### duplicate-share (1)\n\n| where | finding |\n|---|---|\n| `corpus` | too many copies |",
		"### leakage (23)", "### uncredited (4600)",
		"of this rule not shown.", "Cut to fit",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("check summary lacks %q", want)
		}
	}

	// A passing check is short and says so.
	b.Reset()
	WriteCheckMarkdown(&b, &CheckResult{Documents: 1, Passed: true, Run: CheckRun{Rules: []string{"uncredited"}}})
	if want := "## wiretrace check passed: 0 new findings in 1 article\n\n| rule | new findings | accepted by the baseline |\n|---|---:|---:|\n| uncredited | 0 | 0 |\n"; b.String() != want {
		t.Errorf("passing summary %q, want %q", b.String(), want)
	}
}

// TestMarkdownSaudiNewsNet scans the SaudiNewsNet July set the way
// `wiretrace scan` does and checks that its summary, 1.16 M characters
// whole, fits a comment.
func TestMarkdownSaudiNewsNet(t *testing.T) {
	const path = "../../shared/datasets/saudinewsnet-dev.jsonl.gz"
	if _, err := os.Stat(path); err != nil {
		t.Skip("SaudiNewsNet is not in ../shared/datasets")
	}
	if testing.Short() {
		t.Skip("scans 15,042 articles")
	}
	opts := match.DefaultOptions()
	opts.Workers = 2
	reg := credit.DefaultRegistry()
	s, err := match.NewScanner(opts, func(a *corpus.Article) []credit.Mention { return reg.Extract(a.Text) })
	if err != nil {
		t.Fatal(err)
	}
	rd := corpus.NewReader(corpus.Options{Workers: 2, SkipBad: true})
	if err := rd.Read(context.Background(), []string{path}, s.Add); err != nil {
		t.Fatal(err)
	}
	res, err := s.Finish(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	r := Build(res, provenance.Analyze(res, reg, 2), opts, rd.Skipped)
	full := len(markdownFull(r))
	var b bytes.Buffer
	if err := WriteMarkdown(&b, r); err != nil {
		t.Fatal(err)
	}
	n := utf8.RuneCountInString(b.String())
	t.Logf("SaudiNewsNet: %d stories; whole summary %d bytes, written %d characters (%d bytes)", len(r.Clusters), full, n, b.Len())
	if full <= MarkdownLimit {
		t.Fatalf("the whole summary is only %d bytes: the test no longer tests a cut", full)
	}
	if n >= MarkdownLimit || !strings.Contains(b.String(), "cut to fit") {
		t.Errorf("%d characters, limit %d", n, MarkdownLimit)
	}
}

// FuzzMarkdownCell: whatever an article says, its cell stays one cell of
// one row: no line break, no unescaped pipe, no raw HTML or code span.
func FuzzMarkdownCell(f *testing.F) {
	for _, s := range []string{"plain", "a|b", "`code`", "<img src=x>", "line\nbreak", `\|`, "[link](http://x)", "واس | رويترز"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, cell := range []string{mdCell(s), mdCode(s), mdCell(clipTo(s, mdCellRunes))} {
			if strings.ContainsAny(cell, "\n\r<>") {
				t.Fatalf("cell %q of %q holds a line break or an angle bracket", cell, s)
			}
			if cell == mdCode(s) && strings.HasPrefix(cell, "`") {
				if strings.Count(cell, "`") != 2 || strings.Contains(cell, "|") {
					t.Fatalf("code span %q of %q", cell, s)
				}
				continue
			}
			for i := 0; i < len(cell); i++ {
				if cell[i] == '\\' {
					i++ // an escaped character
					continue
				}
				if strings.IndexByte("|`*_[]~", cell[i]) >= 0 {
					t.Fatalf("unescaped %q in cell %q of %q", cell[i], cell, s)
				}
			}
		}
	})
}
