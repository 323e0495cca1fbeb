package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/wiretrace/wiretrace/synth"
)

type genOptions struct {
	cfg   synth.Config
	out   string
	truth string
}

func (o *genOptions) AddFlags(f *pflag.FlagSet) {
	f.IntVar(&o.cfg.Stories, "stories", o.cfg.Stories, "story families to generate")
	f.Uint64Var(&o.cfg.Seed, "seed", o.cfg.Seed, "random seed")
	f.IntVar(&o.cfg.Words, "words", o.cfg.Words, "words of an origin story")
	f.Float64Var(&o.cfg.Background, "background", o.cfg.Background, "standalone articles per family")
	f.Float64Var(&o.cfg.ExcerptRate, "excerpt-rate", o.cfg.ExcerptRate, "share of families quoted in an unrelated article")
	f.Float64Var(&o.cfg.MissingOriginRate, "missing-origin-rate", o.cfg.MissingOriginRate, "share of families whose origin is left out")
	f.Float64Var(&o.cfg.TimeMissingRate, "time-missing-rate", o.cfg.TimeMissingRate, "share of copies without a timestamp")
	f.Float64Var(&o.cfg.DateOnlyRate, "date-only-rate", o.cfg.DateOnlyRate, "share of copies with only a date")
	f.Float64Var(&o.cfg.SkewRate, "skew-rate", o.cfg.SkewRate, "share of copies whose clock runs six hours early")
	f.StringVarP(&o.out, "output", "o", "corpus.jsonl", "corpus file to write")
	f.StringVar(&o.truth, "truth", "", "ground-truth file to write (JSON Lines, one label per article)")
}

func newGenCommand(_ *streams) *cobra.Command {
	opts := genOptions{cfg: synth.DefaultConfig(1000, 1)}
	cmd := &cobra.Command{
		Use:    "gen",
		Short:  "Generate a labelled laundering corpus for tests and benchmarks",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runGen(cmd.Context(), opts)
		},
	}
	opts.AddFlags(cmd.Flags())
	return cmd
}

func runGen(ctx context.Context, opts genOptions) error {
	out, err := os.Create(opts.out)
	if err != nil {
		return err
	}
	defer out.Close()
	bw := bufio.NewWriterSize(out, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	var tenc *json.Encoder
	var tw *bufio.Writer
	if opts.truth != "" {
		tf, err := os.Create(opts.truth)
		if err != nil {
			return err
		}
		defer tf.Close()
		tw = bufio.NewWriterSize(tf, 1<<20)
		tenc = json.NewEncoder(tw)
		tenc.SetEscapeHTML(false)
	}
	n := 0
	err = synth.Generate(opts.cfg, func(a synth.Article, t synth.Truth) error {
		if n++; n%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if err := enc.Encode(a); err != nil {
			return err
		}
		if tenc != nil {
			return tenc.Encode(t)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if tw != nil {
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return out.Close()
}
