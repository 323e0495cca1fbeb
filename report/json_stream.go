package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
)

// jsonStream writes indented JSON a piece at a time: the containers it
// opens and closes itself, and every other value marshalled and indented
// on its own into buffers it reuses. The bytes are those a json.Encoder
// with SetIndent("", "  ") and SetEscapeHTML(false) writes for the whole
// value, without the whole value ever being in memory: the largest extra
// memory is one value.
type jsonStream struct {
	w    *bufio.Writer
	enc  *json.Encoder // compact, into raw
	raw  bytes.Buffer  // the value being written, compact
	out  []byte        // the same value indented, or a line break
	open []container   // the containers opened and not yet closed
	err  error         // the first error; nothing is written after it
}

// container is an open object or array, and whether it has members yet.
type container struct {
	array, nonEmpty bool
}

func newJSONStream(w io.Writer) *jsonStream {
	s := &jsonStream{w: bufio.NewWriterSize(w, 64<<10)}
	s.enc = json.NewEncoder(&s.raw)
	s.enc.SetEscapeHTML(false)
	return s
}

func (s *jsonStream) write(p []byte) {
	if s.err == nil {
		_, s.err = s.w.Write(p)
	}
}

// member starts a member of the innermost container: the comma after the
// previous one, a line break, and the key in an object (key is a field
// name from a struct tag, which needs no escaping).
func (s *jsonStream) member(key string) {
	if len(s.open) == 0 {
		return
	}
	c := &s.open[len(s.open)-1]
	s.out = s.out[:0]
	if c.nonEmpty {
		s.out = append(s.out, ',')
	}
	c.nonEmpty = true
	s.out = appendLineBreak(s.out, len(s.open))
	if !c.array {
		s.out = append(append(append(s.out, '"'), key...), `": `...)
	}
	s.write(s.out)
}

// begin opens an object ('{') or array ('[') as a member of the innermost
// container; key is ignored in an array.
func (s *jsonStream) begin(key string, delim byte) {
	s.member(key)
	s.write([]byte{delim})
	s.open = append(s.open, container{array: delim == '['})
}

// end closes the innermost container; an empty one stays on its line
// ("[]"), as json.Indent writes it.
func (s *jsonStream) end() {
	c := s.open[len(s.open)-1]
	s.open = s.open[:len(s.open)-1]
	s.out = s.out[:0]
	if c.nonEmpty {
		s.out = appendLineBreak(s.out, len(s.open))
	}
	if c.array {
		s.out = append(s.out, ']')
	} else {
		s.out = append(s.out, '}')
	}
	s.write(s.out)
}

// value writes v, marshalled as encoding/json does, as a member of the
// innermost container. Pass a pointer to a field or element, so that
// methods on pointer receivers apply as they do in the whole value.
func (s *jsonStream) value(key string, v any) {
	if s.err != nil {
		return
	}
	s.member(key)
	s.raw.Reset()
	if s.err = s.enc.Encode(v); s.err != nil {
		return
	}
	// Encode ends the value with a line break.
	compact := bytes.TrimSuffix(s.raw.Bytes(), []byte("\n"))
	s.out = indentCompact(s.out[:0], compact, len(s.open))
	s.write(s.out)
}

// finish writes the line break Encode ends a value with and flushes.
func (s *jsonStream) finish() error {
	s.write([]byte("\n"))
	if s.err != nil {
		return s.err
	}
	return s.w.Flush()
}

// appendLineBreak appends a line break and depth levels of indentation.
func appendLineBreak(dst []byte, depth int) []byte {
	dst = append(dst, '\n')
	for range depth {
		dst = append(dst, ' ', ' ')
	}
	return dst
}

// indentCompact appends src, compact JSON as encoding/json writes it (no
// space outside strings), indented as json.Indent(dst, src, prefix, "  ")
// does with a prefix of depth levels: each member on a line of its own,
// empty objects and arrays left as "{}" and "[]", ": " after a key.
// json.Indent runs its full scanner over every byte, which took most of
// the time of writing a report; the compact input needs only strings
// skipped (FuzzIndentCompact compares the two).
func indentCompact(dst, src []byte, depth int) []byte {
	opened := false // a '{' or '[' was just written: its line break waits for a member
	for i := 0; i < len(src); i++ {
		c := src[i]
		if opened && c != '}' && c != ']' {
			dst = appendLineBreak(dst, depth)
			opened = false
		}
		switch c {
		case '"':
			end := stringEnd(src, i)
			dst = append(dst, src[i:end]...)
			i = end - 1
		case '{', '[':
			dst = append(dst, c)
			depth++
			opened = true
		case '}', ']':
			depth--
			if opened {
				opened = false
			} else {
				dst = appendLineBreak(dst, depth)
			}
			dst = append(dst, c)
		case ',':
			dst = appendLineBreak(append(dst, ','), depth)
		case ':':
			dst = append(dst, ':', ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// stringEnd returns the index after the string that opens at src[start]:
// after the first quote not escaped by an odd run of backslashes.
func stringEnd(src []byte, start int) int {
	i := start + 1
	for {
		q := bytes.IndexByte(src[i:], '"')
		if q < 0 {
			return len(src)
		}
		i += q
		backslashes := 0
		for j := i - 1; j > start && src[j] == '\\'; j-- {
			backslashes++
		}
		i++
		if backslashes%2 == 0 {
			return i
		}
	}
}

// streamArray writes items as an array member (null when nil, as
// encoding/json writes a nil slice), one element at a time with each.
func streamArray[T any](s *jsonStream, key string, items []T, each func(*T)) {
	if items == nil {
		s.value(key, nil)
		return
	}
	s.begin(key, '[')
	for i := range items {
		if s.err != nil {
			break
		}
		each(&items[i])
	}
	s.end()
}

// streamValues writes items as an array member, each element marshalled
// on its own.
func streamValues[T any](s *jsonStream, key string, items []T) {
	streamArray(s, key, items, func(v *T) { s.value("", v) })
}

// writeReportJSON writes r field by field in the order of its struct
// tags, and its lists element by element; a story's members are written
// one by one too, since a story can be large. A field added to Report or
// Cluster must be added here: TestWriteJSONWritesEveryField fails until
// it is.
func writeReportJSON(w io.Writer, r *Report) error {
	s := newJSONStream(w)
	if r == nil {
		s.value("", nil)
		return s.finish()
	}
	s.begin("", '{')
	s.value("schema", &r.Schema)
	s.value("tool", &r.Tool)
	s.value("documents", &r.Documents)
	s.value("settings", &r.Settings)
	s.value("stats", &r.Stats)
	cluster := func(c *Cluster) {
		s.begin("", '{')
		s.value("id", &c.ID)
		s.value("size", &c.Size)
		s.value("outlets", &c.Outlets)
		s.value("origin", &c.Origin)
		streamValues(s, "members", c.Members)
		s.end()
	}
	if r.lazy != nil {
		s.begin("clusters", '[')
		for i := 0; i < r.lazy.n && s.err == nil; i++ {
			c := r.lazy.build(i)
			cluster(&c)
		}
		s.end()
		r.lazy.done()
	} else {
		streamArray(s, "clusters", r.Clusters, cluster)
	}
	streamValues(s, "outlets", r.Outlets)
	streamValues(s, "boilerplate", r.Boilerplate)
	streamValues(s, "skipped", r.Skipped)
	streamValues(s, "warnings", r.Warnings)
	if r.Index != nil {
		s.value("index", r.Index)
	}
	s.end()
	return s.finish()
}
