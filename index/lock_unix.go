//go:build unix

package index

import (
	"errors"
	"os"
	"syscall"
	"time"
)

// lockFile takes the exclusive lock bbolt takes on an index (flock on the
// whole file), for a file bbolt cannot open: a damaged index that a build
// replaces. It waits up to wait, polling as bbolt does. Closing the file
// releases the lock.
func lockFile(path string, wait time.Duration) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, &Error{path, "cannot open the damaged index to replace it: " + err.Error(), err}
	}
	deadline := time.Now().Add(wait)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		switch {
		case err == nil:
			return f, nil
		case !errors.Is(err, syscall.EWOULDBLOCK) || time.Now().After(deadline):
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, &Error{path, "index is locked by another wiretrace process; try again when it finishes, or pass --lock-wait", ErrLocked}
			}
			return nil, &Error{path, "cannot lock the damaged index to replace it: " + err.Error(), err}
		}
		time.Sleep(50 * time.Millisecond)
	}
}
