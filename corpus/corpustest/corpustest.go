// Package corpustest writes the inputs that tests of wiretrace's readers
// need in binary formats: Parquet files (with github.com/parquet-go/
// parquet-go, the library the reader uses) and zstd streams. It is for
// tests only.
package corpustest

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go"
)

// Zstd compresses src to w.
func Zstd(w io.Writer, src io.Reader) error {
	zw, err := zstd.NewWriter(w)
	if err != nil {
		return err
	}
	if _, err := io.Copy(zw, src); err != nil {
		zw.Close()
		return err
	}
	return zw.Close()
}

// Parquet writes records (decoded JSON objects) as a Parquet file whose
// schema is the union of their fields: a JSON string is an optional
// string column, an integer an optional int64, a number a double, a
// boolean a boolean, an object of such values a group. rowsPerGroup > 0
// starts a new row group every so many rows.
func Parquet(w io.Writer, records []map[string]any, rowsPerGroup int) error {
	group := parquet.Group{}
	for _, rec := range records {
		if err := addFields(group, rec); err != nil {
			return err
		}
	}
	schema := parquet.NewSchema("record", group)
	opts := []parquet.WriterOption{schema}
	if rowsPerGroup > 0 {
		opts = append(opts, parquet.MaxRowsPerRowGroup(int64(rowsPerGroup)))
	}
	pw := parquet.NewGenericWriter[map[string]any](w, opts...)
	for _, rec := range records {
		if _, err := pw.Write([]map[string]any{normalise(rec)}); err != nil {
			return err
		}
	}
	return pw.Close()
}

func addFields(g parquet.Group, rec map[string]any) error {
	keys := make([]string, 0, len(rec))
	for k := range rec {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		var node parquet.Node
		switch v := rec[k].(type) {
		case nil:
			continue
		case string:
			node = parquet.Optional(parquet.String())
		case json.Number:
			if _, err := v.Int64(); err == nil {
				node = parquet.Optional(parquet.Int(64))
			} else {
				node = parquet.Optional(parquet.Leaf(parquet.DoubleType))
			}
		case float64:
			if v == float64(int64(v)) {
				node = parquet.Optional(parquet.Int(64))
			} else {
				node = parquet.Optional(parquet.Leaf(parquet.DoubleType))
			}
		case bool:
			node = parquet.Optional(parquet.Leaf(parquet.BooleanType))
		case map[string]any:
			sub, ok := g[k].(parquet.Group)
			if !ok {
				sub = parquet.Group{}
			}
			if err := addFields(sub, v); err != nil {
				return err
			}
			g[k] = sub
			continue
		default:
			return fmt.Errorf("field %q: %T cannot be written", k, v)
		}
		if _, ok := g[k]; !ok {
			g[k] = node
		}
	}
	return nil
}

// normalise turns JSON numbers into int64 or float64 for the writer.
func normalise(rec map[string]any) map[string]any {
	out := make(map[string]any, len(rec))
	for k, v := range rec {
		switch x := v.(type) {
		case json.Number:
			if i, err := x.Int64(); err == nil {
				out[k] = i
			} else {
				f, _ := x.Float64()
				out[k] = f
			}
		case float64:
			if x == float64(int64(x)) {
				out[k] = int64(x)
			} else {
				out[k] = x
			}
		case map[string]any:
			out[k] = normalise(x)
		default:
			out[k] = v
		}
	}
	return out
}
