package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// An add that fails on a full disk leaves the index as it was (it opens,
// verifies and holds the same articles); the space bbolt grew the file by
// is below the high-water mark no meta page counts, so the next add
// writes into it: once space is freed, adding the same articles gives a
// file no larger than adding them to a copy that never failed.
func TestAddOnFullDisk(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=4m"); err != nil {
		t.Skipf("cannot mount a tmpfs (%v): needs root", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	arts := generated(t, 120, 15)
	first, rest := arts[:100], arts[100:]
	src := newIndex(t, first)
	b, _ := os.ReadFile(src)
	path := filepath.Join(dir, "ix.db")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	// The reference: the same add on a disk with room.
	ref := filepath.Join(t.TempDir(), "ref.db")
	os.WriteFile(ref, b, 0o644)
	rix := open(t, ref, OpenOptions{})
	add(t, rix, rest)
	rix.Close()
	refSize := fileSize(t, ref)

	filler := filepath.Join(dir, "filler")
	f, _ := os.Create(filler)
	for chunk := make([]byte, 4096); ; {
		if _, err := f.Write(chunk); err != nil {
			break
		}
	}
	f.Close()
	ix := open(t, path, OpenOptions{})
	_, err := ix.Add(context.Background(), scanned(t, ix.AddOptions(2), rest))
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("add on a full disk: %v, want no space left", err)
	}
	ix.Close()
	if got := mustIDs(t, path); len(got) != len(first) {
		t.Fatalf("after a failed add the index holds %d articles, want %d", len(got), len(first))
	}
	if err := verifyErr(path); err != nil {
		t.Fatal(err)
	}
	grown := fileSize(t, path)
	os.Remove(filler)
	ix = open(t, path, OpenOptions{})
	add(t, ix, rest)
	ix.Close()
	after := fileSize(t, path)
	t.Logf("file: %d bytes before, %d after the failed add, %d after the add that followed; %d without the failure", len(b), grown, after, refSize)
	if after > refSize {
		t.Errorf("after a failed add and a good one the file has %d bytes, %d without the failure: the growth was not reused", after, refSize)
	}
	if err := verifyErr(path); err != nil {
		t.Fatal(err)
	}
}

func fileSize(t *testing.T, path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}
