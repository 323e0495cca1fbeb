package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkCorpus writes a corpus with one credited and two uncredited copies
// of a Reuters story and returns its directory.
func checkCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	story := "The harbour authority closed the northern basin to shipping on Saturday after a crane collapsed onto the quay, and pilots were told to divert incoming vessels to the southern terminal until further notice."
	files := map[string]string{
		"reuters/a.txt": "---\npublished: 2024-06-01T08:00:00Z\n---\nLONDON (Reuters) - " + story,
		"site1/b.txt":   "---\npublished: 2024-06-01T09:00:00Z\n---\n" + story + "\nSource: Reuters",
		"site2/c.txt":   "---\npublished: 2024-06-01T10:00:00Z\n---\n" + story,
		"site3/d.txt":   "---\npublished: 2024-06-01T11:00:00Z\n---\n" + story + "\nSource: AFP",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	return dir
}

func runCheckFormat(t *testing.T, dir, format string) []byte {
	t.Helper()
	var out, errb bytes.Buffer
	code := run([]string{"check", "--watch", "Reuters", "--format", format, dir}, &streams{Out: &out, Err: &errb})
	if code != 1 {
		t.Fatalf("%s: exit %d, want 1; stderr %s", format, code, errb.String())
	}
	return out.Bytes()
}

func TestCheckSARIF(t *testing.T) {
	dir := checkCorpus(t)
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID               string                `json:"id"`
						ShortDescription struct{ Text string } `json:"shortDescription"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string                `json:"ruleId"`
				RuleIndex int                   `json:"ruleIndex"`
				Level     string                `json:"level"`
				Message   struct{ Text string } `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }    `json:"artifactLocation"`
						Region           struct{ StartLine int } `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(runCheckFormat(t, dir, "sarif"), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif-2.1.0") || len(log.Runs) != 1 {
		t.Fatalf("not a SARIF 2.1.0 log: version %q schema %q runs %d", log.Version, log.Schema, len(log.Runs))
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "wiretrace" || len(run.Tool.Driver.Rules) == 0 {
		t.Fatalf("driver %+v", run.Tool.Driver)
	}
	if len(run.Results) != 2 {
		t.Fatalf("%d results, want 2 (the uncredited and the miscredited copy)", len(run.Results))
	}
	for _, r := range run.Results {
		if r.RuleIndex < 0 || r.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("ruleIndex %d does not point at rule %s", r.RuleIndex, r.RuleID)
		}
		if r.Level != "error" || r.Message.Text == "" || r.PartialFingerprints["wiretraceFinding/v1"] == "" {
			t.Errorf("incomplete result %+v", r)
		}
		if len(r.Locations) != 1 || !strings.HasSuffix(r.Locations[0].PhysicalLocation.ArtifactLocation.URI, ".txt") || r.Locations[0].PhysicalLocation.Region.StartLine != 1 {
			t.Errorf("result not located at its article: %+v", r.Locations)
		}
	}
}

func TestCheckJUnit(t *testing.T) {
	var suites struct {
		Suites []struct {
			Name     string `xml:"name,attr"`
			Tests    int    `xml:"tests,attr"`
			Failures int    `xml:"failures,attr"`
			Cases    []struct {
				Name    string `xml:"name,attr"`
				Failure *struct {
					Message string `xml:"message,attr"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(runCheckFormat(t, checkCorpus(t), "junit"), &suites); err != nil {
		t.Fatal(err)
	}
	if len(suites.Suites) != 1 {
		t.Fatalf("%d suites", len(suites.Suites))
	}
	s := suites.Suites[0]
	failed := 0
	for _, c := range s.Cases {
		if c.Failure != nil {
			failed++
			if c.Failure.Message == "" {
				t.Errorf("failure without message: %s", c.Name)
			}
		}
	}
	if s.Failures != 2 || failed != 2 || s.Tests != len(s.Cases) {
		t.Errorf("tests %d failures %d (counted %d) cases %d", s.Tests, s.Failures, failed, len(s.Cases))
	}
}

func TestCheckGitHubAndJSON(t *testing.T) {
	dir := checkCorpus(t)
	lines := strings.Split(strings.TrimSpace(string(runCheckFormat(t, dir, "github"))), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d annotations: %q", len(lines), lines)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "::error file=") || !strings.Contains(l, ",line=1,title=wiretrace uncredited::") {
			t.Errorf("annotation %q", l)
		}
	}
	var res struct {
		Schema   string
		Passed   bool
		Findings []struct{ Key, Rule, File string }
	}
	if err := json.Unmarshal(runCheckFormat(t, dir, "json"), &res); err != nil {
		t.Fatal(err)
	}
	if res.Schema != "wiretrace/check/v1" || res.Passed || len(res.Findings) != 2 {
		t.Errorf("json result %+v", res)
	}
}
