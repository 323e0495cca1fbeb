package index

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/match"
	"github.com/wiretrace/wiretrace/shingle"
	"go.etcd.io/bbolt"
)

// Format is the on-disk layout this package writes. An index with a
// higher format was written by a newer wiretrace and is refused; older
// formats are read and written in their own layout. Format 2 seals
// records, lists of pairs and postings blocks with a checksum; format 1
// has none, so damage there is found only by what fails to decode.
const Format = 2

// sums reports whether the index's values carry checksums.
func (ix *Index) sums() bool { return ix.settings.Format >= 2 }

// DefaultPath is where commands look for the index unless told.
const DefaultPath = ".wiretrace/index.db"

var (
	bucketMeta     = []byte("meta")
	bucketDocs     = []byte("docs")
	bucketIDs      = []byte("ids")
	bucketLinks    = []byte("links")
	bucketSegments = []byte("segments")
	bucketDead     = []byte("dead")

	keySettings    = []byte("settings")
	keySettingsSum = []byte("settings-sum") // format 2: CRC-32C of the settings JSON
	keyBoilerplate = []byte("boilerplate")
	keyNext        = []byte("next")
	keySegmentSeq  = []byte("segment-seq")
	keyCount       = []byte("articles")
)

// articleCount is the number of indexed articles, kept in meta: counting
// the docs bucket would read every page of it.
func articleCount(tx *bbolt.Tx) int {
	if v := tx.Bucket(bucketMeta).Get(keyCount); len(v) == 8 {
		return int(binary.BigEndian.Uint64(v))
	}
	return 0
}

func setArticleCount(tx *bbolt.Tx, n int) error {
	return tx.Bucket(bucketMeta).Put(keyCount, binary.BigEndian.AppendUint64(nil, uint64(n)))
}

// Settings are how an index's fingerprints were made and what it keeps.
// Every field but Tool must match for fingerprints to be comparable.
type Settings struct {
	Format          int    `json:"format"`
	Normalization   int    `json:"normalization"`
	ShingleSize     int    `json:"shingle_size"`
	Hashes          int    `json:"hashes"`
	Seed            uint64 `json:"seed"`
	Window          int    `json:"window"`
	MinFingerprints int    `json:"min_fingerprints"`
	BoilerplateDocs int    `json:"boilerplate_docs"`
	// MinThreshold is the lowest Jaccard threshold a query may ask for:
	// band keys are kept for its LSH layout (Bands × Rows).
	MinThreshold float64 `json:"min_threshold"`
	Bands        int     `json:"bands"`
	Rows         int     `json:"rows"`
	// MinContainment and MinShared are the loosest link rules kept.
	MinContainment float64 `json:"min_containment"`
	MinShared      int     `json:"min_shared"`
	MaxBucket      int     `json:"max_bucket"`
	// Tool is the wiretrace build that created the index, for the record.
	Tool string `json:"tool"`
}

// Link floors kept beside MinThreshold: a query may not go below them.
const (
	floorContainment = 0.5
	floorShared      = 20
)

// NewSettings derives an index's settings from scan options; minThreshold
// is the lowest threshold queries will use.
func NewSettings(o match.Options, minThreshold float64) (Settings, error) {
	o.Threshold = minThreshold
	o.BandThreshold = 0
	if err := o.Validate(); err != nil {
		return Settings{}, err
	}
	b, r := o.Layout()
	return Settings{
		Format: Format, Normalization: shingle.NormalizationVersion,
		ShingleSize: o.K, Hashes: o.NumHashes, Seed: o.Seed, Window: o.Window,
		MinFingerprints: o.MinFingerprints, BoilerplateDocs: o.BoilerplateDocs,
		MinThreshold: minThreshold, Bands: b, Rows: r,
		MinContainment: min(floorContainment, o.Containment), MinShared: min(floorShared, o.MinShared),
		MaxBucket: o.MaxBucket, Tool: toolVersion(),
	}, nil
}

func toolVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return "wiretrace " + bi.Main.Version
	}
	return "wiretrace (unknown version)"
}

// ErrLocked is returned when another process is writing the index (or,
// for a writer, reading it).
var ErrLocked = errors.New("index is locked by another wiretrace process")

// Error is a problem with an index file: missing, locked, damaged or made
// with other settings. It names the file and says what to do.
type Error struct {
	Path string
	Msg  string
	Err  error // ErrLocked, fs.ErrNotExist, or nil
}

