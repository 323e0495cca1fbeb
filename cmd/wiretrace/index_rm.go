package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/wiretrace/wiretrace/index"
)

type indexRmOptions struct {
	index   indexFlags
	idsFrom string
}

func (o *indexRmOptions) AddFlags(f *pflag.FlagSet) {
	o.index.AddFlags(f, index.DefaultPath)
	f.StringVar(&o.idsFrom, "ids-from", "", "file of ids to remove, one a line")
}

func newIndexRmCommand(ios *streams) *cobra.Command {
	opts := indexRmOptions{}
	cmd := &cobra.Command{
		Use:   "rm [flags] ID...",
		Short: "Remove articles from an index by id",
		Long: `Rm removes articles and every pair they are part of, in one transaction.
An id that is not in the index fails the whole removal.`,
		Example: `  wiretrace index rm qna/ryabkov-aleppo.txt
  wiretrace index rm --ids-from retracted.txt`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runIndexRm(opts, args, ios)
		},
	}
	opts.AddFlags(cmd.Flags())
	return cmd
}

func runIndexRm(opts indexRmOptions, args []string, ios *streams) error {
	ids := append([]string(nil), args...)
	if opts.idsFrom != "" {
		more, err := readIDs(opts.idsFrom)
		if err != nil {
			return err
		}
		ids = append(ids, more...)
	}
	if len(ids) == 0 {
		return usageError{"index rm needs ids, as arguments or with --ids-from"}
	}
	ix, err := index.Open(opts.index.path, index.OpenOptions{LockWait: opts.index.lockWait})
	if err != nil {
		return err
	}
	defer ix.Close()
	if err := ix.Remove(ids); err != nil {
		return err
	}
	fmt.Fprintf(ios.Out, "removed %d articles from %s\n", len(ids), termSafe(ix.Path()))
	return nil
}

// readIDs reads one id a line, skipping blank lines.
func readIDs(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var ids []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		if id := strings.TrimSpace(sc.Text()); id != "" {
			ids = append(ids, id)
		}
	}
	return ids, sc.Err()
}
