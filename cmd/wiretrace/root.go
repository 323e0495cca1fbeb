package main

import (
	"github.com/spf13/cobra"
	"github.com/wiretrace/wiretrace/buildinfo"
)

const rootHelp = `wiretrace traces how news stories are syndicated and laundered.

It fingerprints articles, finds every republished, edited or excerpted
copy of a story across outlets and groups them into story clusters.

Exit status:
  0    success
  1    the command found what it was asked to fail on (check)
  2    usage error, or bad input (the message names file and line)
  130  interrupted`

func init() {
	// The root's PersistentPreRunE (preRun) runs even for a command that
	// gets a pre-run hook of its own.
	cobra.EnableTraverseRunHooks = true
}

func newRootCommand(io *streams) *cobra.Command {
	root := &cobra.Command{
		Use:           "wiretrace",
		Short:         "Trace how news stories are syndicated and laundered",
		Long:          rootHelp,
		SilenceErrors: true,
		SilenceUsage:  true,
		// --version: the same line as 'wiretrace version'.
		Version:           buildinfo.Read().String(),
		PersistentPreRunE: preRun,
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.Flags().BoolP("version", "v", false, "print the version, revision and Go version (as 'wiretrace version')")
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.Err)
	root.SetFlagErrorFunc(flagError)
	root.AddCommand(
		newScanCommand(io),
		newGenCommand(io),
		newEvalCommand(io),
		newCompareCommand(io),
		newCheckCommand(io),
		newIndexCommand(io),
		newVersionCommand(io),
		newDedupCommand(io),
		newRenderCommand(io),
	)
	registerCompletions(root)
	return root
}

// usageError is a mistake in the command line; it exits with status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }
