package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/report"
)

const renderHelp = `Render turns a JSON report saved by 'scan --format json' into another
format without scanning again: text, json, jsonl, csv, markdown, html and
the graph formats (dot, graphml, mermaid). The output is byte for byte what
scan writes in that format for the same run.

The HTML report shows each copy beside its parent. Those texts are not in
the JSON report: render reads them again from the inputs each member's
"source" names (file and line, relative to the working directory render
runs in, or to --inputs), with the same input flags and .wiretrace.yaml
settings scan read them with. Only the texts of copies and their parents
are kept. When an input is gone, unreadable, or no longer holds that
article at that line, the copies concerned get no side-by-side view and the
page says so in a note at the top (which files, how many articles); the
rest of the page is the same. A text edited in place since the scan is
shown as it is now.`

type renderOptions struct {
	format  string
	outputs outputFlag
	config  string
	inputs  string
	input   inputOptions
}

func (o *renderOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVar(&o.format, "format", "text", "output format: "+strings.Join(formatNames(), ", "))
	o.outputs.names = formatNames()
	f.VarP(&o.outputs, "output", "o", "write the report to this file instead of standard output (- is standard output); FORMAT=PATH (repeatable) writes that format to PATH")
	f.StringVar(&o.config, "config", "", "configuration file whose field names and input format are used to re-read texts (default: .wiretrace.yaml here or in a parent directory)")
	f.StringVar(&o.inputs, "inputs", "", "directory the report's relative source paths are relative to, for the HTML side-by-side views (default: the working directory)")
	o.input.AddFlags(f)
}

func newRenderCommand(ios *streams) *cobra.Command {
	var opts renderOptions
	cmd := &cobra.Command{
		Use:   "render [flags] REPORT.json",
		Short: "Write a saved JSON report in another format, without scanning again",
		Long:  renderHelp,
		Example: `  wiretrace scan --format json -o report.json corpus/
  wiretrace render --format html -o report.html report.json
  wiretrace render --output markdown=report.md --output csv=report.csv report.json`,
		Args: usageArgs(cobra.ExactArgs(1), "one JSON report (from scan --format json)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRender(cmd.Context(), opts, cmd.Flags(), args[0], ios)
		},
	}
	opts.AddFlags(cmd.Flags())
	registerEnum(cmd, "format", formatNames()...)
	return cmd
}

func runRender(ctx context.Context, opts renderOptions, flags *pflag.FlagSet, path string, ios *streams) error {
	outs, err := planRun(opts.format, &opts.outputs, opts.config, &opts.input, flags)
	if err != nil {
		return err
	}
	rep, err := readReportFile(path, ios)
	if err != nil {
		return err
	}
	var src report.HTMLSource
	for _, o := range outs {
		if o.format == "html" {
			src = rereadTexts(ctx, rep, opts.input.readOptions(), opts.inputs)
		}
	}
	if err := writeReports(outs, ios, rep, nil, src); err != nil {
		return err
	}
	tellUnlistedOutputs(outs, ios, rep, false)
	return nil
}

// readReportFile reads a JSON report from a file, or standard input for "-".
func readReportFile(path string, ios *streams) (*report.Report, error) {
	var r io.Reader = ios.In
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, usageError{fmt.Sprintf("report %s: %v", path, errors.Unwrap(err))}
		}
		defer f.Close()
		r = f
	} else if r == nil {
		return nil, usageError{"no standard input to read the report from"}
	}
	rep, err := report.ReadJSON(r)
	if err != nil {
		return nil, usageError{fmt.Sprintf("%s: %v", path, err)}
	}
	return rep, nil
}

// output is one report to write: a format and a file ("" for standard
// output).
type output struct {
	format, path string
}

// outputFlag is -o/--output: a file for --format (given once), or
// FORMAT=PATH (repeatable) for more formats from the same run.
type outputFlag struct {
	names []string // the formats FORMAT=PATH accepts
	path  string   // the plain -o file
	extra []output
}

func (o *outputFlag) String() string {
	parts := []string{}
	if o.path != "" {
		parts = append(parts, o.path)
	}
	for _, e := range o.extra {
		parts = append(parts, e.format+"="+e.path)
	}
	return strings.Join(parts, ",")
}

func (o *outputFlag) Type() string { return "[FORMAT=]PATH" }

// Set takes PATH, or FORMAT=PATH when what stands before the first = is a
// format name (in any case); a word that is no format name is an error.
// Write ./json=x.txt for a file named so.
func (o *outputFlag) Set(v string) error {
	if f, p, ok := strings.Cut(v, "="); ok {
		for _, n := range o.names {
			if strings.EqualFold(strings.TrimSpace(f), n) {
				if p == "" {
					return fmt.Errorf("%s= needs a file: FORMAT=PATH", n)
				}
				for _, e := range o.extra {
					if e.path == p {
						return fmt.Errorf("%s is given twice", p)
					}
				}
				o.extra = append(o.extra, output{n, p})
				return nil
			}
		}
		if isWord(f) {
			return fmt.Errorf("unknown format %q in %s: want FORMAT=PATH, FORMAT one of %s (write ./%s for a file of that name)", f, v, strings.Join(o.names, ", "), v)
		}
	}
	if o.path != "" {
		return fmt.Errorf("one file for --format (%s, then %s); write more formats with --output FORMAT=PATH, FORMAT one of %s", o.path, v, strings.Join(o.names, ", "))
	}
	o.path = v
	return nil
}

