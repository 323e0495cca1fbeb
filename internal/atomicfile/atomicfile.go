// Package atomicfile writes files so that a reader sees either the old
// content or the whole new content, never a part of it: the data goes to a
// temporary file beside the target, which is synced and then renamed over
// it (a rename within one directory is atomic on POSIX file systems). A
// failure, a full disk or a kill while writing leaves the previous file in
// place; a kill can leave a hidden ".NAME.tmp-*" file beside it, which
// nothing reads. The cost is one fsync per file and, while writing, disk
// space for both versions.
package atomicfile

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// File is a file being written; it replaces its target on Commit.
type File struct {
	*os.File
	target string
	done   bool
}

// Create starts writing path. Call Commit to put it in place, and Abort
// (safe after Commit) to give up.
func Create(path string) (*File, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, err
	}
	return &File{File: f, target: path}, nil
}

// AfterWrite, when set, is called with the temporary file's name after
// each write to it. Tests set it in a child process to stop there and be
// killed mid-write; nothing else sets it.
var AfterWrite func(tmp string)

// Write writes to the temporary file.
func (f *File) Write(p []byte) (int, error) {
	n, err := f.File.Write(p)
	if AfterWrite != nil {
		AfterWrite(f.Name())
	}
	return n, err
}

// WriteString writes s (through Write, so that AfterWrite sees it).
func (f *File) WriteString(s string) (int, error) { return f.Write([]byte(s)) }

// Commit syncs the file and renames it over its target, keeping the
// target's permissions when it exists (0644 otherwise).
func (f *File) Commit() error {
	if f.done {
		return nil
	}
	f.done = true
	tmp := f.Name()
	err := f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	mode := fs.FileMode(0o644)
	if st, serr := os.Stat(f.target); serr == nil {
		mode = st.Mode().Perm()
	}
	if err == nil {
		err = os.Chmod(tmp, mode)
	}
	if err == nil {
		err = os.Rename(tmp, f.target)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	syncDir(filepath.Dir(f.target))
	return nil
}

// Abort closes and removes the temporary file unless it was committed.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.Close()
	os.Remove(f.Name())
}

// Write writes path with fn, atomically.
func Write(path string, fn func(w io.Writer) error) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := fn(f); err != nil {
		return err
	}
	return f.Commit()
}

// syncDir makes the rename durable; where directories cannot be synced
// the rename is still atomic, so errors are ignored.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
