package pipeline

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/wiretrace/wiretrace/align"
	"github.com/wiretrace/wiretrace/match"
)

func init() {
	// Generic registration spares the workers reflection on every call.
	register.DoFn1x2[int64, int64, int64](&requestFn{})
	register.DoFn5x1[int64, func(*[]byte) bool, func(*[]byte) bool, func(*int64) bool, func(int64, []byte), error](&attachAFn{})
	register.DoFn5x1[int64, func(*[]byte) bool, func(*[]byte) bool, func(*[]byte) bool, func([]byte), error](&verifyFn{})
	register.DoFn7x1[int64, func(*[]byte) bool, func(*[]byte) bool, func(*[]byte) bool, func(*int64, *[]byte) bool, func(*int64) bool, func([]byte), error](&alignFn{})
}

// What made a pair a candidate: shared shingle keys, rare words (the
// rewrite channel), or both.
const (
	shingleCandidate = 1 << iota
	rareCandidate
)

// verify joins each candidate pair with its two documents' content sets
// and, for rewrite candidates, sentences (a join on a, then on b), and
// measures it as match does: a shingle candidate by Scanner.Verify; a
// rewrite candidate (match.Options.Rewrites), unless its shingle link is
// already a copy, by match.Options.AlignPair, which returns its link
// aligned, or a rewritten copy. It returns the links.
//
// Both channels' candidates share one join: each set travels once for
// each side of the join plus once for each pair it is the first document
// of, and sentences only for rewrite candidates. (Joining the channels
// separately carried every set and sentence profile through four joins,
// and the shingle links through a fifth, to find which pairs were
// already copies.) Without rewrites, sentences is empty.
func verify(s beam.Scope, cfg Config, sets, sentences, info, pairs beam.PCollection) beam.PCollection {
	s = s.Scope("verify")
	reqs := beam.ParDo(s, &requestFn{Flag: shingleCandidate}, pairs)
	if !cfg.Match.Rewrites {
		withA := beam.ParDo(s, &attachAFn{}, beam.CoGroupByKey(s, sets, sentences, reqs))
		return beam.ParDo(s, &verifyFn{Cfg: cfg}, beam.CoGroupByKey(s, sets, sentences, withA))
	}
	rare, df, docsWithWords := rewriteCandidates(s, cfg, sentences, info)
	reqs = beam.Flatten(s, reqs, beam.ParDo(s, &requestFn{Flag: rareCandidate}, rare))
	withA := beam.ParDo(s, &attachAFn{}, beam.CoGroupByKey(s, sets, sentences, reqs))
	return beam.ParDo(s, &alignFn{Cfg: cfg}, beam.CoGroupByKey(s, sets, sentences, withA),
		beam.SideInput{Input: df}, beam.SideInput{Input: docsWithWords})
}

// requestFn keys a candidate pair (a<<32|b) by a, with b and what made
// it a candidate.
type requestFn struct{ Flag int64 }

func (f *requestFn) ProcessElement(pair int64) (int64, int64) {
	return pair >> 32, (pair&(1<<32-1))<<2 | f.Flag
}

// attachAFn sends a's set, and its sentences for a rewrite candidate, to
// each b it pairs with: (b, request). A pair found by both channels
// goes once.
type attachAFn struct{}

func (f *attachAFn) ProcessElement(a int64, sets func(*[]byte) bool, sents func(*[]byte) bool, reqs func(*int64) bool, emit func(int64, []byte)) error {
	flags := map[int64]byte{}
	var r int64
	for reqs(&r) {
		flags[r>>2] |= byte(r & 3)
	}
	if len(flags) == 0 {
		return nil
	}
	var set, sent []byte
	if !sets(&set) {
		return errors.New("pipeline: candidate pair names a document that was not prepared")
	}
	hasSent := sents(&sent)
	for b, fl := range flags {
		if fl&rareCandidate != 0 && !hasSent {
			return errors.New("pipeline: a rewrite candidate names a document without sentences")
		}
		emit(b, appendRequest(nil, a, fl, set, sent))
	}
	return nil
}

// A request is a's index (uvarint), the flags (a byte), a's set (its
// length in bytes as a uvarint, then the set) and, for a rewrite
// candidate, a's sentences (the rest).
func appendRequest(out []byte, a int64, flags byte, set, sent []byte) []byte {
	out = binary.AppendUvarint(out, uint64(a))
	out = append(out, flags)
	out = binary.AppendUvarint(out, uint64(len(set)))
	out = append(out, set...)
	if flags&rareCandidate != 0 {
		out = append(out, sent...)
	}
	return out
}

type request struct {
	a         int
	flags     byte
	set, sent []byte
}

func readRequest(b []byte) (request, error) {
	bad := errors.New("pipeline: bad pair request")
	a, n := binary.Uvarint(b)
	if n <= 0 || len(b) < n+1 {
		return request{}, bad
	}
	r := request{a: int(a), flags: b[n]}
	b = b[n+1:]
	size, n := binary.Uvarint(b)
	if n <= 0 || uint64(len(b)-n) < size {
		return request{}, bad
	}
	r.set, r.sent = b[n:n+int(size)], b[n+int(size):]
	return r, nil
}

