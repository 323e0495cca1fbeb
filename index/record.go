package index

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/match"
	"go.etcd.io/bbolt"
)

// record is what the index keeps of one article. It is stored as a JSON
// header followed by the content shingle set, 4 bytes a shingle: the top
// half of each hash (match.Options.ShortSets).
type record struct {
	ID          string                     `json:"id"`
	Outlet      string                     `json:"outlet"`
	Title       string                     `json:"title,omitempty"`
	URL         string                     `json:"url,omitempty"`
	Published   string                     `json:"published,omitempty"`
	Time        string                     `json:"time,omitempty"` // RFC 3339, when Precision > 0
	Precision   corpus.Precision           `json:"precision,omitempty"`
	Extra       map[string]json.RawMessage `json:"extra,omitempty"`
	File        string                     `json:"file"`
	Line        int                        `json:"line,omitempty"`
	Tokens      int                        `json:"tokens"`
	Boilerplate int                        `json:"boilerplate,omitempty"`
	TextHash    uint64                     `json:"text_hash"`
	Credits     []credit.Mention           `json:"credits,omitempty"`
	// Lead is match.Doc.Lead; records written before it have none.
	Lead []uint64 `json:"lead,omitempty"`
	Set  []uint64 `json:"-"`
}

func (r *record) position() corpus.Position { return corpus.Position{File: r.File, Line: r.Line} }

func newRecord(d *match.Doc) *record {
	r := &record{
		ID: d.ID, Outlet: d.Outlet, Title: d.Title, URL: d.URL, Published: d.Published,
		Precision: d.Precision, Extra: d.Extra, File: d.Pos.File, Line: d.Pos.Line,
		Tokens: d.Tokens, Boilerplate: d.Boilerplate, TextHash: d.TextHash, Set: d.Set,
	}
	if d.Precision != corpus.TimeNone {
		r.Time = d.Time.Format(time.RFC3339Nano)
	}
	r.Credits = d.Credits
	if d.Lead != ([len(d.Lead)]uint64{}) {
		r.Lead = d.Lead[:]
	}
	return r
}

// encode packs the record: a uvarint length, the JSON header, the set.
// With sums (format 2 on) the whole is sealed with its checksum.
func (r *record) encode(sums bool) ([]byte, error) {
	head, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, 4+binary.MaxVarintLen64+len(head)+4*len(r.Set))
	if sums {
		out = out[:4]
	}
	out = binary.AppendUvarint(out, uint64(len(head)))
	out = append(out, head...)
	for _, h := range r.Set {
		out = binary.LittleEndian.AppendUint32(out, uint32(h>>32))
	}
	if sums {
		binary.LittleEndian.PutUint32(out, checksum(out[4:]))
	}
	return out, nil
}

// splitRecord checks a stored record and returns its JSON header and
// packed set.
func splitRecord(b []byte, sums bool) (head, set []byte, err error) {
	if sums {
		if b, err = unseal(b, "its record"); err != nil {
			return nil, nil, err
		}
	}
	n, w := binary.Uvarint(b)
	if w <= 0 || n > uint64(len(b)-w) || (uint64(len(b)-w)-n)%4 != 0 {
		return nil, nil, damaged("its record's lengths do not add up")
	}
	return b[w : w+int(n)], b[w+int(n):], nil
}

func decodeRecord(b []byte, sums bool) (*record, error) {
	head, set, err := splitRecord(b, sums)
	if err != nil {
		return nil, err
	}
	r := &record{Set: unpackSet(set)}
	if err := json.Unmarshal(head, r); err != nil {
		return nil, damaged("its record's header does not decode: %v", err)
	}
	if n := len(r.Lead); n != 0 && n != len(match.Doc{}.Lead) {
		return nil, damaged("its record's lead has %d samples", n)
	}
	return r, nil
}

// decodeSet reads only a record's content set: what verification needs,
// without decoding the header.
func decodeSet(b []byte, sums bool) ([]uint64, error) {
	_, set, err := splitRecord(b, sums)
	return unpackSet(set), err
}

func unpackSet(packed []byte) []uint64 {
	set := make([]uint64, len(packed)/4)
	for i := range set {
		set[i] = uint64(binary.LittleEndian.Uint32(packed[4*i:])) << 32
	}
	return set
}

// doc turns a record into a match document at index i.
func (r *record) doc(i int) *match.Doc {
	d := &match.Doc{
		Index: i, ID: r.ID, Outlet: r.Outlet, Title: r.Title, URL: r.URL, Published: r.Published,
		Precision: r.Precision, Extra: r.Extra, Pos: r.position(), Tokens: r.Tokens,
		Boilerplate: r.Boilerplate, TextHash: r.TextHash, Set: r.Set, Indexed: true,
	}
	if r.Time != "" {
		d.Time, _ = time.Parse(time.RFC3339Nano, r.Time)
	}
	if r.Credits != nil {
		d.Credits = r.Credits
	}
	copy(d.Lead[:], r.Lead)
	return d
}

func numKey(n uint32) []byte { return binary.BigEndian.AppendUint64(nil, uint64(n)) }

func getRecord(tx *bbolt.Tx, n uint32, sums bool) (*record, error) {
	v := tx.Bucket(bucketDocs).Get(numKey(n))
	if v == nil {
		return nil, damaged("article %d is linked but has no record", n)
	}
	r, err := decodeRecord(v, sums)
	if err != nil {
		return nil, damaged("article %d: %v", n, err)
	}
	return r, nil
}

// adjacency entries: the other article, shared shingles, the other's set
// size; adjacentSize bytes each. An article's list is one value, sealed
// with its checksum in format 2.
type adjacent struct {
	other, shared, otherLen uint32
}

const adjacentSize = 12

// getAdjacency reads article n's list of pairs.
func getAdjacency(links *bbolt.Bucket, n uint32, sums bool) ([]adjacent, error) {
	b := links.Get(numKey(n))
	if b == nil {
		return nil, nil
	}
	return decodeAdjacency(n, b, sums)
}

func decodeAdjacency(n uint32, b []byte, sums bool) ([]adjacent, error) {
	if sums {
		var err error
		if b, err = unseal(b, fmt.Sprintf("article %d's list of pairs", n)); err != nil {
			return nil, err
		}
	}
	if len(b)%adjacentSize != 0 {
		return nil, damaged("article %d's list of pairs has %d bytes, not a multiple of %d", n, len(b), adjacentSize)
	}
	out := make([]adjacent, len(b)/adjacentSize)
	for i := range out {
		e := b[adjacentSize*i:]
		out[i] = adjacent{binary.LittleEndian.Uint32(e), binary.LittleEndian.Uint32(e[4:]), binary.LittleEndian.Uint32(e[8:])}
	}
	return out, nil
}

// putAdjacency stores article n's list of pairs, deleting an empty one.
func putAdjacency(links *bbolt.Bucket, n uint32, adj []adjacent, sums bool) error {
	if len(adj) == 0 {
		return links.Delete(numKey(n))
	}
	b := make([]byte, 0, adjacentSize*len(adj))
	for _, a := range adj {
		b = binary.LittleEndian.AppendUint32(b, a.other)
		b = binary.LittleEndian.AppendUint32(b, a.shared)
		b = binary.LittleEndian.AppendUint32(b, a.otherLen)
	}
	if sums {
		b = seal(b)
	}
	return links.Put(numKey(n), b)
}
