package match

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/shingle"
)

// The steps of Scanner.Prepare one document at a time, for callers that
// spread a corpus over machines (wiretrace's Beam pipeline): Fingerprint
// (step 1), LineCounts and ShingleEntries (what a document adds to the
// boilerplate counts), CountShingles and NewBoilerplate (the model from
// the counts of every document) and Finisher (step 3). A caller that runs
// them over every document in index order, counting shingles by whole
// keys, gets Prepare's documents, keys and model: the Scanner runs the
// same functions over its stores.

// NewDoc returns the header of article a as document index of a scan.
func NewDoc(index int, a *corpus.Article) *Doc {
	return newDoc(index, a, outletID(a.Outlet))
}

func newDoc(index int, a *corpus.Article, oid uint64) *Doc {
	return &Doc{
		Index: index, ID: a.ID, Outlet: a.Outlet, Title: a.Title, URL: a.URL,
		Published: a.Published, Time: a.Time, Precision: a.Precision, Extra: a.Extra,
		Pos: a.Pos, oid: oid,
	}
}

// CommonDocsFor is the stock-phrase document frequency a scan of the
// given number of documents uses: CommonDocs, or max(50, documents/200).
func (o Options) CommonDocsFor(documents int) int {
	if o.CommonDocs != 0 {
		return o.CommonDocs
	}
	return max(50, documents/200)
}

// Fingerprint is what step 1 keeps of an article until boilerplate is
// known: its ordered shingle hashes, sentence profile and lines, each
// encoded as the scan's stores hold them.
type Fingerprint struct {
	raw, profile, lines []uint64
}

// Fingerprint runs step 1 on one article's text without a Scanner: it
// sets d's Tokens and TextHash and returns what boilerplate learning and
// Finish read. It is safe for concurrent use.
func (o Options) Fingerprint(d *Doc, text string) *Fingerprint {
	f := &fingerprinter{tz: shingle.NewTokenizer()}
	f.fingerprint(d, text, o.K)
	return &Fingerprint{raw: slices.Clone(f.raw), profile: appendProfile(nil, &f.prof), lines: appendLines(nil, &f.lines)}
}

// MarshalBinary encodes a fingerprint: for each of its three arrays a
// length (uvarint), then its words, little-endian.
func (f *Fingerprint) MarshalBinary() ([]byte, error) {
	n := 3*binary.MaxVarintLen64 + 8*(len(f.raw)+len(f.profile)+len(f.lines))
	out := make([]byte, 0, n)
	for _, a := range [][]uint64{f.raw, f.profile, f.lines} {
		out = binary.AppendUvarint(out, uint64(len(a)))
		for _, w := range a {
			out = binary.LittleEndian.AppendUint64(out, w)
		}
	}
	return out, nil
}

var errFingerprint = errors.New("match: fingerprint encoding truncated or corrupt")

// UnmarshalFingerprint decodes what MarshalBinary wrote. It checks the
// profile's and lines' headers and ranges, so that what it returns is
// safe to count and finish.
func UnmarshalFingerprint(data []byte) (*Fingerprint, error) {
	d := decoder{buf: data}
	var arrays [3][]uint64
	for i := range arrays {
		n := d.count(8)
		a := make([]uint64, n)
		for j := range a {
			a[j] = d.u64()
		}
		arrays[i] = a
	}
	if d.bad || len(d.buf) != 0 {
		return nil, errFingerprint
	}
	f := &Fingerprint{raw: arrays[0], profile: arrays[1], lines: arrays[2]}
	if !validProfile(f.profile) || !validLines(f.lines) {
		return nil, errFingerprint
	}
	return f, nil
}

// validProfile reports whether v is an encoding appendProfile could
// have written: its length is what the header says, and every sentence
// is a range of its words.
func validProfile(v []uint64) bool {
	if len(v) == 0 {
		return true
	}
	ns, nw := unpack32(v[0])
	if uint64(len(v)) != 1+2*uint64(ns)+(uint64(nw)+1)/2 {
		return false
	}
	for i := range uint64(ns) {
		first, end := unpack32(v[1+2*i])
		start, stop := unpack32(v[2+2*i])
		if first > end || end > nw || int32(end) < 0 || start > stop {
			return false
		}
	}
	return true
}

