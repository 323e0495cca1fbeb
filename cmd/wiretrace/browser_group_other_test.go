//go:build !unix

package main

import "os/exec"

func inGroup(cmd *exec.Cmd) *exec.Cmd { return cmd }

func killGroup(cmd *exec.Cmd) error {
	if cmd.Process == nil {
		return nil
	}
	return cmd.Process.Kill()
}
