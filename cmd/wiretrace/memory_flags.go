package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/wiretrace/wiretrace/internal/memlimit"
)

// The default --memory is a share of the machine's memory, within bounds:
// enough for 100,000 articles without spilling most of their arrays, small
// enough to leave the machine to others.
const (
	memoryShare = 16 // the default is 1/memoryShare of the machine's memory
	minMemory   = 512 << 20
	maxMemory   = 1 << 30
)

// defaultMemory is the --memory a scan gets unless told otherwise.
func defaultMemory() int64 {
	m := memlimit.Machine() / memoryShare
	return min(max(m, minMemory), maxMemory)
}

// AddMemoryFlags adds --memory and --tmpdir.
func (o *matchOptions) AddMemoryFlags(f *pflag.FlagSet) {
	o.Memory = defaultMemory()
	f.Var(memlimit.Size{N: &o.Memory}, "memory", "memory the scan aims to stay within: 3/4 of it is the soft heap limit (unless GOMEMLIMIT is set; raised to 1.25 times the live heap while what must stay in memory exceeds it), half of it is for the bulk arrays, which go to files in --tmpdir past it; 0: keep everything in memory")
	f.Lookup("memory").DefValue = fmt.Sprintf("1/%d of the machine's memory, %s to %s", memoryShare, memlimit.FormatSize(minMemory), memlimit.FormatSize(maxMemory))
	f.StringVar(&o.TempDir, "tmpdir", "", "directory of the spill files (default: the system's temporary directory); their names are removed as soon as they are made, so nothing is left behind")
}

// applyMemoryFlags makes three quarters of --memory the soft heap limit
// of the process, unless GOMEMLIMIT sets one (the rest is for what is not
// heap: stacks, the runtime, spill files' pages mapped into memory; past
// it the limit follows the live heap, see heap_limit.go), and checks
// --tmpdir before any work.
func applyMemoryFlags(cmd *cobra.Command) error {
	if f := cmd.Flags().Lookup("tmpdir"); f != nil && f.Value.String() != "" {
		dir := f.Value.String()
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return usageError{fmt.Sprintf("--tmpdir %s: not a directory", dir)}
		}
	}
	f := cmd.Flags().Lookup("memory")
	if f == nil || os.Getenv("GOMEMLIMIT") != "" {
		return nil
	}
	if n, err := memlimit.ParseSize(f.Value.String()); err == nil && n > 0 {
		memlimit.Set(n / 4 * 3)
	}
	return nil
}
