package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/wiretrace/wiretrace/buildinfo"
)

type versionOptions struct {
	format string
}

func (o *versionOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVar(&o.format, "format", "text", "output format: text or json")
}

func newVersionCommand(ios *streams) *cobra.Command {
	var opts versionOptions
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Show the version, revision and Go version of this binary",
		Long: `Version prints what this binary was built from: the module version (a
release tag, a pseudo-version, or "(devel)" for a build in a checkout),
the VCS revision and its time, whether the work tree had uncommitted
changes, and the Go version. 'go run' and test binaries carry no revision.

The same version is written into SARIF output (tool.driver.version).`,
		Example: `  wiretrace version
  wiretrace --version
  wiretrace version --format json`,
		Args: usageArgs(cobra.NoArgs, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runVersion(opts, ios)
		},
	}
	opts.AddFlags(cmd.Flags())
	registerEnum(cmd, "format", "text", "json")
	return cmd
}

func runVersion(opts versionOptions, ios *streams) error {
	format, err := parseFormat(opts.format, []string{"text", "json"})
	if err != nil {
		return err
	}
	in := buildinfo.Read()
	if format == "json" {
		enc := json.NewEncoder(ios.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(in)
	}
	_, err = fmt.Fprintln(ios.Out, in.String())
	return err
}
