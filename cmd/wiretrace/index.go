package main

import (
	"fmt"
	"time"

	"github.com/cespare/xxhash/v2"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/index"
	"github.com/wiretrace/wiretrace/report"
)

const indexHelp = `An index keeps the fingerprints of every article seen so far in one file,
so that new articles can be checked against an archive without reading it
again: wiretrace scan, check and compare take --index.

  wiretrace index build archive/          fingerprint a corpus into .wiretrace/index.db
  wiretrace index add today.jsonl         add articles (one transaction)
  wiretrace check --index .wiretrace/index.db --watch Sputnik today.jsonl
  wiretrace index rm ID...                remove articles
  wiretrace index stats                   what it holds

The similarity threshold is chosen when querying (--threshold on scan and
check), at or above the index's --min-threshold. One process writes at a
time; another gets "index is locked" unless --lock-wait lets it wait.`

func newIndexCommand(ios *streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "index",
		Short: "Keep fingerprints on disk to check new articles against an archive",
		Long:  indexHelp,
	}
	cmd.AddCommand(
		newIndexBuildCommand(ios),
		newIndexAddCommand(ios),
		newIndexRmCommand(ios),
		newIndexStatsCommand(ios),
	)
	return cmd
}

// indexFlags locate an index and say how long to wait for its lock.
type indexFlags struct {
	path     string
	lockWait time.Duration
}

// AddFlags adds --index (defaulting to def; "" makes the index optional)
// and --lock-wait.
func (o *indexFlags) AddFlags(f *pflag.FlagSet, def string) {
	f.StringVar(&o.path, "index", def, "index file")
	f.DurationVar(&o.lockWait, "lock-wait", 0, "wait this long for another process's lock on the index (0: fail at once)")
}

// termSafe escapes control characters and bidirectional overrides in
// ids and paths the index commands print (report's rule).
func termSafe(s string) string { return report.TermSafe(s) }

// indexedArticles screens input articles against an index: an id already
// there with the same text is counted (and its indexed copy left out of
// queries), one with another text is a bad record.
type indexedArticles struct {
	ix        *index.Index
	rd        *corpus.Reader
	skipBad   bool
	unchanged int
	seen      map[uint32]bool
}

// screen reports whether a is new to the index, or the error that stops
// the run. An article indexed with the same text is not new; its indexed
// copy is listed in seen.
func (s *indexedArticles) screen(a *corpus.Article) (bool, error) {
	old, ok, err := s.ix.Lookup(a.ID)
	if err != nil || !ok {
		return err == nil, err
	}
	if old.TextHash == xxhash.Sum64String(a.Text) {
		s.unchanged++
		s.seen[old.Num] = true
		return false, nil
	}
	e := &corpus.RecordError{Pos: a.Pos, ID: a.ID, Reason: fmt.Sprintf("id %q is already in the index with a different text (indexed from %s); remove it first with wiretrace index rm", a.ID, old.Pos)}
	if s.skipBad {
		s.rd.Skip(e)
		return false, nil
	}
	return false, e
}
