//go:build unix

package spill

import (
	"os"
	"syscall"
)

func mapFile(f *os.File, size int64) ([]byte, error) {
	return syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
}

func unmap(m []byte) error { return syscall.Munmap(m) }

func evict(m []byte) { _ = syscall.Madvise(m, syscall.MADV_DONTNEED) }
