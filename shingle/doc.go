// Package shingle turns article text into the fingerprints wiretrace matches
// on: normalised tokens with offsets, word k-shingles, MinHash signatures,
// LSH band keys and winnowed fingerprints.
//
// # Normalisation
//
// Text is segmented into words with Unicode UAX #29 (clipperhouse/uax29)
// on the original bytes, so every token keeps its byte offsets for later
// highlighting. Each word is then normalised on its own: NFKC, Unicode case
// folding, Arabic normalisation (diacritics and tatweel dropped, alef, yaa and
// taa marbuta variants unified) and Arabic-Indic and Persian digits mapped to
// ASCII. Scripts written without spaces (Han, Hiragana, Katakana, Thai, Lao,
// Khmer, Myanmar) are split into single characters, so a k-shingle over them
// is a character k-gram. Punctuation and spaces are dropped. Normalising word
// by word costs one map lookup per ASCII word and one NFKC pass per other
// word; it keeps offsets exact where normalising the whole text first would
// not.
//
// # Shingles and MinHash
//
// A shingle is k consecutive token hashes combined with a fixed-seed mix
// (xxhash of each token, then a multiply-xorshift combine), so shingle values
// are identical across runs, machines and worker counts. A document shorter
// than k tokens yields one shingle of all its tokens.
//
// MinHash is one-permutation hashing with densification: each shingle is
// mixed once with a seeded hash that picks one of n bins, each bin keeps its
// minimum, and empty bins borrow from their right neighbour. Two
// signatures agree in a bin with probability close to the Jaccard
// similarity of the sets, so agreement over n bins estimates it with
// standard error about sqrt(J(1-J)/n). Cost: one hash per shingle, where n
// independent permutations would cost n; with n = 128 that is the
// difference between the dominant cost of a scan and a negligible one.
//
// # LSH
//
// The signature is cut into b bands of r rows; two documents become
// candidates when any band agrees, with probability 1-(1-J^r)^b. Bands
// chooses b and r for a Jaccard threshold t by minimising the integrated
// false-positive area below t plus the false-negative area above it, as
// datasketch does, with false negatives weighted higher because a missed copy
// cannot be recovered later while a false candidate is removed by exact
// verification.
//
// # Winnowing
//
// LSH on whole documents misses excerpts: three paragraphs of a wire story in
// a long unrelated article have a low Jaccard similarity with it. Winnow keeps
// the minimum shingle hash of every window of w consecutive shingles (Schleimer
// et al., 2003). Any run of w shared shingles therefore shares at least one
// fingerprint, at a density of about 2/(w+1) of the shingles, which makes an
// inverted index over fingerprints small enough to keep for a whole corpus.
package shingle
