package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkResult has one finding of each rule, the way policy.Evaluate makes
// them: an uncredited copy in a directory tree, a leakage pair in a JSON
// Lines file, one read from standard input, and the corpus-level
// duplicate share.
func checkResult() *CheckResult {
	return &CheckResult{Documents: 40, Findings: []Finding{
		{Key: "duplicate-share", Rule: "duplicate-share", Message: "30 of 40 articles (75.0%) have a copy in the corpus; the limit is 20.0%"},
		{Key: "leakage:t1:q1", Rule: "leakage", ID: "t1", Other: "q1", File: "data/train.jsonl", Line: 12, Message: "t1 (corpus) has a copy in reference: q1"},
		{Key: "uncredited:site2/copy.txt:Reuters", Rule: "uncredited", ID: "site2/copy.txt", Outlet: "site2", File: "corpus/site 2/copy#1.txt", Line: 1, Message: "site2/copy.txt copies a story that Reuters published first"},
		{Key: "uncredited:s9:Reuters", Rule: "uncredited", ID: "s9", Outlet: "x", File: "-", Line: 3, Message: "s9 copies a story that Reuters published first"},
	}}
}

type sarifDoc struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Name    string
				Version string
				Rules   []struct {
					ID               string
					ShortDescription struct{ Text string }
				}
			}
		}
		Results []struct {
			RuleID    string
			RuleIndex int
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI string }
					Region           *struct{ StartLine int }
				}
			}
			PartialFingerprints map[string]string
		}
	}
}

// githubRequired checks what GitHub code scanning needs of an upload
// beyond the schema (docs.github.com, "SARIF support for code scanning"):
// tool.driver.name; per rule an id and shortDescription.text; per result a
// ruleId, message.text and at least one location (an upload with a
// result without one is rejected whole) whose artifactLocation.uri is a
// non-empty URI, relative to the repository root to be placed, and a
// startLine of at least 1 when a region is given; results are tracked
// across runs by partialFingerprints.
func githubRequired(t *testing.T, b []byte) sarifDoc {
	t.Helper()
	var d sarifDoc
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Runs) != 1 {
		t.Fatalf("%d runs", len(d.Runs))
	}
	run := d.Runs[0]
	if run.Tool.Driver.Name == "" || run.Tool.Driver.Version == "" {
		t.Errorf("driver %+v: name and version wanted", run.Tool.Driver)
	}
	for _, r := range run.Tool.Driver.Rules {
		if r.ID == "" || r.ShortDescription.Text == "" {
			t.Errorf("rule %+v", r)
		}
	}
	for i, r := range run.Results {
		if r.RuleID == "" || r.Message.Text == "" || r.PartialFingerprints["wiretraceFinding/v1"] == "" {
			t.Errorf("result %d incomplete: %+v", i, r)
		}
		if r.RuleIndex < 0 || r.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %d: ruleIndex %d is not rule %s", i, r.RuleIndex, r.RuleID)
		}
		if len(r.Locations) == 0 {
			t.Errorf("result %d (%s) has no location", i, r.RuleID)
			continue
		}
		for _, l := range r.Locations {
			uri := l.PhysicalLocation.ArtifactLocation.URI
			if uri == "" || uri == "-" || (filepath.IsAbs(uri) && !strings.HasPrefix(uri, "file:")) {
				t.Errorf("result %d: uri %q", i, uri)
			}
			if l.PhysicalLocation.Region != nil && l.PhysicalLocation.Region.StartLine < 1 {
				t.Errorf("result %d: startLine %d", i, l.PhysicalLocation.Region.StartLine)
			}
		}
	}
	return d
}

