package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// MaxJSONBytes bounds a JSON report ReadJSON accepts: a report is read
// whole, and an endless or hostile file must not take all memory.
const MaxJSONBytes = 4 << 30

// ReadJSON decodes a report written by WriteJSON (schema
// wiretrace/report/v1). Ratios come back as written, rounded to four
// decimals; every writer given the decoded report writes what it writes
// for a report that went through JSON, which is what scan writes (see
// Normalize). Unknown fields are ignored, so a newer v1 report still reads.
func ReadJSON(r io.Reader) (*Report, error) {
	lr := &io.LimitedReader{R: r, N: MaxJSONBytes + 1}
	dec := json.NewDecoder(lr)
	var rep Report
	if err := dec.Decode(&rep); err != nil {
		if lr.N <= 0 {
			return nil, fmt.Errorf("the report is larger than %d bytes", int64(MaxJSONBytes))
		}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("not a JSON report: %v (byte %d)", err, se.Offset)
		}
		return nil, fmt.Errorf("not a wiretrace JSON report: %v", err)
	}
	if rep.Schema != Schema {
		if rep.Schema == "" {
			return nil, errors.New(`not a wiretrace JSON report: no "schema" (write one with scan --format json)`)
		}
		return nil, fmt.Errorf("report schema %q: this wiretrace reads %q", rep.Schema, Schema)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("not a wiretrace JSON report: more data after the report")
	}
	rep.fillEmpty()
	return &rep, nil
}

// fillEmpty gives absent lists the empty value Build gives them, so a
// decoded report writes [] where the original wrote [].
func (r *Report) fillEmpty() {
	if r.Clusters == nil {
		r.Clusters = []Cluster{}
	}
	if r.Outlets == nil {
		r.Outlets = []Outlet{}
	}
	if r.Boilerplate == nil {
		r.Boilerplate = []Boilerplate{}
	}
	if r.Skipped == nil {
		r.Skipped = []Skipped{}
	}
	if r.Warnings == nil {
		r.Warnings = []string{}
	}
}

// Normalize returns the report as JSON (as WriteJSON writes it) and the
// report decoded from that JSON. Writing every format from the decoded
// report makes them byte-identical to what render writes from the saved
// JSON: ratios are rounded to four decimals in both.
func Normalize(r *Report) ([]byte, *Report, error) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, r); err != nil {
		return nil, nil, err
	}
	out, err := ReadJSON(bytes.NewReader(buf.Bytes()))
	if err != nil {
		return nil, nil, fmt.Errorf("re-reading the report: %v", err)
	}
	return buf.Bytes(), out, nil
}
