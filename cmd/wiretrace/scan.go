package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/match"
	"github.com/wiretrace/wiretrace/report"
)

type scanOptions struct {
	match   matchOptions
	format  string
	output  string
	skipBad bool
}

func (o *scanOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVar(&o.format, "format", "text", "output format: text or json")
	f.StringVarP(&o.output, "output", "o", "", "write the report to this file instead of standard output")
	f.BoolVar(&o.skipBad, "skip-bad", false, "skip bad records and list them in the report instead of stopping")
	o.match.AddFlags(f)
}

func newScanCommand(io *streams) *cobra.Command {
	opts := scanOptions{match: newMatchOptions()}
	cmd := &cobra.Command{
		Use:   "scan [flags] INPUT...",
		Short: "Find every copy of every story in a corpus",
		Long: `Scan reads articles and groups every article with the other versions of
the same story: republished, edited, trimmed or excerpted copies.

INPUT is a JSON Lines file (.jsonl, .jsonl.gz), - for JSON Lines on
standard input, a directory of .txt and .md files (the first directory
level is the outlet), or a single .txt or .md file.`,
		Example: `  wiretrace scan testdata/example
  wiretrace scan --format json -o report.json corpus.jsonl.gz
  zcat feed.jsonl.gz | wiretrace scan --skip-bad -`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScan(cmd.Context(), opts, args, io)
		},
	}
	opts.AddFlags(cmd.Flags())
	return cmd
}

func runScan(ctx context.Context, opts scanOptions, args []string, ios *streams) error {
	if len(args) == 0 {
		return usageError{"scan needs at least one input (a .jsonl file, a directory, or -)"}
	}
	if opts.format != "text" && opts.format != "json" {
		return usageError{fmt.Sprintf("unknown --format %q: want text or json", opts.format)}
	}
	rep, err := scanInputs(ctx, opts.match.Options, opts.skipBad, args, ios)
	if err != nil {
		return err
	}
	return writeOutput(opts.output, ios, func(w io.Writer, tty bool) error {
		if opts.format == "json" {
			return report.WriteJSON(w, rep)
		}
		return report.WriteText(w, rep, report.TextOptions{Color: tty && ios.color(), Width: ios.Width})
	})
}

// scanInputs reads the inputs and scans them into a report.
func scanInputs(ctx context.Context, mo match.Options, skipBad bool, args []string, ios *streams) (*report.Report, error) {
	if err := mo.Validate(); err != nil {
		return nil, usageError{err.Error()}
	}
	sc, err := match.NewScanner(mo, nil)
	if err != nil {
		return nil, usageError{err.Error()}
	}
	rd := corpus.NewReader(corpus.Options{SkipBad: skipBad, Stdin: ios.In, Workers: mo.Workers})
	if err := rd.Read(ctx, args, sc.Add); err != nil {
		sc.Abort()
		return nil, err
	}
	res, err := sc.Finish(ctx)
	if err != nil {
		return nil, err
	}
	rep := report.Build(res, mo, rd.Skipped)
	if n := len(rd.Ignored); n > 0 {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("%d file(s) in directory inputs are not .txt or .md articles and were not read, the first %s", n, rd.Ignored[0]))
	}
	return rep, nil
}

// writeOutput writes to the -o file, or to standard output.
func writeOutput(path string, ios *streams, write func(w io.Writer, tty bool) error) error {
	if path == "" {
		return write(ios.Out, ios.OutTTY)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f, false); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