func TestSARIFValidAndLocated(t *testing.T) {
	v := loadSARIFSchema(t)
	for _, tc := range []struct {
		name string
		run  CheckRun
		want []string // URIs of the results, in order
	}{
		{"no config", CheckRun{Inputs: []string{"corpus", "data/train.jsonl"}},
			[]string{"corpus", "data/train.jsonl", "corpus/site%202/copy%231.txt", "stdin"}},
		{"config", CheckRun{Config: ".wiretrace.yaml", Inputs: []string{"corpus"}},
			[]string{".wiretrace.yaml", "data/train.jsonl", "corpus/site%202/copy%231.txt", "stdin"}},
		{"stdin only", CheckRun{Inputs: []string{"-"}},
			[]string{"stdin", "data/train.jsonl", "corpus/site%202/copy%231.txt", "stdin"}},
		{"root", CheckRun{Config: "ci/.wiretrace.yaml", SARIFRoot: "data"},
			[]string{"file://" + filepath.ToSlash(mustAbs(t, "ci/.wiretrace.yaml")), "train.jsonl",
				"file://" + filepath.ToSlash(mustAbs(t, "corpus")) + "/site%202/copy%231.txt", "stdin"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := checkResult()
			r.Run = tc.run
			var b bytes.Buffer
			if err := WriteCheckSARIF(&b, r); err != nil {
				t.Fatal(err)
			}
			for _, e := range v.validateSARIF(t, b.Bytes()) {
				t.Errorf("schema: %s", e)
			}
			d := githubRequired(t, b.Bytes())
			var got []string
			for _, res := range d.Runs[0].Results {
				got = append(got, res.Locations[0].PhysicalLocation.ArtifactLocation.URI)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("URIs %q, want %q", got, tc.want)
			}
		})
	}
}

func mustAbs(t *testing.T, p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// An absolute input path inside the working directory is written relative.
func TestSARIFAbsoluteInputIsRelative(t *testing.T) {
	wd, _ := os.Getwd()
	r := &CheckResult{Findings: []Finding{{Key: "k", Rule: "uncredited", File: filepath.Join(wd, "testdata", "x.jsonl"), Line: 2, Message: "m"}}}
	var b bytes.Buffer
	if err := WriteCheckSARIF(&b, r); err != nil {
		t.Fatal(err)
	}
	d := githubRequired(t, b.Bytes())
	if got := d.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "testdata/x.jsonl" {
		t.Errorf("uri %q, want testdata/x.jsonl", got)
	}
}

func TestSARIFEmptyValid(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCheckSARIF(&b, &CheckResult{}); err != nil {
		t.Fatal(err)
	}
	for _, e := range loadSARIFSchema(t).validateSARIF(t, b.Bytes()) {
		t.Errorf("schema: %s", e)
	}
}

func TestGitHubAnnotationsCapped(t *testing.T) {
	r := &CheckResult{}
	for i := 0; i < 25; i++ {
		r.Findings = append(r.Findings, Finding{Key: fmt.Sprintf("uncredited:%02d", i), Rule: "uncredited", File: fmt.Sprintf("c/%02d.txt", i), Line: 1, Message: "copy"})
	}
	r.Findings = append(r.Findings, Finding{Key: "leakage:a:b", Rule: "leakage", File: "t.jsonl", Line: 4, Message: "leak"},
		Finding{Key: "duplicate-share", Rule: "duplicate-share", Message: "too many"})
	for i := 0; i < 12; i++ {
		r.Stale = append(r.Stale, fmt.Sprintf("stale-%02d", i))
	}
	var b bytes.Buffer
	if err := WriteCheckGitHub(&b, r); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	var errs, notices []string
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "::error "):
			errs = append(errs, l)
		case strings.HasPrefix(l, "::notice "):
			notices = append(notices, l)
		default:
			t.Errorf("not a workflow command: %q", l)
		}
	}
	if len(errs) != DefaultMaxAnnotations || len(notices) != DefaultMaxAnnotations {
		t.Fatalf("%d errors and %d notices, want %d each:\n%s", len(errs), len(notices), DefaultMaxAnnotations, b.String())
	}
	if !strings.HasSuffix(errs[0], "::too many") || !strings.Contains(errs[1], "file=t.jsonl,line=4") || !strings.Contains(errs[2], "file=c/00.txt") {
		t.Errorf("not most severe first: %q", errs[:3])
	}
	if want := "::error title=wiretrace check::18 more findings not annotated (27 findings in all: 1 duplicate-share, 1 leakage, 25 uncredited)"; !strings.HasPrefix(errs[9], want) {
		t.Errorf("summary %q, want prefix %q", errs[9], want)
	}
	if !strings.Contains(notices[9], "3 more baseline entries are no longer found") {
		t.Errorf("stale summary %q", notices[9])
	}

	// Under the cap, every finding and no summary.
	r.Findings, r.Stale = r.Findings[:3], nil
	r.Run.MaxAnnotations = 3
	b.Reset()
	WriteCheckGitHub(&b, r)
	if n := strings.Count(b.String(), "::error "); n != 3 || strings.Contains(b.String(), "not annotated") {
		t.Errorf("3 findings, cap 3:\n%s", b.String())
	}
}