// validLines reports whether v is an encoding appendLines could have
// written: its length is what the header says, and every line's text is
// a range of the text.
func validLines(v []uint64) bool {
	if len(v) == 0 {
		return true
	}
	n, size := unpack32(v[0])
	if uint64(len(v)) != 1+3*uint64(n)+(uint64(size)+7)/8 {
		return false
	}
	for i := range uint64(n) {
		first, end := unpack32(v[1+3*i])
		ts, te := unpack32(v[2+3*i])
		if first > end || int32(end) < 0 || ts > te || te > size || int32(te) < 0 {
			return false
		}
	}
	return true
}

// LineCount is what documents add to the count of one line shape, in one
// outlet's articles (PerOutlet) or in all. First is the index of the
// first document (in index order) whose line of that shape is short
// enough to show, -1 for none; Text is that line, shown in the report.
type LineCount struct {
	PerOutlet bool
	Outlet    string // the outlet's name, when PerOutlet
	OutletID  uint64 // a hash of the name, when PerOutlet
	Shape     uint64
	Docs      int
	First     int
	Text      string
}

// Key names the count a LineCount adds to: LineCounts of one key are
// summed with Merge.
func (c LineCount) Key() string {
	b := make([]byte, 0, 17)
	if c.PerOutlet {
		b = append(b, 1)
		b = binary.LittleEndian.AppendUint64(b, c.OutletID)
	} else {
		b = append(b, 0)
	}
	return string(binary.LittleEndian.AppendUint64(b, c.Shape))
}

// Merge returns the sum of two counts of one key.
func (c LineCount) Merge(o LineCount) LineCount {
	out := c
	out.Docs += o.Docs
	if o.First >= 0 && (c.First < 0 || o.First < c.First) {
		out.First, out.Text = o.First, o.Text
	}
	if out.Outlet == "" {
		out.Outlet = o.Outlet
	}
	return out
}

// LearnsLine reports whether a count summed over a corpus of the given
// number of documents makes its shape boilerplate. NewBoilerplate needs
// only the counts it accepts.
func (o Options) LearnsLine(c LineCount, documents int) bool {
	return learnsLine(&c, o.BoilerplateDocs, o.CommonDocsFor(documents))
}

// LineCounts returns the counts document d adds to: one per outlet and
// one overall for the first line of each shape it holds.
func (f *Fingerprint) LineCounts(d *Doc) []LineCount {
	var ls lineSet
	decodeLines(f.lines, &ls)
	c := newLineCounts()
	d.oid = outletID(d.Outlet)
	var out []LineCount
	var seen []uint64
	eachShape(&ls, &seen, func(shape uint64, text []byte) {
		c.addDoc(d, shape, text)
		out = append(out, *c.outlet[lineKey{d.oid, shape}], *c.common[shape])
	})
	return out
}

// ShingleEntries returns the entries document d adds to the shingle
// counts: each of its ordered shingles, with the document's index in the
// low 26 bits. Entries are counted by key (the top 38 bits): a shard of
// the counts must hold every entry of its keys (CountShingles).
func (f *Fingerprint) ShingleEntries(d *Doc) []uint64 {
	out := make([]uint64, len(f.raw))
	for i, h := range f.raw {
		out[i] = entry(h, d.Index)
	}
	return out
}

// Shingles returns how many ordered shingles the fingerprint holds.
func (f *Fingerprint) Shingles() int { return len(f.raw) }

// CountShingles counts one shard of shingle entries (ShingleEntries, all
// entries of each key they hold) and returns what the model learns from
// it: the keys of stock phrases (in common or more documents) and of
// outlet boilerplate (in BoilerplateDocs or more documents of one
// outlet). The documents of the entries are indexes into outletOf, which
// gives each one's outlet as an index into outletIDs (OutletID of a
// LineCount: a hash of the name; see OutletID). Entries are sorted in
// place. common is CommonDocsFor the corpus.
func (o Options) CountShingles(entries []uint64, outletOf []int32, outletIDs []uint64, common int) (stock, outlet []uint64) {
	slices.Sort(entries)
	return countRuns(entries, outletOf, outletIDs, o.BoilerplateDocs, common)
}

