package corpus

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/agnivade/levenshtein"
)

// The parts of an article a record's fields are read into, in the order
// of Fields.mapped: bit i of Article.missing is part i.
const (
	partID = iota
	partText
	partOutlet
	partPublished
	partTitle
	partURL
	partAuthor
	numParts
)

// fieldTally counts, for one record input (a JSON Lines, CSV or Parquet
// file), the records read and those without each mapped field, so that a
// field named for nothing (a typo in --outlet-field) is not read as an
// empty value in every article.
type fieldTally struct {
	records     int
	absent      [numParts]int
	firstAbsent [numParts]Position
	sample      string // the fields of the first record, for a message
}

// add counts one record that was parsed into an article.
func (t *fieldTally) add(a *Article, rec []byte) {
	if t.records == 0 {
		t.sample = fieldPaths(rec)
	}
	t.records++
	for p := 0; p < numParts; p++ {
		if a.missing&(1<<p) != 0 {
			if t.absent[p] == 0 {
				t.firstAbsent[p] = a.Pos
			}
			t.absent[p]++
		}
	}
}

// partWhat says what an article lacks when its record has no such field.
var partWhat = [numParts]string{
	partOutlet:    "their outlet is empty",
	partPublished: "they have no date",
	partTitle:     "they have no title",
	partURL:       "they have no URL",
	partAuthor:    "no byline is read from them for credits",
}

// checkFields judges the fields of one record input once it is read: a
// field named explicitly (Options.Fields) that no record has is an error;
// one that some records lack, and a default outlet or publication field
// that no record has, is a warning in FieldWarnings. The id and text are
// checked record by record already.
func (r *Reader) checkFields(input string, t *fieldTally) error {
	if t == nil || t.records == 0 {
		return nil
	}
	named := r.opts.Fields
	f := named.withDefaults()
	explicit := [numParts]string{partOutlet: named.Outlet, partPublished: named.Published, partTitle: named.Title, partURL: named.URL, partAuthor: named.Author}
	paths := [numParts]string{partOutlet: f.Outlet, partPublished: f.Published, partTitle: f.Title, partURL: f.URL, partAuthor: f.Author}
	names := [numParts]string{partOutlet: "outlet", partPublished: "published", partTitle: "title", partURL: "url", partAuthor: "author"}
	for p := partOutlet; p < numParts; p++ {
		n := t.absent[p]
		if n == 0 || paths[p] == "" {
			continue
		}
		if explicit[p] == "" {
			// A default field is optional, but without any outlet a
			// report cannot say who copied whom: most likely the outlet
			// is in a field of another name. Corpora without dates are
			// common; one whose records have a field that looks like a
			// date is most likely read with the wrong name.
			if n < t.records {
				continue
			}
			switch p {
			case partOutlet:
				r.fieldWarn(&RecordError{Pos: Position{File: input}, Reason: fmt.Sprintf("no record has the field %q, so every article's outlet is empty; name the field that holds it with --outlet-field (the first record has: %s)",
					paths[p], t.sample)})
			case partPublished:
				if d := dateLike(t.sample); d != "" {
					r.fieldWarn(&RecordError{Pos: Position{File: input}, Reason: fmt.Sprintf("no record has the field %q, so no article has a date; if %q holds it, name it with --published-field %s",
						paths[p], d, d)})
				}
			}
			continue
		}
		by := r.fieldSource(names[p])
		if n == t.records {
			msg := fmt.Sprintf("no record has the field %q (%s); the first record has: %s", paths[p], by, t.sample)
			if s := closestPath(paths[p], t.sample); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			return &RecordError{Pos: Position{File: input}, Reason: msg, Err: ErrFieldAbsent}
		}
		r.fieldWarn(&RecordError{Pos: Position{File: input}, Reason: fmt.Sprintf("%d of %d records have no field %q (%s), the first at %s: %s",
			n, t.records, paths[p], by, t.firstAbsent[p], partWhat[p])})
	}
	return nil
}

// fieldSource says where the name of a part's field was given.
func (r *Reader) fieldSource(part string) string {
	if s := r.opts.FieldSources[part]; s != "" {
		return s
	}
	return "--" + part + "-field"
}

func (r *Reader) fieldWarn(e *RecordError) {
	r.FieldWarnings = append(r.FieldWarnings, e)
}

// fieldPaths lists the fields of a JSON record for a message: top-level
// keys and, inside objects, dotted paths ("datum, id, meta.source,
// text"), sorted, at most a dozen.
func fieldPaths(rec []byte) string {
	var fields map[string]json.RawMessage
	if json.Unmarshal(rec, &fields) != nil {
		return "none"
	}
	var paths []string
	var walk func(prefix string, fields map[string]json.RawMessage, depth int)
	walk = func(prefix string, fields map[string]json.RawMessage, depth int) {
		for k, v := range fields {
			var obj map[string]json.RawMessage
			if depth < 3 && len(v) > 0 && v[0] == '{' && json.Unmarshal(v, &obj) == nil && len(obj) > 0 {
				walk(prefix+k+".", obj, depth+1)
				continue
			}
			paths = append(paths, prefix+k)
		}
	}
	walk("", fields, 1)
	return nameList(paths)
}

// dateLike returns the first field of list (as fieldPaths writes it)
// whose name says it holds a date or time, or "".
func dateLike(list string) string {
	for _, p := range strings.Split(list, ", ") {
		last := strings.ToLower(p[strings.LastIndexByte(p, '.')+1:])
		for _, w := range []string{"date", "time", "publish", "datum", "created"} {
			if strings.Contains(last, w) {
				return p
			}
		}
	}
	return ""
}

// closestPath returns the field of list (as fieldPaths writes it) closest
// to name, when one is within a third of its length in edits.
func closestPath(name, list string) string {
	best, bestD := "", max(1, len(name)/3)+1
	for _, p := range strings.Split(list, ", ") {
		if p == "…" || p == name {
			continue
		}
		if d := levenshtein.ComputeDistance(strings.ToLower(name), strings.ToLower(p)); d < bestD {
			best, bestD = p, d // the list is sorted: ties go to the first
		}
	}
	return best
}