func (e *Error) Error() string { return e.Path + ": " + e.Msg }
func (e *Error) Unwrap() error { return e.Err }

// Index is an open index file.
type Index struct {
	db       *bbolt.DB
	path     string
	settings Settings
	readOnly bool
	dead     map[uint32]bool
	// building is set on a build's file: its runs were just written and
	// are in the page cache, so lookups do not read them ahead.
	building bool
}

// OpenOptions say how to open an index.
type OpenOptions struct {
	ReadOnly bool
	// LockWait is how long to wait for another process's lock; 0 fails
	// at once.
	LockWait time.Duration
	noSync   bool
}

// lockWaiting, when set (by tests), is called each time an open finds
// the lock taken and waits to try again: a readiness signal, where a
// test would otherwise sleep and hope the other side is waiting.
var lockWaiting func(path string)

// lockPoll is how often a waiting open tries the lock again (bbolt polls
// at the same rate).
const lockPoll = 50 * time.Millisecond

func openDB(path string, o OpenOptions) (*bbolt.DB, error) {
	deadline := time.Now().Add(o.LockWait)
	for {
		before, _ := os.Stat(path)
		// One try at the lock, then wait here rather than in bbolt: the
		// file is checked again on each try (a build may have put a new
		// one in place).
		db, err := openOnce(path, o.ReadOnly, o.noSync)
		if errors.Is(err, ErrLocked) && time.Now().Before(deadline) {
			if lockWaiting != nil {
				lockWaiting(path)
			}
			time.Sleep(min(lockPoll, time.Until(deadline)))
			continue
		}
		if err != nil {
			return nil, err
		}
		// A build renames a new file over the index when it commits. A
		// process that opened the old file and waited for its lock would
		// write to a file nobody reads any more: open the new one.
		after, _ := os.Stat(path)
		if before == nil || after == nil || os.SameFile(before, after) {
			return db, nil
		}
		db.Close()
	}
}

// pageSize is the page size of the files this package writes: 2.5 KB
// records fit three to a page, where 4 KB pages hold one.
const pageSize = 8192

func openOnce(path string, readOnly, noSync bool) (*bbolt.DB, error) {
	if _, err := checkFile(path); err != nil {
		var d *damage
		if errors.As(err, &d) {
			return nil, damageError(path, d.msg)
		}
		if errors.Is(err, errNotIndex) {
			return nil, &Error{path, "is not a wiretrace index (it has no bbolt meta page); check --index, or remove the file and " + rebuildAdvice(path), err}
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, &Error{path, "cannot open index: " + err.Error(), err}
		}
	}
	// bbolt reads the meta pages and (for a writer) the freelist while
	// opening: a damaged page panics there, after it has opened and
	// locked the file. Keep the file to close it then.
	var file *os.File
	var db *bbolt.DB
	err := guard(path, func() error {
		var err error
		db, err = bbolt.Open(path, 0o644, &bbolt.Options{
			// One try: bbolt waits forever on 0, and gives up after
			// its first try on a timeout below its 50 ms poll.
			Timeout: time.Millisecond, ReadOnly: readOnly, NoSync: noSync,
			PageSize:     pageSize,
			FreelistType: bbolt.FreelistMapType,
			OpenFile: func(name string, flag int, mode os.FileMode) (*os.File, error) {
				f, err := os.OpenFile(name, flag, mode)
				file = f
				return f, err
			},
		})
		return err
	})
	var ie *Error
	switch {
	case errors.As(err, &ie):
		if file != nil {
			file.Close() // releases the lock bbolt took
		}
		return nil, err
	case errors.Is(err, bbolt.ErrTimeout):
		return nil, &Error{path, "index is locked by another wiretrace process; try again when it finishes, or pass --lock-wait", ErrLocked}
	case errors.Is(err, bbolt.ErrInvalid), errors.Is(err, bbolt.ErrChecksum), errors.Is(err, bbolt.ErrVersionMismatch):
		return nil, damageError(path, err.Error())
	case err != nil:
		return nil, &Error{path, "cannot open index: " + err.Error(), err}
	}
	return db, nil
}

// Open opens an existing index.
func Open(path string, o OpenOptions) (*Index, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, &Error{path, "no index here; create one with wiretrace index build", fs.ErrNotExist}
	}
	db, err := openDB(path, o)
	if err != nil {
		return nil, err
	}
	ix := &Index{db: db, path: path, readOnly: o.ReadOnly}
	if err := guard(path, ix.load); err != nil {
		db.Close()
		return nil, err
	}
	return ix, nil
}

