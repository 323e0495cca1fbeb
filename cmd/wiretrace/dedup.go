package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/dedup"
	"github.com/wiretrace/wiretrace/internal/atomicfile"
	"github.com/wiretrace/wiretrace/match"
	"github.com/wiretrace/wiretrace/report"
)

type dedupOptions struct {
	match    matchOptions
	registry registryOptions
	output   string
	dropList string
	keep     string
	against  []string
	input    inputOptions
	quiet    bool
}

func (o *dedupOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVarP(&o.output, "output", "o", "", "write the kept articles (JSON Lines) to this file instead of standard output (- is standard output)")
	f.StringVar(&o.dropList, "drop-list", "", "write the ids of the dropped articles to this file, one a line (- is standard output, with -o FILE)")
	f.StringVar(&o.keep, "keep", string(dedup.KeepOrigin), "which full member of a story to keep: origin, earliest or longest")
	f.StringArrayVar(&o.against, "against", nil, "reference corpus: drop every article in a story with one of its articles (repeatable)")
	o.input.AddFlags(f)
	f.BoolVarP(&o.quiet, "quiet", "q", false, "no progress and no summary on standard error")
	o.registry.AddFlags(f)
	o.match.AddFlags(f)
}

func newDedupCommand(ios *streams) *cobra.Command {
	opts := dedupOptions{match: newMatchOptions()}
	cmd := &cobra.Command{
		Use:   "dedup [flags] -o KEPT.jsonl INPUT...",
		Short: "Write the corpus with one article kept per story",
		Long: `Dedup writes the corpus with the copies removed: of each story's full
members one is kept (--keep: the story's origin, the earliest published, or
the longest); articles in no story and partial members (articles that
quote a story inside other material) are all kept. The kept articles are
written as JSON Lines in wiretrace's input shape, in input order, whatever
the input format and field names; --drop-list writes the ids of the
others. With --skip-bad, bad records are not written.

With --against REF, every input article in a story with a REF article is
dropped too, full or partial member (benchmark decontamination); REF's
own articles are never written.

The inputs are read twice — once to find the stories, once to write what
is kept — so no text is held in memory, and standard input ("-") cannot be
an input. Matching flags are those of scan.`,
		Example: `  wiretrace dedup -o kept.jsonl --drop-list dropped.txt corpus.jsonl.gz
  wiretrace dedup --keep longest -o kept.jsonl crawl/
  wiretrace dedup --against test.jsonl -o train-clean.jsonl train.jsonl`,
		Args: usageArgs(cobra.MinimumNArgs(1), "at least one INPUT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDedup(cmd.Context(), opts, args, ios)
		},
	}
	opts.AddFlags(cmd.Flags())
	registerEnum(cmd, "keep", dedup.KeepNames...)
	return cmd
}

func runDedup(ctx context.Context, opts dedupOptions, args []string, ios *streams) error {
	keep, err := parseEnum("--keep", opts.keep, dedup.KeepNames)
	if err != nil {
		return err
	}
	for _, in := range append(append([]string(nil), args...), opts.against...) {
		if in == "-" {
			return usageError{"dedup reads its inputs twice and standard input can be read once: save it to a file first"}
		}
	}
	if err := opts.input.validate(); err != nil {
		return err
	}
	if opts.dropList == "-" && isStdout(opts.output) {
		return usageError{"--drop-list - and the kept articles would both go to standard output: write the articles to a file with -o FILE"}
	}
	if err := checkOutputPath("--drop-list", opts.dropList); err != nil {
		return err
	}
	reg, err := opts.registry.load()
	if err != nil {
		return err
	}
	read := opts.input.readOptions()
	read.Workers = opts.match.Workers
	cfg := dedup.Config{
		Match: opts.match.Options, Registry: reg, Credits: articleCredits(reg), Keep: dedup.Keep(keep), Against: opts.against,
		Read: read,
	}
	stop := func() {}
	if ios.ErrTTY && !opts.quiet {
		cfg.Scanned = func(sc *match.Scanner, rd *corpus.Reader) {
			stop = startProgress(ios.Err, sc, rd.Fraction, 250*time.Millisecond).Stop
		}
	}
	var sum *dedup.Summary
	write := func(out io.Writer) error {
		var drops *atomicfile.File
		var dw io.Writer
		if opts.dropList == "-" {
			dw = ios.Out
		} else if opts.dropList != "" {
			if drops, err = atomicfile.Create(opts.dropList); err != nil {
				return err
			}
			defer drops.Abort()
			dw = drops
		}
		sum, err = dedup.Run(ctx, cfg, args, out, dw)
		stop()
		if err != nil {
			return err
		}
		if drops != nil {
			return drops.Commit()
		}
		return nil
	}
	if isStdout(opts.output) {
		err = write(ios.Out)
	} else {
		err = atomicfile.Write(opts.output, write)
	}
	if err != nil {
		if e, ok := err.(*dedup.Error); ok {
			return usageError{e.Msg}
		}
		return err
	}
	if !opts.quiet {
		fmt.Fprintln(ios.Err, dedupSummary(sum))
	}
	return nil
}

// dedupSummary is the line on standard error: "wiretrace dedup: 10
// articles, kept 7, dropped 3 (copies in 2 stories)".
func dedupSummary(s *dedup.Summary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "wiretrace dedup: %s, kept %d, dropped %d (%s in %s",
		report.Plural(s.Articles, "article"), s.Kept, len(s.Dropped),
		countNoun(len(s.Dropped)-s.Reference, "copy", "copies"), countNoun(s.Stories, "story", "stories"))
	if s.Reference > 0 {
		fmt.Fprintf(&b, "; %d in stories with a reference article", s.Reference)
	}
	b.WriteString(")")
	if n := len(s.Skipped); n > 0 {
		fmt.Fprintf(&b, "; %s skipped, not written", report.Plural(n, "bad record"))
	}
	return b.String()
}
