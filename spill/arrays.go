package spill

import (
	"fmt"
	"os"
	"slices"
	"sync"
	"unsafe"
)

// Arrays stores one array of 64-bit words per index, in memory while
// their total stays within a limit and in one temporary file after. Put
// may be called from several goroutines for different indexes; reads
// must wait until the puts they read are done.
type Arrays struct {
	dir   string
	limit int64

	mu    sync.Mutex
	mem   [][]uint64 // by index, while in memory
	n     []int32    // length by index
	at    []int64    // word offset in the file by index, once spilled
	bytes int64      // held in mem
	f     *os.File
	end   int64 // words reserved in the file
	err   error

	mapped []byte
}

// NewArrays returns an empty store that keeps up to limit bytes in memory
// (no limit when limit <= 0) and spills to files made in dir.
func NewArrays(limit int64, dir string) *Arrays {
	return &Arrays{dir: dir, limit: limit}
}

// Spilled reports whether the arrays moved to a file.
func (a *Arrays) Spilled() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.f != nil
}

// FileBytes is the size of the spill file, 0 when there is none.
func (a *Arrays) FileBytes() int64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	return 8 * a.end
}

// Put stores a copy of v as array i.
func (a *Arrays) Put(i int, v []uint64) error {
	a.mu.Lock()
	if a.err != nil {
		a.mu.Unlock()
		return a.err
	}
	if i >= len(a.n) {
		grow := max(i+1, 2*len(a.n))
		a.n = slices.Grow(a.n, grow-len(a.n))[:grow]
		if a.f == nil {
			a.mem = slices.Grow(a.mem, grow-len(a.mem))[:grow]
		} else {
			a.at = slices.Grow(a.at, grow-len(a.at))[:grow]
		}
	}
	a.n[i] = int32(len(v))
	size := 8 * int64(len(v))
	if a.f == nil && (a.limit <= 0 || a.bytes+size <= a.limit) {
		a.mem[i] = slices.Clone(v)
		a.bytes += size
		a.mu.Unlock()
		return nil
	}
	if a.f == nil {
		if err := a.spillLocked(); err != nil {
			a.mu.Unlock()
			return err
		}
	}
	off := a.end
	a.end += int64(len(v))
	a.at[i] = off
	f := a.f
	a.mu.Unlock()
	return a.fail(writeWords(f, v, off))
}

// spillLocked moves every array held in memory to a new file.
func (a *Arrays) spillLocked() error {
	f, err := createTemp(a.dir, "wiretrace-arrays-*")
	if err != nil {
		a.err = err
		return err
	}
	a.f = f
	a.at = make([]int64, len(a.n))
	for i, v := range a.mem {
		if v == nil {
			continue
		}
		a.at[i] = a.end
		if err := writeWords(f, v, a.end); err != nil {
			a.err = err
			return err
		}
		a.end += int64(len(v))
		a.mem[i] = nil
	}
	a.mem, a.bytes = nil, 0
	return nil
}

func (a *Arrays) fail(err error) error {
	if err != nil {
		a.mu.Lock()
		if a.err == nil {
			a.err = err
		}
		a.mu.Unlock()
	}
	return err
}

// Len returns the length of array i.
func (a *Arrays) Len(i int) int {
	if i >= len(a.n) {
		return 0
	}
	return int(a.n[i])
}

// Get returns array i: the stored slice itself while in memory or mapped
// (do not modify it), else the array read into *buf, which grows as
// needed and may be reused for the next Get.
func (a *Arrays) Get(i int, buf *[]uint64) ([]uint64, error) {
	if a.err != nil {
		return nil, a.err
	}
	if i >= len(a.n) || a.n[i] == 0 {
		return nil, nil
	}
	if a.f == nil {
		return a.mem[i], nil
	}
	if a.mapped != nil {
		return a.view(i), nil
	}
	n := int(a.n[i])
	*buf = slices.Grow((*buf)[:0], n)[:n]
	if err := readWords(a.f, *buf, a.at[i]); err != nil {
		return nil, a.fail(err)
	}
	return *buf, nil
}

// Release forgets array i's memory once no later stage reads it; spilled
// arrays stay in the file.
func (a *Arrays) Release(i int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.f == nil && i < len(a.mem) {
		a.bytes -= 8 * int64(len(a.mem[i]))
		a.mem[i] = nil
	}
}

// Map makes every array readable in place: arrays in memory already are;
// a spill file is mapped read-only into memory (read whole where mapping
// is not supported). After Map, View returns slices that stay valid until
// Close.
func (a *Arrays) Map() error {
	if a.f == nil || a.mapped != nil || a.end == 0 {
		return a.err
	}
	m, err := mapFile(a.f, 8*a.end)
	if err != nil {
		return a.fail(fmt.Errorf("mapping spill file: %w", err))
	}
	a.mapped = m
	return nil
}

// View returns array i after Map, or while the arrays are in memory.
func (a *Arrays) View(i int) []uint64 {
	if i >= len(a.n) || a.n[i] == 0 {
		return nil
	}
	if a.f == nil {
		return a.mem[i]
	}
	return a.view(i)
}

func (a *Arrays) view(i int) []uint64 {
	off := 8 * a.at[i]
	return unsafe.Slice((*uint64)(unsafe.Pointer(&a.mapped[off])), a.n[i])
}

// Evict tells the system that the mapped pages read so far may leave this
// process's resident memory (they stay in the page cache and come back on
// the next read): stages that touch every array call it between passes so
// that a mapping does not count against the memory they are meant to save.
func (a *Arrays) Evict() {
	if a.mapped != nil {
		evict(a.mapped)
	}
}

// Err returns the first error of a Put or read.
func (a *Arrays) Err() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.err
}

// Close unmaps and removes the spill file; slices from View are invalid
// after it.
func (a *Arrays) Close() error {
	var err error
	if a.mapped != nil {
		err = unmap(a.mapped)
		a.mapped = nil
	}
	closeTemp(a.f)
	a.f, a.mem = nil, nil
	return err
}

// words returns v's memory as bytes, in the machine's byte order: spill
// files are read back by the process that wrote them.
func words(v []uint64) []byte {
	if len(v) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&v[0])), 8*len(v))
}

func writeWords(f *os.File, v []uint64, off int64) error {
	if _, err := f.WriteAt(words(v), 8*off); err != nil {
		return fmt.Errorf("writing spill file: %w", err)
	}
	return nil
}

func readWords(f *os.File, v []uint64, off int64) error {
	if _, err := f.ReadAt(words(v), 8*off); err != nil {
		return fmt.Errorf("reading spill file: %w", err)
	}
	return nil
}
