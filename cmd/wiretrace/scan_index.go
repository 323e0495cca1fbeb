package main

import (
	"context"

	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/index"
	"github.com/wiretrace/wiretrace/provenance"
	"github.com/wiretrace/wiretrace/report"
)

// scanAgainstIndex reads the inputs and matches them with each other and
// with an index; the report holds the stories they join. Fingerprint
// settings come from the index unless a flag sets them (then they must
// agree); thresholds are the query's own.
func scanAgainstIndex(ctx context.Context, job *scanJob) (*report.Report, error) {
	ix, err := index.Open(job.index.path, index.OpenOptions{ReadOnly: true, LockWait: job.index.lockWait})
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	mo, err := ix.CompatibleOptions(job.match, job.flags.Changed)
	if err != nil {
		return nil, err
	}
	sc, rd, stop, err := startScan(job, mo)
	if err != nil {
		return nil, err
	}
	defer stop()
	screen := &indexedArticles{ix: ix, rd: rd, skipBad: job.read.SkipBad, seen: map[uint32]bool{}}
	err = rd.Read(ctx, job.args, func(a *corpus.Article) error {
		if _, err := screen.screen(a); err != nil {
			return err
		}
		return sc.Add(a) // indexed again with the same text: it stands in for its indexed copy
	})
	if err != nil {
		sc.Abort()
		return nil, err
	}
	res, qs, err := ix.Query(ctx, sc, screen.seen)
	if err != nil {
		return nil, err
	}
	rep := report.Build(res, provenance.Analyze(res, job.registry, mo.Workers), mo, rd.Skipped)
	rep.Index = &report.IndexSummary{New: qs.New, Indexed: qs.Indexed, Candidates: qs.Candidates, InReport: qs.Loaded}
	addReaderWarnings(rep, rd)
	return rep, nil
}
