// Command wiretrace-beam runs wiretrace's analysis as an Apache Beam
// pipeline: `wiretrace scan --format json` for corpora larger than one
// machine.
//
//	wiretrace-beam --input='corpus/*.jsonl.gz' --output=report.json
//	wiretrace-beam --runner=dataflow --project=P --region=R \
//	    --staging_location=gs://B/staging --input='gs://B/corpus/*.jsonl.gz' \
//	    --output=gs://B/report.json
//
// The runner is Prism (in process) unless --runner names another; every
// flag of the runner (Dataflow's --project, Flink's --endpoint, …) is
// Beam's and passes through. Beam owns the flag set and re-executes this
// binary as its worker, which is why this command uses the standard flag
// package rather than cobra, and lives in its own module.
//
// Exit status: 0 on success, 2 on bad input or flags, 1 on a failed run.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners"
	"github.com/wiretrace/wiretrace/beam/pipeline"
	"github.com/wiretrace/wiretrace/internal/memlimit"

	// Runners --runner may name.
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/dataflow"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/flink"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/spark"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/universal"
)

// options are the command's own flags; Beam's are registered by the
// runner packages on the same flag set.
type options struct {
	cfg            pipeline.Config
	inputs         listFlag
	registry       string
	creditFields   listFlag
	checkConfig    string
	findingsOutput string
	verbose        bool
	memory         int64
}

func (o *options) AddFlags(f *flag.FlagSet) {
	m := &o.cfg.Match
	f.Var(&o.inputs, "input", "JSON Lines file or glob (.jsonl, .jsonl.gz; local, gs://, s3://); repeatable or comma-separated, read in the order given")
	f.StringVar(&o.cfg.Output, "output", "", "report file (local path, gs://, s3://)")
	f.StringVar(&o.cfg.Format, "format", "json", "report format: json (wiretrace/report/v1) or jsonl (one member or edge a line)")
	f.StringVar(&o.findingsOutput, "findings", "", "also write `wiretrace check` findings (JSON) to this file")
	f.StringVar(&o.checkConfig, "check-config", "", "check rules (.wiretrace.yaml policies) for --findings; default: uncredited copies of any origin")
	f.BoolVar(&o.cfg.SkipBad, "skip-bad", false, "skip bad records and list them in the report instead of stopping")
	f.BoolVar(&o.cfg.AllowEmpty, "allow-empty", false, "let the inputs yield no articles (otherwise an error)")
	f.StringVar(&o.registry, "registry", "", "YAML file of outlets that extends or overrides the shipped registry")
	f.Var(&o.creditFields, "credit-field", "a record field that holds a byline or source, read for credits besides author, byline and source (repeatable)")
	f.Float64Var(&m.Threshold, "threshold", m.Threshold, "Jaccard similarity at which two articles are copies")
	f.Float64Var(&m.Containment, "containment", m.Containment, "share of an article found in another at which it is a copy")
	f.IntVar(&m.MinShared, "min-shared", m.MinShared, "shared shingles that make an excerpt")
	f.IntVar(&m.CommonDocs, "common-docs", m.CommonDocs, "articles overall a line or shingle must appear in to be a stock phrase (0: max(50, articles/200))")
	f.IntVar(&m.K, "shingle-size", m.K, "words per shingle")
	f.IntVar(&m.NumHashes, "hashes", m.NumHashes, "MinHash signature size")
	f.Uint64Var(&m.Seed, "seed", m.Seed, "MinHash seed")
	f.IntVar(&m.Window, "window", m.Window, "winnowing window in shingles (excerpt channel)")
	f.IntVar(&m.MinFingerprints, "min-fingerprints", m.MinFingerprints, "shared fingerprints that make an excerpt candidate")
	f.IntVar(&m.BoilerplateDocs, "boilerplate-docs", m.BoilerplateDocs, "articles of one outlet a line or shingle must appear in to be that outlet's boilerplate")
	f.BoolVar(&m.Rewrites, "rewrites", m.Rewrites, "run the rewrite channel (sentence alignment) besides shingles")
	f.IntVar(&m.MaxBucket, "max-bucket", m.MaxBucket, "largest LSH bucket expanded into candidate pairs")
	f.BoolVar(&o.verbose, "verbose", false, "show the runner's progress log and a failed run's whole error")
	o.memory = memlimit.Machine() / memoryShare
	f.Var(memlimit.Size{N: &o.memory}, "memory", "with the in-process Prism runner, the soft memory limit of the process (unless GOMEMLIMIT is set; raised to 1.25 times the live heap past it): the collector works harder near it rather than let the heap grow to twice what is live; 0: none; default: half the machine's memory")
	f.Lookup("memory").DefValue = strconv.FormatFloat(float64(o.memory)/(1<<30), 'f', 1, 64) + "GiB"
	f.IntVar(&m.Workers, "match-workers", 0, "unused: every stage now works on one document, pair or story at a time (kept so that older command lines run)")
}

