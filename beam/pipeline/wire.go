package pipeline

import (
	"bytes"
	"encoding/gob"
	"fmt"

	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/match"
	"github.com/wiretrace/wiretrace/provenance"
)

// Elements cross stages as gob-encoded []byte rather than as Go structs
// with Beam's schema coders: the library's types (time.Time, raw JSON
// maps, nested mentions) are not all schema-encodable, and a []byte
// element lets a stage decode only what it reads.

// article is one valid record, with the order it had in the input (file
// ordinal, line) and its credits, extracted where it was read.
type article struct {
	File    int64 // ordinal of the file in the sorted input list
	Art     corpus.Article
	Credits []credit.Mention
}

// badRecord is a record that failed validation. Fatal is set when the run
// does not skip bad records: the first fatal one by input order stops it.
type badRecord struct {
	File  int64
	Err   corpus.RecordError
	Fatal bool
}

// meta is what the prepare stage learned about the whole corpus.
type meta struct {
	Documents   int
	Keys        int // candidate keys of all documents, to size key shards
	Bands, Rows int
	CommonDocs  int
	Boilerplate []match.BoilerLine
}

// component is one connected component of the link graph with its
// stories, in global document indexes: what the report stage needs of it.
// Prov, parallel to Clusters, is set when its stories are placed (and
// the documents' sets are then dropped).
type component struct {
	Docs     []match.Doc // members of its stories, by index
	Links    []match.Link
	Clusters []match.Cluster
	Prov     []provenance.Cluster
}

func encode(v any) []byte {
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(v); err != nil {
		// Only a type gob cannot encode gets here: a programming error.
		panic(fmt.Sprintf("pipeline: encode %T: %v", v, err))
	}
	return b.Bytes()
}

func decode[T any](b []byte) (*T, error) {
	v := new(T)
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(v); err != nil {
		return nil, fmt.Errorf("pipeline: decode %T: %w", v, err)
	}
	return v, nil
}

// decodeAll decodes every element an iterator (a grouped value or a side
// input) yields.
func decodeAll[T any](next func(*[]byte) bool) ([]*T, error) {
	var out []*T
	var b []byte
	for next(&b) {
		v, err := decode[T](b)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// before orders records by their place in the input.
func before(fa int64, pa corpus.Position, fb int64, pb corpus.Position) bool {
	if fa != fb {
		return fa < fb
	}
	return pa.Line < pb.Line
}
