package align

import (
	"unicode"
	"unicode/utf8"

	"github.com/wiretrace/wiretrace/shingle"
)

// Profile is a text cut into sentences of word hashes: all that alignment
// needs of it, about four bytes a word.
type Profile struct {
	Words []uint32   // word hashes, sentence after sentence
	Sents []Sentence // in text order
}

// Sentence is one sentence of a profile.
type Sentence struct {
	First, End  int32 // its words: Words[First:End]
	Start, Stop int32 // its bytes in the text
}

// maxSentenceWords cuts run-on "sentences" (lists, texts without
// punctuation) into pieces that can still align with a rewritten sentence.
const maxSentenceWords = 60

// NewProfile cuts a tokenised text into sentences. A sentence ends at a
// line break or at sentence-ending punctuation between two words. skip, if
// not nil, reports lines to leave out (boilerplate); their words start no
// sentence and join none.
func NewProfile(text string, toks *shingle.Tokens, skip func(line int) bool) Profile {
	var p Profile
	p.Fill(text, toks, skip)
	return p
}

// Fill is NewProfile into p, reusing its slices: a scan cuts every
// article with one Profile per worker.
func (p *Profile) Fill(text string, toks *shingle.Tokens, skip func(line int) bool) {
	p.Words, p.Sents = p.Words[:0], p.Sents[:0]
	open := false
	var cur Sentence
	closeSentence := func() {
		if open && cur.End > cur.First {
			p.Sents = append(p.Sents, cur)
		}
		open = false
	}
	for i, t := range toks.Tokens {
		if skip != nil && skip(t.Line) {
			closeSentence()
			continue
		}
		if open && (t.Line != toks.Tokens[i-1].Line || endsSentence(text[toks.Tokens[i-1].End:t.Start]) ||
			cur.End-cur.First >= maxSentenceWords) {
			closeSentence()
		}
		if !open {
			cur = Sentence{First: int32(len(p.Words)), Start: int32(t.Start)}
			open = true
		}
		p.Words = append(p.Words, wordHash(text[t.Start:t.End], t.Hash))
		cur.End, cur.Stop = int32(len(p.Words)), int32(t.End)
	}
	closeSentence()
}

// endsSentence reports whether the text between two words closes a
// sentence: a full stop, question or exclamation mark in any of the
// scripts wiretrace reads (Latin, Arabic, Urdu, CJK), or a line break.
func endsSentence(gap string) bool {
	for i := 0; i < len(gap); {
		r, n := utf8.DecodeRuneInString(gap[i:])
		switch r {
		case '.', '!', '?', '\n', '؟', '۔', '。', '！', '？':
			return true
		}
		if unicode.Is(unicode.Zl, r) || unicode.Is(unicode.Zp, r) {
			return true
		}
		i += n
	}
	return false
}

// Size returns the number of words in the profile.
func (p *Profile) Size() int { return len(p.Words) }

// numberBit marks the hash of a word that holds a digit, so alignment can
// tell figures from words without the text.
const numberBit = 1

// wordHash is the top half of a token's hash with its lowest bit saying
// whether the word holds a digit.
func wordHash(word string, h uint64) uint32 {
	w := uint32(h>>32) &^ numberBit
	for _, r := range word {
		if unicode.IsDigit(r) {
			return w | numberBit
		}
	}
	return w
}
