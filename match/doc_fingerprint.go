package match

import (
	"encoding/binary"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/cespare/xxhash/v2"
	"github.com/wiretrace/wiretrace/align"
	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/shingle"
)

// Doc is the compact fingerprint of one article; its text is not kept.
type Doc struct {
	Index     int
	ID        string
	Outlet    string
	Title     string
	URL       string
	Published string
	Time      time.Time
	Precision corpus.Precision
	Extra     map[string]json.RawMessage
	Pos       corpus.Position

	Tokens      int    // words (or characters of scripts without spaces)
	TextHash    uint64 // xxhash of the text, to tell an article seen again from a changed one
	Boilerplate int    // shingles left out of matching as boilerplate
	// Set is the sorted set of content shingles matching uses.
	Set []uint64
	// Lead samples the opening of the story text (see leadOf); zero when
	// the text is too short or unknown (documents of an older index).
	Lead [leadSamples]uint64
	// Credits are the outlets the article names as its sources, in its
	// text and metadata, from the scanner's credits function.
	Credits []credit.Mention
	// Indexed is set on documents loaded from an index rather than read
	// in this run.
	Indexed bool

	outlet int32  // index of the outlet in this scan
	oid    uint64 // outletID of Outlet
}

// lineSet is an article's lines, stored from fingerprinting to finish.
type lineSet struct {
	lines []lineInfo
	// text holds copies of the short lines, to show learned boilerplate.
	text []byte
}

type lineInfo struct {
	first, end         int32 // token range
	textStart, textEnd int32 // the line in lineSet.text, if it is short
	shape              uint64
}

// textOf returns line l's text, if it is short; it is valid until the
// set is reused.
func (ls *lineSet) textOf(l lineInfo) []byte { return ls.text[l.textStart:l.textEnd] }

// appendLines encodes a line set as 64-bit words: a header (lines, text
// bytes), three words a line, then the text eight bytes a word.
func appendLines(dst []uint64, ls *lineSet) []uint64 {
	if len(ls.lines) == 0 {
		return dst
	}
	dst = append(dst, pack32(uint32(len(ls.lines)), uint32(len(ls.text))))
	for _, l := range ls.lines {
		dst = append(dst, pack32(uint32(l.first), uint32(l.end)), pack32(uint32(l.textStart), uint32(l.textEnd)), l.shape)
	}
	for i := 0; i < len(ls.text); i += 8 {
		var w [8]byte
		copy(w[:], ls.text[i:])
		dst = append(dst, binary.LittleEndian.Uint64(w[:]))
	}
	return dst
}

// decodeLines is appendLines' inverse, reusing ls's slices.
func decodeLines(v []uint64, ls *lineSet) {
	ls.lines, ls.text = ls.lines[:0], ls.text[:0]
	if len(v) == 0 {
		return
	}
	n, size := unpack32(v[0])
	v = v[1:]
	for i := range int(n) {
		first, end := unpack32(v[3*i])
		ts, te := unpack32(v[3*i+1])
		ls.lines = append(ls.lines, lineInfo{first: int32(first), end: int32(end), textStart: int32(ts), textEnd: int32(te), shape: v[3*i+2]})
	}
	for _, w := range v[3*n:] {
		ls.text = binary.LittleEndian.AppendUint64(ls.text, w)
	}
	ls.text = ls.text[:size]
}

// maxLineText bounds the lines kept to show learned boilerplate.
const maxLineText = 200

// fingerprinter holds one worker's reusable buffers.
type fingerprinter struct {
	tz     *shingle.Tokenizer
	toks   shingle.Tokens
	hashes []uint64
	// raw, prof and lines are the last text's ordered shingles,
	// sentences (for the rewrite channel, package align) and lines,
	// until stored.
	raw   []uint64
	prof  align.Profile
	lines lineSet
	enc   []uint64
}

