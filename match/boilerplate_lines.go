package match

import (
	"github.com/wiretrace/wiretrace/spill"
)

// learnLines counts, over all documents, the documents holding each line
// shape (overall and per outlet) in two passes, without a table of every
// shape: most lines are unique to one article, and a map entry for each of
// ten million lines was 740 MB at a million articles. The first pass
// scatters one entry per distinct shape of a document into key shards
// (spilled past the budget, as shingles are) — the shape itself, and the
// shape mixed with the outlet — and a sorted shard's runs give each key's
// number of documents; only keys that reach their threshold are kept. The
// second pass reads the documents again in order for the first text of
// each kept key, as the report shows it.
func (s *Scanner) learnLines(docs []*Doc, bp *Boilerplate) error {
	common, outlet, err := s.countLineKeys(docs)
	if err != nil {
		return err
	}
	counts := newLineCounts()
	var seen, buf []uint64
	var ls lineSet
	for i, d := range docs {
		enc, err := s.st.lines.Get(i, &buf)
		if err != nil {
			return err
		}
		decodeLines(enc, &ls)
		eachShape(&ls, &seen, func(shape uint64, text []byte) {
			if n, ok := outlet[outletKey(shape, d.oid)]; ok {
				counts.keepFirst(counts.outletCount(lineKey{d.oid, shape}, d.Outlet), d, n, text)
			}
			if n, ok := common[shape]; ok {
				counts.keepFirst(counts.commonCount(shape), d, n, text)
			}
		})
	}
	counts.learn(bp, s.opts.BoilerplateDocs, s.common)
	return nil
}

// keepFirst sets a kept count's documents and, if it has none yet, its
// first text.
func (c *lineCounts) keepFirst(lc *LineCount, d *Doc, docs int, text []byte) {
	lc.Docs = docs
	if lc.First < 0 && len(text) > 0 {
		lc.First, lc.Text = d.Index, string(text)
	}
}

// countLineKeys returns the shapes in s.common or more documents and the
// outlet keys (outletKey of shape and outlet) in BoilerplateDocs or more,
// each with its number of documents. Outlet keys are 64-bit hashes of the
// pair, as the shingles' are: two pairs collide with a chance of about
// n²/2⁶⁵ (10⁻⁶ for ten million lines).
func (s *Scanner) countLineKeys(docs []*Doc) (common, outlet map[uint64]int, err error) {
	total := 0
	for i := range docs {
		total += s.st.lines.Len(i) / 3 // at least the lines: three words each, and text
	}
	bits := shardBits(total, s.shardLimit(), s.opts.Workers)
	shapes := spill.NewBuckets(bits, 64-bits, s.opts.Workers, s.opts.share(3, 16), s.opts.TempDir)
	defer shapes.Close()
	pairs := spill.NewBuckets(bits, 64-bits, s.opts.Workers, s.opts.share(3, 16), s.opts.TempDir)
	shapes.Expect(total)
	pairs.Expect(total)
	defer pairs.Close()
	seen := make([][]uint64, s.opts.Workers)
	sets := make([]lineSet, s.opts.Workers)
	err = scatter(len(docs), s.opts.Workers, func(w, i int, buf *[]uint64) error {
		enc, err := s.st.lines.Get(i, buf)
		if err != nil {
			return err
		}
		decodeLines(enc, &sets[w])
		sw, pw, oid := shapes.Writer(w), pairs.Writer(w), docs[i].oid
		eachShape(&sets[w], &seen[w], func(shape uint64, _ []byte) {
			sw.Add(shape)
			pw.Add(outletKey(shape, oid))
		})
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if common, err = s.countKeys(shapes, s.common); err != nil {
		return nil, nil, err
	}
	outlet, err = s.countKeys(pairs, s.opts.BoilerplateDocs)
	return common, outlet, err
}

// countKeys returns the keys of b's shards that occur min or more times,
// with their counts.
func (s *Scanner) countKeys(b *spill.Buckets, min int) (map[uint64]int, error) {
	n := b.Shards()
	found := make([]map[uint64]int, n)
	errs := make([]error, n)
	bufs := make([]shardBuffers, s.opts.Workers)
	parallel(n, s.opts.Workers, func(w, shard int) {
		entries, err := bufs[w].load(b, shard, 0)
		if err != nil {
			errs[shard] = err
			return
		}
		for i := 0; i < len(entries); {
			j := i + 1
			for j < len(entries) && entries[j] == entries[i] {
				j++
			}
			if j-i >= min {
				if found[shard] == nil {
					found[shard] = map[uint64]int{}
				}
				found[shard][entries[i]] = j - i
			}
			i = j
		}
	})
	if err := firstErr(errs...); err != nil {
		return nil, err
	}
	out := map[uint64]int{}
	for _, f := range found {
		for k, v := range f {
			out[k] = v
		}
	}
	return out, nil
}
