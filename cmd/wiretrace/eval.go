package main

import (
	"context"
	"encoding/json"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/wiretrace/wiretrace/eval"
)

type evalOptions struct {
	truth     string
	format    string
	storiesOf string
}

func (o *evalOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVar(&o.truth, "truth", "", "ground-truth file (JSON Lines, see docs/eval.md)")
	f.StringVar(&o.format, "format", "text", "output format: text or json")
	f.StringVar(&o.storiesOf, "stories-of", "", "score only the stories of the articles whose ids this file lists, one a line (for a report made with --index)")
}

func newEvalCommand(ios *streams) *cobra.Command {
	var opts evalOptions
	cmd := &cobra.Command{
		Use:   "eval --truth TRUTH.jsonl REPORT.json",
		Short: "Score a JSON report against ground truth",
		Long: `Eval scores a report written by 'wiretrace scan --format json' against a
ground-truth file: adjusted Rand index and pairwise precision and recall of
the clusters, partial-membership precision and recall, parent, origin and
verdict accuracy, and credit precision and recall.

A reported parent counts as right when it is the true parent, or when its
text is identical to the true parent's (the truth's parent_equivalents;
'wiretrace gen' compares the story text, leaving out a website's
related-stories block and footer): two verbatim copies cannot be told
apart by their text. The number of parents counted right this way is
shown. A second, more lenient parent accuracy also counts a reported
parent that the copy's own text cannot tell from the true one (the
truth's parent_indistinct: the copy shares exactly the same sentences,
credit phrases and datelines with both, as when it truncated its parent
or stripped the parent's credits); the difference between the two is
what no report could get right from the texts alone.

Credits are every outlet other than its own that a page names as the
source of its text: in its text (whether the copier wrote the credit or
carried it over from the text it copied) and in its author and source
fields. Reported credits of an outlet that the page names only in a false
friend ("the BCB said", "AP exams", "Mr Reuter") are counted.

When the truth file gives traits (as 'wiretrace gen' writes them: byline
credits, inherited credits, crawl-late clocks, date-only outlets, false
friends, languages, …), the figures are also given for the articles of
each trait, and credit recall by the form and language of the phrase that
names the credit.`,
		Example: `  wiretrace gen --stories 500 -o corpus.jsonl --truth truth.jsonl
  wiretrace scan --format json -o report.json corpus.jsonl
  wiretrace eval --truth truth.jsonl report.json`,
		Args: usageArgs(cobra.ExactArgs(1), "one REPORT.json"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runEval(cmd.Context(), opts, args, ios)
		},
	}
	opts.AddFlags(cmd.Flags())
	registerEnum(cmd, "format", "text", "json")
	return cmd
}

func runEval(_ context.Context, opts evalOptions, args []string, ios *streams) error {
	format, err := parseFormat(opts.format, []string{"text", "json"})
	if err != nil {
		return err
	}
	if opts.truth == "" {
		return usageError{"eval needs --truth FILE (the ground truth 'wiretrace gen --truth' writes)"}
	}
	tf, err := os.Open(opts.truth)
	if err != nil {
		return err
	}
	defer tf.Close()
	truth, err := eval.ReadTruth(tf, opts.truth)
	if err != nil {
		return err
	}
	rf, err := os.Open(args[0])
	if err != nil {
		return err
	}
	defer rf.Close()
	rep, err := eval.ReadReport(rf, args[0])
	if err != nil {
		return err
	}
	if opts.storiesOf != "" {
		ids, err := readIDs(opts.storiesOf)
		if err != nil {
			return err
		}
		rep, truth = eval.StoriesOf(rep, truth, ids)
	}
	s, err := eval.Score(rep, truth)
	if err != nil {
		return err
	}
	if format == "json" {
		enc := json.NewEncoder(ios.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	}
	return writeScores(ios, s)
}

func writeScores(ios *streams, s *eval.Scores) error {
	return eval.WriteText(ios.Out, s)
}
