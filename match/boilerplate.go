package match

import (
	"slices"
	"sort"
)

// BoilerLine is a line learned as boilerplate, for the report.
type BoilerLine struct {
	Outlet string // "" for a line common across outlets
	Text   string // the line as first written (short lines only)
	Docs   int    // articles (of the outlet, or overall) containing it
}

type lineKey struct {
	outlet int32
	shape  uint64
}

// boilerplate holds what was learned: line shapes and shingles to leave out.
type boilerplate struct {
	outletLines  map[lineKey]bool
	commonLines  map[uint64]bool
	outletShingl map[uint64]bool // keyed by outletKey
	common       map[uint64]bool
	lines        []BoilerLine
}

func (b *boilerplate) line(outlet int32, shape uint64) bool {
	return b.outletLines[lineKey{outlet, shape}] || b.commonLines[shape]
}

func (b *boilerplate) shingle(outlet int32, h uint64) bool {
	return b.common[h] || b.outletShingl[outletKey(h, outlet)]
}

func outletKey(h uint64, outlet int32) uint64 {
	x := h ^ (uint64(outlet)+1)*0x9E3779B97F4A7C15
	x ^= x >> 29
	x *= 0xbf58476d1ce4e5b9
	return x ^ x>>32
}

// learnBoilerplate counts lines and shingles over all documents.
func (s *Scanner) learnBoilerplate(docs []*Doc, outletDocs []int) *boilerplate {
	bp := &boilerplate{
		outletLines: map[lineKey]bool{}, commonLines: map[uint64]bool{},
		outletShingl: map[uint64]bool{}, common: map[uint64]bool{},
	}
	s.learnLines(docs, bp)
	s.learnShingles(docs, outletDocs, bp)
	return bp
}

func (s *Scanner) learnLines(docs []*Doc, bp *boilerplate) {
	outletCount := map[lineKey]int{}
	commonCount := map[uint64]int{}
	firstText := map[lineKey]string{}
	var seen []uint64
	for _, d := range docs {
		seen = seen[:0]
		for _, l := range d.lines {
			if slices.Contains(seen, l.shape) {
				continue
			}
			seen = append(seen, l.shape)
			k := lineKey{d.outlet, l.shape}
			outletCount[k]++
			commonCount[l.shape]++
			if _, ok := firstText[k]; !ok && l.text != "" {
				firstText[k] = l.text
			}
			if _, ok := firstText[lineKey{-1, l.shape}]; !ok && l.text != "" {
				firstText[lineKey{-1, l.shape}] = l.text
			}
		}
	}
	for k, n := range outletCount {
		if n >= s.opts.BoilerplateDocs {
			bp.outletLines[k] = true
			bp.lines = append(bp.lines, BoilerLine{Outlet: s.outlets[k.outlet], Text: firstText[k], Docs: n})
		}
	}
	for shape, n := range commonCount {
		if n >= s.common {
			bp.commonLines[shape] = true
			bp.lines = append(bp.lines, BoilerLine{Text: firstText[lineKey{-1, shape}], Docs: n})
		}
	}
	sort.Slice(bp.lines, func(i, j int) bool {
		a, b := bp.lines[i], bp.lines[j]
		if a.Outlet != b.Outlet {
			return a.Outlet < b.Outlet
		}
		if a.Docs != b.Docs {
			return a.Docs > b.Docs
		}
		return a.Text < b.Text
	})
}

// shardKeys is about how many distinct keys one counting map holds.
const shardKeys = 1 << 22

type dfCount struct{ n, last int32 }

// learnShingles finds stock phrases (shingles in CommonDocs articles or
// more) and outlet boilerplate (shingles in BoilerplateDocs articles of one
// outlet or more) by exact counting in hash-sharded maps.
func (s *Scanner) learnShingles(docs []*Doc, outletDocs []int, bp *boilerplate) {
	total := 0
	for _, d := range docs {
		total += 2 * len(d.raw)
	}
	bits := 0
	for (total >> bits) > shardKeys {
		bits++
	}
	shards := 1 << bits
	commonHits := make([][]uint64, shards)
	outletHits := make([][]uint64, shards)
	parallel(shards, s.opts.Workers, func(_, shard int) {
		common := map[uint64]dfCount{}
		outlet := map[uint64]dfCount{}
		for di, d := range docs {
			countOutlet := outletDocs[d.outlet] >= s.opts.BoilerplateDocs
			for _, h := range d.raw {
				if bits > 0 && int(h>>(64-bits)) != shard {
					continue
				}
				bump(common, h, int32(di))
				if countOutlet {
					bump(outlet, outletKey(h, d.outlet), int32(di))
				}
			}
		}
		for h, c := range common {
			if int(c.n) >= s.common {
				commonHits[shard] = append(commonHits[shard], h)
			}
		}
		for h, c := range outlet {
			if int(c.n) >= s.opts.BoilerplateDocs {
				outletHits[shard] = append(outletHits[shard], h)
			}
		}
	})
	for i := range shards {
		for _, h := range commonHits[i] {
			bp.common[h] = true
		}
		for _, h := range outletHits[i] {
			bp.outletShingl[h] = true
		}
	}
}

func bump(m map[uint64]dfCount, key uint64, doc int32) {
	c := m[key]
	if c.last == doc+1 {
		return
	}
	c.n++
	c.last = doc + 1
	m[key] = c
}
