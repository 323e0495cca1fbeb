package main

import (
	"context"
	"errors"
	"fmt"
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