// fingerprint fills f's raw shingles, profile and lines from text.
func (f *fingerprinter) fingerprint(d *Doc, text string, k int) {
	f.tz.TokenizeInto(text, &f.toks)
	toks := &f.toks
	hashes := f.hashes[:0]
	for _, t := range toks.Tokens {
		hashes = append(hashes, t.Hash)
	}
	f.hashes = hashes
	d.Tokens = len(hashes)
	d.TextHash = xxhash.Sum64String(text)
	f.raw = shingle.AppendShingles(f.raw[:0], hashes, k)
	f.prof.Fill(text, toks, nil)
	ls := &f.lines
	ls.lines, ls.text = ls.lines[:0], ls.text[:0]
	for i, l := range toks.Lines {
		if l.Shape == 0 {
			continue
		}
		end := len(toks.Tokens)
		if i+1 < len(toks.Lines) {
			end = toks.Lines[i+1].FirstToken
		}
		li := lineInfo{first: int32(l.FirstToken), end: int32(end), shape: l.Shape}
		if l.End-l.Start <= maxLineText {
			li.textStart = int32(len(ls.text))
			ls.text = append(ls.text, strings.TrimSpace(text[l.Start:l.End])...)
			li.textEnd = int32(len(ls.text))
		}
		ls.lines = append(ls.lines, li)
	}
}

// finishBuffers are one worker's scratch space for finish.
type finishBuffers struct {
	drop  []bool
	keep  []uint64
	raw   []uint64
	penc  []uint64
	prof  align.Profile
	lines lineSet
	enc   []uint64
	fps   []uint64
	keys  []uint64
}

// finish removes boilerplate from d's shingles and computes its matching
// fingerprints (finishDoc), reading its arrays from the scan's stores and
// storing what it computes.
func (s *Scanner) finish(d *Doc, bp *Boilerplate, buf *finishBuffers) {
	raw, err := s.st.raw.Get(d.Index, &buf.raw)
	if err != nil {
		return // kept by the store, returned by Prepare
	}
	penc, err := s.st.profiles.Get(d.Index, &buf.penc)
	if err != nil {
		return
	}
	decodeProfile(penc, &buf.prof)
	lenc, err := s.st.lines.Get(d.Index, &buf.penc)
	if err != nil {
		return
	}
	decodeLines(lenc, &buf.lines)
	sentences, set, keys := finishDoc(s.opts, s.minhash, s.bands, s.rows, d, raw, bp, buf)
	_ = s.st.sentences.Put(d.Index, sentences)
	if set != nil {
		// Put copies the set right-sized (keep had room for every
		// shingle); Prepare points Set at the copy.
		_ = s.st.sets.Put(d.Index, set)
		_ = s.st.keys.Put(d.Index, keys)
	}
	s.st.raw.Release(d.Index)
	s.st.profiles.Release(d.Index)
	s.st.lines.Release(d.Index)
}

// finishDoc removes boilerplate from d's shingles (raw; its profile and
// lines decoded into buf.prof and buf.lines) and computes its matching
// fingerprints: the encoded profile without boilerplate sentences, the
// content set (nil when nothing is left) and the candidate keys (winnowed
// fingerprints and LSH band keys). It sets d.Boilerplate. What it returns
// lives in buf until its next use.
func finishDoc(o Options, mh *shingle.MinHasher, bands, rows int, d *Doc, raw []uint64, bp *Boilerplate, buf *finishBuffers) (sentences, set, keys []uint64) {
	k := o.K
	if cap(buf.drop) < len(raw) {
		buf.drop = make([]bool, len(raw))
	}
	drop := buf.drop[:len(raw)]
	clear(drop)
	for _, l := range buf.lines.lines {
		if !bp.line(d.oid, l.shape) {
			continue
		}
		lo, hi := int(l.first)-k+1, int(l.end)-1
		if len(raw) == 1 {
			lo, hi = 0, 0
		}
		for i := max(lo, 0); i <= hi && i < len(drop); i++ {
			drop[i] = true
		}
	}
	for i, h := range raw {
		drop[i] = drop[i] || bp.shingle(d.oid, h)
	}
	kept := dropSentences(buf.prof, func(first, end int32) bool { return mostlyDropped(drop, first, end) })
	buf.enc = appendProfile(buf.enc[:0], &kept)
	sentences = buf.enc
	keep := buf.keep[:0]
	for i, h := range raw {
		if drop[i] {
			continue
		}
		keep = append(keep, h)
	}
	buf.keep = keep[:0]
	d.Boilerplate = len(raw) - len(keep)
	d.Lead = leadOf(keep, o.ShortSets)
	if len(keep) == 0 {
		return sentences, nil, nil
	}
	fps := buf.fps[:0]
	for _, p := range shingle.Winnow(keep, o.Window) {
		fps = append(fps, keep[p])
	}
	buf.fps = shingle.Set(fps)
	set = shingle.Set(keep)
	if o.ShortSets {
		set = shortSet(set)
	}
	band := shingle.BandKeys(mh.Signature(set), bands, rows)
	buf.keys = appendCandidateKeys(buf.keys[:0], band, buf.fps)
	return sentences, set, buf.keys
}

