package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/index"
	"github.com/wiretrace/wiretrace/match"
)

type indexAddOptions struct {
	index    indexFlags
	input    inputOptions
	registry registryOptions
	workers  int
}

func (o *indexAddOptions) AddFlags(f *pflag.FlagSet) {
	o.index.AddFlags(f, index.DefaultPath)
	o.input.AddFlags(f)
	o.registry.AddFlags(f)
	f.IntVar(&o.workers, "workers", o.workers, "parallel workers (default: number of CPUs)")
}

func newIndexAddCommand(ios *streams) *cobra.Command {
	opts := indexAddOptions{workers: newMatchOptions().Workers}
	cmd := &cobra.Command{
		Use:   "add [flags] INPUT...",
		Short: "Add articles to an index in one transaction",
		Long: `Add reads the inputs (as scan does), fingerprints them with the index's
settings and writes them, with the pairs they form with each other and
with indexed articles, in one transaction: stopped at any point, the index
holds all of them or none.

An article whose id is already indexed with the same text is left as it
is (so an add can be repeated); with another text it is an error: remove
it first with wiretrace index rm.`,
		Example: `  wiretrace index add today.jsonl
  wiretrace index add --index /data/wt.db --lock-wait 1m crawl.warc.gz`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runIndexAdd(cmd.Context(), opts, args, ios)
		},
	}
	opts.AddFlags(cmd.Flags())
	return cmd
}

func runIndexAdd(ctx context.Context, opts indexAddOptions, args []string, ios *streams) error {
	if len(args) == 0 {
		return usageError{"index add needs at least one input"}
	}
	reg, err := opts.registry.load()
	if err != nil {
		return err
	}
	ix, err := index.Open(opts.index.path, index.OpenOptions{LockWait: opts.index.lockWait})
	if err != nil {
		return err
	}
	defer ix.Close()
	sc, err := match.NewScanner(ix.AddOptions(opts.workers), keepText(reg, nil))
	if err != nil {
		return err
	}
	if err := opts.input.validate(); err != nil {
		return err
	}
	in := opts.input.readOptions()
	in.Stdin, in.Workers = ios.In, opts.workers
	rd := corpus.NewReader(in)
	screen := &indexedArticles{ix: ix, rd: rd, skipBad: opts.input.skipBad, seen: map[uint32]bool{}}
	err = rd.Read(ctx, args, func(a *corpus.Article) error {
		ok, err := screen.screen(a)
		if err != nil || !ok {
			return err
		}
		return sc.Add(a)
	})
	if err != nil {
		sc.Abort()
		return err
	}
	st, err := ix.Add(ctx, sc)
	if err != nil {
		return err
	}
	reportSkipped(ios, rd)
	for _, w := range st.Warnings {
		fmt.Fprintf(ios.Err, "wiretrace: %s\n", termSafe(w))
	}
	fmt.Fprintf(ios.Out, "added %d articles (%d already indexed with the same text), %d pairs, to %s\n", st.Added, screen.unchanged, st.Links, termSafe(ix.Path()))
	return nil
}
