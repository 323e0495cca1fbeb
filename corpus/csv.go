package corpus

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// readCSV reads CSV (comma ',') or TSV (comma '\t') with a header row
// naming the fields: RFC 4180 quoting, fields over several lines, a BOM
// (taken off before). Each row becomes a JSON object of its non-empty
// cells — an empty cell is an absent field, as CSV cannot tell them apart
// — and is read like a JSON Lines record, so field mapping, checks and
// errors are the same. Positions are the line a row starts on. TSV is
// read with lazy quotes: a quote inside a field is kept as it is.
func (r *Reader) readCSV(ctx context.Context, name string, br *bufio.Reader, comma rune, fn func(*Article) error) error {
	// The slack covers what the CSV reader buffers ahead (4 KB).
	lim := &recordLimit{r: br, max: int64(r.opts.MaxRecordBytes) + 8<<10}
	cr := csv.NewReader(lim)
	cr.Comma = comma
	cr.FieldsPerRecord = -1 // checked here, for a message naming both counts
	cr.LazyQuotes = comma == '\t'
	cr.ReuseRecord = true
	header, err := cr.Read()
	lim.start = cr.InputOffset()
	if err == io.EOF {
		return nil
	}
	if err != nil {
		return r.bad(r.csvError(name, err))
	}
	header = slices.Clone(header) // the reader reuses its slice
	keys := make([][]byte, len(header))
	for i, h := range header {
		if h == "" {
			return r.bad(&RecordError{Pos: Position{File: name, Line: 1}, Reason: fmt.Sprintf("column %d of the header has no name", i+1)})
		}
		if !utf8.ValidString(h) {
			return r.bad(&RecordError{Pos: Position{File: name, Line: 1}, Reason: fmt.Sprintf("column %d of the header is not valid UTF-8", i+1)})
		}
		keys[i] = appendJSONString(nil, h)
	}
	names := make([][]byte, len(header))
	for i, h := range header {
		names[i] = []byte(h)
	}
	if problem := keyProblem(names, r.shape.fold); problem != "" {
		return r.bad(&RecordError{Pos: Position{File: name, Line: 1}, Reason: "header: " + problem})
	}
	b := &batch{}
	nextLine := 2 // where the next row starts, at the latest
	for {
		row, err := cr.Read()
		lim.start = cr.InputOffset()
		if err == io.EOF {
			return r.flush(ctx, b, fn)
		}
		if err == nil && len(row) > 0 {
			last, _ := cr.FieldPos(len(row) - 1)
			nextLine = last + strings.Count(row[len(row)-1], "\n") + 1
		}
		if err != nil {
			e := r.csvError(name, err)
			if e.Pos.Line == 0 {
				e.Pos.Line = nextLine
			}
			if errors.Is(err, errRecordTooLong) {
				if ferr := r.flush(ctx, b, fn); ferr != nil {
					return ferr
				}
				return r.bad(e)
			}
			b.addBad(e)
		} else {
			line, _ := cr.FieldPos(0)
			pos := Position{File: name, Line: line}
			if len(row) != len(header) {
				b.addBad(&RecordError{Pos: pos, Reason: fmt.Sprintf("row has %d fields, the header %d", len(row), len(header)), Excerpt: excerpt([]byte(row[0]))})
			} else if rec, bad := rowJSON(keys, header, row); bad != "" {
				b.addBad(&RecordError{Pos: pos, Reason: bad})
			} else {
				b.add(rec, false, pos)
			}
		}
		if b.full() {
			if err := r.flush(ctx, b, fn); err != nil {
				return err
			}
		}
	}
}

func (r *Reader) csvError(name string, err error) *RecordError {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, errRecordTooLong) {
			return &RecordError{Pos: Position{File: name, Line: pe.StartLine}, Reason: fmt.Sprintf("record longer than %d bytes (an unclosed quote?); the rest of the file is not read", r.opts.MaxRecordBytes)}
		}
		if errors.Is(pe.Err, io.ErrUnexpectedEOF) {
			return &RecordError{Pos: Position{File: name, Line: pe.StartLine}, Reason: errTruncated + ", and this row and any after it are lost"}
		}
		return &RecordError{Pos: Position{File: name, Line: pe.StartLine}, Reason: fmt.Sprintf("malformed CSV: %v (line %d, column %d)", pe.Err, pe.Line, pe.Column)}
	}
	if errors.Is(err, errRecordTooLong) {
		return &RecordError{Pos: Position{File: name}, Reason: fmt.Sprintf("record longer than %d bytes (an unclosed quote?); the rest of the file is not read", r.opts.MaxRecordBytes)}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return &RecordError{Pos: Position{File: name}, Reason: errTruncated + ", and the rows after the last one read are lost"}
	}
	return &RecordError{Pos: Position{File: name}, Reason: "read error: " + err.Error()}
}

// rowJSON writes a row as a JSON object of its non-empty cells, or says
// why it cannot.
func rowJSON(keys [][]byte, header, row []string) ([]byte, string) {
	n := 2
	for i, v := range row {
		if v != "" {
			n += len(keys[i]) + len(v) + 4
		}
	}
	out := make([]byte, 0, n+n/16)
	out = append(out, '{')
	for i, v := range row {
		if v == "" {
			continue
		}
		if !utf8.ValidString(v) {
			return nil, fmt.Sprintf("invalid UTF-8 in column %q", header[i])
		}
		if len(out) > 1 {
			out = append(out, ',')
		}
		out = append(out, keys[i]...)
		out = append(out, ':')
		out = appendJSONString(out, v)
	}
	return append(out, '}'), ""
}

// appendJSONString appends s as a JSON string (s is valid UTF-8).
func appendJSONString(out []byte, s string) []byte {
	const hex = "0123456789abcdef"
	out = append(out, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		out = append(out, s[start:i]...)
		switch c {
		case '"', '\\':
			out = append(out, '\\', c)
		case '\n':
			out = append(out, '\\', 'n')
		case '\r':
			out = append(out, '\\', 'r')
		case '\t':
			out = append(out, '\\', 't')
		default:
			out = append(out, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		start = i + 1
	}
	out = append(out, s[start:]...)
	return append(out, '"')
}

// errRecordTooLong stops a CSV reader inside a record over the limit.
var errRecordTooLong = errors.New("record too long")

// recordLimit fails a read when the CSV reader has taken more than max
// bytes past the end of its last record (start): an unclosed quote must
// not pull the rest of a large file into memory.
type recordLimit struct {
	r     io.Reader
	read  int64
	start int64
	max   int64
}

func (l *recordLimit) Read(p []byte) (int, error) {
	if l.read-l.start > l.max {
		return 0, errRecordTooLong
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	return n, err
}
