package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/wiretrace/wiretrace/corpus"
)

func TestExitCode(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{nil, 0},
		{fmt.Errorf("wrapped: %w", errFindings), 1},
		{usageError{"bad flag"}, 2},
		{&corpus.RecordError{Reason: "duplicate id"}, 2},
		{errors.New("disk full"), 2},
		{context.Canceled, 130},
		{fmt.Errorf("reading: %w", context.Canceled), 130},
	}
	for _, tc := range tests {
		if got := exitCode(tc.err); got != tc.want {
			t.Errorf("exitCode(%v) = %d, want %d", tc.err, got, tc.want)
		}
	}
}

// An interrupted command says so, not "context canceled", and exits 130.
func TestInterruptedMessage(t *testing.T) {
	in := filepath.Join(t.TempDir(), "a.jsonl")
	os.WriteFile(in, []byte(`{"id":"a","outlet":"o","text":"some text"}`+"\n"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // as SIGINT does
	var out, errOut bytes.Buffer
	code := runContext(ctx, []string{"scan", in}, &streams{Out: &out, Err: &errOut})
	if code != exitInterrupted || errOut.String() != "wiretrace: interrupted\n" {
		t.Errorf("exit %d, stderr %q; want %d, %q", code, errOut.String(), exitInterrupted, "wiretrace: interrupted\n")
	}
}
