package pipeline

import (
	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	// File systems the inputs and outputs may name.
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3"
)

// Build adds the whole analysis to a pipeline scope. Running the pipeline
// writes cfg.Output (and cfg.FindingsOutput); a bad record, unless
// cfg.SkipBad, fails the run with the record's file, line and reason.
func Build(s beam.Scope, cfg Config) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	arts, bad := read(s, cfg)
	docs, sets, keys, info, sentences := prepare(s, cfg, arts, bad)
	pairs, overfull := candidates(s, cfg, keys, info)
	links := verify(s, cfg, sets, sentences, info, pairs)
	comps, clockPairs := stories(s, cfg, docs, links)
	placed, clocks := place(s, cfg, comps, clockPairs)
	writeReport(s, cfg, placed, clocks, info, bad, overfull)
	return nil
}

// New returns a pipeline that runs the analysis.
func New(cfg Config) (*beam.Pipeline, error) {
	p, s := beam.NewPipelineWithRoot()
	if err := Build(s, cfg); err != nil {
		return nil, err
	}
	return p, nil
}
