package index

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/match"
	"go.etcd.io/bbolt"
)

// damageCase changes an index file as a crash, a bad disk or a careless
// copy would.
type damageCase struct {
	name string
	do   func(t *testing.T, b []byte) []byte
}

func zeroPage(n int) func(*testing.T, []byte) []byte {
	return func(t *testing.T, b []byte) []byte {
		if n < 0 {
			n = len(b)/pageSize/2 + n + 1 // -1: the middle page
		}
		clear(b[n*pageSize : (n+1)*pageSize])
		return b
	}
}

func flipBits(count int, seed uint64) func(*testing.T, []byte) []byte {
	return func(t *testing.T, b []byte) []byte {
		rng := rand.New(rand.NewPCG(seed, 7))
		for range count {
			i := rng.IntN(len(b) * 8)
			b[i/8] ^= 1 << (i % 8)
		}
		return b
	}
}

var damageCases = []damageCase{
	{"truncated-half", func(t *testing.T, b []byte) []byte { return b[:len(b)/2] }},
	{"truncated-to-meta", func(t *testing.T, b []byte) []byte { return b[:2*pageSize+100] }},
	{"zeroed-page-2", zeroPage(2)},
	{"zeroed-middle-page", zeroPage(-1)},
	{"zeroed-meta-pages", func(t *testing.T, b []byte) []byte { clear(b[:2*pageSize]); return b }},
	{"flipped-10-bits", flipBits(10, 1)},
	{"flipped-10-bits-b", flipBits(10, 2)},
	{"flipped-10-bits-c", flipBits(10, 3)},
	{"flipped-1000-bits", flipBits(1000, 4)},
	{"flipped-1000-bits-b", flipBits(1000, 5)},
}

// healthy is what an undamaged index answers, to compare damaged ones
// with: damage that goes unreported must change nothing.
type healthy struct {
	ids     []string
	stats   Stats
	stories string
}

func observe(t *testing.T, path string, probe []*corpus.Article) (healthy, error) {
	ix, err := Open(path, OpenOptions{ReadOnly: true})
	if err != nil {
		return healthy{}, err
	}
	defer ix.Close()
	var h healthy
	if h.ids, err = ix.IDs(); err != nil {
		return h, err
	}
	for _, id := range h.ids {
		if _, ok, err := ix.Lookup(id); err != nil || !ok {
			if err == nil {
				// A flipped bit in an id's key: the id reads as not
				// indexed (verify finds it; nothing else can).
				err = errIDLost
			}
			return h, err
		}
	}
	if h.stats, err = ix.Stats(); err != nil {
		return h, err
	}
	h.stats.FileBytes, h.stats.BytesPerArticle = 0, 0
	o, err := ix.CompatibleOptions(querySettings(), nil)
	if err != nil {
		return h, err
	}
	res, _, err := ix.Query(context.Background(), scanned(t, o, probe), nil)
	if err != nil {
		return h, err
	}
	var b strings.Builder
	for _, c := range res.Clusters {
		for _, m := range c.Members {
			fmt.Fprintf(&b, "%s ", res.Docs[m.Doc].ID)
		}
		b.WriteString("\n")
	}
	h.stories = b.String()
	return h, nil
}

var errIDLost = errors.New("an indexed id is not found")

// checkDamageError fails unless err is a damage error naming the file and
// the command that rebuilds it.
func checkDamageError(t *testing.T, what, path string, err error) {
	t.Helper()
	var ie *Error
	if !errors.Is(err, ErrDamaged) || !errors.As(err, &ie) || ie.Path != path ||
		!strings.Contains(err.Error(), "wiretrace index build --index "+path) {
		t.Errorf("%s: %v; want a damage error naming %s and the rebuild command", what, err, path)
	}
}

