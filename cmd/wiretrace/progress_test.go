package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestProgressOnlyOnTerminal(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "a.jsonl")
	var lines []string
	for i := 0; i < 3000; i++ {
		lines = append(lines, `{"id":"a`+strconv.Itoa(i)+`","outlet":"o","text":"some words of article `+strconv.Itoa(i)+` and more words here"}`)
	}
	os.WriteFile(in, []byte(strings.Join(lines, "\n")), 0o644)
	for _, tc := range []struct {
		tty   bool
		args  []string
		wants bool
	}{
		{true, []string{"scan", in}, true},
		{true, []string{"scan", "--quiet", in}, false},
		{false, []string{"scan", in}, false},
	} {
		var out, errb bytes.Buffer
		if code := run(tc.args, &streams{Out: &out, Err: &errb, ErrTTY: tc.tty}); code != 0 {
			t.Fatalf("%v: exit %d: %s", tc.args, code, errb.String())
		}
		if got := strings.Contains(errb.String(), "articles read"); got != tc.wants {
			t.Errorf("tty=%v %v: progress shown = %v, want %v (stderr %q)", tc.tty, tc.args, got, tc.wants, errb.String())
		}
	}
}
