package credit

import (
	"encoding/json"
	"regexp"
	"strings"
	"unicode/utf8"
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
	// A name cut from the text would keep the whole text alive as long as
	// the mention lives (a scan keeps every article's mentions): copy it.
	for i := range out {
		name := strings.Clone(out[i].Name)
		if out[i].Outlet == out[i].Name {
			out[i].Outlet = name
		}
		out[i].Name = name
	}
	return out
}

// ExtractMeta returns the outlets a metadata value names. Every outlet the
// registry knows in a byline or source field is an attribution (form
// Byline, or SourceField for a field whose name says source or
// isBasedOn): the page states it to its reader. Unknown names (reporters,
// cities) are not mentions, nor are organisations in a byline.
//
// A value is cut into parts at dashes, colons, commas, slashes, brackets
// and quotes («الرياض - واس», «واس (جدة)», "By Jane Roe, Reuters",
// "لندن: «الشرق الأوسط أونلاين»"); a part that is a name as a whole may
// be an ambiguous alias («سبق», "Online"); otherwise the longest known
// run of its first words counts ("Reuters staff", «الاقتصادية
// الإلكترونية من الرياض»). A URL or a domain resolves through the
// registry's slugs ("https://www.reuters.com/…").
func (r *Registry) ExtractMeta(m Meta) []Mention {
	form := Byline
	if f := strings.ToLower(m.Field); strings.Contains(f, "source") || strings.Contains(f, "basedon") {
		form = SourceField
	}
	value := tatweelDashes(cutBytes(trimSpace(m.Value), maxMetaBytes))
	// "Jane Roe | Photo: AFP": what follows a photo word credits a
	// picture, not the text, when a writer is named before it. A value
	// that is only a photo credit («تصوير : واس» on SaudiNewsNet's photo
	// stories, whose captions are the agency's) names the only source
	// the page gives and is kept.
	if photoCredit(value) {
		if v := trimSpace(beforePhoto(value)); v != "" {
			value = v
		}
	}
	e := extractor{r: r}
	if host, ok := hostOf(value); ok {
		if info := r.domain(host); info != nil {
			e.addKnown(info.canon, host, form)
		}
	} else {
		for _, part := range splitMeta(value) {
			words := strings.Fields(part)
			if len(words) == 0 || len(words) > 12 {
				continue
			}
			if e.add(part, form, 0, 0, named|mustKnow) {
				continue
			}
			e.prefixName(words, form, 0, 0, 0, isLatinWord(words))
		}
	}
	for i := range e.out {
		e.out[i].Where = m.Field
	}
	return e.out
}

// beforePhoto returns the part of a metadata value before its first
// photo word, back to a separator.
func beforePhoto(v string) string {
	l := strings.ToLower(v)
	if len(l) != len(v) {
		return "" // case folding moved the bytes: drop the value
	}
	cut := len(v)
	for _, p := range []string{"photo", "image", "picture", "foto", "bild:", "الصورة", "صورة", "تصوير", "фото"} {
		if i := strings.Index(l, p); i >= 0 && i < cut {
			cut = i
		}
	}
	v = v[:cut]
	// Back to the last separator: "Jane Roe | AP Photo" keeps "Jane Roe".
	i := max(strings.LastIndexAny(v, "|/,;:•·()[]«»–—"), strings.LastIndex(v, " - "))
	if i < 0 {
		return ""
	}
	return v[:i]
}

// maxMetaBytes bounds the part of a metadata value that is read.
const maxMetaBytes = 400

// addKnown adds a mention of a canonical name found under another name.
func (e *extractor) addKnown(canon, name string, form Form) {
	m := Mention{Name: name, Outlet: canon, Known: true, Kind: e.r.Kind(canon), Form: form, Where: InText}
	switch m.Kind {
	case Organization:
		if form != SourceField {
			return
		}
	case Generic:
	default:
		m.Credit = true
	}
	e.out = append(e.out, m)
	e.pos = append(e.pos, 0)
}

// splitMeta cuts a byline into the parts that may each be a name. Dashes
// cut it when they stand between words written apart or next to
// Arabic-script letters («الرياض-الوئام»), not inside a Latin name
// ("Agence France-Presse", "ITAR-TASS").
func splitMeta(s string) []string {
	var parts []string
	start := 0
	cut := func(i, size int) {
		if p := trimSpace(s[start:i]); p != "" {
			parts = append(parts, p)
		}
		start = i + size
	}
	prev := rune(' ')
	for i, r := range s {
		size := utf8.RuneLen(r)
		switch r {
		case ':', '：', '|', '/', ',', '،', ';', '(', ')', '«', '»', '"', '“', '”', '[', ']', '\n', '\t', '•', '·':
			cut(i, size)
		case '-', '–', '—', '_':
			next, _ := utf8.DecodeRuneInString(s[i+size:])
			if r != '-' || prev == ' ' || next == ' ' || next == 0xA0 || prev == 0xA0 || isArabicRune(prev) || isArabicRune(next) || next == utf8.RuneError {
				cut(i, size)
			}
		}
		prev = r
	}
	cut(len(s), 0)
	// Words that join names: "Jane Roe and Reuters", «رويترز و أ ف ب»,
	// and a leading "By".
	var out []string
	for _, p := range parts {
		for _, q := range reMetaJoin.Split(p, -1) {
			if q = trimSpace(q); q != "" {
				out = append(out, q)
			}
		}
	}
	return out
}

func isArabicRune(r rune) bool { return r >= 0x0600 && r <= 0x06FF }

var reMetaJoin = regexp.MustCompile(`(?:^|\s)(?:and|und|et|y|ve|&|و|By|by|BY|Par|par|Por|por|Von|von)(?:\s|$)`)

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
