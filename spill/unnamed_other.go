//go:build !linux

package spill

import "os"

// openUnnamed is Linux's O_TMPFILE; elsewhere the caller names and
// removes the file.
func openUnnamed(string) (*os.File, bool) { return nil, false }
