package match

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace/synth"
)

// resultDigest renders everything a scan found, for comparing two scans.
func resultDigest(res *Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%v\n%+v\n%v %d %d %d\n", membership(res), res.Boilerplate, res.Warnings, res.Bands, res.Rows, res.CommonDocs)
	for _, d := range res.Docs {
		fmt.Fprintf(&b, "%s %d %d %x %v\n", d.ID, d.Tokens, d.Boilerplate, d.TextHash, d.Set)
	}
	for _, l := range res.Links {
		fmt.Fprintf(&b, "%d-%d %d %v %v %v", l.A, l.B, l.Shared, l.J, l.CA, l.CB)
		if l.Aligned != nil {
			fmt.Fprintf(&b, " %+v", *l.Aligned)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// TestSpilledScanIsIdentical scans one corpus with every array in memory,
// with a budget that spills part-way through and with one that spills
// everything, on one and on three workers: the results must not differ,
// the small budgets must have written spill files, and no file may be
// left in the temporary directory, while the scan runs or after.
func TestSpilledScanIsIdentical(t *testing.T) {
	cfg := synth.DefaultConfig(120, 5)
	var want string
	for _, c := range []struct {
		memory  int64
		workers int
	}{{0, 1}, {0, 3}, {400 << 10, 1}, {400 << 10, 3}, {1, 3}} {
		dir := t.TempDir()
		opts := DefaultOptions()
		opts.Workers, opts.Memory, opts.TempDir = c.workers, c.memory, dir
		s, res := synthScanner(t, opts, cfg)
		if left, _ := os.ReadDir(dir); len(left) != 0 {
			t.Errorf("memory %d: %d spill files have names in %s; want none", c.memory, len(left), dir)
		}
		if spilled := s.SpilledBytes(); (spilled > 0) != (c.memory > 0) {
			t.Errorf("memory %d: %d bytes spilled", c.memory, spilled)
		}
		got := resultDigest(res)
		s.Close()
		if want == "" {
			want = got
			continue
		}
		if got != want {
			t.Errorf("memory %d, %d workers: the result differs from the in-memory scan", c.memory, c.workers)
		}
	}
}
