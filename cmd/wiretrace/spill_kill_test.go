//go:build linux

package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// openSpillFiles lists the files in dir a process holds open without a
// name (spill files: O_TMPFILE, or unlinked), from its descriptors: /proc
// is the only place they show.
func openSpillFiles(pid int, dir string) []string {
	fds, _ := filepath.Glob(filepath.Join("/proc", strconv.Itoa(pid), "fd", "*"))
	var out []string
	for _, fd := range fds {
		if target, err := os.Readlink(fd); err == nil && strings.HasPrefix(target, dir+"/") && strings.HasSuffix(target, "(deleted)") {
			out = append(out, target)
		}
	}
	return out
}

// A scan killed (SIGKILL) or interrupted (SIGINT) while it spills leaves
// nothing in --tmpdir: the readiness signal is a spill file open in the
// child; at that moment the directory must already be empty, and stay so.
func TestKilledScanLeavesNoSpillFiles(t *testing.T) {
	dir := t.TempDir()
	files, _ := writeBatches(t, dir, 60, 3000)
	for _, sig := range []os.Signal{os.Kill, os.Interrupt} {
		tmp := t.TempDir()
		cmd := wiretraceCmd("scan", "-q", "--memory", "1", "--tmpdir", tmp, "--format", "json", "-o", filepath.Join(dir, "r.json"), files[0])
		done := startUntil(t, cmd, "it spilled", func() bool { return len(openSpillFiles(cmd.Process.Pid, tmp)) > 0 })
		if left, _ := os.ReadDir(tmp); len(left) != 0 {
			t.Errorf("%v: %d names in --tmpdir while the scan spills; want none", sig, len(left))
		}
		cmd.Process.Signal(sig)
		err := <-done
		if sig == os.Interrupt {
			if ee, ok := err.(interface{ ExitCode() int }); !ok || ee.ExitCode() != exitInterrupted {
				t.Errorf("interrupted scan: %v, want exit %d", err, exitInterrupted)
			}
		}
		if left, _ := os.ReadDir(tmp); len(left) != 0 {
			t.Errorf("%v: %d files left in --tmpdir", sig, len(left))
		}
	}
}