// listFlag is a repeatable, comma-separated string flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

func main() {
	opts := options{cfg: pipeline.DefaultConfig()}
	opts.AddFlags(flag.CommandLine)
	flag.Parse()
	// On a worker, Init takes over and never returns.
	beam.Init()
	os.Exit(run(context.Background(), opts))
}

func run(ctx context.Context, opts options) int {
	cfg, err := opts.config()
	if err != nil {
		fmt.Fprintln(os.Stderr, "wiretrace-beam:", err)
		return 2
	}
	p, err := pipeline.New(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "wiretrace-beam:", err)
		return 2
	}
	runner := *runners.Runner
	if runner == "" {
		runner = "prism"
	}
	if runner == "prism" {
		setMemoryLimit(opts.memory)
	}
	if !opts.verbose {
		// Prism logs every job state at Info on the default logger.
		slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError + 1})))
	}
	tmp, err := privateTempDir()
	if err != nil {
		fmt.Fprintln(os.Stderr, "wiretrace-beam:", err)
		return 1
	}
	defer os.RemoveAll(tmp)
	if _, err := beam.Run(ctx, runner, p); err != nil {
		fmt.Fprintln(os.Stderr, "wiretrace-beam: pipeline failed:", cause(err, opts.verbose))
		return 1
	}
	return 0
}

// privateTempDir makes a directory for the run's temporary files and
// points TMPDIR at it, so that removing it removes them all: Beam's
// loopback mode leaves an empty "beamloopbackworker-*" file behind on
// every run.
func privateTempDir() (string, error) {
	dir, err := os.MkdirTemp("", "wiretrace-beam-")
	if err != nil {
		return "", err
	}
	return dir, os.Setenv("TMPDIR", dir)
}

// cause returns what a DoFn said: the last line of a runner's error,
// which wraps it in the plan of the failed stage.
func cause(err error, verbose bool) string {
	msg := strings.TrimSpace(err.Error())
	if verbose {
		return msg
	}
	if i := strings.LastIndex(msg, "\n"); i >= 0 {
		msg = msg[i+1:]
	}
	return msg
}

// config reads the files named by flags where the pipeline is built:
// workers may not see them.
func (o options) config() (pipeline.Config, error) {
	cfg := o.cfg
	cfg.Inputs = o.inputs
	cfg.CreditFields = o.creditFields
	cfg.FindingsOutput = o.findingsOutput
	if o.registry != "" {
		b, err := os.ReadFile(o.registry)
		if err != nil {
			return cfg, err
		}
		cfg.Registry, cfg.RegistryName = b, o.registry
	}
	if o.checkConfig != "" {
		b, err := os.ReadFile(o.checkConfig)
		if err != nil {
			return cfg, err
		}
		cfg.CheckConfig, cfg.CheckName = b, o.checkConfig
	}
	return cfg, cfg.Validate()
}
