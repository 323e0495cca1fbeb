package main

import (
	"sort"

	"github.com/spf13/cobra"
)

// registerEnum makes shell completion offer values for a flag that takes
// one of a fixed set (--format, --keep, --watch-kind). Commands call it
// after adding their flags:
//
//	registerEnum(cmd, "format", formatNames()...)
//
// Registering a flag twice, or one the command does not have, is a
// programming error and panics at start-up, where every test sees it.
func registerEnum(cmd *cobra.Command, flag string, values ...string) {
	if err := cmd.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp)); err != nil {
		panic(cmd.CommandPath() + " --" + flag + ": " + err.Error())
	}
}

// registerCompletions adds the value completions of the commands whose
// files do not register their own: --format of scan and check (from the
// writers they know, so a new format completes without another edit),
// compare and index stats, and check's --watch-kind. A command that
// registers a flag itself must be left out here.
func registerCompletions(root *cobra.Command) {
	enums := map[string]map[string][]string{
		"wiretrace scan":        {"format": formatNames()},
		"wiretrace check":       {"format": checkFormatNames(), "watch-kind": {"wire", "agency", "newspaper", "broadcaster", "website", "aggregator", "publisher"}},
		"wiretrace compare":     {"format": {"text", "json", "html"}},
		"wiretrace index stats": {"format": {"text", "json"}},
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for flag, values := range enums[c.CommandPath()] {
			if c.Flags().Lookup(flag) == nil {
				continue
			}
			if _, ok := c.GetFlagCompletionFunc(flag); ok {
				continue // its owner registered it
			}
			registerEnum(c, flag, values...)
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

func checkFormatNames() []string {
	names := make([]string, 0, len(checkFormats))
	for n := range checkFormats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
