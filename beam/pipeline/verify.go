package pipeline

import (
	"encoding/binary"
	"errors"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/wiretrace/wiretrace/match"
)

func init() {
	// Generic registration spares the workers reflection on every call.
	register.DoFn2x3[int64, []byte, int64, []byte, error](&setOfFn{})
	register.DoFn1x2[int64, int64, int64](&pairByAFn{})
	register.DoFn4x1[int64, func(*[]byte) bool, func(*int64) bool, func(int64, []byte), error](&attachAFn{})
	register.DoFn4x1[int64, func(*[]byte) bool, func(*[]byte) bool, func([]byte), error](&verifyFn{})
}

// verify joins each candidate pair with the content sets of its two
// articles (a join on a, then on b) and keeps the pairs the library's
// Scanner.Verify keeps. Each set travels once per candidate pair it is
// in, plus once for each side of the join.
func verify(s beam.Scope, cfg Config, docs, pairs beam.PCollection) beam.PCollection {
	s = s.Scope("verify")
	sets := beam.ParDo(s, &setOfFn{}, docs)
	byA := beam.ParDo(s, &pairByAFn{}, pairs)
	withA := beam.ParDo(s, &attachAFn{}, beam.CoGroupByKey(s, sets, byA))
	return beam.ParDo(s, &verifyFn{Cfg: cfg}, beam.CoGroupByKey(s, sets, withA))
}

// setOfFn keeps a prepared document's content set, as little-endian words.
type setOfFn struct{}

func (f *setOfFn) ProcessElement(idx int64, b []byte) (int64, []byte, error) {
	p, err := decode[prepared](b)
	if err != nil {
		return 0, nil, err
	}
	return idx, packSet(nil, p.Doc.Set), nil
}

type pairByAFn struct{}

func (f *pairByAFn) ProcessElement(pair int64) (int64, int64) { return pair >> 32, pair & (1<<32 - 1) }

// attachAFn sends a's set to each b it pairs with: (b, a's index, a's set).
type attachAFn struct{}

func (f *attachAFn) ProcessElement(a int64, sets func(*[]byte) bool, bs func(*int64) bool, emit func(int64, []byte)) error {
	var set []byte
	if !sets(&set) {
		return errors.New("pipeline: candidate pair names a document that was not prepared")
	}
	msg := binary.AppendUvarint(nil, uint64(a))
	msg = append(msg, set...)
	var b int64
	for bs(&b) {
		emit(b, msg)
	}
	return nil
}

// verifyFn measures each pair (a, b) with the library's Verify.
type verifyFn struct {
	Cfg Config
	sc  *match.Scanner
}

func (f *verifyFn) Setup() error {
	opts := f.Cfg.Match
	opts.Workers = 1
	sc, err := match.NewScanner(opts, nil)
	if err != nil {
		return err
	}
	sc.Abort() // Verify needs no fingerprinting workers
	f.sc = sc
	return nil
}

func (f *verifyFn) ProcessElement(b int64, sets func(*[]byte) bool, as func(*[]byte) bool, emit func([]byte)) error {
	var setB []byte
	if !sets(&setB) {
		return errors.New("pipeline: candidate pair names a document that was not prepared")
	}
	db := &match.Doc{Index: int(b), Set: unpackSet(setB)}
	var msg []byte
	for as(&msg) {
		a, n := binary.Uvarint(msg)
		da := &match.Doc{Index: int(a), Set: unpackSet(msg[n:])}
		if l, ok := f.sc.Verify(da, db); ok {
			emit(encode(l))
		}
	}
	return nil
}

func packSet(out []byte, set []uint64) []byte {
	for _, h := range set {
		out = binary.LittleEndian.AppendUint64(out, h)
	}
	return out
}

func unpackSet(b []byte) []uint64 {
	set := make([]uint64, len(b)/8)
	for i := range set {
		set[i] = binary.LittleEndian.Uint64(b[8*i:])
	}
	return set
}
