package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/wiretrace/wiretrace/internal/atomicfile"
	"github.com/wiretrace/wiretrace/policy"
	"github.com/wiretrace/wiretrace/report"
)

const checkHelp = `Check runs the same analysis as scan and applies the rules of a
configuration file (.wiretrace.yaml, looked for from the working directory
upwards, or --config) and of the flags below. It lists what breaks them.

Rules (see docs/check.md for the file format):
  uncredited           copies that do not credit their origin, optionally
                       only of watched outlets (--watch) or kinds (--watch-kind)
  max_duplicate_share  the share of articles that have a copy in the corpus
  leakage              an article with a copy in the --against corpus, or in
                       another split (--split-field)

A baseline (--baseline FILE) accepts findings already reviewed;
--update-baseline writes the current findings to it. Findings that are no
longer found are listed so the baseline can shrink.

Exit status:
  0    no rule broken (beyond the baseline)
  1    a rule is broken
  2    usage error, bad configuration or bad input
  130  interrupted`

type checkOptions struct {
	scan           scanOptions
	config         string
	baseline       string
	updateBaseline bool
	uncredited     bool
	watch          []string
	watchKinds     []string
	ownCredit      bool
	maxDupShare    float64
	against        []string
	splitField     string
	minSimilarity  float64
	minContainment float64
	ignoreOutlets  []string
	ignoreIDs      []string
	sarifRoot      string
}

func (o *checkOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVar(&o.config, "config", "", "configuration file (default: .wiretrace.yaml here or in a parent directory)")
	f.StringVar(&o.scan.format, "format", "text", "output format: "+joinOr(checkFormatNames()))
	f.StringVar(&o.sarifRoot, "sarif-root", "", "directory SARIF file URIs are relative to, such as the repository root (default: the working directory)")
	o.scan.output.names = checkFormatNames()
	f.VarP(&o.scan.output, "output", "o", "write to this file instead of standard output (- is standard output); FORMAT=PATH (repeatable) writes that format to PATH too, from the same run")
	o.scan.input.AddFlags(f)
	o.scan.registry.AddFlags(f)
	f.BoolVarP(&o.scan.quiet, "quiet", "q", false, "no progress on standard error")
	f.StringVar(&o.baseline, "baseline", "", "JSON file of accepted findings")
	f.BoolVar(&o.updateBaseline, "update-baseline", false, "write the current findings to --baseline and pass")
	f.BoolVar(&o.uncredited, "uncredited", false, "fail on uncredited and miscredited copies (implied by --watch and --watch-kind)")
	f.StringArrayVar(&o.watch, "watch", nil, "only copies of stories this outlet originated (repeatable)")
	f.StringArrayVar(&o.watchKinds, "watch-kind", nil, "only copies of stories from outlets of this registry kind: wire, agency, newspaper, broadcaster, website, aggregator; publisher for the three before it (repeatable)")
	f.BoolVar(&o.ownCredit, "own-credit", false, "count only the credits a copy wrote itself, not those it kept from the text it copied (implies --uncredited)")
	f.Var(newOptionalFloat(&o.maxDupShare), "max-duplicate-share", "fail when more than this share of articles (0 to 1) have a copy")
	f.StringArrayVar(&o.against, "against", nil, "reference corpus: fail when an article has a copy in it (repeatable)")
	f.StringVar(&o.splitField, "split-field", "", "record field naming each article's split: fail when a copy crosses splits")
	f.Var(newOptionalFloat(&o.minSimilarity), "min-similarity", "ignore findings below this Jaccard similarity")
	f.Var(newOptionalFloat(&o.minContainment), "min-containment", "ignore findings below this containment")
	f.StringArrayVar(&o.ignoreOutlets, "ignore-outlet", nil, "never report this outlet (repeatable)")
	f.StringArrayVar(&o.ignoreIDs, "ignore-id", nil, "never report ids matching this glob (repeatable)")
	o.scan.index.AddFlags(f, "")
	o.scan.match.AddFlags(f)
}

func newCheckCommand(ios *streams) *cobra.Command {
	opts := checkOptions{scan: scanOptions{match: newMatchOptions()}}
	cmd := &cobra.Command{
		Use:   "check [flags] INPUT...",
		Short: "Fail when a corpus breaks its rules (for CI)",
		Long:  checkHelp,
		Example: `  wiretrace check --watch Sputnik --watch RT corpus/
  wiretrace check --baseline .wiretrace-baseline.json --format sarif -o wiretrace.sarif corpus/
  wiretrace check --against test.jsonl train.jsonl`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(cmd.Context(), opts, cmd.Flags(), args, ios)
		},
	}
	opts.AddFlags(cmd.Flags())
	return cmd
}

var checkFormats = map[string]func(io.Writer, *report.CheckResult) error{
	"text": report.WriteCheckText, "json": report.WriteCheckJSON, "sarif": report.WriteCheckSARIF,
	"junit": report.WriteCheckJUnit, "github": report.WriteCheckGitHub, "markdown": report.WriteCheckMarkdown,
}

