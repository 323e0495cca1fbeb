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

func (s *Scanner) learnLines(docs []*Doc, bp *Boilerplate) error {
	outletCount := map[lineKey]int{}
	commonCount := map[uint64]int{}
	firstText := map[lineKey]string{}
	commonText := map[uint64]string{}
	names := map[uint64]string{}
	var seen []uint64
	var buf []uint64
	var ls lineSet
	for i, d := range docs {
		names[d.oid] = d.Outlet
		seen = seen[:0]
		enc, err := s.st.lines.Get(i, &buf)
		if err != nil {
			return err
		}
		decodeLines(enc, &ls)
		for _, l := range ls.lines {
			if slices.Contains(seen, l.shape) {
				continue
			}
			seen = append(seen, l.shape)
			k := lineKey{d.oid, l.shape}
			outletCount[k]++
			commonCount[l.shape]++
			text := ls.textOf(l)
			if _, ok := firstText[k]; !ok && len(text) > 0 {
				firstText[k] = string(text)
			}
			if _, ok := commonText[l.shape]; !ok && len(text) > 0 {
				commonText[l.shape] = string(text)
			}
		}
	}
	for k, n := range outletCount {
		if n >= s.opts.BoilerplateDocs {
			bp.outletLines[k] = true
			bp.lines = append(bp.lines, BoilerLine{Outlet: names[k.outlet], Text: firstText[k], Docs: n})
		}
	}
	for shape, n := range commonCount {
		if n >= s.common {
			bp.commonLines[shape] = true
			bp.lines = append(bp.lines, BoilerLine{Text: commonText[shape], Docs: n})
		}
	}
	sortLines(bp.lines)
	return nil
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
		commonHits[shard], outletHits[shard] = s.countRuns(outletOf, outletDocs, entries)
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
// s.common or more documents, and the outlet keys in BoilerplateDocs or
// more documents of one outlet.
func (s *Scanner) countRuns(outletOf []int32, outletDocs []int, entries []uint64) (common, outlet []uint64) {
	minOutlet := s.opts.BoilerplateDocs
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
		if n >= s.common {
			common = append(common, h)
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
					outlet = append(outlet, outletKey(h, s.outletIDs[outlets[a]]))
				}
				a = b
			}
		}
		i = j
	}
	return common, outlet
}
