package report

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// Finding is one breach of a `wiretrace check` rule.
type Finding struct {
	Key     string `json:"key"`  // stable identity, for baselines
	Rule    string `json:"rule"` // uncredited, duplicate-share, leakage
	ID      string `json:"id,omitempty"`
	Other   string `json:"other,omitempty"`
	Outlet  string `json:"outlet,omitempty"`
	Cluster string `json:"cluster,omitempty"`
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// CheckResult is what `wiretrace check` reports.
type CheckResult struct {
	Schema    string    `json:"schema"`
	Documents int       `json:"documents"`
	Passed    bool      `json:"passed"`
	Findings  []Finding `json:"findings"` // new: these fail the check
	Accepted  []Finding `json:"accepted"` // in the baseline
	Stale     []string  `json:"stale"`    // baseline keys no longer found
}

// Rules describes the check rules, for SARIF and help texts.
var Rules = map[string]string{
	"uncredited":      "A copy does not credit the outlet that first published the story.",
	"duplicate-share": "Too large a share of the corpus has copies in it.",
	"leakage":         "An article has a copy on the other side of a split or in the reference corpus.",
}

var ruleOrder = []string{"uncredited", "leakage", "duplicate-share"}

func (r *CheckResult) normalise() {
	r.Schema = "wiretrace/check/v1"
	for _, s := range []*[]Finding{&r.Findings, &r.Accepted} {
		if *s == nil {
			*s = []Finding{}
		}
	}
	if r.Stale == nil {
		r.Stale = []string{}
	}
}

// WriteCheckJSON writes the check result as JSON (schema wiretrace/check/v1).
func WriteCheckJSON(w io.Writer, r *CheckResult) error {
	r.normalise()
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// WriteCheckText writes a readable list: each new finding with its place,
// then counts of accepted and stale baseline entries.
func WriteCheckText(w io.Writer, r *CheckResult) error {
	bw := bufio.NewWriter(w)
	for _, f := range r.Findings {
		place := f.File
		if f.Line > 0 {
			place = fmt.Sprintf("%s:%d", f.File, f.Line)
		}
		if place == "" {
			place = "corpus"
		}
		fmt.Fprintf(bw, "%s: %s: %s\n", termSafe(place), f.Rule, termSafe(f.Message))
	}
	for _, k := range r.Stale {
		fmt.Fprintf(bw, "baseline: %s is no longer found; remove it with --update-baseline\n", termSafe(k))
	}
	status := "passed"
	if !r.Passed {
		status = "failed"
	}
	fmt.Fprintf(bw, "wiretrace check %s: %d articles, %d findings, %d accepted by the baseline, %d stale baseline entries\n",
		status, r.Documents, len(r.Findings), len(r.Accepted), len(r.Stale))
	return bw.Flush()
}

// WriteCheckGitHub writes GitHub Actions workflow commands: one error
// annotation per finding, at its file and line.
func WriteCheckGitHub(w io.Writer, r *CheckResult) error {
	bw := bufio.NewWriter(w)
	for _, f := range r.Findings {
		props := []string{}
		if f.File != "" {
			props = append(props, "file="+ghProperty(f.File))
			if f.Line > 0 {
				props = append(props, fmt.Sprintf("line=%d", f.Line))
			}
		}
		props = append(props, "title="+ghProperty("wiretrace "+f.Rule))
		fmt.Fprintf(bw, "::error %s::%s\n", strings.Join(props, ","), ghData(f.Message))
	}
	for _, k := range r.Stale {
		fmt.Fprintf(bw, "::notice title=wiretrace baseline::%s\n", ghData(k+" is no longer found; the baseline can shrink"))
	}
	return bw.Flush()
}

// ghData escapes a workflow command's message (%, CR, LF).
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value (also : and ,).
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// SARIF 2.1.0, the parts wiretrace fills.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID               string       `json:"id"`
	ShortDescription sarifMessage `json:"shortDescription"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
}

// WriteCheckSARIF writes the new findings as a SARIF 2.1.0 log, each
// located at its article's file and line, with the finding key as a
// partial fingerprint so code-scanning tools track it across runs.
func WriteCheckSARIF(w io.Writer, r *CheckResult) error {
	run := sarifRun{Tool: sarifTool{Driver: sarifDriver{Name: "wiretrace", InformationURI: "https://github.com/wiretrace/wiretrace"}}, Results: []sarifResult{}}
	index := map[string]int{}
	for i, id := range ruleOrder {
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{ID: id, ShortDescription: sarifMessage{Rules[id]}})
		index[id] = i
	}
	for _, f := range r.Findings {
		res := sarifResult{RuleID: f.Rule, RuleIndex: index[f.Rule], Level: "error", Message: sarifMessage{f.Message},
			PartialFingerprints: map[string]string{"wiretraceFinding/v1": f.Key}}
		if f.File != "" {
			loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: f.File}}}
			if f.Line > 0 {
				loc.PhysicalLocation.Region = &sarifRegion{StartLine: f.Line}
			}
			res.Locations = []sarifLocation{loc}
		}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}

// JUnit XML, one test case per rule and finding.
type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// WriteCheckJUnit writes JUnit XML: a passing case per rule with no
// findings, a failing case per finding.
func WriteCheckJUnit(w io.Writer, r *CheckResult) error {
	s := junitSuite{Name: "wiretrace check"}
	byRule := map[string][]Finding{}
	for _, f := range r.Findings {
		byRule[f.Rule] = append(byRule[f.Rule], f)
	}
	for _, rule := range ruleOrder {
		if len(byRule[rule]) == 0 {
			s.Cases = append(s.Cases, junitCase{Name: rule, ClassName: "wiretrace." + rule})
			continue
		}
		for _, f := range byRule[rule] {
			place := f.File
			if f.Line > 0 {
				place = fmt.Sprintf("%s:%d", f.File, f.Line)
			}
			s.Cases = append(s.Cases, junitCase{Name: rule + ": " + f.Key, ClassName: "wiretrace." + rule,
				Failure: &junitFailure{Message: f.Message, Type: rule, Text: place}})
			s.Failures++
		}
	}
	s.Tests = len(s.Cases)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(junitSuites{Suites: []junitSuite{s}}); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
