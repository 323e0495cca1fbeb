package corpus

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Precision says how much of a publication time the input gave.
type Precision int

const (
	// TimeNone: the input gave no time.
	TimeNone Precision = iota
	// TimeDate: a calendar date without a time of day (taken as 00:00 UTC).
	TimeDate
	// TimeLocal: a date and time without an offset (taken as UTC).
	TimeLocal
	// TimeInstant: a date and time with an offset: an exact instant.
	TimeInstant
)

func (p Precision) String() string {
	switch p {
	case TimeDate:
		return "date"
	case TimeLocal:
		return "local"
	case TimeInstant:
		return "instant"
	}
	return "none"
}

// Position locates a record in its input.
type Position struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

func (p Position) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// Article is one input record.
type Article struct {
	ID        string
	Outlet    string
	Published string    // as written in the input
	Time      time.Time // parsed Published; zero when Precision is TimeNone
	Precision Precision
	Title     string
	URL       string
	Text      string
	// Extra holds the fields of a JSON record that wiretrace does not use,
	// passed through to the report unchanged.
	Extra map[string]json.RawMessage
	Pos   Position

	faults []fault // metadata faults found while parsing, for check
	// missing has bit i set when the record has no field for part i (see
	// partID…): set by parseRecord, counted per input by the reader.
	missing uint8
}

// fault is a problem with one metadata field of a record whose id and text
// are fine: under SkipBad the field is dropped and the article kept.
type fault struct {
	field, reason string
}

// ParseTime parses a publication time: RFC 3339 with any offset, a date and
// time without offset, a bare date, or nothing. A date of the right shape
// that does not exist ("2014-09-31") says so.
func ParseTime(s string) (time.Time, Precision, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, TimeNone, nil
	}
	var outOfRange string // why a well-shaped time does not exist
	try := func(layout string) (time.Time, bool) {
		t, err := time.Parse(layout, s)
		var pe *time.ParseError
		if err != nil && outOfRange == "" && errors.As(err, &pe) && strings.Contains(pe.Message, "out of range") {
			outOfRange = strings.TrimPrefix(pe.Message, ": ")
		}
		return t, err == nil
	}
	if t, ok := try(time.RFC3339Nano); ok {
		return t, TimeInstant, nil
	}
	// Web pages also write RFC 1123 and the like.
	for _, layout := range []string{time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC850, "2006-01-02 15:04:05Z07:00", "2006-01-02T15:04:05Z0700"} {
		if t, ok := try(layout); ok {
			return t, TimeInstant, nil
		}
	}
	for _, layout := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05", "2006-01-02T15:04"} {
		if t, ok := try(layout); ok {
			return t, TimeLocal, nil
		}
	}
	if t, ok := try("2006-01-02"); ok {
		return t, TimeDate, nil
	}
	if outOfRange != "" {
		return time.Time{}, TimeNone, fmt.Errorf("published %q is not a real date or time (%s)", s, outOfRange)
	}
	return time.Time{}, TimeNone, fmt.Errorf("published %q is not an RFC 3339 time or a YYYY-MM-DD date", s)
}
