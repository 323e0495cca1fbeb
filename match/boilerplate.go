package match

import (
	"slices"
	"sort"

	"github.com/wiretrace/wiretrace/spill"

	"github.com/cespare/xxhash/v2"
)

// BoilerLine is a line learned as boilerplate, for the report.
type BoilerLine struct {
	Outlet string // "" for a line common across outlets
	Text   string // the line as first written (short lines only)
	Docs   int    // articles (of the outlet, or overall) containing it
}

type lineKey struct {
	outlet uint64 // outletID of the outlet's name
	shape  uint64
}

// outletID names an outlet by a hash of its name rather than by its order
// in one scan, so that what is learned can be kept and merged with what a
// later scan learns (package index does).
func outletID(name string) uint64 { return xxhash.Sum64String(name) }

// Boilerplate is what was learned: line shapes and shingles to leave out
// of matching, per outlet and across outlets.
type Boilerplate struct {
	outletLines  map[lineKey]bool
	commonLines  map[uint64]bool
	outletShingl *keySet // keyed by outletKey
	common       *keySet
	lines        []BoilerLine
}

func newBoilerplate() *Boilerplate {
	return &Boilerplate{
		outletLines: map[lineKey]bool{}, commonLines: map[uint64]bool{},
		outletShingl: newKeySet(), common: newKeySet(),
	}
}

func (b *Boilerplate) line(outlet uint64, shape uint64) bool {
	return b.outletLines[lineKey{outlet, shape}] || b.commonLines[shape]
}

func (b *Boilerplate) shingle(outlet uint64, h uint64) bool {
	h &^= maxDocs - 1 // counted on the packed key, without the document bits
	return b.common.has(h) || b.outletShingl.has(outletKey(h, outlet))
}

func outletKey(h uint64, outlet uint64) uint64 {
	x := h ^ (outlet+1)*0x9E3779B97F4A7C15
	x ^= x >> 29
	x *= 0xbf58476d1ce4e5b9
	return x ^ x>>32
}

// learnBoilerplate counts lines and shingles over all documents.
func (s *Scanner) learnBoilerplate(docs []*Doc, outletDocs []int) (*Boilerplate, error) {
	bp := newBoilerplate()
	if err := s.learnLines(docs, bp); err != nil {
		return nil, err
	}
	if err := s.learnShingles(docs, outletDocs, bp); err != nil {
		return nil, err
	}
	return bp, nil
}

// eachShape calls fn with the first line of each shape in a document, as
// the counts read it: its shape and its text (empty for a long line;
// valid during the call).
func eachShape(ls *lineSet, seen *[]uint64, fn func(shape uint64, text []byte)) {
	*seen = (*seen)[:0]
	for _, l := range ls.lines {
		if slices.Contains(*seen, l.shape) {
			continue
		}
		*seen = append(*seen, l.shape)
		fn(l.shape, ls.textOf(l))
	}
}

// lineCounts are the documents holding each line shape, per outlet and
// overall, with the first text of each (by document order).
type lineCounts struct {
	outlet map[lineKey]*LineCount
	common map[uint64]*LineCount
}

func newLineCounts() *lineCounts {
	return &lineCounts{outlet: map[lineKey]*LineCount{}, common: map[uint64]*LineCount{}}
}

// addDoc counts document d's line of a shape, its text if it is the
// first seen.
func (c *lineCounts) addDoc(d *Doc, shape uint64, text []byte) {
	k := lineKey{d.oid, shape}
	for _, lc := range []*LineCount{c.outletCount(k, d.Outlet), c.commonCount(shape)} {
		lc.Docs++
		if lc.First < 0 && len(text) > 0 {
			lc.First, lc.Text = d.Index, string(text)
		}
	}
}

func (c *lineCounts) outletCount(k lineKey, name string) *LineCount {
	lc := c.outlet[k]
	if lc == nil {
		lc = &LineCount{PerOutlet: true, OutletID: k.outlet, Shape: k.shape, First: -1}
		c.outlet[k] = lc
	}
	lc.Outlet = name
	return lc
}

func (c *lineCounts) commonCount(shape uint64) *LineCount {
	lc := c.common[shape]
	if lc == nil {
		lc = &LineCount{Shape: shape, First: -1}
		c.common[shape] = lc
	}
	return lc
}

// learnsLine reports whether a shape counted over all documents is
// boilerplate.
func learnsLine(c *LineCount, minOutlet, common int) bool {
	if c.PerOutlet {
		return c.Docs >= minOutlet
	}
	return c.Docs >= common
}

