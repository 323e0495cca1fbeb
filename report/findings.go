package report

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	"github.com/wiretrace/wiretrace/buildinfo"
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
	// Run says how the check was run, for the CI formats; it is not part
	// of the JSON result.
	Run CheckRun `json:"-"`
}

// CheckRun is what the CI formats need to know about a check beyond its
// findings. The zero value is valid: all rules, no configuration file,
// paths relative to the working directory, 10 annotations.
type CheckRun struct {
	// Rules are the rules that were configured (uncredited, leakage,
	// duplicate-share); JUnit lists only these. Nil means all.
	Rules []string
	// Config is the configuration file read, if any: a corpus-level
	// finding (duplicate-share) is located there in SARIF.
	Config string
	// Inputs are the inputs as given; without Config a corpus-level
	// finding points at the first.
	Inputs []string
	// SARIFRoot is the directory SARIF URIs are relative to (the
	// repository root, for code scanning); "" is the working directory.
	SARIFRoot string
	// MaxAnnotations caps the GitHub annotations; 0 means
	// DefaultMaxAnnotations.
	MaxAnnotations int
}

// DefaultMaxAnnotations is how many error annotations GitHub shows for
// one step; more are dropped by the platform without a word.
const DefaultMaxAnnotations = 10

// StdinURI stands in SARIF for an article read from standard input: a
// relative URI, since "-" is no artifact and code scanning rejects what
// it cannot place. It names no file of the repository, so code scanning
// shows such a finding without a source snippet.
const StdinURI = "stdin"

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
	fmt.Fprintf(bw, "wiretrace check %s: %s, %s, %d accepted by the baseline, %s\n",
		status, Plural(r.Documents, "article"), Plural(len(r.Findings), "finding"), len(r.Accepted),
		pluralWord(len(r.Stale), "stale baseline entry", "stale baseline entries"))
	return bw.Flush()
}

// Plural writes a count with its noun: "1 finding", "2 findings", "0
// findings". Nouns with an irregular plural use pluralWord.
func Plural(n int, noun string) string { return pluralWord(n, noun, noun+"s") }

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// WriteCheckGitHub writes GitHub Actions workflow commands: an error
// annotation per finding at its file (relative to r.Run.SARIFRoot or the
// working directory when inside it) and line, most severe first, at most
// r.Run.MaxAnnotations of them (GitHub shows 10 a step and drops the
// rest silently); when there are more, the last annotation says how many
// were left out and of which rules. Stale baseline entries are notices,
// capped the same way.
func WriteCheckGitHub(w io.Writer, r *CheckResult) error {
	bw := bufio.NewWriter(w)
	limit := r.Run.MaxAnnotations
	if limit <= 0 {
		limit = DefaultMaxAnnotations
	}
	base, err := sarifBase(r.Run.SARIFRoot)
	if err != nil {
		return err
	}
	findings := bySeverity(r.Findings)
	shown := len(findings)
	if shown > limit {
		shown = limit - 1 // the last place goes to the summary
	}
	for _, f := range findings[:shown] {
		props := []string{}
		if f.File != "" && f.File != "-" {
			props = append(props, "file="+ghProperty(relativeTo(f.File, base)))
			if f.Line > 0 {
				props = append(props, fmt.Sprintf("line=%d", f.Line))
			}
		}
		props = append(props, "title="+ghProperty("wiretrace "+f.Rule))
		fmt.Fprintf(bw, "::error %s::%s\n", strings.Join(props, ","), ghData(f.Message))
	}
	if rest := findings[shown:]; len(rest) > 0 {
		fmt.Fprintf(bw, "::error title=%s::%s\n", ghProperty("wiretrace check"), ghData(fmt.Sprintf(
			"%s not annotated (%s in all: %s); the job summary or --format json lists every one",
			Plural(len(rest), "more finding"), Plural(len(findings), "finding"), ruleCounts(findings))))
	}
	stale := r.Stale
	if len(stale) > limit {
		stale = stale[:limit-1]
	}
	for _, k := range stale {
		fmt.Fprintf(bw, "::notice title=wiretrace baseline::%s\n", ghData(k+" is no longer found; the baseline can shrink"))
	}
	if n := len(r.Stale) - len(stale); n > 0 {
		fmt.Fprintf(bw, "::notice title=wiretrace baseline::%s\n", ghData(fmt.Sprintf("%s no longer found; run --update-baseline to drop them",
			pluralWord(n, "more baseline entry is", "more baseline entries are"))))
	}
	return bw.Flush()
}

// severityOrder ranks the rules for the capped formats: a corpus-level
// breach first (it concerns every article), then leakage (it invalidates
// an evaluation), then uncredited copies.
var severityOrder = map[string]int{"duplicate-share": 0, "leakage": 1, "uncredited": 2}

// bySeverity returns the findings most severe first; within a rule the
// order is the result's (sorted by key), so the output is deterministic.
func bySeverity(fs []Finding) []Finding {
	out := append([]Finding(nil), fs...)
	sort.SliceStable(out, func(i, j int) bool { return ruleRank(out[i].Rule) < ruleRank(out[j].Rule) })
	return out
}

func ruleRank(rule string) int {
	if r, ok := severityOrder[rule]; ok {
		return r
	}
	return len(severityOrder)
}

