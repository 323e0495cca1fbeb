package spill

import (
	"fmt"
	"os"
	"runtime"
)

// createTemp makes a temporary file in dir (the system's when empty)
// without a name where the system can (O_TMPFILE on Linux), else with one
// removed at once, where the system allows it: a kill in between the two
// steps is then the only way to leave a file behind.
func createTemp(dir, pattern string) (*os.File, error) {
	if f, ok := openUnnamed(dir); ok {
		return f, nil
	}
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, fmt.Errorf("spill file: %w", err)
	}
	if runtime.GOOS != "windows" {
		// An open file outlives its name on Unix: nothing is left on disk
		// however the process ends.
		if err := os.Remove(f.Name()); err != nil {
			f.Close()
			return nil, fmt.Errorf("spill file: %w", err)
		}
	}
	return f, nil
}

// closeTemp closes and, where its name was kept, removes a file of
// createTemp.
func closeTemp(f *os.File) {
	if f == nil {
		return
	}
	name := f.Name()
	f.Close()
	if runtime.GOOS == "windows" {
		os.Remove(name)
	}
}