// pairs measures b's requests, reading b's set and sentences from the
// join; freq gives the word frequencies, asked only for a rewrite
// candidate.
func (c Config) pairs(sc *match.Scanner, b int64, sets, sents, reqs func(*[]byte) bool, freq func() (*align.Frequencies, error), emit func([]byte)) error {
	var setB, sentB, msg []byte
	if !sets(&setB) {
		if reqs(&msg) {
			return errors.New("pipeline: candidate pair names a document that was not prepared")
		}
		return nil
	}
	hasSent := sents(&sentB)
	db, err := unpackDocSet(int(b), setB)
	if err != nil {
		return err
	}
	var sb *match.Sentences
	for reqs(&msg) {
		r, err := readRequest(msg)
		if err != nil {
			return err
		}
		da, err := unpackDocSet(r.a, r.set)
		if err != nil {
			return err
		}
		var existing *match.Link
		if r.flags&shingleCandidate != 0 {
			if l, ok := sc.Verify(da, db); ok {
				existing = &l
			}
		}
		if r.flags&rareCandidate == 0 || (existing != nil && c.Match.IsCopy(*existing)) {
			if existing != nil {
				emit(encode(*existing))
			}
			continue
		}
		if !hasSent {
			return errors.New("pipeline: a rewrite candidate names a document without sentences")
		}
		if sb == nil {
			if sb, err = match.UnmarshalSentences(sentB); err != nil {
				return err
			}
		}
		sa, err := match.UnmarshalSentences(r.sent)
		if err != nil {
			return err
		}
		fr, err := freq()
		if err != nil {
			return err
		}
		if l, ok := c.Match.AlignPair(da, db, sa, sb, existing, fr); ok {
			emit(encode(l))
		} else if existing != nil {
			emit(encode(*existing))
		}
	}
	return nil
}

// scanner returns a Scanner for Verify and Cluster alone.
func (c Config) scanner() (*match.Scanner, error) {
	opts := c.Match
	opts.Workers = 1
	sc, err := match.NewScanner(opts, nil)
	if err != nil {
		return nil, err
	}
	sc.Abort() // no fingerprinting workers
	return sc, nil
}

// verifyFn measures shingle candidates (without the rewrite channel).
type verifyFn struct {
	Cfg Config
	sc  *match.Scanner
}

func (f *verifyFn) Setup() (err error) {
	f.sc, err = f.Cfg.scanner()
	return err
}

func (f *verifyFn) ProcessElement(b int64, sets, sents, reqs func(*[]byte) bool, emit func([]byte)) error {
	noFreq := func() (*align.Frequencies, error) {
		return nil, errors.New("pipeline: a rewrite candidate without the rewrite channel")
	}
	return f.Cfg.pairs(f.sc, b, sets, sents, reqs, noFreq, emit)
}

// alignFn measures the candidates of both channels.
type alignFn struct {
	Cfg  Config
	sc   *match.Scanner
	freq *align.Frequencies // from the side inputs, once per instance
}

func (f *alignFn) Setup() (err error) {
	f.sc, err = f.Cfg.scanner()
	return err
}

func (f *alignFn) ProcessElement(b int64, sets, sents, reqs func(*[]byte) bool, dfs func(*int64, *[]byte) bool, docs func(*int64) bool, emit func([]byte)) error {
	freq := func() (*align.Frequencies, error) {
		if f.freq == nil {
			fr, err := frequencies(dfs, docs)
			if err != nil {
				return nil, err
			}
			f.freq = fr
		}
		return f.freq, nil
	}
	return f.Cfg.pairs(f.sc, b, sets, sents, reqs, freq, emit)
}

func packSet(out []byte, set []uint64) []byte {
	for _, h := range set {
		out = binary.LittleEndian.AppendUint64(out, h)
	}
	return out
}

// packDocSet packs what verification reads of a document: its lead
// (match.Doc.Lead, which tells a brief from a quoted passage) and its
// content set.
func packDocSet(d *match.Doc) []byte {
	return packSet(packSet(make([]byte, 0, 8*(len(d.Lead)+len(d.Set))), d.Lead[:]), d.Set)
}

// unpackDocSet is packDocSet's inverse, for document i.
func unpackDocSet(i int, b []byte) (*match.Doc, error) {
	d := &match.Doc{Index: i}
	n := 8 * len(d.Lead)
	if len(b) < n || len(b)%8 != 0 {
		return nil, fmt.Errorf("pipeline: document %d: a content set of %d bytes", i, len(b))
	}
	copy(d.Lead[:], unpackSet(b[:n]))
	d.Set = unpackSet(b[n:])
	return d, nil
}

func unpackSet(b []byte) []uint64 {
	set := make([]uint64, len(b)/8)
	for i := range set {
		set[i] = binary.LittleEndian.Uint64(b[8*i:])
	}
	return set
}