// OutletID is the hash that names an outlet in a boilerplate model.
func OutletID(name string) uint64 { return outletID(name) }

// NewBoilerplate builds the model a scan of the given number of
// documents learns from its counts: every LineCount summed over all
// documents (one per key), and the stock and outlet keys CountShingles
// returned for every shard.
func NewBoilerplate(opts Options, documents int, lines []LineCount, stock, outlet []uint64) *Boilerplate {
	bp := newBoilerplate()
	c := newLineCounts()
	for i := range lines {
		lc := &lines[i]
		if lc.PerOutlet {
			c.outlet[lineKey{lc.OutletID, lc.Shape}] = lc
		} else {
			c.common[lc.Shape] = lc
		}
	}
	c.learn(bp, opts.BoilerplateDocs, opts.CommonDocsFor(documents))
	for _, h := range stock {
		bp.common.add(h)
	}
	for _, h := range outlet {
		bp.outletShingl.add(h)
	}
	return bp
}

// Finisher runs step 3 on one document at a time without a Scanner:
// leaves the model's boilerplate out and computes the content set and
// candidate keys. It is not safe for concurrent use: give each worker
// its own.
type Finisher struct {
	opts        Options
	minhash     *shingle.MinHasher
	bands, rows int
	bp          *Boilerplate
	buf         finishBuffers
}

// NewFinisher returns a Finisher leaving out bp's boilerplate.
func NewFinisher(opts Options, bp *Boilerplate) *Finisher {
	b, r := opts.Layout()
	return &Finisher{opts: opts, minhash: shingle.NewMinHasher(opts.NumHashes, opts.Seed), bands: b, rows: r, bp: bp}
}

// Finish sets d's Set and Boilerplate and returns its candidate keys (as
// Scanner.Keys returns them; none when nothing is left) and its sentences
// without boilerplate, for the rewrite channel.
func (f *Finisher) Finish(d *Doc, fp *Fingerprint) (keys []uint64, sentences *Sentences) {
	d.oid = outletID(d.Outlet)
	decodeProfile(fp.profile, &f.buf.prof)
	decodeLines(fp.lines, &f.buf.lines)
	sent, set, keys := finishDoc(f.opts, f.minhash, f.bands, f.rows, d, fp.raw, f.bp, &f.buf)
	d.Set = slices.Clone(set)
	return slices.Clone(keys), &Sentences{enc: slices.Clone(sent)}
}

// KeyWeight is what a candidate key (Scanner.Keys) held by size
// documents adds to each pair of them: MinFingerprints for a band key,
// 1 for a fingerprint, 0 for a key not expanded: a band key in more than
// MaxBucket documents (overfull: reported with BucketWarning) or a
// fingerprint in commonDocs (CommonDocsFor) or more, which only a hash
// collision with a stock phrase reaches. A pair whose sum reaches
// MinFingerprints is a candidate.
func (o Options) KeyWeight(key uint64, size, commonDocs int) (weight int, overfull bool) {
	switch band := key&bandTag != 0; {
	case band && size > o.MaxBucket:
		return 0, true
	case band:
		return o.MinFingerprints, false
	case size >= commonDocs:
		return 0, false
	}
	return 1, false
}

// BucketWarning is the warning of a scan that left n overfull LSH
// buckets unexpanded, the largest holding largest documents.
func BucketWarning(n, largest int) string {
	return fmt.Sprintf("%d LSH buckets held more than the --max-bucket limit of documents (largest %d) and were not expanded; raise --max-bucket to compare them", n, largest)
}

// ClusterBefore is the order of a scan's stories: by their earliest full
// member, by time (unknown last), then id. docs are the scan's documents.
func ClusterBefore(docs []*Doc, a, b Cluster) bool {
	return docBefore(docs[firstFull(a)], docs[firstFull(b)])
}
