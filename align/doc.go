// Package align finds the passages two texts share when one rewrites the
// other: sentences reordered, split and merged, words swapped, paragraphs
// summarised. Shingles miss such reuse; aligned sentences find it.
//
// # Algorithm
//
// It follows the text-alignment method of Sanchez-Perez, Sidorov and
// Gelbukh (PAN 2014), reimplemented from the paper:
//
//  1. Each text is cut into sentences (NewProfile) and each sentence is a
//     tf-idf vector of its word hashes. The idf comes from the corpus
//     (Frequencies); words in more than StopShare of a corpus's documents
//     are stop words and weigh nothing. Two texts alone use inverse
//     sentence frequency over their own sentences instead.
//  2. Seeding: every sentence pair whose cosine and weighted Dice
//     coefficient both reach a threshold is a seed. An inverted list of
//     one text's sentences by word limits the comparisons to pairs that
//     share a word.
//  3. Extension: seeds within MaxGap sentences of each other in both texts
//     are joined (rewrites drop and insert sentences); each group's span in
//     each text is a passage pair, validated by the cosine of the two
//     passages' summed vectors. A group that fails is split again with a
//     gap one smaller, down to MinGap.
//  4. Filtering: of overlapping passages the one with more seeds is kept;
//     passages with fewer than MinWords weighted words on a side are
//     dropped.
//
// The result gives byte offsets of every passage in both texts and the
// share of each text the passages cover, which package match uses to tell
// a rewritten copy (most of both texts aligned) from a quotation.
//
// # Costs
//
// A Profile holds 4 bytes a word and 16 bytes a sentence. Aligning two
// texts of n and m sentences costs, besides building their vectors, one
// sparse dot product per sentence pair that shares a weighted word: at
// most n·m, in practice far fewer. Package match runs it only on
// candidate pairs that share rare words.
package align
