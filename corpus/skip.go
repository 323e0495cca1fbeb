package corpus

import (
	"fmt"
	"sort"
	"strings"
)

// DefaultMaxSkipped is how many skipped records (and how many dropped
// metadata fields) a Reader keeps in full; the rest are counted by reason.
// A million bad records must not cost a million messages of memory.
const DefaultMaxSkipped = 100

// SkipHint ends the error of a bad record when SkipBad is off.
const SkipHint = "pass --skip-bad to skip bad records and go on"

// tally keeps the first few records of one kind in full and counts the
// rest by reason.
type tally struct {
	Kept  []*RecordError
	More  map[string]int // reason kind -> records not kept
	Total int
}

func (t *tally) add(e *RecordError, max int) {
	t.Total++
	if max < 0 || len(t.Kept) < max {
		t.Kept = append(t.Kept, e)
		return
	}
	if t.More == nil {
		t.More = map[string]int{}
	}
	t.More[reasonKind(e.Reason)]++
}

// summary says what was counted and not kept, or "".
func (t *tally) summary() string {
	if len(t.More) == 0 {
		return ""
	}
	kinds := make([]string, 0, len(t.More))
	n := 0
	for k, c := range t.More {
		kinds = append(kinds, k)
		n += c
	}
	sort.Slice(kinds, func(i, j int) bool {
		if t.More[kinds[i]] != t.More[kinds[j]] {
			return t.More[kinds[i]] > t.More[kinds[j]]
		}
		return kinds[i] < kinds[j]
	})
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = fmt.Sprintf("%s (%d)", k, t.More[k]) // a reason is a phrase: "article has an empty text (94)"
	}
	return fmt.Sprintf("%d more not listed: %s", n, strings.Join(parts, ", "))
}

// reasonKind reduces a reason to its kind, for counting: what follows a
// colon, quoted values and parenthesised notes go, numbers become N.
// `duplicate id "a7" (first at f.jsonl:3)` is "duplicate id".
func reasonKind(reason string) string {
	if i := strings.Index(reason, ": "); i > 0 {
		reason = reason[:i]
	}
	var b strings.Builder
	quoted, paren, digits := false, 0, false
	prev := ' '
	for _, r := range reason {
		wordStart := prev == ' '
		prev = r
		switch {
		case r == '"':
			quoted = !quoted
			continue
		case quoted:
			continue
		case r == '(':
			paren++
			continue
		case r == ')' && paren > 0:
			paren--
			continue
		case paren > 0:
			continue
		case r >= '0' && r <= '9' && (wordStart || digits):
			if !digits {
				b.WriteByte('N')
			}
			digits = true
			continue
		}
		digits = false
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// Skip records a bad record passed over. Callers outside the reader (an
// index that refuses a record) use it so the list stays bounded.
func (r *Reader) Skip(e *RecordError) {
	r.skipped.Kept = r.Skipped // in case a caller appended to it
	r.skipped.add(e, r.opts.MaxSkipped)
	r.Skipped = r.skipped.Kept
}

// SkippedTotal is how many bad records were passed over, listed or not.
func (r *Reader) SkippedTotal() int { return r.skipped.Total }

// SkippedSummary says how many skipped records are not in Skipped, by
// reason ("" when all are listed): "999900 more not listed: duplicate
// id (999900)".
func (r *Reader) SkippedSummary() string { return r.skipped.summary() }

// Dropped are the metadata fields dropped from articles that were kept
// (under SkipBad): an impossible date, an over-long title. The first
// MaxSkipped are listed; DroppedSummary counts the rest.
func (r *Reader) Dropped() []*RecordError { return r.dropped.Kept }

// DroppedTotal is how many metadata fields were dropped.
func (r *Reader) DroppedTotal() int { return r.dropped.Total }

// DroppedSummary says how many dropped fields are not listed, or "".
func (r *Reader) DroppedSummary() string { return r.dropped.summary() }
