package index

import (
	"encoding/binary"
	"errors"
	"reflect"
	"testing"

	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/credit"
)

// An index file is read back from disk, where anything can happen to it:
// decoding any bytes as a record or a list of pairs never panics, fails
// only with a damage error, and a record that decodes encodes back to
// bytes that decode to the same record.
func FuzzDecodeRecord(f *testing.F) {
	r := &record{ID: "qna/ryabkov-aleppo.txt", Outlet: "qna", Title: "t", Published: "2016-11-28T13:40:00+03:00",
		Time: "2016-11-28T10:40:00Z", Precision: corpus.TimeInstant, File: "a.jsonl", Line: 3, Tokens: 120, TextHash: 42,
		Credits: []credit.Mention{{Name: "Sputnik", Outlet: "Sputnik", Line: 1}}, Lead: []uint64{7 << 32, 9 << 32, 1 << 32, 3 << 32},
		Set: []uint64{1 << 32, 7 << 32, 9 << 32}}
	for _, sums := range []bool{false, true} {
		v, _ := r.encode(sums)
		f.Add(v, sums)
		f.Add(v[:len(v)-1], sums)
	}
	f.Add([]byte{0}, false)
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, false)
	f.Add(binary.AppendUvarint(nil, 2), false)
	f.Add([]byte{0, 0, 0, 0, 2, '{', '}'}, true)
	f.Fuzz(func(t *testing.T, b []byte, sums bool) {
		var d *damage
		if _, err := decodeSet(b, sums); err != nil && !errors.As(err, &d) {
			t.Fatalf("decodeSet: %v is not a damage error", err)
		}
		if _, err := decodeAdjacency(1, b, sums); err != nil && !errors.As(err, &d) {
			t.Fatalf("decodeAdjacency: %v is not a damage error", err)
		}
		r, err := decodeRecord(b, sums)
		if err != nil {
			if !errors.As(err, &d) {
				t.Fatalf("decodeRecord: %v is not a damage error", err)
			}
			return
		}
		v, err := r.encode(sums)
		if err != nil {
			return // a header json accepts but cannot write back (bad extra JSON)
		}
		again, err := decodeRecord(v, sums)
		if err != nil {
			t.Fatalf("a record that decoded does not decode once encoded: %v", err)
		}
		if !reflect.DeepEqual(r, again) {
			t.Fatalf("round trip changed the record:\n%+v\n%+v", r, again)
		}
	})
}
