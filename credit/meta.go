package credit

import (
	"encoding/json"
	"regexp"
	"strings"
)

// InText is the Where of a mention found in the article's text.
const InText = "text"

// DefaultMetaFields are the record fields read as credit metadata when no
// others are named: a byline or author line, and a source field.
var DefaultMetaFields = []string{"author", "byline", "source"}

// Meta is one metadata value of an article that may name where its text
// came from: a byline ("الرياض - واس", "By Jane Roe, Reuters"), an author,
// a source field. Field names where it was found; it becomes the
// mention's Where.
type Meta struct {
	Field string
	Value string
}

// maxMetaValues bounds the values taken from one field (an author array).
const maxMetaValues = 16

// MetaOf returns the metadata values of the named fields of a record's
// extra fields. A field may hold a string, an array of strings, or
// objects with a "name" (JSON-LD's author and sourceOrganization); other
// shapes are ignored. Field order follows fields; values are trimmed and
// empty ones dropped.
func MetaOf(extra map[string]json.RawMessage, fields []string) []Meta {
	var out []Meta
	for _, f := range fields {
		raw, ok := extra[f]
		if !ok {
			continue
		}
		for _, v := range metaValues(raw, 0) {
			if v = strings.TrimSpace(v); v != "" {
				out = append(out, Meta{Field: f, Value: v})
			}
		}
	}
	return out
}

func metaValues(raw json.RawMessage, depth int) []string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return []string{s}
	}
	if depth > 1 {
		return nil
	}
	var obj struct {
		Name json.RawMessage `json:"name"`
	}
	if json.Unmarshal(raw, &obj) == nil && obj.Name != nil {
		return metaValues(obj.Name, depth+1)
	}
	var arr []json.RawMessage
	if json.Unmarshal(raw, &arr) == nil {
		var out []string
		for _, e := range arr {
			if len(out) >= maxMetaValues {
				break
			}
			out = append(out, metaValues(e, depth+1)...)
		}
		return out
	}
	return nil
}

// Article returns the mentions of an article: those of its text, then
// those of its metadata.
func (r *Registry) Article(text string, meta []Meta) []Mention {
	out := r.Extract(text)
	for _, m := range meta {
		out = append(out, r.ExtractMeta(m)...)
	}
	return out
}

// ExtractMeta returns the outlets a metadata value names. Every outlet the
// registry knows in a byline or source field is an attribution (form
// Byline or SourceField): the page states it to its reader. Unknown names
// (reporters, cities) are not mentions.
func (r *Registry) ExtractMeta(m Meta) []Mention {
	form := Byline
	if m.Field == "source" || strings.Contains(strings.ToLower(m.Field), "source") {
		form = SourceField
	}
	var out []Mention
	seen := map[string]bool{}
	for _, part := range metaSplit.Split(m.Value, -1) {
		part = cleanName(part)
		if part == "" {
			continue
		}
		addPrefix(part, form, 0, func(name string, f Form, line int, mustResolve bool) bool {
			mn, ok := r.mention(name, f, line, true)
			if !ok || seen[mn.Outlet] {
				return ok
			}
			seen[mn.Outlet] = true
			mn.Where = m.Field
			out = append(out, mn)
			return true
		})
	}
	return out
}

// metaSplit cuts a byline into the names it may hold: «الرياض - واس»,
// «واس (جدة)», "Jane Roe, Reuters", "By AFP | Updated …".
var metaSplit = regexp.MustCompile(`\s*(?:[-–—:：|/,،;()«»"“”]|\s[و&]\s|\band\b|\bby\b|\bBy\b)\s*`)

// SetMetaFields names the record fields read as credit metadata
// (DefaultMetaFields when never set). Call it before the registry is used
// concurrently.
func (r *Registry) SetMetaFields(fields []string) { r.metaFields = fields }

// MetaFields returns the record fields read as credit metadata.
func (r *Registry) MetaFields() []string {
	if r.metaFields == nil {
		return DefaultMetaFields
	}
	return r.metaFields
}