func runCheck(ctx context.Context, opts checkOptions, flags *pflag.FlagSet, args []string, ios *streams) error {
	if len(args) == 0 {
		return usageError{"check needs at least one input"}
	}
	format, err := parseFormat(opts.scan.format, checkFormatNames())
	if err != nil {
		return err
	}
	outs, err := opts.scan.output.plan(format, flags.Changed("format"))
	if err != nil {
		return err
	}
	if opts.updateBaseline && opts.baseline == "" {
		return usageError{"--update-baseline needs --baseline FILE"}
	}
	file, err := loadCheckConfig(opts.config)
	if err != nil {
		return err
	}
	opts.scan.input.applyConfig(file, configName(opts.config), flags)
	if err := opts.scan.input.validate(); err != nil {
		return err
	}
	rules := applyCheckFlags(file, &opts, flags)
	if err := rules.Validate(); err != nil {
		return usageError{err.Error()}
	}
	if rules.Uncredited == nil && rules.MaxDuplicateShare == nil && rules.Leakage == nil {
		return usageError{"no rules to check: set policies in .wiretrace.yaml (see docs/check.md) or use --uncredited, --watch, --max-duplicate-share, --against or --split-field"}
	}
	inputs := args
	if rules.Leakage != nil {
		inputs = append(append([]string(nil), args...), rules.Leakage.Against...)
	}
	job, err := opts.scan.newJob(flags, inputs, ios)
	if err != nil {
		return err
	}
	defer job.Close()
	// An outlet to watch or ignore that the registry does not know must
	// be one of the corpus: collect its outlets.
	if len(rules.UnknownOutlets(job.registry, nil)) > 0 {
		job.outlets = &outletSet{}
	}
	rep, err := runScanJob(ctx, job)
	if err != nil {
		return err
	}
	if job.outlets != nil {
		if err := checkOutletNames(rules, opts, job, rep, ios); err != nil {
			return err
		}
	}
	findings := policy.Evaluate(rules, rep, job.registry, sideOf(rules.Leakage))
	configPath, _ := findCheckConfig(opts.config) // read above; "" when there is none
	result := &report.CheckResult{Documents: rep.Documents, Findings: findings,
		Run: report.CheckRun{Rules: configuredRules(rules), Config: configPath, Inputs: args, SARIFRoot: opts.sarifRoot}}
	if rep.Index != nil {
		result.Documents = rep.Index.New // the articles checked
	}
	if opts.baseline != "" {
		if opts.updateBaseline {
			if err := writeBaseline(opts.baseline, findings); err != nil {
				return err
			}
			fmt.Fprintf(ios.Err, "wiretrace: wrote %s to %s\n", report.Plural(len(findings), "finding"), opts.baseline)
			result.Findings, result.Accepted = nil, findings
		} else if err := applyBaseline(opts.baseline, result); err != nil {
			return err
		}
	}
	result.Passed = len(result.Findings) == 0
	github := false
	for _, out := range outs {
		write := checkFormats[out.format]
		if err := writeOutput(out.path, ios, func(w io.Writer, _ bool) error { return write(w, result) }); err != nil {
			return err
		}
		github = github || out.format == "github"
	}
	// No check format lists the skipped records and the report's
	// warnings (beyond --max-skipped, tellSkipped told them already).
	tellUnlisted(ios, "the check output does not list", rep, true)
	if github { // in Actions: every rule and finding on the run's summary page
		if err := appendStepSummary(result); err != nil {
			return err
		}
	}
	if !result.Passed {
		return errFindings
	}
	return nil
}

// checkOutletNames fails when an outlet named to watch or to ignore is
// neither in the registry nor an outlet of the corpus: the rule would
// match nothing and the check pass on a typo. The closest outlet of the
// corpus is suggested. With --index the indexed articles' outlets are not
// all known (only those in the stories of the new articles), so such a
// name is a warning.
func checkOutletNames(rules policy.Config, opts checkOptions, job *scanJob, rep *report.Report, ios *streams) error {
	corpus := job.outlets.names()
	for _, c := range rep.Clusters {
		corpus = append(corpus, c.Origin.Outlet)
		for _, m := range c.Members {
			corpus = append(corpus, m.Outlet)
		}
	}
	unknown := rules.UnknownOutlets(job.registry, corpus)
	if len(unknown) == 0 {
		return nil
	}
	candidates := map[string]bool{}
	for _, o := range corpus {
		candidates[o] = true
		if canon, ok := job.registry.Resolve(o); ok {
			candidates[canon] = true
		}
	}
	names := make([]string, 0, len(candidates))
	for n := range candidates {
		if n != "" {
			names = append(names, n)
		}
	}
	var msgs []string
	for _, u := range unknown {
		var where string
		switch {
		case u.Setting == "uncredited.watch_outlets" && slices.Contains(opts.watch, u.Name):
			where = "--watch " + strconvQuote(u.Name)
		case u.Setting == "ignore.outlets" && slices.Contains(opts.ignoreOutlets, u.Name):
			where = "--ignore-outlet " + strconvQuote(u.Name)
		default:
			where = fmt.Sprintf("policies.%s in %s: %s", u.Setting, configName(opts.config), strconvQuote(u.Name))
		}
		msg := where + ": no outlet of that name in the outlet registry or in the inputs"
		if job.index.path != "" {
			msg = where + ": no outlet of that name in the outlet registry, the inputs or the stories they join in the index"
		}
		if s := suggest(u.Name, names); s != "" {
			msg += fmt.Sprintf(" (did you mean %s?)", strconvQuote(s))
		}
		msgs = append(msgs, msg)
	}
	if job.index.path != "" {
		for _, m := range msgs {
			fmt.Fprintf(ios.Err, "wiretrace: warning: %s\n", termSafe(m))
		}
		return nil
	}
	return usageError{strings.Join(msgs, "\n")}
}

