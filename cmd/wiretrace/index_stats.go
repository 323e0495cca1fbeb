package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/wiretrace/wiretrace/index"
)

type indexStatsOptions struct {
	index  indexFlags
	format string
	verify bool
}

func (o *indexStatsOptions) AddFlags(f *pflag.FlagSet) {
	o.index.AddFlags(f, index.DefaultPath)
	f.StringVar(&o.format, "format", "text", "output format: text or json")
	f.BoolVar(&o.verify, "verify", false, "also check the file and its consistency (reads all of it)")
}

func newIndexStatsCommand(ios *streams) *cobra.Command {
	opts := indexStatsOptions{}
	cmd := &cobra.Command{
		Use:   "stats [flags]",
		Short: "Show what an index holds and how it was made",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runIndexStats(opts, ios)
		},
	}
	opts.AddFlags(cmd.Flags())
	return cmd
}

func runIndexStats(opts indexStatsOptions, ios *streams) error {
	if opts.format != "text" && opts.format != "json" {
		return usageError{fmt.Sprintf("unknown --format %q: want text or json", opts.format)}
	}
	ix, err := index.Open(opts.index.path, index.OpenOptions{ReadOnly: true, LockWait: opts.index.lockWait})
	if err != nil {
		return err
	}
	defer ix.Close()
	st, err := ix.Stats()
	if err != nil {
		return err
	}
	if opts.verify {
		if err := ix.Verify(); err != nil {
			return err // names the file, the problems and the rebuild command
		}
	}
	return writeOutput("", ios, func(w io.Writer, _ bool) error {
		if opts.format == "json" {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(st)
		}
		return writeIndexStats(w, ix.Path(), st, opts.verify)
	})
}

func writeIndexStats(w io.Writer, path string, st index.Stats, verified bool) error {
	s := st.Settings
	fmt.Fprintf(w, "index      %s\n", termSafe(path))
	fmt.Fprintf(w, "articles   %d from %d outlets, %d pairs\n", st.Articles, st.Outlets, st.Links)
	fmt.Fprintf(w, "postings   %d in %d runs %v\n", st.Postings, len(st.Runs), st.Runs)
	fmt.Fprintf(w, "removed    %d (postings dropped at the next merge)\n", st.Removed)
	fmt.Fprintf(w, "size       %d bytes, %d per article\n", st.FileBytes, st.BytesPerArticle)
	fmt.Fprintf(w, "settings   format %d, normalisation %d, shingle size %d, %d hashes, seed %d, window %d\n",
		s.Format, s.Normalization, s.ShingleSize, s.Hashes, s.Seed, s.Window)
	fmt.Fprintf(w, "floors     threshold %v (LSH %d bands × %d rows), containment %v, min-shared %d\n",
		s.MinThreshold, s.Bands, s.Rows, s.MinContainment, s.MinShared)
	if s.Format < 2 {
		fmt.Fprintln(w, "checksums  none (format 1): damage is found only where it breaks a value; rebuild to add them")
	}
	fmt.Fprintf(w, "made by    %s\n", termSafe(s.Tool))
	if verified {
		fmt.Fprintln(w, "verified   ok")
	}
	return nil
}
