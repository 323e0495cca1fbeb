// Command wiretrace traces how news stories are syndicated and laundered:
// it finds every copy of a story across outlets and groups them.
package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/wiretrace/wiretrace/internal/memlimit"
	"github.com/wiretrace/wiretrace/report"
	"os"
	"os/signal"
	"strings"
)

// defaultMemoryLimit is the soft heap limit used unless GOMEMLIMIT is set.
// A scan's live data is compact but the collector, left to its default,
// lets the heap grow to twice that; near the limit it collects sooner.
// On 100,000 articles: no limit, 18 s and 2.4 GB resident; 1200 MiB, 21 s
// and 1.29 GB; 1 GiB, 25 s and 1.23 GB (the collector runs too often).
// A corpus whose fingerprints exceed it still runs, with more time in GC.
const defaultMemoryLimit = 1200 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		memlimit.Set(defaultMemoryLimit)
	}
	os.Exit(run(os.Args[1:], systemStreams()))
}

// run executes one command line and returns its exit status.
func run(args []string, io *streams) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return runContext(ctx, args, io)
}

// runContext is run with a context that interrupting cancels.
func runContext(ctx context.Context, args []string, io *streams) int {
	root := newRootCommand(io)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	switch {
	case err == nil, errors.Is(err, errFindings): // findings were reported already
	case errors.Is(err, context.Canceled):
		// Interrupted (SIGINT): not "context canceled".
		fmt.Fprintln(io.Err, "wiretrace: interrupted")
	default:
		// Errors quote paths and ids from the input: escape them.
		fmt.Fprintf(io.Err, "wiretrace: %s\n", termSafeLines(err.Error()))
	}
	return exitCode(err)
}

// Exit statuses, documented in the root command's help.
const (
	exitOK          = 0
	exitFindings    = 1
	exitError       = 2
	exitInterrupted = 130
)

// errFindings is returned by commands that found what they were asked to
// fail on.
var errFindings = errors.New("findings")

func exitCode(err error) int {
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, context.Canceled):
		return exitInterrupted
	case errors.Is(err, errFindings):
		return exitFindings
	default:
		return exitError
	}
}

// termSafeLines escapes a message for the terminal but keeps its line
// breaks and tabs (usage and suggestions are laid out with them).
func termSafeLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		cells := strings.Split(l, "\t")
		for j, c := range cells {
			cells[j] = report.TermSafe(c)
		}
		lines[i] = strings.Join(cells, "\t")
	}
	return strings.Join(lines, "\n")
}
