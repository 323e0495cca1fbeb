package main

import (
	"bufio"
	"context"
	"encoding/json"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/wiretrace/wiretrace/internal/atomicfile"
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
	f.Float64Var(&o.cfg.RewriteRate, "rewrite-rate", o.cfg.RewriteRate, "rewritten copies per family (three times as many among Urdu papers)")
	f.Float64Var(&o.cfg.SummaryRate, "summary-rate", o.cfg.SummaryRate, "share of families printed as a summary in a third of the length")
	f.Float64Var(&o.cfg.RecopyRate, "recopy-rate", o.cfg.RecopyRate, "share of rewrites and summaries copied again by another outlet")
	f.Float64Var(&o.cfg.EventRate, "event-rate", o.cfg.EventRate, "share of families whose event other outlets also report independently")
	f.Float64Var(&o.cfg.BriefRate, "brief-rate", o.cfg.BriefRate, "share of families that papers print as a brief: the lead paragraphs, cut from the bottom")
	f.Float64Var(&o.cfg.MultilingualRate, "multilingual-rate", o.cfg.MultilingualRate, "share of families among Arabic, Urdu or European outlets")
	f.Float64Var(&o.cfg.AgencyOriginRate, "agency-origin-rate", o.cfg.AgencyOriginRate, "share of families that break at a national agency (2.5 times as many where the agency is the main source)")
	f.Var(&crawlFlag{clocks: &o.cfg.CrawlLate}, "crawl-late", "outlet whose published time is crawl time, OUTLET=DELAY[:SPREAD] (repeatable; \"none\" for no such outlet)")
	f.StringSliceVar(&o.cfg.DateOnlyOutlets, "date-only-outlets", o.cfg.DateOnlyOutlets, "outlets that publish only a date")
	f.Float64Var(&o.cfg.OwnDatelineRate, "own-dateline-rate", o.cfg.OwnDatelineRate, "share of origins that open with their own dateline")
	f.Float64Var(&o.cfg.KeepDatelineRate, "keep-dateline-rate", o.cfg.KeepDatelineRate, "share of websites that keep the dateline of the version they copy")
	f.Float64Var(&o.cfg.InheritRate, "inherit-rate", o.cfg.InheritRate, "share of copies that keep the credits written into the text they copy")
	f.Float64Var(&o.cfg.BylineRate, "byline-rate", o.cfg.BylineRate, "share of articles with an author field (a crediting copy often credits there)")
	f.Float64Var(&o.cfg.SourceFieldRate, "source-field-rate", o.cfg.SourceFieldRate, "share of crediting copies that name their source in a source field")
	f.Float64Var(&o.cfg.FalseFriendRate, "false-friend-rate", o.cfg.FalseFriendRate, "rate of false friends (\"the BCB said\", \"AP exams\"): half of it per origin, half per website copy")
	f.StringVarP(&o.out, "output", "o", "corpus.jsonl", "corpus file to write")
	f.StringVar(&o.truth, "truth", "", "ground-truth file to write (JSON Lines, one label per article)")
}

// crawlFlag is --crawl-late: the first use replaces the default clocks.
type crawlFlag struct {
	clocks *[]synth.CrawlClock
	set    bool
}

func (c *crawlFlag) String() string {
	if c.clocks == nil {
		return ""
	}
	var s []string
	for _, cl := range *c.clocks {
		s = append(s, cl.String())
	}
	return strings.Join(s, ",")
}

func (c *crawlFlag) Set(v string) error {
	if !c.set {
		*c.clocks, c.set = nil, true
	}
	if v == "none" {
		return nil
	}
	for _, part := range strings.Split(v, ",") {
		cl, err := synth.ParseCrawlClock(strings.TrimSpace(part))
		if err != nil {
			return err
		}
		*c.clocks = append(*c.clocks, cl)
	}
	return nil
}

func (c *crawlFlag) Type() string { return "clock" }

func newGenCommand(_ *streams) *cobra.Command {
	opts := genOptions{cfg: synth.DefaultConfig(1000, 1)}
	cmd := &cobra.Command{
		Use:    "gen",
		Short:  "Generate a labelled laundering corpus for tests and benchmarks",
		Hidden: true,
		Example: `  wiretrace gen --stories 500 -o corpus.jsonl --truth truth.jsonl
  wiretrace gen --stories 2000 --seed 7 --multilingual-rate 0.3 -o corpus.jsonl`,
		Args: usageArgs(cobra.NoArgs, "no arguments (the corpus goes to -o FILE)"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runGen(cmd.Context(), opts)
		},
	}
	opts.AddFlags(cmd.Flags())
	return cmd
}

func runGen(ctx context.Context, opts genOptions) error {
	out, err := atomicfile.Create(opts.out)
	if err != nil {
		return err
	}
	defer out.Abort()
	bw := bufio.NewWriterSize(out, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	var tenc *json.Encoder
	var tw *bufio.Writer
	var tf *atomicfile.File
	if opts.truth != "" {
		if tf, err = atomicfile.Create(opts.truth); err != nil {
			return err
		}
		defer tf.Abort()
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
		if err := tf.Commit(); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return out.Commit()
}