// load reads the settings and the removed articles.
func (ix *Index) load() error {
	return ix.db.View(func(tx *bbolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil || meta.Get(keySettings) == nil {
			for _, name := range [][]byte{bucketMeta, bucketDocs, bucketIDs, bucketLinks, bucketSegments, bucketDead} {
				if tx.Bucket(name) != nil {
					return damaged("its settings are missing")
				}
			}
			return &Error{ix.path, "not a wiretrace index (a bbolt file without its buckets); check --index, or " + rebuildAdvice(ix.path), nil}
		}
		js := meta.Get(keySettings)
		// The settings stay plain JSON (an older wiretrace reads the
		// format from them); their checksum is kept beside them, and
		// checked whenever it is there or the format says it should be.
		sum := meta.Get(keySettingsSum)
		sumOK := sum == nil || len(sum) == 4 && binary.LittleEndian.Uint32(sum) == checksum(js)
		err := json.Unmarshal(js, &ix.settings)
		switch {
		case err != nil || !sumOK && ix.settings.Format <= Format:
			if !sumOK {
				return damaged("its settings fail their checksum")
			}
			return damaged("its settings do not decode: %v", err)
		case ix.settings.Format > Format: // its checksum may be another's
			return &Error{ix.path, fmt.Sprintf("index format %d was written by a newer wiretrace (this one reads formats up to %d); upgrade wiretrace or rebuild the index with this one", ix.settings.Format, Format), nil}
		case sum == nil && ix.settings.Format >= 2:
			return damaged("the checksum of its settings is missing")
		}
		if ix.settings.Normalization != shingle.NormalizationVersion {
			return &Error{ix.path, fmt.Sprintf("index fingerprints use text normalisation version %d, this wiretrace uses %d; %s", ix.settings.Normalization, shingle.NormalizationVersion, rebuildAdvice(ix.path)), nil}
		}
		for _, name := range [][]byte{bucketDocs, bucketIDs, bucketLinks, bucketSegments, bucketDead} {
			if tx.Bucket(name) == nil {
				return damaged("bucket %q is missing", name)
			}
		}
		ix.dead = map[uint32]bool{}
		return tx.Bucket(bucketDead).ForEach(func(k, _ []byte) error {
			if len(k) != 8 {
				return damaged("a removed article's key has %d bytes", len(k))
			}
			ix.dead[uint32(binary.BigEndian.Uint64(k))] = true
			return nil
		})
	})
}

// create initialises an empty index in db.
func create(db *bbolt.DB, s Settings) error {
	return db.Update(func(tx *bbolt.Tx) error {
		for _, name := range [][]byte{bucketMeta, bucketDocs, bucketIDs, bucketLinks, bucketSegments, bucketDead} {
			if _, err := tx.CreateBucket(name); err != nil {
				return err
			}
		}
		js, err := json.Marshal(s)
		if err != nil {
			return err
		}
		if s.Format >= 2 {
			if err := tx.Bucket(bucketMeta).Put(keySettingsSum, binary.LittleEndian.AppendUint32(nil, checksum(js))); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keySettings, js)
	})
}

// Settings returns how the index was made.
func (ix *Index) Settings() Settings { return ix.settings }

// Path returns the index file's path.
func (ix *Index) Path() string { return ix.path }

// Close releases the index and its lock.
func (ix *Index) Close() error { return ix.db.Close() }

// Boilerplate returns the boilerplate model learned so far, nil when none.
func (ix *Index) Boilerplate() (*match.Boilerplate, error) {
	var bp *match.Boilerplate
	err := guard(ix.path, func() error {
		return ix.db.View(func(tx *bbolt.Tx) error {
			var err error
			bp, err = loadBoilerplate(tx, ix.sums())
			return err
		})
	})
	return bp, err
}

func loadBoilerplate(tx *bbolt.Tx, sums bool) (*match.Boilerplate, error) {
	raw := tx.Bucket(bucketMeta).Get(keyBoilerplate)
	if raw == nil {
		return nil, nil
	}
	if sums {
		var err error
		if raw, err = unseal(raw, "its boilerplate model"); err != nil {
			return nil, err
		}
	}
	bp, err := match.UnmarshalBoilerplate(raw)
	if err != nil {
		return nil, damaged("its boilerplate model does not decode: %v", err)
	}
	return bp, nil
}

// Entry is what Lookup tells of an indexed article.
type Entry struct {
	Num      uint32
	TextHash uint64
	Pos      corpus.Position // where it was read from
}

