//go:build !unix

package index

import (
	"os"
	"time"
)

// lockFile opens a damaged index that a build replaces. Where flock does
// not exist it is not locked: bbolt locks with other calls there.
func lockFile(path string, _ time.Duration) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, &Error{path, "cannot open the damaged index to replace it: " + err.Error(), err}
	}
	return f, nil
}
