package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Fields name the record fields an article's parts are read from, for
// JSON Lines, CSV and Parquet inputs whose fields are not called id, text,
// outlet… A name is a top-level key, or a dotted path into nested objects
// ("meta.source"); a key that itself contains the dots (a flattened CSV
// column "meta.source") is taken first. An empty name means the default.
type Fields struct {
	ID, Text, Outlet, Published, Title, URL string
	// Author is read for credits: its value is passed on as the extra
	// field "author" (credit.DefaultMetaFields), where bylines are read.
	// Empty means the record's own "author", as before.
	Author string
}

// DefaultFields are the field names of wiretrace's own JSON Lines shape.
var DefaultFields = Fields{ID: "id", Text: "text", Outlet: "outlet", Published: "published", Title: "title", URL: "url"}

func (f Fields) withDefaults() Fields {
	d := DefaultFields
	set := func(dst *string, def string) {
		if *dst == "" {
			*dst = def
		}
	}
	set(&f.ID, d.ID)
	set(&f.Text, d.Text)
	set(&f.Outlet, d.Outlet)
	set(&f.Published, d.Published)
	set(&f.Title, d.Title)
	set(&f.URL, d.URL)
	return f
}

// Validate reports a field name that cannot be a path, or a field named
// for two parts of an article.
func (f Fields) Validate() error {
	seen := map[string]string{}
	for _, m := range f.withDefaults().mapped() {
		if m.path == "" {
			continue
		}
		for _, seg := range strings.Split(m.path, ".") {
			if seg == "" {
				return fmt.Errorf("%s field %q: empty segment in the path", m.part, m.path)
			}
		}
		if other, dup := seen[m.path]; dup {
			return fmt.Errorf("field %q is named for both %s and %s", m.path, other, m.part)
		}
		seen[m.path] = m.part
	}
	return nil
}

// mappedField is one part of an article and the path it is read from.
type mappedField struct {
	part string // "id", "text", … as the flags name them
	path string
}

func (f Fields) mapped() []mappedField {
	return []mappedField{{"id", f.ID}, {"text", f.Text}, {"outlet", f.Outlet}, {"published", f.Published}, {"title", f.Title}, {"url", f.URL}, {"author", f.Author}}
}

// isDefault reports whether f reads wiretrace's own shape, which has a
// fast path.
func (f Fields) isDefault() bool { return f.withDefaults() == DefaultFields }

// lookup finds a path in a record's top-level fields: the whole path as a
// key first, then a walk through nested objects. top is the top-level key
// the value came from (for the walk, its first segment).
func lookup(fields map[string]json.RawMessage, path string) (raw json.RawMessage, top string, ok bool) {
	if raw, ok := fields[path]; ok {
		return raw, path, true
	}
	segs := strings.Split(path, ".")
	if len(segs) < 2 {
		return nil, "", false
	}
	raw, ok = fields[segs[0]]
	if !ok {
		return nil, "", false
	}
	for _, seg := range segs[1:] {
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil || obj == nil {
			return nil, "", false
		}
		if raw, ok = obj[seg]; !ok {
			return nil, "", false
		}
	}
	return raw, segs[0], true
}

// without returns the object at fields[top] with the value at the rest of
// path taken out (nil when nothing is left), so a nested text is not
// passed through to the report a second time.
func without(fields map[string]json.RawMessage, path string) (json.RawMessage, bool) {
	segs := strings.Split(path, ".")
	var cut func(raw json.RawMessage, segs []string) json.RawMessage
	cut = func(raw json.RawMessage, segs []string) json.RawMessage {
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil {
			return raw
		}
		if len(segs) == 1 {
			delete(obj, segs[0])
		} else if inner, ok := obj[segs[0]]; ok {
			if rest := cut(inner, segs[1:]); rest == nil {
				delete(obj, segs[0])
			} else {
				obj[segs[0]] = rest
			}
		}
		if len(obj) == 0 {
			return nil
		}
		b, _ := json.Marshal(obj) // sorted keys: deterministic
		return b
	}
	rest := cut(fields[segs[0]], segs[1:])
	return rest, rest != nil
}

// stringValue turns a mapped field's JSON value into text: a string, or
// for an id a number written as its decimal text. null is absent.
func stringValue(raw json.RawMessage, number bool) (s string, present bool, err error) {
	raw = bytes.TrimSpace(raw)
	if string(raw) == "null" {
		return "", false, nil
	}
	if len(raw) > 0 && raw[0] == '"' {
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", false, err
		}
		return s, true, nil
	}
	if number && len(raw) > 0 && (raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9') {
		var n json.Number
		if err := json.Unmarshal(raw, &n); err == nil {
			if i, err := n.Int64(); err == nil {
				return strconv.FormatInt(i, 10), true, nil
			}
			if f, err := n.Float64(); err == nil && f == float64(int64(f)) && f < 1<<53 && f > -(1<<53) {
				return strconv.FormatInt(int64(f), 10), true, nil // 12.0, 1e3
			}
			return string(n), true, nil
		}
	}
	return "", false, fmt.Errorf("not a string")
}

// fieldList names a record's top-level fields for a message: "content,
// doc_id, title".
func fieldList(fields map[string]json.RawMessage) string {
	names := make([]string, 0, len(fields))
	for k := range fields {
		names = append(names, k)
	}
	return nameList(names)
}

// nameList sorts names and writes the first twelve, or "none".
func nameList(names []string) string {
	sort.Strings(names)
	if len(names) > 12 {
		names = append(names[:12], "…")
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
