package provenance

import (
	"time"

	"github.com/wiretrace/wiretrace/corpus"
)

// Edge flags about time.
const (
	FlagTimeMissing  = "time-missing"
	FlagTimeDateOnly = "time-date-only"
	FlagTimeNoZone   = "time-no-zone"
	// FlagTimeConflict: the parent's timestamp is later than the child's;
	// credits or text outweighed it.
	FlagTimeConflict = "time-conflict"
	// FlagClockEstimated: a timestamp was corrected by its outlet's
	// estimated clock offset.
	FlagClockEstimated = "clock-estimated"
)

// noZoneSlack is how far apart a local time and an instant may be and
// still not be ordered: without an offset the true instant is within
// ±14 hours.
const noZoneSlack = 14 * time.Hour

// clock is a document's publication time as provenance uses it: the
// input's time less its outlet's estimated lateness (shift).
type clock struct {
	t     time.Time
	p     corpus.Precision
	shift time.Duration
	// slack is how far the corrected time may be from the true one: a
	// crawler's delay varies, so one offset cannot place every article.
	slack time.Duration
}

// timed reports whether the clock has a time of day.
func (c clock) timed() bool { return c.p >= corpus.TimeLocal }

// order says whether a was published before b: -1 before, +1 after, 0 when
// the timestamps cannot tell; flags say why they cannot tell, are coarse,
// or were corrected. Bare dates order across days only.
func order(a, b clock) (int, []string) {
	if a.p == corpus.TimeNone || b.p == corpus.TimeNone {
		return 0, []string{FlagTimeMissing}
	}
	var flags []string
	if a.shift != 0 || b.shift != 0 {
		flags = append(flags, FlagClockEstimated)
	}
	if a.p == corpus.TimeDate || b.p == corpus.TimeDate {
		flags = append(flags, FlagTimeDateOnly)
		da, db := day(a.t), day(b.t)
		switch {
		case da.Before(db):
			return -1, flags
		case db.Before(da):
			return 1, flags
		}
		return 0, flags
	}
	d := b.t.Sub(a.t)
	if s := a.slack + b.slack; s > 0 && d.Abs() <= s {
		return 0, flags
	}
	if a.p == corpus.TimeLocal || b.p == corpus.TimeLocal {
		flags = append(flags, FlagTimeNoZone)
		if a.p != b.p && d.Abs() < noZoneSlack {
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

// delay is the time from parent to child by their input timestamps when
// both have a time of day; ok is false otherwise.
func delay(parent, child clock) (time.Duration, bool) {
	if !parent.timed() || !child.timed() {
		return 0, false
	}
	return child.t.Add(child.shift).Sub(parent.t.Add(parent.shift)), true
}

// processBefore is the order in which members are placed when no evidence
// orders them: by corrected time, a bare date at the end of its day (a
// date-only copy is rarely the first version), articles without a time
// last, then by id.
func (a *analyzer) processBefore(x, y int) bool {
	cx, cy := a.clock[x], a.clock[y]
	xt, yt := cx.p != corpus.TimeNone, cy.p != corpus.TimeNone
	if xt != yt {
		return xt
	}
	if xt {
		tx, ty := placeTime(cx), placeTime(cy)
		if !tx.Equal(ty) {
			return tx.Before(ty)
		}
	}
	return a.docs[x].ID < a.docs[y].ID
}

func placeTime(c clock) time.Time {
	if c.p == corpus.TimeDate {
		return c.t.Add(24*time.Hour - time.Second)
	}
	return c.t
}