// Lookup finds an indexed article by id.
func (ix *Index) Lookup(id string) (e Entry, ok bool, err error) {
	err = guard(ix.path, func() error {
		return ix.db.View(func(tx *bbolt.Tx) error {
			v := tx.Bucket(bucketIDs).Get([]byte(id))
			if v == nil {
				return nil
			}
			if len(v) != 8 {
				return damaged("the number of article %q has %d bytes", id, len(v))
			}
			e.Num = uint32(binary.BigEndian.Uint64(v))
			r, err := getRecord(tx, e.Num, ix.sums())
			if err != nil {
				return err
			}
			if r.ID != id {
				return damaged("id %q leads to article %d, whose record says %q", id, e.Num, r.ID)
			}
			e.TextHash, e.Pos, ok = r.TextHash, r.position(), true
			return nil
		})
	})
	return e, ok, err
}

// CompatibleOptions fits a query's options to the index: fingerprint
// settings (and the bucket limit) come from the index unless changed says
// their flag was given, and then must equal the index's; thresholds must
// be at or above its floors. It returns the options with the index's LSH
// layout. changed may be nil: no flag given.
func (ix *Index) CompatibleOptions(o match.Options, changed func(flag string) bool) (match.Options, error) {
	s := ix.settings
	given := func(flag string) bool { return changed != nil && changed(flag) }
	for _, conflict := range []string{
		fromIndex(&o.K, s.ShingleSize, "shingle-size", given),
		fromIndex(&o.NumHashes, s.Hashes, "hashes", given),
		fromIndex(&o.Seed, s.Seed, "seed", given),
		fromIndex(&o.Window, s.Window, "window", given),
		fromIndex(&o.MinFingerprints, s.MinFingerprints, "min-fingerprints", given),
		fromIndex(&o.BoilerplateDocs, s.BoilerplateDocs, "boilerplate-docs", given),
	} {
		if conflict != "" {
			return o, &Error{ix.path, conflict, nil}
		}
	}
	if !given("max-bucket") {
		o.MaxBucket = s.MaxBucket // a query setting, the index's by default
	}
	type floor struct {
		flag      string
		have, got float64
	}
	for _, f := range []floor{
		{"--threshold", s.MinThreshold, o.Threshold}, {"--containment", s.MinContainment, o.Containment},
		{"--min-shared", float64(s.MinShared), float64(o.MinShared)},
	} {
		if f.got < f.have {
			return o, &Error{ix.path, fmt.Sprintf("%s %v is below the index's floor of %v; raise it, or rebuild with wiretrace index build --min-threshold (floors: threshold %v, containment %v, min-shared %d)", f.flag, f.got, f.have, s.MinThreshold, s.MinContainment, s.MinShared), nil}
		}
	}
	// The index keeps no texts to align: a query links by shingles only.
	o.BandThreshold, o.ShortSets, o.Rewrites = s.MinThreshold, true, false
	return o, nil
}

// fromIndex sets *opt to the index's value unless its flag was given; a
// flag given another value is a conflict, returned as the message.
func fromIndex[T comparable](opt *T, have T, flag string, given func(string) bool) string {
	switch {
	case !given(flag):
		*opt = have
	case *opt != have:
		return fmt.Sprintf("index was built with --%s %v, this run asks for %v; drop the flag to use the index's setting, or rebuild with wiretrace index build --%s %v", flag, have, *opt, flag, *opt)
	}
	return ""
}

// AddOptions are the options a scanner feeding Add must use: the index's
// settings and its loosest link rules.
func (ix *Index) AddOptions(workers int) match.Options {
	s := ix.settings
	o := match.DefaultOptions()
	o.K, o.NumHashes, o.Seed, o.Window = s.ShingleSize, s.Hashes, s.Seed, s.Window
	o.MinFingerprints, o.BoilerplateDocs, o.MaxBucket = s.MinFingerprints, s.BoilerplateDocs, s.MaxBucket
	o.Threshold, o.Containment, o.MinShared = s.MinThreshold, s.MinContainment, s.MinShared
	// An index keeps no texts, so its links are shingle links only: the
	// rewrite channel needs sentences.
	o.Workers, o.ShortSets, o.Rewrites = workers, true, false
	return o
}

func removeStaleBuilds(path string) {
	old, _ := filepath.Glob(path + ".build-*")
	for _, p := range old {
		os.Remove(p)
	}
}
