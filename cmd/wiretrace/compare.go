package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/wiretrace/wiretrace/compare"
	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/index"
	"github.com/wiretrace/wiretrace/report"
)

type compareOptions struct {
	corpus   []string
	config   string
	input    inputOptions
	format   string
	output   string
	k        int
	registry registryOptions
	index    indexFlags
}

func (o *compareOptions) AddFlags(f *pflag.FlagSet) {
	f.StringArrayVar(&o.corpus, "corpus", nil, "input to find A and B in by id (repeatable); without it A and B are files of one article each (.txt, .md, .html…)")
	f.StringVar(&o.format, "format", "text", "output format: text, json or html")
	f.StringVarP(&o.output, "output", "o", "", "write to this file instead of standard output (- is standard output)")
	f.IntVar(&o.k, "shingle-size", 5, "words per shingle")
	f.StringVar(&o.config, "config", "", "configuration file whose field names and input format are used (default: .wiretrace.yaml here or in a parent directory)")
	o.input.AddFlags(f)
	o.registry.AddFlags(f)
	o.index.AddFlags(f, "")
}

func newCompareCommand(ios *streams) *cobra.Command {
	opts := compareOptions{}
	cmd := &cobra.Command{
		Use:   "compare [flags] A B",
		Short: "Set two articles side by side",
		Long: `Compare shows two articles side by side: their Jaccard similarity, how much
of each is found in the other, the passages they share with byte offsets
into both original texts, and the sources each names.

A and B are files of one article each: text or Markdown (.txt, .md), a
saved web page (.html, .htm), or a record file (.jsonl, .csv…) holding one
record; two files of the same name in different directories, or a file and
itself, can be compared (articles whose ids are the same are named by
their paths). With --corpus, A and B are article ids in a corpus (read as
scan reads it: --skip-bad, --input-format and the field flags apply).
With --index, an argument that is not a file may be the id of an indexed
article: its text is read again from the file and line the index recorded.`,
		Example: `  wiretrace compare testdata/example/qna/ryabkov-aleppo.txt testdata/example/arabstoday/russia-dismisses-post.txt
  wiretrace compare --corpus feed.jsonl --format html -o pair.html a12 b40
  wiretrace compare --index .wiretrace/index.db today/qna/a.txt reuters/opec-output.txt`,
		Args: usageArgs(cobra.ExactArgs(2), "two articles (files, or ids with --corpus)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCompare(cmd.Context(), opts, cmd.Flags(), args, ios)
		},
	}
	opts.AddFlags(cmd.Flags())
	return cmd
}

func runCompare(ctx context.Context, opts compareOptions, flags *pflag.FlagSet, args []string, ios *streams) error {
	if opts.format != "text" && opts.format != "json" && opts.format != "html" {
		return usageError{fmt.Sprintf("unknown --format %q: want text, json or html", opts.format)}
	}
	if opts.k < 1 {
		return usageError{fmt.Sprintf("shingle size %d: want at least 1", opts.k)}
	}
	file, err := loadCheckConfig(opts.config)
	if err != nil {
		return err
	}
	opts.input.applyConfig(file, configName(opts.config), flags)
	if err := opts.input.validate(); err != nil {
		return err
	}
	reg, err := opts.registry.load()
	if err != nil {
		return err
	}
	in := opts.input.readOptions()
	var a, b compare.Article
	if opts.index.path != "" && len(opts.corpus) == 0 {
		a, b, err = findIndexedPair(ctx, opts.index, in, args, ios)
	} else {
		a, b, err = findPair(ctx, opts.corpus, in, args, ios)
	}
	if err != nil {
		return err
	}
	res := compare.Compare(a, b, opts.k, reg)
	return writeOutput(opts.output, ios, func(w io.Writer, tty bool) error {
		switch opts.format {
		case "json":
			return report.WriteComparisonJSON(w, res)
		case "html":
			return report.WriteComparisonHTML(w, res, opts.k)
		}
		width := 0
		if tty {
			width = ios.Width
		}
		return report.WriteComparisonText(w, res, report.TextOptions{Color: tty && ios.color(), Width: width})
	})
}

