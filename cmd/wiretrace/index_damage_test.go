package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// indexPage is the index's page size (index.pageSize).
const indexPage = 8192

// damages change an index file as a crash, a bad disk or a careless copy
// would; heavy ones are always found by stats --verify.
var damages = []struct {
	name  string
	heavy bool
	do    func(b []byte) []byte
}{
	{"truncated", true, func(b []byte) []byte { return b[:len(b)/2] }},
	{"zeroed-page-2", true, func(b []byte) []byte { clear(b[2*indexPage : 3*indexPage]); return b }},
	{"zeroed-middle-page", false, func(b []byte) []byte {
		m := len(b) / indexPage / 2
		clear(b[m*indexPage : (m+1)*indexPage])
		return b
	}},
	{"flipped-10-bits", false, flip(10, 1)},
	{"flipped-1000-bits", false, flip(1000, 2)},
}

func flip(n int, seed uint64) func([]byte) []byte {
	return func(b []byte) []byte {
		rng := rand.New(rand.NewPCG(seed, 3))
		for range n {
			i := rng.IntN(len(b) * 8)
			b[i/8] ^= 1 << (i % 8)
		}
		return b
	}
}

// crashed matches what a panic or a fault prints.
var crashed = regexp.MustCompile(`panic:|goroutine \d+ \[|SIGSEGV|SIGBUS|fatal error`)

// Every command that reads or writes an index, run on a damaged one,
// ends with exit status 0, 1 (check's findings) or 2 and a message; never
// a panic or a fault. A failure names the file and the command that
// rebuilds it, and index build replaces the damaged file.
func TestIndexCommandsOnDamagedIndex(t *testing.T) {
	dir := t.TempDir()
	files, ids := writeBatches(t, dir, 70, 250)
	good := filepath.Join(dir, "good.db")
	mustRun(t, "index", "build", "--index", good, files[0])
	orig, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	query := files[1]
	commands := []struct {
		name string
		args func(ix string) []string
	}{
		{"stats", func(ix string) []string { return []string{"index", "stats", "--index", ix} }},
		{"stats-verify", func(ix string) []string { return []string{"index", "stats", "--verify", "--index", ix} }},
		{"stats-json", func(ix string) []string { return []string{"index", "stats", "--format", "json", "--index", ix} }},
		{"add", func(ix string) []string { return []string{"index", "add", "--index", ix, query} }},
		{"rm", func(ix string) []string { return []string{"index", "rm", "--index", ix, ids[0][0], ids[0][5]} }},
		{"scan", func(ix string) []string { return []string{"scan", "--index", ix, query} }},
		{"check", func(ix string) []string { return []string{"check", "--index", ix, "--uncredited", query} }},
		{"compare", func(ix string) []string { return []string{"compare", "--index", ix, ids[0][0], ids[0][1]} }},
		{"build", func(ix string) []string { return []string{"index", "build", "--index", ix, files[0]} }},
	}
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			for _, c := range commands {
				ix := filepath.Join(t.TempDir(), "ix.db")
				if err := os.WriteFile(ix, d.do(bytes.Clone(orig)), 0o644); err != nil {
					t.Fatal(err)
				}
				var stdout, stderr bytes.Buffer
				cmd := wiretraceCmd(c.args(ix)...)
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				code := exitStatus(cmd.Run())
				out := stdout.String() + stderr.String()
				switch {
				case crashed.MatchString(out) || code < 0 || code > 2:
					t.Errorf("%s: exit %d, it crashed:\n%.1500s", c.name, code, out)
				case c.name == "build":
					if code != 0 {
						t.Errorf("build over a damaged index: exit %d\n%s", code, out)
					} else if got := indexedIDs(t, ix); len(got) != len(ids[0]) {
						t.Errorf("the rebuilt index holds %d ids, want %d", len(got), len(ids[0]))
					}
				case code == 2:
					if !strings.Contains(stderr.String(), "wiretrace index build --index "+ix) {
						t.Errorf("%s: exit 2 without the rebuild command naming the file:\n%s", c.name, stderr.String())
					}
				case d.heavy && c.name == "stats-verify":
					t.Errorf("stats --verify: exit %d on a %s index\n%s", code, d.name, out)
				}
			}
		})
	}
}
