package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// The default --memory is a share of the machine's memory, within bounds:
// enough for 100,000 articles without spilling most of their arrays, small
// enough to leave the machine to others.
const (
	memoryShare = 16 // the default is 1/memoryShare of the machine's memory
	minMemory   = 512 << 20
	maxMemory   = 1 << 30
)

// machineMemory is the machine's memory in bytes, 0 when unknown.
func machineMemory() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "MemTotal:" {
			kb, err := strconv.ParseInt(fields[1], 10, 64)
			if err == nil {
				return kb << 10
			}
		}
	}
	return 0
}

// defaultMemory is the --memory a scan gets unless told otherwise.
func defaultMemory() int64 {
	m := machineMemory() / memoryShare
	return min(max(m, minMemory), maxMemory)
}

// byteSize is a flag value for sizes such as 2GiB, 512MiB, 1.5G or 800M
// (powers of 1024) or a plain number of bytes.
type byteSize struct{ n *int64 }

func (b byteSize) String() string { return formatSize(*b.n) }
func (b byteSize) Type() string   { return "size" }

func (b byteSize) Set(s string) error {
	n, err := parseSize(s)
	if err != nil {
		return err
	}
	*b.n = n
	return nil
}

var sizeUnits = []struct {
	suffix string
	shift  uint
}{{"tib", 40}, {"gib", 30}, {"mib", 20}, {"kib", 10}, {"tb", 40}, {"gb", 30}, {"mb", 20}, {"kb", 10},
	{"t", 40}, {"g", 30}, {"m", 20}, {"k", 10}, {"b", 0}}

func parseSize(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	shift := uint(0)
	for _, u := range sizeUnits {
		if strings.HasSuffix(t, u.suffix) {
			t, shift = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.shift
			break
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v < 0 || v*float64(int64(1)<<shift) > 1<<62 {
		return 0, fmt.Errorf("%q is not a size (examples: 2GiB, 512MiB, 1.5G)", s)
	}
	return int64(v * float64(int64(1)<<shift)), nil
}

func formatSize(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%dGiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMiB", n>>20)
	}
	return strconv.FormatInt(n, 10)
}

// AddMemoryFlags adds --memory and --tmpdir.
func (o *matchOptions) AddMemoryFlags(f *pflag.FlagSet) {
	o.Memory = defaultMemory()
	f.Var(byteSize{&o.Memory}, "memory", "memory the scan aims to stay within: 3/4 of it is the soft heap limit (unless GOMEMLIMIT is set; raised to 1.25 times the live heap while what must stay in memory exceeds it), half of it is for the bulk arrays, which go to files in --tmpdir past it; 0: keep everything in memory")
	f.Lookup("memory").DefValue = fmt.Sprintf("1/%d of the machine's memory, %s to %s", memoryShare, formatSize(minMemory), formatSize(maxMemory))
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
	if n, err := parseSize(f.Value.String()); err == nil && n > 0 {
		setHeapLimit(n / 4 * 3)
	}
	return nil
}
