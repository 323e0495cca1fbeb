package spill

import (
	"os"

	"golang.org/x/sys/unix"
)

// openUnnamed opens an unnamed file in dir (O_TMPFILE): it never has a
// name, so no kill can leave it behind. It fails on file systems without
// O_TMPFILE, and the caller falls back to a named file.
func openUnnamed(dir string) (*os.File, bool) {
	if dir == "" {
		dir = os.TempDir()
	}
	f, err := os.OpenFile(dir, os.O_RDWR|unix.O_TMPFILE, 0o600)
	return f, err == nil
}
