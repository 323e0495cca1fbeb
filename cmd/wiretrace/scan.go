package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/internal/atomicfile"
	"github.com/wiretrace/wiretrace/match"
	"github.com/wiretrace/wiretrace/provenance"
	"github.com/wiretrace/wiretrace/report"
)

type scanOptions struct {
	match    matchOptions
	format   string
	output   outputFlag
	config   string
	input    inputOptions
	registry registryOptions
	quiet    bool
	index    indexFlags
}

func (o *scanOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVar(&o.format, "format", "text", "output format: "+strings.Join(formatNames(), ", "))
	o.output.names = formatNames()
	f.VarP(&o.output, "output", "o", "write the report to this file instead of standard output (- is standard output); FORMAT=PATH (repeatable) writes that format to PATH too, from the same analysis")
	f.StringVar(&o.config, "config", "", "configuration file whose field names and input format are used (default: .wiretrace.yaml here or in a parent directory)")
	o.input.AddFlags(f)
	o.registry.AddFlags(f)
	f.BoolVarP(&o.quiet, "quiet", "q", false, "no progress on standard error (it is shown only on a terminal anyway)")
	o.index.AddFlags(f, "")
	o.match.AddFlags(f)
}

func newScanCommand(io *streams) *cobra.Command {
	opts := scanOptions{match: newMatchOptions()}
	cmd := &cobra.Command{
		Use:   "scan [flags] INPUT...",
		Short: "Find every copy of every story in a corpus",
		Long: `Scan reads articles and groups every article with the other versions of
the same story: republished, edited, trimmed or excerpted copies.

` + inputHelp,
		Example: `  wiretrace scan testdata/example
  wiretrace scan --format json -o report.json corpus.jsonl.gz
  wiretrace scan --output json=report.json --output html=report.html --output markdown=report.md corpus/
  wiretrace scan --id-field doc_id --text-field content --outlet-field meta.source dump.jsonl.zst
  wiretrace scan --skip-bad train.parquet news.csv
  zcat feed.jsonl.gz | wiretrace scan --skip-bad -`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScan(cmd.Context(), opts, cmd.Flags(), args, io)
		},
	}
	opts.AddFlags(cmd.Flags())
	return cmd
}

func runScan(ctx context.Context, opts scanOptions, flags *pflag.FlagSet, args []string, ios *streams) error {
	if len(args) == 0 {
		return usageError{"scan needs at least one input (a .jsonl file, a directory, or -)"}
	}
	outs, err := planRun(opts.format, &opts.output, opts.config, &opts.input, flags)
	if err != nil {
		return err
	}
	job, err := opts.newJob(flags, args, ios)
	if err != nil {
		return err
	}
	defer job.Close()
	for _, o := range outs {
		if o.format == "html" {
			job.texts = &textStore{texts: report.TextMap{}}
		}
	}
	job.streamJSON = len(outs) == 1 && onlyJSON(outs) // a streamed report is written once
	rep, err := runScanJob(ctx, job)
	if err != nil {
		return err
	}
	// Every format is written from the report as it reads back from its
	// JSON, so that render writes the same bytes from the saved report.
	// JSON alone is those bytes already: it is streamed, with no copy of
	// the report in memory (a million articles make a 1.5 GB report).
	var raw []byte
	if !onlyJSON(outs) {
		if raw, rep, err = report.Normalize(rep); err != nil {
			return err
		}
	}
	var src report.HTMLSource
	if job.texts != nil {
		src = job.texts.texts
	}
	if err := writeReports(outs, ios, rep, raw, src); err != nil {
		return err
	}
	// The summary of skipped records beyond --max-skipped was told when
	// the reading ended (tellSkipped).
	tellUnlistedOutputs(outs, ios, rep, true)
	return nil
}

// onlyJSON reports whether every output is JSON.
func onlyJSON(outs []output) bool {
	for _, o := range outs {
		if o.format != "json" {
			return false
		}
	}
	return true
}

// formats are the report writers --format selects; "text" is the
// terminal summary, written separately because it depends on the terminal.
var formats = map[string]func(io.Writer, *report.Report) error{
	"json":     report.WriteJSON,
	"jsonl":    report.WriteJSONL,
	"csv":      report.WriteCSV,
	"markdown": report.WriteMarkdown,
	"dot":      report.WriteDOT,
	"graphml":  report.WriteGraphML,
	"mermaid":  report.WriteMermaid,
}

func formatNames() []string {
	names := []string{"text", "html"}
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names[2:])
	return names
}

// textStore keeps article texts for the HTML report's side-by-side views;
// the fingerprinting workers fill it concurrently.
type textStore struct {
	mu    sync.Mutex
	texts report.TextMap
}

func (t *textStore) add(id, text string) {
	t.mu.Lock()
	t.texts[id] = text
	t.mu.Unlock()
}

// outletSet collects the outlets of the articles scanned (check names
// the outlets it watches against them); the scanning workers fill it
// concurrently.
type outletSet struct {
	mu sync.Mutex
	m  map[string]bool
}

func (s *outletSet) add(outlet string) {
	s.mu.Lock()
	if s.m == nil {
		s.m = map[string]bool{}
	}
	s.m[outlet] = true
	s.mu.Unlock()
}

// names returns the outlets, sorted.
func (s *outletSet) names() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.m))
	for o := range s.m {
		out = append(out, o)
	}
	sort.Strings(out)
	return out
}