// Keys returns a document's band keys (with the top bit set) and
// winnowed fingerprints (top bit clear), the keys of the candidate
// channels. They are valid between Prepare and Match.
func (s *Scanner) Keys(d *Doc) ([]uint64, error) {
	var buf []uint64
	keys, err := s.st.keys.Get(d.Index, &buf)
	return slices.Clone(keys), err
}

func appendCandidateKeys(keys, bands, fps []uint64) []uint64 {
	for _, k := range bands {
		keys = append(keys, k|bandTag)
	}
	for _, k := range fps {
		keys = append(keys, k&^bandTag)
	}
	return keys
}

// IsBandKey tells a band key of Keys from a fingerprint.
func IsBandKey(k uint64) bool { return k&bandTag != 0 }

// shortSet keeps the top 32 bits of each hash of a sorted set, in place.
func shortSet(set []uint64) []uint64 {
	for i, h := range set {
		set[i] = h &^ (1<<32 - 1)
	}
	return slices.Compact(set) // truncation keeps the order
}

// dropSentences removes from p the sentences for which gone(first, end)
// is true, given their token range (a profile built without skipping has
// one word per token, so its word indexes are token indexes).
func dropSentences(p align.Profile, gone func(first, end int32) bool) align.Profile {
	out := align.Profile{Words: p.Words[:0]}
	for _, st := range p.Sents {
		if gone(st.First, st.End) {
			continue
		}
		n := st
		n.First = int32(len(out.Words))
		out.Words = append(out.Words, p.Words[st.First:st.End]...)
		n.End = int32(len(out.Words))
		out.Sents = append(out.Sents, n)
	}
	return out
}

// mostlyDropped reports whether most shingles starting in a sentence are
// boilerplate or stock phrases: a sentence of a template (a civil-defence
// bulletin, a greeting formula) says nothing about where a text came from,
// though its words are not common enough to weigh nothing.
func mostlyDropped(drop []bool, first, end int32) bool {
	n, gone := 0, 0
	for i := first; i < end && int(i) < len(drop); i++ {
		n++
		if drop[i] {
			gone++
		}
	}
	return n > 0 && 2*gone > n
}

// The lead of a story is its opening sentence: a copy cut from the bottom
// (newsrooms trim a wire story to fit) keeps it, while an article quoting
// a passage of a story opens with its own words. leadSamples content
// shingles, leadStep apart from the leadSkip-th (past a dateline, which
// copies change), sample it.
const (
	leadSamples = 4
	leadSkip    = 2
	leadStep    = 4
	// leadHeld of the samples must be in a text for it to hold the lead:
	// one changed word in the lead removes at most two.
	leadHeld = 2
)

// leadOf samples the lead of a document's ordered content shingles; zero
// when there are too few.
func leadOf(keep []uint64, short bool) (lead [leadSamples]uint64) {
	if len(keep) <= leadSkip+(leadSamples-1)*leadStep {
		return lead
	}
	for i := range lead {
		h := keep[leadSkip+i*leadStep]
		if short {
			h &^= 1<<32 - 1
		}
		lead[i] = h
	}
	return lead
}

// MarkLeads sets the lead flags of links measured without their
// documents' leads (an index's stored pairs, or a pair verified against
// an indexed article's set alone), from the documents they join.
func MarkLeads(docs []*Doc, links []Link) {
	for i := range links {
		links[i].SetLeads(docs[links[i].A], docs[links[i].B])
	}
}

// SetLeads sets the link's lead flags from its two documents, a its A
// side and b its B side.
func (l *Link) SetLeads(a, b *Doc) {
	l.LeadA, l.LeadB = holdsLead(a, b), holdsLead(b, a)
}

// holdsLead reports whether in's content set holds out's lead: in is then
// out cut from the bottom (or out padded at the end), not a passage out
// quotes.
func holdsLead(in, out *Doc) bool {
	if out.Lead == ([leadSamples]uint64{}) {
		return false
	}
	n := 0
	for _, h := range out.Lead {
		if _, ok := slices.BinarySearch(in.Set, h); ok {
			n++
		}
	}
	return n >= leadHeld
}
