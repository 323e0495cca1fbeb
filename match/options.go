package match

import (
	"fmt"

	"github.com/wiretrace/wiretrace/shingle"
)

// Options tune fingerprinting and matching. The zero value is not valid;
// start from DefaultOptions.
type Options struct {
	K         int     // words per shingle
	NumHashes int     // MinHash signature size
	Seed      uint64  // MinHash seed
	Threshold float64 // Jaccard similarity that makes two articles copies
	// BandThreshold, when above 0, chooses the LSH layout instead of
	// Threshold. An index keeps band keys for its lowest threshold so that
	// a query may ask for any threshold at or above it.
	BandThreshold float64
	// ShortSets keeps the top 32 bits of each content shingle, before
	// MinHash: an index stores sets so, and the signature and band keys
	// of an article are then a function of what it stores. Two of 500
	// shingles share a prefix by chance with probability about 3e-5.
	ShortSets   bool
	Containment float64 // share of an article found in another that makes it a copy
	// MinShared is the number of shared shingles (about MinShared+K-1
	// words of running text) that makes an excerpt.
	MinShared int
	// Window is the winnowing window, in shingles: any shared run of Window
	// shingles shares a fingerprint.
	Window int
	// MinFingerprints is the number of shared fingerprints that makes an
	// excerpt candidate.
	MinFingerprints int
	// BoilerplateDocs is how many articles of one outlet a line or shingle
	// must appear in to count as that outlet's boilerplate.
	BoilerplateDocs int
	// CommonDocs is how many articles overall a line or shingle must appear
	// in to count as a stock phrase; 0 chooses max(50, documents/200).
	CommonDocs int
	// MaxBucket bounds the documents expanded from one LSH bucket; larger
	// buckets are reported in Result.Warnings.
	MaxBucket int
	Workers   int // parallel workers; 0 or less means 1
	// Rewrites runs the rewrite channel (sentence alignment, see
	// rewrite.go). An index keeps no texts, so a scan against one runs
	// without it.
	Rewrites bool
	// Memory is the memory, in bytes, the scan aims to stay within. Half
	// of it bounds the bulk arrays (raw shingles, sentence profiles,
	// content sets, boilerplate counting): past that they move to
	// temporary files in TempDir. The other half is left to what stays
	// in memory (per-article headers, the candidate index, links) and to
	// the collector. 0 keeps everything in memory.
	Memory int64
	// TempDir is where spill files go; "" is the system's temporary
	// directory. Their names are removed as soon as they are made.
	TempDir string
}

// DefaultOptions are the settings wiretrace uses unless told otherwise.
func DefaultOptions() Options {
	return Options{
		K: 5, NumHashes: 128, Seed: 1, Threshold: 0.5, Containment: 0.8,
		MinShared: 40, Window: 6, MinFingerprints: 3, BoilerplateDocs: 3,
		MaxBucket: 2000, Workers: 1, Rewrites: true,
	}
}

// Validate reports the first invalid setting.
func (o Options) Validate() error {
	switch {
	case o.K < 1 || o.K > 32:
		return fmt.Errorf("shingle size %d: want 1 to 32", o.K)
	case o.NumHashes < 8 || o.NumHashes > 1024:
		return fmt.Errorf("hashes %d: want 8 to 1024", o.NumHashes)
	case !(o.Containment > 0 && o.Containment <= 1):
		return fmt.Errorf("containment %v: want more than 0 and at most 1", o.Containment)
	case o.MinShared < 1:
		return fmt.Errorf("min-shared %d: want at least 1", o.MinShared)
	case o.Window < 1:
		return fmt.Errorf("window %d: want at least 1", o.Window)
	case o.MinFingerprints < 1:
		return fmt.Errorf("min-fingerprints %d: want at least 1", o.MinFingerprints)
	case o.BoilerplateDocs < 2:
		return fmt.Errorf("boilerplate-docs %d: want at least 2", o.BoilerplateDocs)
	case o.CommonDocs < 0:
		return fmt.Errorf("common-docs %d: want 0 (automatic) or more", o.CommonDocs)
	case o.Memory < 0:
		return fmt.Errorf("memory %d: want 0 (no limit) or more", o.Memory)
	case o.MaxBucket < 2:
		return fmt.Errorf("max-bucket %d: want at least 2", o.MaxBucket)
	}
	if _, _, err := shingle.Bands(o.Threshold, o.NumHashes); err != nil {
		return fmt.Errorf("threshold %v: %w", o.Threshold, err)
	}
	if o.BandThreshold != 0 {
		if _, _, err := shingle.Bands(o.BandThreshold, o.NumHashes); err != nil {
			return fmt.Errorf("band threshold %v: %w", o.BandThreshold, err)
		}
	}
	return nil
}

// Layout returns the LSH bands and rows these options use.
func (o Options) Layout() (bands, rows int) {
	t := o.Threshold
	if o.BandThreshold > 0 {
		t = o.BandThreshold
	}
	b, r, _ := shingle.Bands(t, o.NumHashes)
	return b, r
}