// scanJob is one scan of inputs into a report, as scan and check run it:
// built and checked once by newJob, then handed whole to the helpers.
type scanJob struct {
	match    match.Options
	flags    *pflag.FlagSet // flags given win over an index's settings
	registry *credit.Registry
	read     corpus.Options
	index    indexFlags
	args     []string
	ios      *streams
	texts    *textStore // if not nil, receives every article's text
	outlets  *outletSet // if not nil, receives every article's outlet
	// streamJSON builds the report's stories only as they are written,
	// for a run whose only output is JSON (report.BuildStreaming).
	streamJSON bool
	// closers release what a streamed report reads while it is written
	// (the scanner's spill files); Close runs them.
	closers []func()
}

// Close releases what the job's report needed until it was written.
func (j *scanJob) Close() {
	for _, c := range j.closers {
		c()
	}
	j.closers = nil
}

// newJob loads the registry and checks the matching flags. With --index
// they are checked only once merged with the index's settings (in
// startScan): the index may replace the values given here.
func (o scanOptions) newJob(flags *pflag.FlagSet, args []string, ios *streams) (*scanJob, error) {
	reg, err := o.registry.load()
	if err != nil {
		return nil, err
	}
	if o.quiet {
		ios = ios.withoutProgress()
	}
	if o.index.path == "" {
		if err := o.match.Validate(); err != nil {
			return nil, usageError{err.Error()}
		}
	}
	return &scanJob{match: o.match.Options, flags: flags, registry: reg, read: o.input.readOptions(),
		index: o.index, args: args, ios: ios}, nil
}

// runScanJob scans the job's inputs, against its index if it has one.
func runScanJob(ctx context.Context, job *scanJob) (*report.Report, error) {
	if job.index.path != "" {
		return scanAgainstIndex(ctx, job)
	}
	return scanInputs(ctx, job)
}

// scanInputs reads the inputs and scans them into a report.
func scanInputs(ctx context.Context, job *scanJob) (*report.Report, error) {
	sc, rd, stop, err := startScan(job, job.match)
	if err != nil {
		return nil, err
	}
	defer stop()
	if err := rd.Read(ctx, job.args, sc.Add); err != nil {
		sc.Abort()
		return nil, err
	}
	res, err := sc.Finish(ctx)
	if err != nil {
		return nil, err
	}
	var rep *report.Report
	if job.streamJSON {
		rep = report.BuildStreaming(res, provenance.Estimate(res, job.registry, job.match.Workers), job.match, rd.Skipped)
	} else {
		rep = report.Build(res, provenance.Analyze(res, job.registry, job.match.Workers), job.match, rd.Skipped)
	}
	addReaderWarnings(rep, rd)
	return rep, nil
}

// startScan makes the scanner and reader of a scan with options mo (the
// job's, or those merged with an index) and shows progress on a terminal
// until stop is called.
func startScan(job *scanJob, mo match.Options) (sc *match.Scanner, rd *corpus.Reader, stop func(), err error) {
	credits := keepText(job.registry, job.texts)
	if set := job.outlets; set != nil {
		inner := credits
		credits = func(a *corpus.Article) []credit.Mention {
			set.add(a.Outlet)
			return inner(a)
		}
	}
	sc, err = match.NewScanner(mo, credits)
	if err != nil {
		return nil, nil, nil, usageError{err.Error()}
	}
	in, ios := job.read, job.ios
	in.Stdin, in.Workers = ios.In, mo.Workers
	rd = corpus.NewReader(in)
	stopProgress := func() {}
	if ios.ErrTTY {
		stopProgress = startProgress(ios.Err, sc, rd.Fraction, 250*time.Millisecond).Stop
	}
	stop = func() {
		stopProgress()
		tellSkipped(rd, ios)
		if job.streamJSON {
			// The stories are placed as the report is written, reading
			// the content sets: the spill files go once it is.
			job.closers = append(job.closers, sc.Close)
			return
		}
		sc.Close() // the report is built: its spill files can go
	}
	return sc, rd, stop, nil
}

// addReaderWarnings tells of the WARC records and directory files that
// were not articles.
func addReaderWarnings(rep *report.Report, rd *corpus.Reader) {
	addReadWarnings(rep, rd)
	if s := rd.WARC.Summary(); s != "" {
		rep.Warnings = append(rep.Warnings, s)
	}
	if n := len(rd.Irregular); n > 0 {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("%d entries of directory inputs are not regular files inside the input (FIFOs, devices, sockets, links out of the tree) and were not read, the first %s", n, rd.Irregular[0]))
	}
	if n := len(rd.Ignored); n > 0 {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("%d file(s) in directory inputs are not %s files and were not read, the first %s", n, strings.Replace(corpus.DirArticleFiles, " and ", " or ", 1), rd.Ignored[0]))
	}
}

// keepText returns the scanner's credits function that, when texts is
// not nil, also keeps each text for the HTML report.
func keepText(reg *credit.Registry, texts *textStore) func(*corpus.Article) []credit.Mention {
	credits := articleCredits(reg)
	return func(a *corpus.Article) []credit.Mention {
		if texts != nil {
			texts.add(a.ID, a.Text)
		}
		return credits(a)
	}
}

// writeOutput writes to the -o file, or to standard output (no -o, or
// -o -). The file is replaced atomically: a failure or a kill keeps the
// previous report.
func writeOutput(path string, ios *streams, write func(w io.Writer, tty bool) error) error {
	if isStdout(path) {
		return write(ios.Out, ios.OutTTY)
	}
	return atomicfile.Write(path, func(w io.Writer) error { return write(w, false) })
}

// isStdout says whether an output path means standard output: none, or
// "-".
func isStdout(path string) bool { return path == "" || path == "-" }
