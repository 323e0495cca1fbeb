package index

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"

	"go.etcd.io/bbolt"
)

// Builder writes a new index to a file beside the target and renames it
// over the target on Commit, so that a build stopped at any point leaves
// the previous index (or an empty one) in place. It holds the target's
// lock throughout, so no add runs meanwhile. A damaged target is
// replaced too: it is held by a lock of its own, since bbolt cannot open
// it.
type Builder struct {
	*Index
	target   string
	held     *bbolt.DB // the target, open for its lock
	heldFile *os.File  // or a damaged target, locked
}

// Build starts a new index at path with the given settings, replacing any
// index there when committed.
func Build(path string, s Settings, o OpenOptions) (*Builder, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, &Error{path, "cannot create the index directory: " + err.Error(), err}
	}
	_, statErr := os.Stat(path)
	held, err := openDB(path, OpenOptions{LockWait: o.LockWait})
	var heldFile *os.File
	switch {
	case err == nil:
	case errors.Is(err, ErrLocked):
		return nil, err
	case errors.Is(err, ErrDamaged):
		// A damaged index (bbolt's mark on a meta page) is what a
		// build is run to replace. Lock it as bbolt would.
		if heldFile, err = lockFile(path, o.LockWait); err != nil {
			return nil, err
		}
	default:
		// Never replace what may be somebody's data.
		return nil, &Error{path, "exists and is not a readable wiretrace index (" + err.Error() + "); remove it or choose another --index", err}
	}
	if statErr != nil {
		// A new target: make it a valid empty index, which is what it
		// stays if this build never completes.
		if err := create(held, s); err != nil {
			held.Close()
			return nil, &Error{path, "cannot create index: " + err.Error(), err}
		}
	}
	removeStaleBuilds(path)
	tmp := path + ".build-" + strconv.Itoa(os.Getpid())
	db, err := openDB(tmp, OpenOptions{noSync: true})
	if err == nil {
		err = create(db, s)
	}
	if err != nil {
		if held != nil {
			held.Close()
		}
		if heldFile != nil {
			heldFile.Close()
		}
		return nil, &Error{path, "cannot start the build: " + err.Error(), err}
	}
	return &Builder{Index: &Index{db: db, path: tmp, settings: s, dead: map[uint32]bool{}, building: true}, target: path, held: held, heldFile: heldFile}, nil
}

// Commit makes the built index durable and puts it in place.
func (b *Builder) Commit() error {
	defer b.release()
	if err := b.db.Sync(); err != nil {
		return err
	}
	if err := b.db.Close(); err != nil {
		return err
	}
	if err := os.Rename(b.path, b.target); err != nil {
		return &Error{b.target, "cannot put the new index in place: " + err.Error(), err}
	}
	if dir, err := os.Open(filepath.Dir(b.target)); err == nil {
		dir.Sync() // make the rename durable
		dir.Close()
	}
	return nil
}

// Abort discards the build and leaves the previous index.
func (b *Builder) Abort() {
	b.db.Close()
	os.Remove(b.path)
	b.release()
}

func (b *Builder) release() {
	if b.held != nil {
		b.held.Close()
		b.held = nil
	}
	if b.heldFile != nil {
		b.heldFile.Close() // releases its lock
		b.heldFile = nil
	}
}

// Target is the path the index is built for.
func (b *Builder) Target() string { return b.target }
