package provenance

import (
	"time"

	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/match"
)

// Edge flags about time.
const (
	FlagTimeMissing  = "time-missing"
	FlagTimeDateOnly = "time-date-only"
	FlagTimeNoZone   = "time-no-zone"
	FlagTimeConflict = "time-conflict"
)

// order says whether a was published before b: -1 before, +1 after, 0 when
// the timestamps cannot tell; flags say why they cannot tell or are coarse.
func order(a, b *match.Doc) (int, []string) {
	if a.Precision == corpus.TimeNone || b.Precision == corpus.TimeNone {
		return 0, []string{FlagTimeMissing}
	}
	var flags []string
	if a.Precision == corpus.TimeDate || b.Precision == corpus.TimeDate {
		flags = append(flags, FlagTimeDateOnly)
		da, db := day(a.Time), day(b.Time)
		switch {
		case da.Before(db):
			return -1, flags
		case db.Before(da):
			return 1, flags
		}
		return 0, flags
	}
	d := b.Time.Sub(a.Time)
	if a.Precision == corpus.TimeLocal || b.Precision == corpus.TimeLocal {
		// Without an offset the true instant is within ±14 hours.
		flags = append(flags, FlagTimeNoZone)
		if a.Precision != b.Precision && d.Abs() < 14*time.Hour {
			return 0, flags
		}
	}
	switch {
	case d > 0:
		return -1, flags
	case d < 0:
		return 1, flags
	}
	return 0, flags
}

func day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// delay is the time from parent to child when both are instants or both
// are local times; ok is false otherwise.
func delay(parent, child *match.Doc) (time.Duration, bool) {
	if parent.Precision != child.Precision || parent.Precision == corpus.TimeNone || parent.Precision == corpus.TimeDate {
		if !(parent.Precision >= corpus.TimeLocal && child.Precision >= corpus.TimeLocal) {
			return 0, false
		}
	}
	return child.Time.Sub(parent.Time), true
}

// earlier orders documents by time, unknown times last, then id.
func earlier(a, b *match.Doc) bool {
	at, bt := a.Precision != corpus.TimeNone, b.Precision != corpus.TimeNone
	if at != bt {
		return at
	}
	if at && !a.Time.Equal(b.Time) {
		return a.Time.Before(b.Time)
	}
	return a.ID < b.ID
}

// processBefore is the order in which members are placed: by time, a bare
// date at the end of its day (a date-only copy is rarely the first
// version), articles without a time last, then by id.
func processBefore(a, b *match.Doc) bool {
	at, bt := a.Precision != corpus.TimeNone, b.Precision != corpus.TimeNone
	if at != bt {
		return at
	}
	if at {
		ta, tb := placeTime(a), placeTime(b)
		if !ta.Equal(tb) {
			return ta.Before(tb)
		}
	}
	return a.ID < b.ID
}

func placeTime(d *match.Doc) time.Time {
	if d.Precision == corpus.TimeDate {
		return d.Time.Add(24*time.Hour - time.Second)
	}
	return d.Time
}