// Every index operation on a damaged file either reports the damage (an
// error naming the file and the rebuild command) or, when the damage
// goes unnoticed, answers exactly as the healthy index did. None panics
// or faults (a fault would end the test binary). A build then replaces
// the damaged index.
func TestDamagedIndex(t *testing.T) {
	arts := generated(t, 40, 11)
	path := newIndex(t, arts[:len(arts)-20])
	extra, probe := arts[len(arts)-20:len(arts)-10], arts[len(arts)-10:]
	want, err := observe(t, path, probe)
	if err != nil {
		t.Fatal(err)
	}
	orig, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("index of %d articles, %d bytes, %d pages", len(want.ids), len(orig), len(orig)/pageSize)
	reported := 0
	for _, dc := range damageCases {
		t.Run(dc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "ix.db")
			if err := os.WriteFile(p, dc.do(t, slices.Clone(orig)), 0o644); err != nil {
				t.Fatal(err)
			}
			verified := verifyErr(p)
			if verified == nil {
				// Unnoticed damage must be harmless.
				got, err := observe(t, p, probe)
				if err != nil {
					t.Fatalf("--verify found nothing, but: %v", err)
				}
				if !slices.Equal(got.ids, want.ids) || got.stats.Articles != want.stats.Articles ||
					got.stats.Links != want.stats.Links || got.stats.Postings != want.stats.Postings || got.stories != want.stories {
					t.Fatalf("--verify found nothing, but the index answers differently")
				}
			} else {
				reported++
				checkDamageError(t, "verify", p, verified)
				// Each reader either fails with a damage error or
				// answers as before.
				if got, err := observe(t, p, probe); errors.Is(err, errIDLost) {
					t.Log("an id reads as not indexed")
				} else if err != nil {
					checkDamageError(t, "read", p, err)
				} else if !slices.Equal(got.ids, want.ids) || got.stories != want.stories {
					t.Errorf("a read of the damaged index succeeded with other answers")
				}
			}
			// Writers, on copies.
			for _, op := range []struct {
				name string
				fn   func(ix *Index) error
			}{
				{"add", func(ix *Index) error {
					_, err := ix.Add(context.Background(), scanned(t, ix.AddOptions(2), extra))
					return err
				}},
				{"rm", func(ix *Index) error { return ix.Remove(want.ids[:3]) }},
			} {
				cp := filepath.Join(t.TempDir(), "ix.db")
				b, _ := os.ReadFile(p)
				os.WriteFile(cp, b, 0o644)
				ix, err := Open(cp, OpenOptions{})
				if err == nil {
					err = op.fn(ix)
					ix.Close()
				}
				var ie *Error
				switch {
				case errors.Is(err, ErrDamaged):
					checkDamageError(t, op.name, cp, err)
				case err != nil && (verified == nil || !errors.As(err, &ie)):
					// Damage a write cannot see (a flipped id key reads
					// as an id not indexed) may make it fail otherwise,
					// but only on an index verify calls damaged.
					t.Errorf("%s: %v", op.name, err)
				case err == nil && verified != nil:
					// A write that did not meet the damage leaves it
					// for verify to find.
					if verifyErr(cp) == nil {
						t.Errorf("%s over a damaged index made it verify", op.name)
					}
				}
			}
			// A build replaces the damaged index.
			s, _ := NewSettings(querySettings(), 0.3)
			bd, err := Build(p, s, OpenOptions{})
			if err != nil {
				t.Fatalf("build over the damaged index: %v", err)
			}
			add(t, bd.Index, arts[:10])
			if err := bd.Commit(); err != nil {
				t.Fatal(err)
			}
			if err := verifyErr(p); err != nil {
				t.Fatalf("rebuilt index: %v", err)
			}
			if got := len(mustIDs(t, p)); got != 10 {
				t.Errorf("rebuilt index holds %d articles, want 10", got)
			}
		})
	}
	if reported < len(damageCases)/2 {
		t.Errorf("only %d of %d damage cases were reported by verify", reported, len(damageCases))
	}
}

