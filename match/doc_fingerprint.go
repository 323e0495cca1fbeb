package match

import (
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/shingle"
)

// Doc is the compact fingerprint of one article; its text is not kept.
type Doc struct {
	Index     int
	ID        string
	Outlet    string
	Title     string
	URL       string
	Published string
	Time      time.Time
	Precision corpus.Precision
	Extra     map[string]json.RawMessage
	Pos       corpus.Position

	Tokens      int // words (or characters of scripts without spaces)
	Boilerplate int // shingles left out of matching as boilerplate
	// Set is the sorted set of content shingles matching uses.
	Set []uint64
	// Annotation is whatever Options.Annotate returned for the article.
	Annotation any

	outlet int32
	fps    []uint64 // sorted distinct winnowed fingerprints
	bands  []uint64

	raw   []uint64 // ordered shingles, until boilerplate is removed
	lines []lineInfo
}

type lineInfo struct {
	first, end int32 // token range
	shape      uint64
	text       string // a copy of the line if it is short, to show boilerplate
}

// maxLineText bounds the lines kept to show learned boilerplate.
const maxLineText = 200

// fingerprint fills d's raw shingles and line shapes from text.
func fingerprint(tz *shingle.Tokenizer, d *Doc, text string, k int) {
	toks := tz.Tokenize(text)
	hashes := make([]uint64, len(toks.Tokens))
	for i, t := range toks.Tokens {
		hashes[i] = t.Hash
	}
	d.Tokens = len(hashes)
	d.raw = shingle.Shingles(hashes, k)
	for i, l := range toks.Lines {
		if l.Shape == 0 {
			continue
		}
		end := len(toks.Tokens)
		if i+1 < len(toks.Lines) {
			end = toks.Lines[i+1].FirstToken
		}
		li := lineInfo{first: int32(l.FirstToken), end: int32(end), shape: l.Shape}
		if l.End-l.Start <= maxLineText {
			li.text = strings.Clone(strings.TrimSpace(text[l.Start:l.End]))
		}
		d.lines = append(d.lines, li)
	}
}

// finish removes boilerplate from d's shingles and computes its matching
// fingerprints: the content set, winnowed fingerprints and LSH band keys.
func (s *Scanner) finish(d *Doc, bp *boilerplate) {
	k := s.opts.K
	drop := make([]bool, len(d.raw))
	for _, l := range d.lines {
		if !bp.line(d.outlet, l.shape) {
			continue
		}
		lo, hi := int(l.first)-k+1, int(l.end)-1
		if len(d.raw) == 1 {
			lo, hi = 0, 0
		}
		for i := max(lo, 0); i <= hi && i < len(drop); i++ {
			drop[i] = true
		}
	}
	keep := make([]uint64, 0, len(d.raw))
	for i, h := range d.raw {
		if drop[i] || bp.shingle(d.outlet, h) {
			continue
		}
		keep = append(keep, h)
	}
	d.Boilerplate = len(d.raw) - len(keep)
	if len(keep) > 0 {
		for _, p := range shingle.Winnow(keep, s.opts.Window) {
			d.fps = append(d.fps, keep[p])
		}
		d.fps = shingle.Set(d.fps)
		d.Set = slices.Clone(shingle.Set(keep)) // right-sized: keep had room for every shingle
		d.bands = shingle.BandKeys(s.minhash.Signature(d.Set), s.bands, s.rows)
	}
	d.raw, d.lines = nil, nil
}
