//go:build linux

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wiretrace/wiretrace/internal/atomicfile"
)

// stallEnv makes a child wiretrace stop after its first write to a
// temporary output file, so the test can kill it mid-write.
const stallEnv = "WIRETRACE_TEST_STALL_AFTER_WRITE"

func init() {
	if os.Getenv(stallEnv) == "1" {
		atomicfile.AfterWrite = func(string) {
			for {
				time.Sleep(time.Hour) // until killed
			}
		}
	}
}

// tempOutputs lists the temporary files atomicfile leaves beside target.
func tempOutputs(target string) []string {
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+".tmp-*"))
	return left
}

// SIGKILL while `scan -o` writes its report leaves the previous report
// whole: the child stops after its first write to the temporary file
// (the readiness signal: the file holds bytes), and is killed there.
func TestKilledScanKeepsPreviousReport(t *testing.T) {
	dir := t.TempDir()
	files, _ := writeBatches(t, dir, 40, 1000)
	for _, format := range []string{"html", "json"} {
		report := filepath.Join(dir, "report."+format)
		mustRun(t, "scan", "--format", format, "-o", report, files[0])
		before, err := os.ReadFile(report)
		if err != nil || len(before) == 0 {
			t.Fatalf("first report: %d bytes, %v", len(before), err)
		}
		cmd := wiretraceCmd("scan", "--format", format, "--threshold", "0.6", "-o", report, files[0])
		cmd.Env = append(cmd.Env, stallEnv+"=1")
		var tmp string
		done := startUntil(t, cmd, format+": writing its report", func() bool {
			for _, f := range tempOutputs(report) {
				if fi, err := os.Stat(f); err == nil && fi.Size() > 0 {
					tmp = f
					return true
				}
			}
			return false
		})
		cmd.Process.Kill()
		<-done
		after, err := os.ReadFile(report)
		if err != nil || !bytes.Equal(after, before) {
			t.Errorf("%s: after a kill mid-write the report has %d bytes (%v), the previous one %d", format, len(after), err, len(before))
		}
		// What the kill leaves is a hidden temporary file, never read.
		if fi, err := os.Stat(tmp); err != nil || fi.Size() == 0 {
			t.Errorf("%s: the temporary file was not being written (%v)", format, err)
		}
		os.Remove(tmp)
	}
}

// startUntil starts a child wiretrace and polls ready until it holds,
// failing the test if the child ends first; the returned channel gives
// the child's end.
func startUntil(t *testing.T, cmd *exec.Cmd, what string, ready func() bool) <-chan error {
	t.Helper()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	for !ready() {
		select {
		case err := <-done:
			t.Fatalf("the child ended (%v) before %s:\n%s", err, what, out.String())
		default:
		}
		time.Sleep(time.Millisecond) // polling for the signal
	}
	return done
}

// mountTmpfs mounts a small tmpfs, or skips the test where mounting is
// not permitted (it needs root).
func mountTmpfs(t *testing.T, size string) string {
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size); err != nil {
		t.Skipf("cannot mount a tmpfs (%v): needs root", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	return dir
}

// fill writes a file until the file system is full.
func fill(t *testing.T, dir string) {
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 4096)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			return
		}
	}
}

// On a full file system, -o and --update-baseline fail with exit status
// 2 and an error, and leave the previous file whole and no temporary
// file behind.
func TestFullDiskKeepsPreviousFiles(t *testing.T) {
	corpus := t.TempDir()
	files, _ := writeBatches(t, corpus, 40, 1000)
	mnt := mountTmpfs(t, "2m")
	report := filepath.Join(mnt, "report.json")
	baseline := filepath.Join(mnt, "baseline.json")
	mustRun(t, "scan", "--format", "json", "-o", report, files[0])
	// The corpus has findings, so that updating an empty baseline
	// writes them.
	mustRun(t, "check", "--uncredited", "--baseline", baseline, "--update-baseline", files[0])
	if b, _ := os.ReadFile(baseline); len(b) < 100 {
		t.Fatalf("the baseline holds no findings:\n%s", b)
	}
	oldBaseline := []byte(`{"schema":"wiretrace/baseline/v1","findings":[]}` + "\n")
	if err := os.WriteFile(baseline, oldBaseline, 0o644); err != nil {
		t.Fatal(err)
	}
	oldReport, _ := os.ReadFile(report)
	fill(t, mnt)
	for _, c := range []struct {
		name string
		args []string
		file string
		old  []byte
	}{
		{"scan -o", []string{"scan", "--format", "json", "--threshold", "0.6", "-o", report, files[0]}, report, oldReport},
		{"check --update-baseline", []string{"check", "--uncredited", "--baseline", baseline, "--update-baseline", files[0]}, baseline, oldBaseline},
	} {
		out, err := wiretraceCmd(c.args...).CombinedOutput()
		if code := exitStatus(err); code != exitError || !strings.Contains(string(out), "no space left") {
			t.Errorf("%s on a full disk: exit %d, want 2 and \"no space left\":\n%s", c.name, code, out)
		}
		if got, _ := os.ReadFile(c.file); !bytes.Equal(got, c.old) {
			t.Errorf("%s on a full disk: the file has %d bytes, the previous one %d", c.name, len(got), len(c.old))
		}
		if left := tempOutputs(c.file); len(left) > 0 {
			t.Errorf("%s left %v", c.name, left)
		}
	}
}