func verifyErr(path string) error {
	ix, err := Open(path, OpenOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer ix.Close()
	if _, err := ix.Stats(); err != nil {
		return err
	}
	return ix.Verify()
}

func mustIDs(t *testing.T, path string) []string {
	ix, err := Open(path, OpenOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	got, err := ix.IDs()
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// A damaged record, link list or postings block is reported where it is
// read, by the checksum it carries, not only by --verify.
func TestChecksumsReportDamageWhereRead(t *testing.T) {
	arts := generated(t, 30, 12)
	path := newIndex(t, arts)
	// Flip one bit in the value of a key of a bucket, in place.
	flipValue := func(t *testing.T, bucket []byte, key func(*bbolt.Bucket) []byte) string {
		p := filepath.Join(t.TempDir(), "ix.db")
		b, _ := os.ReadFile(path)
		os.WriteFile(p, b, 0o644)
		db, err := bbolt.Open(p, 0o644, &bbolt.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		var off int64
		db.View(func(tx *bbolt.Tx) error {
			bk := tx.Bucket(bucket)
			k := key(bk)
			v := bk.Get(k)
			off = int64(uintptrOf(v)-db.Info().Data) + int64(len(v))/2
			return nil
		})
		db.Close()
		f, _ := os.OpenFile(p, os.O_RDWR, 0)
		one := []byte{0}
		f.ReadAt(one, off)
		one[0] ^= 0x10
		f.WriteAt(one, off)
		f.Close()
		return p
	}
	target := arts[3]
	var num uint32
	{
		ix := open(t, path, OpenOptions{ReadOnly: true})
		e, ok, err := ix.Lookup(target.ID)
		if err != nil || !ok {
			t.Fatal(err)
		}
		num = e.Num
	}
	t.Run("record", func(t *testing.T) {
		p := flipValue(t, bucketDocs, func(*bbolt.Bucket) []byte { return numKey(num) })
		ix := open(t, p, OpenOptions{ReadOnly: true})
		_, _, err := ix.Lookup(target.ID)
		checkDamageError(t, "lookup", p, err)
		if err != nil && !strings.Contains(err.Error(), fmt.Sprintf("article %d", num)) {
			t.Errorf("the error does not name the article: %v", err)
		}
		o, _ := ix.CompatibleOptions(querySettings(), nil)
		_, _, err = ix.Query(context.Background(), scanned(t, o, []*corpus.Article{target}), nil)
		checkDamageError(t, "query of a copy of the damaged article", p, err)
	})
	t.Run("links", func(t *testing.T) {
		p := flipValue(t, bucketLinks, func(*bbolt.Bucket) []byte { return numKey(num) })
		ix := open(t, p, OpenOptions{ReadOnly: true})
		_, err := ix.Stats()
		checkDamageError(t, "stats", p, err)
	})
	t.Run("postings", func(t *testing.T) {
		p := flipBlock(t, path)
		ix := open(t, p, OpenOptions{ReadOnly: true})
		checkDamageError(t, "verify", p, ix.Verify())
	})
}

// flipBlock copies the index and flips one bit inside the first postings
// block of each run.
func flipBlock(t *testing.T, path string) string {
	p := filepath.Join(t.TempDir(), "ix.db")
	b, _ := os.ReadFile(path)
	os.WriteFile(p, b, 0o644)
	db, err := bbolt.Open(p, 0o644, &bbolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var offs []int64
	db.View(func(tx *bbolt.Tx) error {
		segs := tx.Bucket(bucketSegments)
		return segs.ForEachBucket(func(k []byte) error {
			v := segs.Bucket(k).Get(blockKey(0))
			offs = append(offs, int64(uintptrOf(v)-db.Info().Data)+int64(len(v))/3)
			return nil
		})
	})
	db.Close()
	if len(offs) == 0 {
		t.Fatal("no postings block")
	}
	f, _ := os.OpenFile(p, os.O_RDWR, 0)
	for _, off := range offs {
		one := []byte{0}
		f.ReadAt(one, off)
		one[0] ^= 0x01
		f.WriteAt(one, off)
	}
	f.Close()
	return p
}

// A merge over a damaged block fails instead of writing the damage into
// a merged run with a fresh checksum.
func TestMergeChecksBlocks(t *testing.T) {
	arts := generated(t, 30, 13)[:60]
	// Three runs of a tier (a merge takes four), each damaged; the
	// fourth add's merge reads them.
	path, merges := buildInBatches(t, arts[:45], 15)
	if merges != 0 {
		t.Fatalf("%d merges while building three runs", merges)
	}
	p := flipBlock(t, path)
	ix := open(t, p, OpenOptions{})
	_, err := ix.Add(context.Background(), scanned(t, ix.AddOptions(2), arts[45:]))
	checkDamageError(t, "an add that merges damaged runs", p, err)
}

// An index of format 1 (no checksums) is read and written in its own
// layout.
func TestFormat1IndexIsRead(t *testing.T) {
	arts := generated(t, 20, 14)
	path := filepath.Join(t.TempDir(), "v1.db")
	s, _ := NewSettings(querySettings(), 0.3)
	s.Format = 1
	b, err := Build(path, s, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	add(t, b.Index, arts[:len(arts)/2])
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	// Records of format 1 are bare: the first bytes are the header's length.
	db, _ := bbolt.Open(path, 0o644, &bbolt.Options{ReadOnly: true})
	db.View(func(tx *bbolt.Tx) error {
		_, v := tx.Bucket(bucketDocs).Cursor().First()
		if n, w := binary.Uvarint(v); w <= 0 || v[w] != '{' || n == 0 {
			t.Errorf("a format 1 record does not start with its header length")
		}
		return nil
	})
	db.Close()
	ix := open(t, path, OpenOptions{})
	add(t, ix, arts[len(arts)/2:])
	if err := ix.Verify(); err != nil {
		t.Fatal(err)
	}
	if got := ids(t, ix); !slices.Equal(got, idsOf(arts)) {
		t.Errorf("format 1 index holds %d ids, want %d", len(got), len(arts))
	}
	if ix.Settings().Format != 1 {
		t.Errorf("format became %d", ix.Settings().Format)
	}
}

// Damage found in goroutines that decode records is reported, not a
// crash: each recovers and returns it.
func TestEachRecovers(t *testing.T) {
	var mu sync.Mutex
	n := 0
	err := each(8, 3, func(i int) {
		mu.Lock()
		n++
		mu.Unlock()
		if i == 5 {
			var b []byte
			_ = b[i] // index out of range
		}
	})
	if err == nil || !strings.Contains(err.Error(), "index out of range") {
		t.Fatalf("each: %v", err)
	}
}

func querySettings() match.Options {
	o := match.DefaultOptions()
	o.Workers = 2
	return o
}

func uintptrOf(b []byte) uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(b))) }
