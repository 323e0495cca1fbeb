package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/wiretrace/wiretrace/policy"
	"github.com/wiretrace/wiretrace/report"
)

// flagError is the root command's FlagErrorFunc: a bad flag is a usage
// error (exit 2), and a mistyped flag name gets the closest real one, as
// cobra does for command names ("--treshold": did you mean --threshold?).
func flagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	var ne *pflag.NotExistError
	if errors.As(err, &ne) {
		if name := ne.GetSpecifiedName(); name != "" {
			if s := suggest(name, flagNames(cmd)); s != "" {
				msg += "\n\nDid you mean this?\n\t--" + s
			}
		}
	}
	return usageError{msg + "\n\nRun '" + cmd.CommandPath() + " --help' for usage."}
}

// flagNames lists the long names of the flags cmd accepts, hidden ones
// left out.
func flagNames(cmd *cobra.Command) []string {
	var names []string
	add := func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	}
	cmd.Flags().VisitAll(add)
	cmd.InheritedFlags().VisitAll(add)
	return names
}

// suggest returns the candidate closest to name: one that name is a
// prefix of, or one within a third of name's length in edits (at least
// one edit, so "treshold" finds "threshold"; a swap of two neighbours is
// one edit, so "jsno" finds "json"). Ties go to the first in sorted
// order, so the suggestion is deterministic. "" when none is close.
func suggest(name string, candidates []string) string {
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	best, bestD := "", max(1, len(name)/3)+1
	for _, c := range sorted {
		if c == name {
			continue
		}
		d := editDistance(strings.ToLower(name), strings.ToLower(c))
		if len(name) >= 3 && strings.HasPrefix(c, name) {
			d = min(d, 1)
		}
		if d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance: insertions,
// deletions, substitutions and swaps of adjacent runes count one each.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}

// usageArgs wraps a cobra argument check so that a wrong number of
// arguments prints what the command wants, its usage line and its
// examples, instead of cobra's bare "accepts 2 arg(s), received 0":
//
//	Args: usageArgs(cobra.ExactArgs(1), "one REPORT.json"),
func usageArgs(check cobra.PositionalArgs, want string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return argsUsageError(cmd, want, args)
		}
		return nil
	}
}

// argsUsageError is the error usageArgs returns, for commands that check
// their arguments in RunE: "compare needs two articles (got 1 argument)",
// then the usage line and the examples.
func argsUsageError(cmd *cobra.Command, want string, args []string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s takes %s (got %s)", cmd.Name(), want, report.Plural(len(args), "argument"))
	fmt.Fprintf(&b, "\n\nUsage:\n  %s", cmd.UseLine())
	if cmd.Example != "" {
		fmt.Fprintf(&b, "\n\nExamples:\n%s", cmd.Example)
	}
	fmt.Fprintf(&b, "\n\nRun '%s --help' for more.", cmd.CommandPath())
	return usageError{b.String()}
}

// parseFormat checks a --format value against the names a command
// writes, ignoring case ("HTML" is html), and says what is wanted, with
// the closest name, when it is none of them. For scan, check and compare:
//
//	format, err := parseFormat(opts.format, formatNames())
func parseFormat(value string, names []string) (string, error) {
	return parseEnum("--format", value, names)
}

// parseEnum checks a flag value against its names, ignoring case.
func parseEnum(flag, value string, names []string) (string, error) {
	v := strings.ToLower(strings.TrimSpace(value))
	for _, n := range names {
		if v == n {
			return n, nil
		}
	}
	msg := fmt.Sprintf("unknown %s %q: want %s", flag, value, joinOr(names))
	if s := suggest(v, names); s != "" {
		msg += fmt.Sprintf(" (did you mean %s?)", s)
	}
	return "", usageError{msg}
}

