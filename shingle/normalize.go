package shingle

import (
	"unicode"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"
	"github.com/clipperhouse/uax29/v2/words"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Token is one normalised word (or one character of a script without
// spaces) with its byte offsets in the original text.
type Token struct {
	Start, End int    // byte offsets into the original text
	Line       int    // index into Tokens.Lines
	Hash       uint64 // hash of the normalised form
}

// Line is one line of the original text (split on '\n').
type Line struct {
	Start, End int // byte offsets of the line, without the newline
	FirstToken int // index of the line's first token (== next line's when empty)
	// Shape hashes the line's normalised tokens with every digit replaced by
	// 0, so footers and "related stories" lines that differ only in dates and
	// times hash alike. Lines without tokens have Shape 0.
	Shape uint64
}

// Tokens is the tokenised form of one text.
type Tokens struct {
	Tokens []Token
	Lines  []Line
}

// Hashes returns the hashes of the tokens, in order.
func (t Tokens) Hashes() []uint64 {
	out := make([]uint64, len(t.Tokens))
	for i, tk := range t.Tokens {
		out[i] = tk.Hash
	}
	return out
}

// Tokenizer normalises and segments text. It keeps buffers between calls and
// is not safe for concurrent use: give each worker its own.
type Tokenizer struct {
	fold cases.Caser
	buf  []byte
	rbuf []byte
}

// NewTokenizer returns a Tokenizer.
func NewTokenizer() *Tokenizer {
	return &Tokenizer{fold: cases.Fold()}
}

// Tokenize segments text into lines and normalised tokens.
func (t *Tokenizer) Tokenize(text string) Tokens {
	var out Tokens
	t.TokenizeInto(text, &out)
	return out
}

// TokenizeInto is Tokenize reusing the slices of out, which it resets: a
// worker that tokenises many texts allocates its buffers once.
func (t *Tokenizer) TokenizeInto(text string, out *Tokens) {
	out.Tokens, out.Lines = out.Tokens[:0], out.Lines[:0]
	start := 0
	for start <= len(text) {
		end := start
		for end < len(text) && text[end] != '\n' {
			end++
		}
		t.tokenizeLine(text, start, end, out)
		start = end + 1
	}
}

func (t *Tokenizer) tokenizeLine(text string, start, end int, out *Tokens) {
	line := Line{Start: start, End: end, FirstToken: len(out.Tokens)}
	lineIndex := len(out.Lines)
	var shape uint64
	seg := words.FromString(text[start:end])
	for seg.Next() {
		w := seg.Value()
		ws := start + seg.Start()
		if !hasWordRune(w) {
			continue
		}
		if noSpaceScript(w) {
			for i, r := range w {
				if !unicode.IsLetter(r) && !unicode.IsNumber(r) {
					continue
				}
				n := utf8.RuneLen(r)
				h, m := t.hashWord(w[i : i+n])
				out.Tokens = append(out.Tokens, Token{Start: ws + i, End: ws + i + n, Line: lineIndex, Hash: h})
				shape = mix(shape, m)
			}
			continue
		}
		h, m := t.hashWord(w)
		out.Tokens = append(out.Tokens, Token{Start: ws, End: ws + len(w), Line: lineIndex, Hash: h})
		shape = mix(shape, m)
	}
	if len(out.Tokens) > line.FirstToken {
		line.Shape = shape | 1
	}
	out.Lines = append(out.Lines, line)
}

// Normalize returns the normalised form of one word, as used for hashing.
// It is exported for tests and for showing what was matched.
func (t *Tokenizer) Normalize(word string) string {
	return string(t.normalize(word))
}

// hashWord returns the hash of the normalised word and the hash of its
// digit-masked form.
func (t *Tokenizer) hashWord(w string) (uint64, uint64) {
	b := t.normalize(w)
	h := xxhash.Sum64(b)
	masked := false
	for i, c := range b {
		if c >= '0' && c <= '9' {
			b[i] = '0'
			masked = true
		}
	}
	if !masked {
		return h, h
	}
	return h, xxhash.Sum64(b)
}

// normalize returns the normalised bytes of w in a buffer owned by t.
func (t *Tokenizer) normalize(w string) []byte {
	if isASCII(w) {
		b := t.buf[:0]
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		}
		t.buf = b
		return b
	}
	src := w
	if !allSimple(w) {
		t.rbuf = norm.NFKC.AppendString(t.rbuf[:0], w)
		t.rbuf = t.fold.Bytes(t.rbuf)
		src = string(t.rbuf)
	}
	b := t.buf[:0]
	for _, r := range src {
		if r >= 0x0410 && r <= 0x042F || r == 0x0401 {
			r = unicode.ToLower(r)
		}
		r = foldRune(r)
		if r < 0 {
			continue
		}
		b = utf8.AppendRune(b, r)
	}
	t.buf = b
	return b
}

// foldRune applies the Arabic and digit rules; -1 means drop the rune.
func foldRune(r rune) rune {
	switch {
	case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640: // harakat, superscript alef, tatweel
		return -1
	case r == 'أ', r == 'إ', r == 'آ', r == 'ٱ':
		return 'ا'
	case r == 'ى':
		return 'ي'
	case r == 'ة':
		return 'ه'
	case r >= '٠' && r <= '٩':
		return '0' + (r - '٠')
	case r >= '۰' && r <= '۹':
		return '0' + (r - '۰')
	case r == 'ی': // Persian yeh
		return 'ي'
	case r == 'ک': // Persian keheh
		return 'ك'
	}
	return r
}

func allSimple(s string) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf && !simpleRune(r) {
			return false
		}
		if r >= 'A' && r <= 'Z' {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func hasWordRune(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return true
		}
	}
	return false
}

// noSpaceScript reports whether w is written in a script that does not
// separate words with spaces. Everything below U+0E00 (Latin, Greek,
// Cyrillic, Arabic, Hebrew, Indic scripts) is answered without a table.
func noSpaceScript(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= 0xE0 { // lead byte of a rune >= U+0800
			goto slow
		}
	}
	return false
slow:
	for _, r := range w {
		if r >= 0x0E00 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar) {
			return true
		}
	}
	return false
}

// simpleRune reports whether r needs no NFKC step: basic Arabic letters,
// marks and digits, Persian letters and digits, and Cyrillic letters are
// already in NFKC form (the combining hamza U+0653..U+0655 is excluded
// because NFKC composes it with the letter before).
func simpleRune(r rune) bool {
	switch {
	case r >= 0x0621 && r <= 0x0652, r >= 0x0656 && r <= 0x0669, r == 0x0670,
		r == 0x06A9, r == 0x06AF, r == 0x06CC, r == 0x067E, r == 0x0686, r == 0x0698,
		r >= 0x06F0 && r <= 0x06F9, r >= 0x0410 && r <= 0x044F, r == 0x0401, r == 0x0451:
		return true
	}
	return false
}

const prime64 = 0x9E3779B97F4A7C15

// mix folds v into h; it is the fixed-seed combine used for shingles and
// line shapes.
func mix(h, v uint64) uint64 {
	h ^= v + prime64 + (h << 6) + (h >> 2)
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}
