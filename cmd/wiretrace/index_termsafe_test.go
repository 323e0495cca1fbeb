package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The index commands print paths, ids and skipped records from untrusted
// input: escape sequences and bidi overrides in them reach the terminal
// escaped.
func TestIndexOutputIsTerminalSafe(t *testing.T) {
	dir := t.TempDir()
	hostile := "ix\x1b[2J\u202e.db"
	ix := filepath.Join(dir, hostile)
	in := filepath.Join(dir, "in.jsonl")
	text := strings.Repeat("The ministry said the talks would resume next week in the capital. ", 8)
	lines := `{"id":"a1","outlet":"x","published":"2020-01-01","title":"t","text":"` + text + `"}
{"id":"bad\u001b]0;owned\u0007","outlet":"x","published":"2020-01-01","title":"t","text":""}
`
	if err := os.WriteFile(in, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"index", "build", "--skip-bad", "--index", ix, in},
		{"index", "add", "--skip-bad", "--index", ix, in},
		{"index", "stats", "--index", ix},
		{"index", "rm", "--index", ix, "a1"},
	} {
		var out bytes.Buffer
		cmd := wiretraceCmd(args...)
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			t.Fatalf("%s: %v\n%s", args[1], err, out.String())
		}
		if s := out.String(); strings.ContainsAny(s, "\x1b\x07\u202e") || !strings.Contains(s, `ix\x1b[2J\u202e.db`) {
			t.Errorf("index %s printed control characters or no escaped path:\n%q", args[1], s)
		}
	}
}
