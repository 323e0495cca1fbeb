package pipeline

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/match"
	"github.com/wiretrace/wiretrace/policy"
)

// Config is what a run needs. It is copied into the DoFns, which the SDK
// serialises as JSON into the pipeline, so every field is plain data: a
// registry or check file is carried as its bytes, read once where the
// pipeline is built, since workers may not see the submitter's files.
type Config struct {
	// Inputs are paths or globs of Beam's file systems (local, gs://,
	// s3://) naming JSON Lines files, gzipped or not. Files are read in
	// the order of Inputs, and each glob's matches in path order: the
	// order `wiretrace scan` gets from the same list.
	Inputs []string
	// Output is the report's path on any Beam file system; Format is
	// "json" (the v1 report) or "jsonl" (one member or edge a line).
	Output string
	Format string
	// FindingsOutput, when set, receives the `wiretrace check` findings
	// (JSON) of the rules in CheckConfig (a .wiretrace.yaml file's bytes).
	FindingsOutput string
	CheckConfig    []byte
	CheckName      string // the check file's name, for its errors

	Match      match.Options
	SkipBad    bool
	AllowEmpty bool

	Registry     []byte // YAML extending the shipped registry, or nil
	RegistryName string
	CreditFields []string
}

// DefaultConfig returns the settings of `wiretrace scan` without flags.
func DefaultConfig() Config {
	return Config{Match: match.DefaultOptions(), Format: "json"}
}

// Validate reports the first invalid setting.
func (c Config) Validate() error {
	if len(c.Inputs) == 0 {
		return errors.New("no input: give --input PATH (a .jsonl or .jsonl.gz file or a glob)")
	}
	if c.Output == "" {
		return errors.New("no output: give --output PATH")
	}
	if c.Format != "json" && c.Format != "jsonl" {
		return fmt.Errorf("unknown format %q: want json or jsonl", c.Format)
	}
	if err := c.Match.Validate(); err != nil {
		return err
	}
	if _, err := c.registry(); err != nil {
		return err
	}
	if c.FindingsOutput != "" {
		if _, err := c.checkRules(); err != nil {
			return err
		}
	}
	return nil
}

// registry builds the outlet registry as `wiretrace scan` does from
// --registry and --credit-field.
func (c Config) registry() (*credit.Registry, error) {
	reg := credit.DefaultRegistry()
	reg.SetMetaFields(append(append([]string(nil), credit.DefaultMetaFields...), c.CreditFields...))
	if c.Registry != nil {
		if err := reg.Extend(bytes.NewReader(c.Registry), c.RegistryName); err != nil {
			return nil, err
		}
	}
	return reg, nil
}

// checkRules reads the check configuration; none means the defaults.
func (c Config) checkRules() (policy.Config, error) {
	if c.CheckConfig == nil {
		return policy.Config{}, nil
	}
	f, err := policy.Load(bytes.NewReader(c.CheckConfig), c.CheckName)
	if err != nil {
		return policy.Config{}, err
	}
	return f.Policies, nil
}
