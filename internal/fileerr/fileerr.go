// Package fileerr is the error type for problems located in an input file
// that is not an article corpus (a registry, a truth file, a report): the
// message names the file and, when known, the line.
package fileerr

import "fmt"

// Error is a problem at a line of a file; Line 0 means the whole file.
type Error struct {
	File   string
	Line   int
	Reason string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Reason)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Reason)
}
