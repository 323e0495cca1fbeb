package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/index"
	"github.com/wiretrace/wiretrace/match"
)

type indexBuildOptions struct {
	index        indexFlags
	match        matchOptions
	minThreshold float64
	batch        int
	input        inputOptions
	registry     registryOptions
	quiet        bool
}

func (o *indexBuildOptions) AddFlags(f *pflag.FlagSet) {
	o.index.AddFlags(f, index.DefaultPath)
	f.Float64Var(&o.minThreshold, "min-threshold", 0.3, "lowest Jaccard threshold queries may use (sets the stored LSH layout)")
	f.IntVar(&o.batch, "batch", 25000, "articles fingerprinted and written per transaction")
	o.input.AddFlags(f)
	o.registry.AddFlags(f)
	f.BoolVarP(&o.quiet, "quiet", "q", false, "no progress on standard error (it is shown only on a terminal anyway)")
	o.match.AddFingerprintFlags(f)
}

func newIndexBuildCommand(ios *streams) *cobra.Command {
	opts := indexBuildOptions{match: newMatchOptions()}
	cmd := &cobra.Command{
		Use:   "build [flags] INPUT...",
		Short: "Fingerprint a corpus into a new index (replacing any there)",
		Long: `Build reads the inputs (as scan does) and writes a new index. It writes
a file beside the index and renames it into place at the end, so a build
that is stopped leaves the previous index untouched. Articles are
fingerprinted and written in batches; memory holds one batch, not the
corpus.`,
		Example: `  wiretrace index build archive/
  wiretrace index build --index /data/wt.db --min-threshold 0.4 feed-*.jsonl.gz`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runIndexBuild(cmd.Context(), opts, args, ios)
		},
	}
	opts.AddFlags(cmd.Flags())
	return cmd
}

func runIndexBuild(ctx context.Context, opts indexBuildOptions, args []string, ios *streams) error {
	if len(args) == 0 {
		return usageError{"index build needs at least one input"}
	}
	if opts.batch < 1 {
		return usageError{fmt.Sprintf("--batch %d: want at least 1", opts.batch)}
	}
	settings, err := index.NewSettings(opts.match.Options, opts.minThreshold)
	if err != nil {
		return usageError{err.Error()}
	}
	reg, err := opts.registry.load()
	if err != nil {
		return err
	}
	b, err := index.Build(opts.index.path, settings, index.OpenOptions{LockWait: opts.index.lockWait})
	if err != nil {
		return err
	}
	if err := opts.input.validate(); err != nil {
		return err
	}
	in := opts.input.readOptions()
	in.Stdin, in.Workers = ios.In, opts.match.Workers
	rd := corpus.NewReader(in)
	progress, shown := func(int) {}, false
	if ios.ErrTTY && !opts.quiet {
		start := time.Now()
		progress = func(n int) {
			shown = true
			fmt.Fprintf(ios.Err, "\rindexed %d articles, %.0f a second ", n, float64(n)/time.Since(start).Seconds())
		}
	}
	total, links, err := buildBatches(ctx, b.Index, reg, rd, args, opts, progress)
	if shown {
		fmt.Fprintln(ios.Err)
	}
	if err != nil {
		b.Abort()
		return err
	}
	if err := b.Commit(); err != nil {
		return err
	}
	reportSkipped(ios, rd)
	fmt.Fprintf(ios.Out, "indexed %d articles, %d pairs, into %s\n", total, links, termSafe(b.Target()))
	return nil
}

// buildBatches reads the inputs and adds them a batch at a time.
// progress is told the articles indexed after each batch.
func buildBatches(ctx context.Context, ix *index.Index, reg *credit.Registry, rd *corpus.Reader, args []string, opts indexBuildOptions, progress func(int)) (total, links int, err error) {
	newScanner := func() (*match.Scanner, error) {
		return match.NewScanner(ix.AddOptions(opts.match.Workers), keepText(reg, nil))
	}
	sc, err := newScanner()
	if err != nil {
		return 0, 0, err
	}
	n := 0
	flush := func() error {
		if n == 0 {
			return nil
		}
		st, err := ix.Add(ctx, sc)
		if err != nil {
			return err
		}
		total, links, n = total+st.Added, links+st.Links, 0
		progress(total)
		sc, err = newScanner()
		return err
	}
	err = rd.Read(ctx, args, func(a *corpus.Article) error {
		if err := sc.Add(a); err != nil {
			return err
		}
		if n++; n >= opts.batch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		sc.Abort()
	}
	return total, links, err
}

// reportSkipped lists the records --skip-bad passed over.
func reportSkipped(ios *streams, rd *corpus.Reader) {
	for _, e := range rd.Skipped {
		fmt.Fprintf(ios.Err, "wiretrace: skipped %s\n", termSafe(e.Error()))
	}
	tellSkipped(rd, ios)
	tellFieldWarnings(rd, ios)
	for _, e := range rd.Dropped() {
		fmt.Fprintf(ios.Err, "wiretrace: warning: %s: %s\n", termSafe(e.Pos.String()), termSafe(e.Reason))
	}
}