func TestJUnitConfiguredRules(t *testing.T) {
	r := &CheckResult{Findings: []Finding{{Key: "uncredited:a:R", Rule: "uncredited", File: "a.txt", Line: 1, Message: "m"}},
		Run: CheckRun{Rules: []string{"uncredited", "duplicate-share"}}}
	var b bytes.Buffer
	if err := WriteCheckJUnit(&b, r); err != nil {
		t.Fatal(err)
	}
	var s struct {
		Suites []struct {
			Tests, Failures int `xml:",attr"`
			Cases           []struct {
				Name string `xml:"name,attr"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(b.Bytes(), &s); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range s.Suites[0].Cases {
		names = append(names, c.Name)
	}
	if got, want := strings.Join(names, "; "), "uncredited: uncredited:a:R; duplicate-share"; got != want {
		t.Errorf("cases %q, want %q (leakage was not configured)", got, want)
	}
}

func TestCheckTextPlurals(t *testing.T) {
	var b bytes.Buffer
	WriteCheckText(&b, &CheckResult{Documents: 1, Findings: []Finding{{Rule: "uncredited", File: "a", Line: 1, Message: "m"}}, Stale: []string{"k"}})
	if !strings.Contains(b.String(), "failed: 1 article, 1 finding, 0 accepted by the baseline, 1 stale baseline entry\n") {
		t.Errorf("singulars: %q", b.String())
	}
	b.Reset()
	WriteCheckText(&b, &CheckResult{Documents: 2, Passed: true})
	if !strings.Contains(b.String(), "passed: 2 articles, 0 findings, 0 accepted by the baseline, 0 stale baseline entries\n") {
		t.Errorf("plurals: %q", b.String())
	}
}

// Without a configuration file or inputs, a corpus-level finding points
// at the working directory: "./" rather than no location at all.
func TestSARIFCorpusFindingWithoutRun(t *testing.T) {
	r := &CheckResult{Findings: []Finding{{Key: "duplicate-share", Rule: "duplicate-share", Message: "m"}}}
	var b bytes.Buffer
	if err := WriteCheckSARIF(&b, r); err != nil {
		t.Fatal(err)
	}
	d := githubRequired(t, b.Bytes())
	if got := d.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "." && got != "./" {
		t.Errorf("uri %q", got)
	}
	for _, e := range loadSARIFSchema(t).validateSARIF(t, b.Bytes()) {
		t.Errorf("schema: %s", e)
	}
}

func TestGitHubRelativeFiles(t *testing.T) {
	wd, _ := os.Getwd()
	r := &CheckResult{Findings: []Finding{
		{Key: "a", Rule: "uncredited", File: filepath.Join(wd, "testdata", "x.jsonl"), Line: 3, Message: "m"},
		{Key: "b", Rule: "uncredited", File: "-", Line: 2, Message: "m"},
	}}
	var b bytes.Buffer
	if err := WriteCheckGitHub(&b, r); err != nil {
		t.Fatal(err)
	}
	if want := "::error file=testdata/x.jsonl,line=3,title=wiretrace uncredited::m\n::error title=wiretrace uncredited::m\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}
