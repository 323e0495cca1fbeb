// Package synth generates labelled laundering corpora: wire stories copied
// hop by hop by national agencies and websites, with the labels needed to
// score detection and provenance (story, parent, origin, credits, verdict).
//
// Each story family is generated from its own random stream, seeded by the
// corpus seed and the family's index, so a corpus of any size streams out in
// constant memory and any family can be regenerated alone. Text comes from a
// fixed pseudo-word lexicon drawn with a Zipf distribution, which gives
// shingle statistics like running text (a few very common words, a long
// tail) without shipping any real corpus.
//
// What a family can contain: an origin at a wire (sometimes left out of the
// corpus, so that only its copies remain); agencies that copy the wire with
// their own edits (a dropped paragraph, changed words, a dateline) and a
// credit line; websites that copy the wire or an agency, carrying that
// version's edits, adding their own footer and related-stories block, and
// crediting the origin, the intermediary, nobody or the wrong outlet; second
// hops between websites; excerpts of two or three paragraphs inside a
// website's own unrelated article. Timestamps are sometimes missing, only a
// date, written in another time zone, or skewed so that a copy appears to
// precede its parent.
package synth