// ruleCounts renders "4600 uncredited, 23 leakage", most severe first.
func ruleCounts(fs []Finding) string {
	n := map[string]int{}
	var rules []string
	for _, f := range bySeverity(fs) {
		if n[f.Rule] == 0 {
			rules = append(rules, f.Rule)
		}
		n[f.Rule]++
	}
	parts := make([]string, len(rules))
	for i, r := range rules {
		parts[i] = fmt.Sprintf("%d %s", n[r], r)
	}
	return strings.Join(parts, ", ")
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
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	ShortDescription     sarifMessage       `json:"shortDescription"`
	FullDescription      sarifMessage       `json:"fullDescription"`
	HelpURI              string             `json:"helpUri"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
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
//
// Code scanning rejects a whole upload for one result without a location,
// so every result has one: a corpus-level finding (duplicate-share) points
// at the configuration file, or else at the first input. URIs are relative
// to r.Run.SARIFRoot (or the working directory) with forward slashes;
// standard input is StdinURI; a file outside the root is an absolute
// file: URI.
func WriteCheckSARIF(w io.Writer, r *CheckResult) error {
	run := sarifRun{Tool: sarifTool{Driver: sarifDriver{Name: "wiretrace", Version: buildinfo.Version(),
		InformationURI: "https://github.com/wiretrace/wiretrace"}}, Results: []sarifResult{}}
	index := map[string]int{}
	for i, id := range ruleOrder {
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{ID: id, ShortDescription: sarifMessage{Rules[id]},
			FullDescription: sarifMessage{ruleHelp[id]}, HelpURI: "https://github.com/wiretrace/wiretrace/blob/main/docs/check.md",
			DefaultConfiguration: sarifConfiguration{Level: "error"}})
		index[id] = i
	}
	base, err := sarifBase(r.Run.SARIFRoot)
	if err != nil {
		return err
	}
	for _, f := range r.Findings {
		res := sarifResult{RuleID: f.Rule, RuleIndex: index[f.Rule], Level: "error", Message: sarifMessage{f.Message},
			PartialFingerprints: map[string]string{"wiretraceFinding/v1": f.Key}}
		file, line := f.File, f.Line
		if file == "" {
			file, line = corpusPlace(r.Run), 0
		}
		loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(file, base)}}}
		if line > 0 {
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: line}
		}
		res.Locations = []sarifLocation{loc}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}

// ruleHelp is the longer description of each rule, SARIF's fullDescription.
var ruleHelp = map[string]string{
	"uncredited": "An article copies a story (in whole or in part) that another outlet published first, and neither its text nor its byline credits that outlet; " +
		"or it credits the wrong one. Configured under policies.uncredited in .wiretrace.yaml, or with --uncredited, --watch and --watch-kind.",
	"duplicate-share": "More articles than policies.max_duplicate_share allows (--max-duplicate-share) have a copy elsewhere in the corpus. " +
		"The finding concerns the whole corpus, so it is located at the configuration file or the first input.",
	"leakage": "An article has a copy on the other side of a train/test split (policies.leakage.split_field, --split-field) " +
		"or in the reference corpus (policies.leakage.against, --against).",
}

// corpusPlace is where a finding about the whole corpus is located: the
// configuration file, the first input, or, when the caller said neither,
// the working directory.
func corpusPlace(run CheckRun) string {
	if run.Config != "" {
		return run.Config
	}
	if len(run.Inputs) > 0 {
		return run.Inputs[0]
	}
	return "."
}

// sarifBase is the absolute directory URIs are made relative to.
func sarifBase(root string) (string, error) {
	if root == "" {
		root = "."
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return "", fmt.Errorf("--sarif-root %s: %w", root, err)
	}
	return abs, nil
}

// relativeTo writes path relative to base with forward slashes when it is
// inside base (annotations are placed relative to the repository), and
// unchanged otherwise.
func relativeTo(path, base string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	rel, err := filepath.Rel(base, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return path
	}
	return filepath.ToSlash(rel)
}

// sarifURI turns a path as wiretrace reports it into a URI reference:
// relative to base when inside it, an absolute file: URI otherwise, "-"
// as StdinURI.
func sarifURI(path, base string) string {
	if path == "-" {
		return StdinURI
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return (&url.URL{Path: filepath.ToSlash(path)}).String()
	}
	rel, err := filepath.Rel(base, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		p := filepath.ToSlash(abs)
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // a Windows drive: file:///C:/…
		}
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	// url.URL escapes what a URI cannot hold (spaces, %, #, ?, non-ASCII)
	// and guards a first segment with a colon from reading as a scheme.
	return (&url.URL{Path: filepath.ToSlash(rel)}).String()
}

// checkedRules lists the configured rules in ruleOrder, and any other rule
// that has findings.
func checkedRules(r *CheckResult) []string {
	if r.Run.Rules == nil {
		return ruleOrder
	}
	on := map[string]bool{}
	for _, rule := range r.Run.Rules {
		on[rule] = true
	}
	for _, f := range r.Findings {
		on[f.Rule] = true
	}
	var out []string
	for _, rule := range ruleOrder {
		if on[rule] {
			out = append(out, rule)
		}
	}
	return out
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

// WriteCheckJUnit writes JUnit XML: a passing case per configured rule
// with no findings, a failing case per finding. Rules that were not
// configured (r.Run.Rules) are not listed: a passing test for a rule that
// never ran would claim what was not checked.
func WriteCheckJUnit(w io.Writer, r *CheckResult) error {
	s := junitSuite{Name: "wiretrace check"}
	byRule := map[string][]Finding{}
	for _, f := range r.Findings {
		byRule[f.Rule] = append(byRule[f.Rule], f)
	}
	for _, rule := range checkedRules(r) {
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