// findPair reads the two articles: from files, or by id from a corpus.
func findPair(ctx context.Context, inputs []string, in corpus.Options, ids []string, ios *streams) (compare.Article, compare.Article, error) {
	if len(inputs) == 0 {
		return findFilePair(ctx, in, ids, ios)
	}
	want := map[string]*corpus.Article{}
	for _, id := range ids {
		want[id] = nil
	}
	in.Stdin = ios.In
	rd := corpus.NewReader(in)
	defer tellSkipped(rd, ios)
	defer tellFieldWarnings(rd, ios)
	err := rd.Read(ctx, inputs, func(a *corpus.Article) error {
		if _, ok := want[a.ID]; ok {
			want[a.ID] = a
		}
		return nil
	})
	if err != nil {
		return compare.Article{}, compare.Article{}, err
	}
	var got []compare.Article
	for _, id := range ids {
		if want[id] == nil {
			return compare.Article{}, compare.Article{}, fmt.Errorf("article %q is not in the corpus", id)
		}
		got = append(got, compareArticle(want[id]))
	}
	return got[0], got[1], nil
}

// findFilePair reads two files of one article each. Each file is read on
// its own, so two files of the same name in different directories (a text
// file's id is its name) or a file and itself can be compared; when the
// ids are the same, the articles are named by the paths given.
func findFilePair(ctx context.Context, in corpus.Options, paths []string, ios *streams) (compare.Article, compare.Article, error) {
	var got [2]compare.Article
	in.Stdin = ios.In
	for i, path := range paths {
		var arts []*corpus.Article
		rd := corpus.NewReader(in)
		err := rd.Read(ctx, []string{path}, func(a *corpus.Article) error {
			arts = append(arts, a)
			return nil
		})
		tellFieldWarnings(rd, ios)
		switch {
		case len(rd.Skipped) > 0 && len(arts) == 0:
			// --skip-bad passed over the one article there was.
			return got[0], got[1], fmt.Errorf("%s: no article to compare: %s", path, rd.Skipped[0].Error())
		case err != nil:
			return got[0], got[1], err
		case len(arts) != 1:
			return got[0], got[1], usageError{fmt.Sprintf("%s holds %d articles: compare takes two files of one article each, or two ids with --corpus %s", path, len(arts), path)}
		}
		tellSkipped(rd, ios)
		got[i] = compareArticle(arts[0])
	}
	distinctIDs(&got[0], &got[1], paths)
	return got[0], got[1], nil
}

// distinctIDs names two articles read from files by the paths given when
// their ids are the same (ryabkov.txt in two outlets' directories).
func distinctIDs(a, b *compare.Article, paths []string) {
	if a.ID == b.ID {
		a.ID, b.ID = paths[0], paths[1]
	}
}

func compareArticle(a *corpus.Article) compare.Article {
	return compare.Article{ID: a.ID, Outlet: a.Outlet, Text: a.Text, Extra: a.Extra}
}

// findIndexedPair reads each argument from its file, or, when no such file
// exists, as an indexed article from the source the index recorded.
func findIndexedPair(ctx context.Context, idx indexFlags, in corpus.Options, args []string, ios *streams) (compare.Article, compare.Article, error) {
	ix, err := index.Open(idx.path, index.OpenOptions{ReadOnly: true, LockWait: idx.lockWait})
	if err != nil {
		return compare.Article{}, compare.Article{}, err
	}
	defer ix.Close()
	var got [2]compare.Article
	for i, arg := range args {
		if _, err := os.Stat(arg); err == nil {
			if got[i], err = readArticle(ctx, arg, "", in); err != nil {
				return got[0], got[1], err
			}
			continue
		}
		e, ok, err := ix.Lookup(arg)
		if err == nil && !ok {
			err = fmt.Errorf("%s: article %q is not in the index", ix.Path(), arg)
		}
		if err != nil {
			return got[0], got[1], err
		}
		if got[i], err = readArticle(ctx, e.Pos.File, arg, in); err != nil {
			return got[0], got[1], fmt.Errorf("indexed article %q: reading it again from %s: %w", arg, e.Pos.File, err)
		}
	}
	distinctIDs(&got[0], &got[1], args)
	return got[0], got[1], nil
}

// readArticle reads the article with the given id from an input, or its
// only article when id is "" or the input is a single article (a text or
// HTML file read alone takes its file name as id).
func readArticle(ctx context.Context, input, id string, in corpus.Options) (compare.Article, error) {
	var found, only *corpus.Article
	n := 0
	in.Stdin = nil
	err := corpus.NewReader(in).Read(ctx, []string{input}, func(a *corpus.Article) error {
		if n++; n == 1 {
			only = a
		}
		if found == nil && a.ID == id {
			found = a
		}
		return nil
	})
	if err != nil {
		return compare.Article{}, err
	}
	if found == nil && (n == 1 || id == "") {
		found = only
	}
	if found == nil {
		return compare.Article{}, fmt.Errorf("article %q is no longer in %s", id, input)
	}
	return compareArticle(found), nil
}