// strconvQuote quotes a name for a message.
func strconvQuote(s string) string { return fmt.Sprintf("%q", s) }

// loadCheckConfig reads --config, or .wiretrace.yaml from the working
// directory upwards; no file is an empty configuration.
func loadCheckConfig(path string) (*policy.File, error) {
	path, err := findCheckConfig(path)
	if err != nil || path == "" {
		return &policy.File{}, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return policy.Load(f, path)
}

// applyCheckFlags merges the configuration file and the flags: scan
// settings from the file unless a flag sets them, rules from both.
func applyCheckFlags(file *policy.File, o *checkOptions, flags *pflag.FlagSet) policy.Config {
	m := &o.scan.match
	if file.Threshold != nil && !flags.Changed("threshold") {
		m.Threshold = *file.Threshold
	}
	if file.Containment != nil && !flags.Changed("containment") {
		m.Containment = *file.Containment
	}
	if file.MinShared != nil && !flags.Changed("min-shared") {
		m.MinShared = *file.MinShared
	}
	if file.Registry != "" && o.scan.registry.path == "" {
		o.scan.registry.path = file.Registry
	}
	c := file.Policies
	if o.uncredited || o.ownCredit || len(o.watch) > 0 || len(o.watchKinds) > 0 {
		if c.Uncredited == nil {
			c.Uncredited = &policy.UncreditedRule{}
		}
		c.Uncredited.OwnCredit = c.Uncredited.OwnCredit || o.ownCredit
		c.Uncredited.WatchOutlets = append(c.Uncredited.WatchOutlets, o.watch...)
		c.Uncredited.WatchKinds = append(c.Uncredited.WatchKinds, o.watchKinds...)
	}
	if o.maxDupShare >= 0 {
		v := o.maxDupShare
		c.MaxDuplicateShare = &v
	}
	if len(o.against) > 0 || o.splitField != "" {
		if c.Leakage == nil {
			c.Leakage = &policy.LeakageRule{}
		}
		c.Leakage.Against = append(c.Leakage.Against, o.against...)
		if o.splitField != "" {
			c.Leakage.SplitField = o.splitField
		}
	}
	if o.minSimilarity >= 0 {
		c.MinSimilarity = o.minSimilarity
	}
	if o.minContainment >= 0 {
		c.MinContainment = o.minContainment
	}
	c.Ignore.Outlets = append(c.Ignore.Outlets, o.ignoreOutlets...)
	c.Ignore.IDs = append(c.Ignore.IDs, o.ignoreIDs...)
	return c
}

// sideOf tells leakage each article's side: the reference inputs, or the
// value of the split field.
func sideOf(rule *policy.LeakageRule) policy.Side {
	if rule == nil {
		return nil
	}
	return func(m *report.Member) string {
		for _, ref := range rule.Against {
			ref = filepath.Clean(ref)
			if f := filepath.Clean(m.Source.File); f == ref || strings.HasPrefix(f, ref+string(filepath.Separator)) {
				return policy.Reference
			}
		}
		if rule.SplitField != "" {
			var v any
			if raw, ok := m.Extra[rule.SplitField]; ok && json.Unmarshal(raw, &v) == nil && v != nil {
				return fmt.Sprint(v)
			}
			return ""
		}
		return "corpus"
	}
}

func writeBaseline(path string, findings []report.Finding) error {
	return atomicfile.Write(path, policy.NewBaseline(findings).Write)
}

func applyBaseline(path string, result *report.CheckResult) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return usageError{fmt.Sprintf("baseline %s does not exist; create it with --update-baseline", path)}
	}
	if err != nil {
		return err
	}
	defer f.Close()
	b, err := policy.ReadBaseline(f, path)
	if err != nil {
		return err
	}
	fresh, accepted, stale := b.Apply(result.Findings)
	result.Findings, result.Accepted = fresh, accepted
	for _, e := range stale {
		result.Stale = append(result.Stale, e.Key)
	}
	return nil
}

// configName names the configuration file for messages: --config as
// given, or the .wiretrace.yaml found, relative to the working directory
// when it can be.
func configName(config string) string {
	path, err := findCheckConfig(config)
	if err != nil || path == "" || config != "" {
		return config
	}
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, path); err == nil {
			return rel
		}
	}
	return path
}

// findCheckConfig returns --config, or the .wiretrace.yaml found from the
// working directory upwards; "" when there is none.
func findCheckConfig(path string) (string, error) {
	if path != "" {
		return path, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, ".wiretrace.yaml")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}
