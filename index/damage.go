package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"io"
	"os"
	"runtime/debug"
)

// ErrDamaged is wrapped by the *Error returned for an index file whose
// pages or records are damaged (cut short, zeroed, bits flipped).
var ErrDamaged = errors.New("index is damaged")

// damage is a problem found inside the file; the public methods turn it
// into an *Error that names the file and says how to rebuild (guard).
type damage struct{ msg string }

func (d *damage) Error() string { return d.msg }

// errNotIndex is a file without bbolt's mark on either meta page: not
// an index at all, and not one build replaces.
var errNotIndex = errors.New("not an index file")

func damaged(format string, args ...any) error { return &damage{fmt.Sprintf(format, args...)} }

// rebuildAdvice is the command that replaces a damaged index.
func rebuildAdvice(path string) string {
	return "rebuild it from the archive with: wiretrace index build --index " + path + " INPUT..."
}

func damageError(path, what string) *Error {
	return &Error{path, "index is damaged (" + what + "); " + rebuildAdvice(path), ErrDamaged}
}

// guard runs fn, which reads the index file's memory map, and turns what
// a damaged file makes of it into an *Error naming the file: a damage
// error, a panic (bbolt asserts that a page is the one it asked for and
// panics otherwise) or a memory fault (a page past the end of a file cut
// short; the runtime turns it into a panic because of SetPanicOnFault).
// bbolt's View and Update roll their transaction back when fn panics, so
// the file and its lock stay usable for Close. SetPanicOnFault holds for
// the calling goroutine only: goroutines that read the map use guardGo.
func guard(path string, fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = damageError(path, fmt.Sprint(r))
		}
	}()
	err = fn()
	var d *damage
	if errors.As(err, &d) {
		return damageError(path, d.msg)
	}
	return err
}

// guardGo is guard for a goroutine that reads mapped records: it returns
// what went wrong as a damage error for the caller's guard to report.
func guardGo(fn func()) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = damaged("%v", r)
		}
	}()
	fn()
	return nil
}

// Checksums: records, link lists and postings blocks of format 2 carry a
// CRC-32C (Castagnoli, hardware-accelerated) of their bytes, so damage is
// found where a value is read. bbolt checks its meta pages only.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func checksum(b []byte) uint32 { return crc32.Checksum(b, castagnoli) }

// sealed prefixes b's checksum to b.
func seal(b []byte) []byte {
	out := make([]byte, 4, 4+len(b))
	binary.LittleEndian.PutUint32(out, checksum(b))
	return append(out, b...)
}

// unseal checks a sealed value and returns its content.
func unseal(v []byte, what string) ([]byte, error) {
	if len(v) < 4 {
		return nil, damaged("%s has %d bytes, too short for its checksum", what, len(v))
	}
	if binary.LittleEndian.Uint32(v) != checksum(v[4:]) {
		return nil, damaged("%s fails its checksum", what)
	}
	return v[4:], nil
}

// bbolt's file layout, read before bbolt maps the file (bbolt's
// internal/common): a 16-byte page header, then the meta: magic, version,
// page size, flags (4 bytes each), root bucket page and sequence, freelist
// page, high-water page, transaction id, and an FNV-64a checksum of all
// that (8 bytes each). Meta pages are pages 0 and 1, in the CPU's byte order.
const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	pageHeaderSize = 16
	metaSumOffset  = 56
	noFreelist     = ^uint64(0)
)

type boltMeta struct {
	pageSize             uint32
	root, freelist, pgid uint64
	txid                 uint64
	magicOK, valid       bool
}

func readMeta(page []byte) boltMeta {
	var m boltMeta
	if len(page) < pageHeaderSize+metaSumOffset+8 {
		return m
	}
	b := page[pageHeaderSize:]
	e := binary.NativeEndian
	m.magicOK = e.Uint32(b) == boltMagic
	m.pageSize = e.Uint32(b[8:])
	m.root, m.freelist, m.pgid, m.txid = e.Uint64(b[16:]), e.Uint64(b[32:]), e.Uint64(b[40:]), e.Uint64(b[48:])
	h := fnv.New64a()
	h.Write(b[:metaSumOffset])
	m.valid = m.magicOK && e.Uint32(b[4:]) == boltVersion && e.Uint64(b[metaSumOffset:]) == h.Sum64()
	return m
}

// hasBoltPages reports whether a file without a readable meta page has
// bbolt pages after them: a page header whose id is its own number and
// whose flags are a page type's. A file whose meta pages were both
// zeroed is then a damaged index, not somebody's data.
func hasBoltPages(f *os.File, size int64) bool {
	hdr := make([]byte, pageHeaderSize)
	for n := int64(2); n < 66 && (n+1)*pageSize <= size; n++ {
		if _, err := f.ReadAt(hdr, n*pageSize); err != nil {
			return false
		}
		id, flags := binary.NativeEndian.Uint64(hdr), binary.NativeEndian.Uint16(hdr[8:])
		if id == uint64(n) && (flags == 0x01 || flags == 0x02 || flags == 0x10) {
			return true
		}
	}
	return false
}

// checkFile reads the meta pages of an index file before bbolt maps it
// and checks that the file holds every page they count: bbolt trusts the
// meta's page count and would fault on a file cut short (it maps more
// than the file holds, and reading a page past its end is a SIGBUS). It
// picks the meta bbolt would (the valid one of the latest transaction)
// and checks its page size, high-water mark, root and freelist pages.
// An empty file is new: bbolt initialises it. The error, when the file is
// a bbolt file, is a damage error; recognised reports whether either
// meta page carries bbolt's mark, which is what lets build replace it.
func checkFile(path string) (recognised bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return false, err
	}
	size := fi.Size()
	if size == 0 {
		return false, nil
	}
	buf := make([]byte, 4096)
	n, _ := io.ReadFull(io.NewSectionReader(f, 0, size), buf)
	m0 := readMeta(buf[:n])
	// The second meta page is one page in: at the first meta's page size
	// when that is readable, else at the size this package writes.
	at := int64(pageSize)
	if m0.magicOK && m0.pageSize >= 1024 && m0.pageSize <= 1<<24 {
		at = int64(m0.pageSize)
	}
	m1 := boltMeta{}
	if at < size {
		n, _ = io.ReadFull(io.NewSectionReader(f, at, size-at), buf)
		m1 = readMeta(buf[:n])
	}
	recognised = m0.magicOK || m1.magicOK || hasBoltPages(f, size)
	m := m0
	if m1.valid && (!m0.valid || m1.txid > m0.txid) {
		m = m1
	}
	switch {
	case !recognised:
		return false, errNotIndex
	case !m0.magicOK && !m1.magicOK:
		return true, damaged("both meta pages are gone")
	case !m.valid:
		return true, damaged("both meta pages fail their checksums")
	case m.pageSize < 1024 || m.pageSize > 1<<24:
		return true, damaged("meta page gives a page size of %d", m.pageSize)
	case m.pgid < 2 || m.pgid > uint64(size)/uint64(m.pageSize):
		return true, damaged("the file has %d bytes, its meta page counts %d pages of %d bytes: it was cut short", size, m.pgid, m.pageSize)
	case m.root < 2 || m.root >= m.pgid:
		return true, damaged("root page %d is outside the %d pages", m.root, m.pgid)
	case m.freelist != noFreelist && (m.freelist < 2 || m.freelist >= m.pgid):
		return true, damaged("freelist page %d is outside the %d pages", m.freelist, m.pgid)
	}
	return true, nil
}