// isWord says whether s is letters only, as a format name is.
func isWord(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return s != ""
}

// plan lists the reports to write: --format to the -o file or standard
// output, unless only FORMAT=PATH outputs are given (and --format is not),
// then those. Every file's directory is checked before any work.
func (o *outputFlag) plan(format string, formatSet bool) ([]output, error) {
	var outs []output
	if len(o.extra) == 0 || o.path != "" || formatSet {
		outs = append(outs, output{format, o.path})
	}
	outs = append(outs, o.extra...)
	seen := map[string]bool{}
	var stdout []string
	for _, out := range outs {
		if isStdout(out.path) {
			stdout = append(stdout, out.format)
			continue
		}
		if seen[out.path] {
			return nil, usageError{fmt.Sprintf("-o %s is given twice", out.path)}
		}
		seen[out.path] = true
		if err := checkOutputPath("-o", out.path); err != nil {
			return nil, err
		}
	}
	if len(stdout) > 1 {
		all := "all"
		if len(stdout) == 2 {
			all = "both"
		}
		return nil, usageError{fmt.Sprintf("the %s reports would %s go to standard output: give each but one a file (-o FILE, --output FORMAT=PATH)", joinAnd(stdout), all)}
	}
	return outs, nil
}

// unlistedFormats are the report formats that have no place for the
// skipped records and the warnings: they are told on standard error.
var unlistedFormats = map[string]bool{"csv": true, "jsonl": true, "dot": true, "graphml": true, "mermaid": true}

// maxToldSkipped is how many skipped records are named on standard error.
const maxToldSkipped = 10

// tellUnlisted tells standard error of the skipped records and warnings of
// a report written only in formats that cannot carry them (what says so:
// "the csv report does not list"), so that nothing is passed over in
// silence; the outputs' bytes stay as they are. told says the summary of
// skipped records beyond --max-skipped is on standard error already.
func tellUnlisted(ios *streams, what string, rep *report.Report, told bool) {
	var warnings []string
	for _, w := range rep.Warnings {
		if told && isSkippedSummary(w) {
			continue
		}
		warnings = append(warnings, w)
	}
	if len(rep.Skipped) == 0 && len(warnings) == 0 {
		return
	}
	var parts []string
	if n := len(rep.Skipped); n > 0 {
		parts = append(parts, report.Plural(n, "skipped record"))
	}
	if n := len(warnings); n > 0 {
		parts = append(parts, report.Plural(n, "warning"))
	}
	fmt.Fprintf(ios.Err, "wiretrace: %s the %s:\n", what, strings.Join(parts, " and "))
	for i, sk := range rep.Skipped {
		if i == maxToldSkipped {
			fmt.Fprintf(ios.Err, "wiretrace: … and %d more skipped; the text and JSON reports (--format text, --format json) list them all\n", len(rep.Skipped)-i)
			break
		}
		pos := corpus.Position{File: sk.File, Line: sk.Line}
		fmt.Fprintf(ios.Err, "wiretrace: skipped %s: %s\n", termSafe(pos.String()), termSafe(sk.Reason))
	}
	for _, w := range warnings {
		fmt.Fprintf(ios.Err, "wiretrace: warning: %s\n", termSafe(w))
	}
}

// isSkippedSummary says whether a warning is the count of skipped records
// beyond --max-skipped (skippedMessage), which scan tells standard error
// anyway.
func isSkippedSummary(w string) bool {
	var n, m int
	_, err := fmt.Sscanf(w, "%d bad records were skipped; the first %d are listed,", &n, &m)
	return err == nil
}

// tellUnlistedOutputs calls tellUnlisted when every report written is in
// a format that cannot list skipped records and warnings.
func tellUnlistedOutputs(outs []output, ios *streams, rep *report.Report, told bool) {
	var names []string
	for _, out := range outs {
		if !unlistedFormats[out.format] {
			return // that report lists them
		}
		if !slices.Contains(names, out.format) {
			names = append(names, out.format)
		}
	}
	if len(names) == 0 {
		return
	}
	what := "the " + names[0] + " report does not list"
	if len(names) > 1 {
		what = "the " + joinAnd(names) + " reports do not list"
	}
	tellUnlisted(ios, what, rep, told)
}

