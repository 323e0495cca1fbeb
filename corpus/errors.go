package corpus

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// ErrFieldAbsent marks the error for a field named explicitly (by a flag or
// a config file) that no record of an input has: the run stops even under
// SkipBad, since every record would lose that part.
var ErrFieldAbsent = errors.New("no record has the named field")

// RecordError is a problem with one record or one input file.
type RecordError struct {
	Pos     Position
	ID      string // the record's id, when it could be read
	Reason  string
	Excerpt string // the start of the offending line, when there is one
	// Hint says what to do about it, when the record stops the run.
	Hint string
	// Err, when set, classifies the problem (ErrFieldAbsent).
	Err error
}

func (e *RecordError) Unwrap() error { return e.Err }

func (e *RecordError) Error() string {
	s := fmt.Sprintf("%s: %s", e.Pos, e.Reason)
	if e.Excerpt != "" {
		s += fmt.Sprintf(" (%s)", e.Excerpt)
	}
	if e.Hint != "" {
		s += "; " + e.Hint
	}
	return s
}

const excerptBytes = 80

// excerpt returns the start of a line, cut on a rune boundary, with invalid
// UTF-8 shown as \uFFFD so the message itself stays valid.
func excerpt(b []byte) string {
	if len(b) > excerptBytes {
		cut := excerptBytes
		for cut > 0 && !utf8.RuneStart(b[cut]) {
			cut--
		}
		return string([]rune(string(b[:cut]))) + "…"
	}
	return string([]rune(string(b)))
}
