// Package match finds the copies in a corpus and groups them into story
// clusters. It is the engine behind `wiretrace scan`.
//
// # Pipeline
//
//  1. Fingerprint (parallel): each article is tokenised and shingled
//     (package shingle); its text is then dropped. A Doc keeps the ordered
//     shingle hashes, the shape of each line and a short copy of short lines.
//  2. Learn boilerplate from the corpus: a line whose digit-masked shape
//     occurs in BoilerplateDocs or more articles of one outlet, or in
//     CommonDocs or more articles overall, is boilerplate; so is a shingle
//     that occurs in BoilerplateDocs or more articles of one outlet or
//     CommonDocs overall (stock phrases). Counting is exact: the shingle key
//     space is cut into shards small enough for one hash map each, and the
//     shards are counted in parallel. Boilerplate shingles are left out of
//     matching; the learned lines are listed in the report.
//  3. Fingerprint what is left (parallel): the sorted set of content
//     shingles (for exact verification), MinHash band keys (LSH, the
//     near-duplicate channel), and winnowed fingerprints (the excerpt
//     channel). The ordered shingles are dropped.
//  4. Candidates: one sorted array of (key, doc) entries for band keys and
//     fingerprints; each document then counts, over its keys, which later
//     documents share them. One shared band key, or MinFingerprints shared
//     fingerprints, makes a candidate pair.
//  5. Verify (parallel): exact shared-shingle count, Jaccard and containment
//     in both directions for every candidate pair.
//  6. Rewrites (rewrite.go, when Options.Rewrites): each article kept its
//     words cut into sentences (package align; 4 bytes a word). Pairs
//     that share 4 of their 48 rarest words (in 2 to 50 articles) and are
//     not yet copies are aligned sentence by sentence; an alignment that
//     holds half of both texts, or half of one and a fifth of the other
//     with three reworded sentence pairs, is a rewritten copy. Template
//     sentences (mostly boilerplate or stock shingles) are left out.
//  7. Cluster: see Cluster. Options.Reuse names each link's kind of reuse
//     (verbatim, edited, rewritten, excerpt); IsCopy is the one rule for
//     copies that clustering, reports and the index share.
//
// # Costs
//
// Memory holds, per article, its content shingle set (8 bytes a shingle),
// its fingerprints (about 2/(w+1) of that) and its band keys; the ordered
// shingles of step 1 live until step 3, its sentence words until step 6. Time is dominated by tokenising
// (linear in text), MinHash (NumHashes multiply-adds per shingle) and the
// sort of step 4 (n log n in the number of keys).
//
// Every stage writes into slots indexed by document order and every
// collection is sorted before use, so results are identical for any number
// of workers.
package match