// joinAnd renders a, b and c.
func joinAnd(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// writeReports writes a report in every format asked for. When the report
// comes from a scan (raw is nil), it goes through JSON first, so that each
// format is byte-identical to what render writes from the saved JSON.
func writeReports(outs []output, ios *streams, rep *report.Report, raw []byte, src report.HTMLSource) error {
	for _, out := range outs {
		err := writeOutput(out.path, ios, func(w io.Writer, tty bool) error {
			switch out.format {
			case "html":
				if src == nil {
					src = report.TextMap{}
				}
				return report.WriteHTML(w, rep, src)
			case "text":
				width := 0
				if tty {
					width = ios.Width
				}
				return report.WriteText(w, rep, report.TextOptions{Color: tty && ios.color(), Width: width})
			case "json":
				if raw != nil {
					_, err := w.Write(raw)
					return err
				}
			}
			return formats[out.format](w, rep)
		})
		if err != nil {
			if !isStdout(out.path) {
				return fmt.Errorf("%s: %w", out.path, err)
			}
			return err
		}
	}
	return nil
}

// rereadTexts reads again, from the inputs the report names, the texts of
// every copy and its parent; only those are kept. What cannot be read is
// said in the page's notes.
func rereadTexts(ctx context.Context, rep *report.Report, in corpus.Options, root string) *rereadSource {
	wanted := map[string]map[int]string{} // file -> line -> id
	byID := map[string]*report.Member{}
	for ci := range rep.Clusters {
		c := &rep.Clusters[ci]
		for mi := range c.Members {
			byID[c.Members[mi].ID] = &c.Members[mi]
		}
	}
	add := func(m *report.Member) {
		if m == nil || m.Indexed {
			return
		}
		if wanted[m.Source.File] == nil {
			wanted[m.Source.File] = map[int]string{}
		}
		wanted[m.Source.File][m.Source.Line] = m.ID
	}
	for ci := range rep.Clusters {
		for mi := range rep.Clusters[ci].Members {
			m := &rep.Clusters[ci].Members[mi]
			if m.Parent == nil {
				continue
			}
			add(m)
			add(byID[*m.Parent])
		}
	}
	src := &rereadSource{texts: report.TextMap{}}
	files := make([]string, 0, len(wanted))
	for f := range wanted {
		files = append(files, f)
	}
	sort.Strings(files)
	in.SkipBad, in.AllowEmpty, in.MaxSkipped, in.Stdin = true, true, 1, nil
	errFound := errors.New("found")
	for _, name := range files {
		lines := wanted[name]
		if name == "-" || name == "" {
			src.miss(name, "standard input cannot be read again", len(lines))
			continue
		}
		path := name
		if root != "" && !filepath.IsAbs(path) {
			path = filepath.Join(root, path)
		}
		if _, err := os.Stat(path); err != nil {
			src.miss(name, fileProblem(err), len(lines))
			continue
		}
		left := len(lines)
		rd := corpus.NewReader(in)
		err := rd.Read(ctx, []string{path}, func(a *corpus.Article) error {
			id, ok := lines[a.Pos.Line]
			if !ok || !sameArticle(id, a.ID) {
				return nil
			}
			if _, dup := src.texts[id]; !dup {
				src.texts[id] = a.Text
				left--
			}
			if left == 0 {
				return errFound
			}
			return nil
		})
		if err != nil && !errors.Is(err, errFound) {
			src.miss(name, err.Error(), left)
			continue
		}
		if left > 0 {
			src.miss(name, "the articles are no longer at the lines the report names", left)
		}
	}
	return src
}

// sameArticle says whether an article read from a single file is the
// report's member: the same id, or (a file of a directory input, read
// alone) the id's last path elements.
func sameArticle(reportID, readID string) bool {
	return reportID == readID || strings.HasSuffix(reportID, "/"+readID) || strings.HasSuffix(reportID, string(filepath.Separator)+readID)
}

func fileProblem(err error) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "the file is gone"
	case errors.Is(err, os.ErrPermission):
		return "the file cannot be read (permission denied)"
	}
	return err.Error()
}

// rereadSource is the HTMLSource of render: the texts read again, and
// notes on those that could not be.
type rereadSource struct {
	texts  report.TextMap
	missed []string
	n      int
}

func (s *rereadSource) miss(file, why string, n int) {
	s.n += n
	if len(s.missed) < 5 {
		s.missed = append(s.missed, fmt.Sprintf("%s (%s)", file, why))
	}
}

func (s *rereadSource) Text(id string) (string, bool) { return s.texts.Text(id) }

// Notes says which texts are missing, for the top of the page.
func (s *rereadSource) Notes() []string {
	if s.n == 0 {
		return nil
	}
	more := ""
	if len(s.missed) == 5 {
		more = ", …"
	}
	return []string{fmt.Sprintf("This page was rendered from a saved JSON report. The texts of %s could not be read again from the inputs, so the copies concerned have no side-by-side view: %s%s.",
		report.Plural(s.n, "article"), strings.Join(s.missed, "; "), more)}
}

// planRun is the set-up scan and render share: the output format and
// files, and the input options with .wiretrace.yaml applied and checked.
func planRun(format string, out *outputFlag, config string, in *inputOptions, flags *pflag.FlagSet) ([]output, error) {
	format, err := parseFormat(format, formatNames())
	if err != nil {
		return nil, err
	}
	outs, err := out.plan(format, flags.Changed("format"))
	if err != nil {
		return nil, err
	}
	file, err := loadCheckConfig(config)
	if err != nil {
		return nil, err
	}
	in.applyConfig(file, configName(config), flags)
	return outs, in.validate()
}