// learn adds to bp the shapes in minOutlet or more documents of one
// outlet, or common or more overall.
func (c *lineCounts) learn(bp *Boilerplate, minOutlet, common int) {
	for k, lc := range c.outlet {
		if learnsLine(lc, minOutlet, common) {
			bp.outletLines[k] = true
			bp.lines = append(bp.lines, BoilerLine{Outlet: lc.Outlet, Text: lc.Text, Docs: lc.Docs})
		}
	}
	for shape, lc := range c.common {
		if learnsLine(lc, minOutlet, common) {
			bp.commonLines[shape] = true
			bp.lines = append(bp.lines, BoilerLine{Text: lc.Text, Docs: lc.Docs})
		}
	}
	sortLines(bp.lines)
}

func sortLines(lines []BoilerLine) {
	sort.Slice(lines, func(i, j int) bool {
		a, b := lines[i], lines[j]
		if a.Outlet != b.Outlet {
			return a.Outlet < b.Outlet
		}
		if a.Docs != b.Docs {
			return a.Docs > b.Docs
		}
		return a.Text < b.Text
	})
}

// learnShingles finds stock phrases (shingles in CommonDocs articles or
// more) and outlet boilerplate (shingles in BoilerplateDocs articles of one
// outlet or more) by exact counting. One pass scatters (shingle, document)
// entries packed into one word into shards by the top bits of the hash
// (package spill; shards go to disk past the memory budget), each worker
// over a contiguous range of documents so that a shard reads back in
// document order; each shard is then sorted and the distinct documents of
// each run counted. Sorting keeps memory access sequential, which matters
// more here than the n log n: a hash table over tens of millions of keys
// spends its time in cache misses.
func (s *Scanner) learnShingles(docs []*Doc, outletDocs []int, bp *Boilerplate) error {
	total := 0
	for i := range docs {
		total += s.st.raw.Len(i)
	}
	bits := shardBits(total, s.shardLimit(), s.opts.Workers)
	shards := spill.NewBuckets(bits, 64-bits, s.opts.Workers, s.opts.share(3, 8), s.opts.TempDir)
	shards.Expect(total)
	defer shards.Close()
	err := scatter(len(docs), s.opts.Workers, func(w, i int, buf *[]uint64) error {
		raw, err := s.st.raw.Get(i, buf)
		bw := shards.Writer(w)
		for _, h := range raw {
			bw.Add(entry(h, i))
		}
		return err
	})
	if err != nil {
		return err
	}
	outletOf := make([]int32, len(docs))
	for i, d := range docs {
		outletOf[i] = d.outlet
	}
	n := shards.Shards()
	commonHits := make([][]uint64, n)
	outletHits := make([][]uint64, n)
	errs := make([]error, n)
	bufs := make([]shardBuffers, s.opts.Workers)
	parallel(n, s.opts.Workers, func(w, shard int) {
		entries, err := bufs[w].load(shards, shard, docBits)
		if err != nil {
			errs[shard] = err
			return
		}
		commonHits[shard], outletHits[shard] = countRuns(entries, outletOf, s.outletIDs, s.opts.BoilerplateDocs, s.common)
	})
	if err := firstErr(errs...); err != nil {
		return err
	}
	for i := range n {
		for _, h := range commonHits[i] {
			bp.common.add(h)
		}
		for _, h := range outletHits[i] {
			bp.outletShingl.add(h)
		}
	}
	return nil
}

// countRuns walks entries sorted by (key, document) and returns the keys in
// common or more documents, and the outlet keys in minOutlet or more
// documents of one outlet. outletOf gives a document's outlet as an index
// into outletIDs.
func countRuns(entries []uint64, outletOf []int32, outletIDs []uint64, minOutlet, common int) (commonKeys, outlet []uint64) {
	var outlets []int32
	for i := 0; i < len(entries); {
		key := entries[i] >> docBits
		j, n, last := i, 0, -1
		for ; j < len(entries) && entries[j]>>docBits == key; j++ {
			if d := int(entries[j] & (maxDocs - 1)); d != last {
				n++
				last = d
			}
		}
		h := key << docBits
		if n >= common {
			commonKeys = append(commonKeys, h)
		}
		if n >= minOutlet {
			outlets = outlets[:0]
			last = -1
			for _, e := range entries[i:j] {
				if d := int(e & (maxDocs - 1)); d != last {
					outlets = append(outlets, outletOf[d])
					last = d
				}
			}
			slices.Sort(outlets)
			for a := 0; a < len(outlets); {
				b := a
				for b < len(outlets) && outlets[b] == outlets[a] {
					b++
				}
				if b-a >= minOutlet {
					outlet = append(outlet, outletKey(h, outletIDs[outlets[a]]))
				}
				a = b
			}
		}
		i = j
	}
	return commonKeys, outlet
}
