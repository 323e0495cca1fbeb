//go:build unix

package main

import (
	"os/exec"
	"syscall"
)

// inGroup starts the browser in a process group of its own, so that
// killGroup ends its helpers (zygote, renderers) too: left alive, they
// write into the profile while the test's temporary directory is removed.
// A command made with a context has the whole group killed on its end.
func inGroup(cmd *exec.Cmd) *exec.Cmd {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if cmd.Cancel != nil {
		cmd.Cancel = func() error { return killGroup(cmd) }
	}
	return cmd
}

// killGroup kills the browser's process group.
func killGroup(cmd *exec.Cmd) error {
	if cmd.Process == nil {
		return nil
	}
	return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
}
