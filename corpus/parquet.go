package corpus

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"github.com/parquet-go/parquet-go"
)

// parquetBatchRows is how many rows are decoded at a time.
const parquetBatchRows = 64

// readParquet reads a Parquet file (as Hugging Face datasets export
// them) one row group at a time and, within it, a few rows at a time, so
// memory holds one batch of rows and the pages being decoded, never the
// file. Each row becomes a JSON object of its non-null columns (nested
// groups as objects, lists as arrays, byte arrays as text, timestamps as
// RFC 3339) and is read like a JSON Lines record. A record's position is
// its row number, counted from 1 across row groups.
//
// The file is untrusted bytes: a panic inside the Parquet library on a
// damaged file is turned into a bad input naming the file.
func (r *Reader) readParquet(ctx context.Context, path string, fn func(*Article) error) (err error) {
	f, err := os.Open(path)
	if err != nil {
		return r.bad(&RecordError{Pos: Position{File: path}, Reason: fileReason(err)})
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return r.bad(&RecordError{Pos: Position{File: path}, Reason: fileReason(err)})
	}
	row := int64(0)
	defer func() {
		if p := recover(); p != nil {
			err = r.bad(&RecordError{Pos: Position{File: path, Line: int(row + 1)}, Reason: fmt.Sprintf("damaged Parquet file: %v", p)})
		}
	}()
	pf, err := parquet.OpenFile(f, st.Size(), parquet.SkipBloomFilters(true), parquet.SkipPageIndex(true), parquet.ReadBufferSize(1<<20))
	if err != nil {
		return r.bad(&RecordError{Pos: Position{File: path}, Reason: "not a readable Parquet file: " + err.Error()})
	}
	b := &batch{}
	rows := make([]any, parquetBatchRows)
	meta := pf.Metadata()
	for g, rg := range pf.RowGroups() {
		if err := ctx.Err(); err != nil {
			return err
		}
		pr := parquet.NewGenericRowGroupReader[any](rg)
		for {
			for i := range rows {
				rows[i] = nil
			}
			n, rerr := pr.Read(rows)
			for _, v := range rows[:n] {
				row++
				pos := Position{File: path, Line: int(row)}
				m, _ := v.(map[string]any)
				if rec, bad := mapJSON(m); bad != "" {
					b.addBad(&RecordError{Pos: pos, Reason: bad})
				} else {
					b.add(rec, len(rec) > r.opts.MaxRecordBytes, pos)
				}
				if b.full() {
					if err := r.flush(ctx, b, fn); err != nil {
						pr.Close()
						return err
					}
				}
			}
			if errors.Is(rerr, io.EOF) {
				break
			}
			if rerr != nil {
				pr.Close()
				if ferr := r.flush(ctx, b, fn); ferr != nil {
					return ferr
				}
				return r.bad(&RecordError{Pos: Position{File: path, Line: int(row + 1)}, Reason: "damaged Parquet file: " + rerr.Error() + "; the rest of the file is not read"})
			}
		}
		pr.Close()
		if g < len(meta.RowGroups) {
			r.done.Add(max(0, meta.RowGroups[g].TotalCompressedSize))
		}
	}
	return r.flush(ctx, b, fn)
}

// mapJSON writes a row as a JSON object of its non-null columns, or says
// why it cannot (text that is not UTF-8).
func mapJSON(m map[string]any) ([]byte, string) {
	for k, v := range m {
		if v == nil {
			delete(m, k) // a null column is an absent field, as in CSV
			continue
		}
		nv, bad := jsonable(k, v)
		if bad != "" {
			return nil, bad
		}
		m[k] = nv
	}
	rec, err := json.Marshal(m) // keys sorted: deterministic
	if err != nil {
		return nil, "cannot convert the row: " + err.Error()
	}
	return rec, ""
}

// jsonable turns byte arrays into strings (Parquet text without a UTF8
// annotation) throughout a value.
func jsonable(col string, v any) (any, string) {
	switch x := v.(type) {
	case []byte:
		if !utf8.Valid(x) {
			return nil, fmt.Sprintf("invalid UTF-8 in column %q", col)
		}
		return string(x), ""
	case string:
		if !utf8.ValidString(x) {
			return nil, fmt.Sprintf("invalid UTF-8 in column %q", col)
		}
	case map[string]any:
		for k, e := range x {
			nv, bad := jsonable(col+"."+k, e)
			if bad != "" {
				return nil, bad
			}
			x[k] = nv
		}
	case []any:
		for i, e := range x {
			nv, bad := jsonable(col, e)
			if bad != "" {
				return nil, bad
			}
			x[i] = nv
		}
	}
	return v, ""
}
