package main

import (
	"runtime"

	"github.com/spf13/pflag"
	"github.com/wiretrace/wiretrace/match"
)

// matchOptions are the fingerprinting and matching flags shared by every
// command that scans.
type matchOptions struct {
	match.Options
}

func newMatchOptions() matchOptions {
	o := matchOptions{match.DefaultOptions()}
	o.Workers = runtime.NumCPU()
	return o
}

func (o *matchOptions) AddFlags(f *pflag.FlagSet) {
	f.Float64Var(&o.Threshold, "threshold", o.Threshold, "Jaccard similarity at which two articles are copies")
	f.Float64Var(&o.Containment, "containment", o.Containment, "share of an article found in another at which it is a copy")
	f.IntVar(&o.MinShared, "min-shared", o.MinShared, "shared shingles (a run of about this many words) that make an excerpt")
	f.BoolVar(&o.Rewrites, "rewrites", o.Rewrites, "align the sentences of candidate pairs to find rewritten copies (--rewrites=false: shingles only, faster)")
	f.IntVar(&o.CommonDocs, "common-docs", o.CommonDocs, "articles overall a line or shingle must appear in to be a stock phrase (0: max(50, articles/200))")
	o.AddFingerprintFlags(f)
	o.AddMemoryFlags(f)
}

// AddFingerprintFlags adds the flags that decide fingerprints and
// candidates, which an index fixes when it is built.
func (o *matchOptions) AddFingerprintFlags(f *pflag.FlagSet) {
	f.IntVar(&o.K, "shingle-size", o.K, "words per shingle")
	f.IntVar(&o.NumHashes, "hashes", o.NumHashes, "MinHash signature size")
	f.Uint64Var(&o.Seed, "seed", o.Seed, "MinHash seed")
	f.IntVar(&o.Window, "window", o.Window, "winnowing window in shingles (excerpt channel)")
	f.IntVar(&o.MinFingerprints, "min-fingerprints", o.MinFingerprints, "shared fingerprints that make an excerpt candidate")
	f.IntVar(&o.BoilerplateDocs, "boilerplate-docs", o.BoilerplateDocs, "articles of one outlet a line or shingle must appear in to be that outlet's boilerplate")
	f.IntVar(&o.MaxBucket, "max-bucket", o.MaxBucket, "largest LSH bucket expanded into candidate pairs")
	f.IntVar(&o.Workers, "workers", o.Workers, "parallel workers")
	// The help shows the rule, not this machine's count.
	f.Lookup("workers").DefValue = "number of CPUs"
}