// countNoun writes "1 story", "2 stories".
func countNoun(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// joinOr renders a, b, c or d.
func joinOr(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// preRun runs before every command (the root's PersistentPreRunE):
// format names are taken in any case, and the directory of an -o file is
// checked before any work, so a typo in it does not cost a whole scan.
func preRun(cmd *cobra.Command, _ []string) error {
	if err := applyMemoryFlags(cmd); err != nil {
		return err
	}
	// --workers 0 is taken as 1 (match.Options); a negative count is a
	// mistake, not a request for one worker.
	if f := cmd.Flags().Lookup("workers"); f != nil && f.Changed {
		if n, err := strconv.Atoi(f.Value.String()); err == nil && n < 0 {
			return usageError{fmt.Sprintf("--workers %d: want a number of workers, at least 0 (0 and 1 both run one)", n)}
		}
	}
	if f := cmd.Flags().Lookup("format"); f != nil && f.Changed {
		if lower := strings.ToLower(f.Value.String()); lower != f.Value.String() {
			if err := f.Value.Set(lower); err != nil {
				return usageError{err.Error()}
			}
		}
	}
	if f := cmd.Flags().Lookup("output"); f != nil && f.Value.Type() == "string" {
		if err := checkOutputDir(f.Value.String()); err != nil {
			return err
		}
	}
	return nil
}

// checkOutputDir fails when the directory a file is to be written in does
// not exist or is no directory, and when the file exists and is not a
// regular file: outputs are replaced atomically (a temporary file renamed
// over the target), which would put a regular file in the place of
// /dev/null or a FIFO — as root, for every other program too.
func checkOutputDir(path string) error { return checkOutputPath("-o", path) }

// checkOutputPath is checkOutputDir for the file of another flag.
func checkOutputPath(flag, path string) error {
	if path == "" || path == "-" {
		return nil
	}
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return usageError{fmt.Sprintf("%s %s is not a regular file: wiretrace replaces its output files whole; write to a file, or leave out -o for standard output", flag, path)}
	}
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return usageError{fmt.Sprintf("%s %s: directory %s does not exist", flag, path, dir)}
	case err != nil:
		return usageError{fmt.Sprintf("%s %s: %v", flag, path, err)}
	case !st.IsDir():
		return usageError{fmt.Sprintf("%s %s: %s is not a directory", flag, path, dir)}
	}
	return nil
}

// optionalFloat is a float flag that may be unset: its help shows no
// default (a sentinel such as -1 is no default a user should read), and
// Set records that it was given.
//
//	f.Var(newOptionalFloat(&o.maxDupShare), "max-duplicate-share", "fail when …")
//
// leaves *p at -1 until the flag is given.
type optionalFloat struct {
	p   *float64
	set bool
}

func newOptionalFloat(p *float64) *optionalFloat {
	*p = -1
	return &optionalFloat{p: p}
}

func (o *optionalFloat) String() string {
	if o == nil || !o.set {
		return ""
	}
	return strconv.FormatFloat(*o.p, 'g', -1, 64)
}

func (o *optionalFloat) Set(s string) error {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("%q is not a number", s)
	}
	*o.p, o.set = v, true
	return nil
}

func (o *optionalFloat) Type() string { return "float" }

// appendStepSummary appends the check's Markdown summary to the file
// GitHub Actions names in GITHUB_STEP_SUMMARY, when it is set; it is
// shown on the run's summary page. Outside Actions it does nothing.
func appendStepSummary(result *report.CheckResult) error {
	path := os.Getenv("GITHUB_STEP_SUMMARY")
	if path == "" {
		return nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
	}
	if err := report.WriteCheckMarkdown(f, result); err != nil {
		f.Close()
		return fmt.Errorf("GITHUB_STEP_SUMMARY %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("GITHUB_STEP_SUMMARY %s: %w", path, err)
	}
	return nil
}

// configuredRules names the rules a check applies, for report.CheckRun
// (JUnit lists only these).
func configuredRules(c policy.Config) []string {
	var rules []string
	if c.Uncredited != nil {
		rules = append(rules, "uncredited")
	}
	if c.Leakage != nil {
		rules = append(rules, "leakage")
	}
	if c.MaxDuplicateShare != nil {
		rules = append(rules, "duplicate-share")
	}
	return rules
}
