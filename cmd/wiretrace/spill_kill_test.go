//go:build linux

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// openSpillFiles lists the spill files a process holds open, from its
// descriptors: their names are gone from the directory, so /proc is the
// only place they show.
func openSpillFiles(pid int) []string {
	fds, _ := filepath.Glob(filepath.Join("/proc", strconv.Itoa(pid), "fd", "*"))
	var out []string
	for _, fd := range fds {
		if target, err := os.Readlink(fd); err == nil && strings.Contains(target, "wiretrace-") && strings.HasSuffix(target, "(deleted)") {
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
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
	wait:
		for {
			select {
			case err := <-done:
				t.Fatalf("%v: the scan ended (%v) before it spilled:\n%s", sig, err, out.String())
			default:
			}
			if len(openSpillFiles(cmd.Process.Pid)) > 0 {
				break wait
			}
			time.Sleep(time.Millisecond) // polling for the signal
		}
		if left, _ := os.ReadDir(tmp); len(left) != 0 {
			t.Errorf("%v: %d names in --tmpdir while the scan spills; want none", sig, len(left))
		}
		cmd.Process.Signal(sig)
		err := <-done
		if sig == os.Interrupt {
			if ee, ok := err.(interface{ ExitCode() int }); !ok || ee.ExitCode() != exitInterrupted {
				t.Errorf("interrupted scan: %v, want exit %d\n%s", err, exitInterrupted, out.String())
			}
		}
		if left, _ := os.ReadDir(tmp); len(left) != 0 {
			t.Errorf("%v: %d files left in --tmpdir", sig, len(left))
		}
	}
}
