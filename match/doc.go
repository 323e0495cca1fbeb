// Package match finds the copies in a corpus and groups them into story
// clusters. It is the engine behind `wiretrace scan`.
//
// # Pipeline
//
//  1. Fingerprint (parallel): each article is tokenised and shingled
//     (package shingle); its text is then dropped. A Doc keeps the shape
//     of each line and a short copy of short lines; its ordered shingle
//     hashes and its sentence profile go to the scan's stores (store.go,
//     package spill): in memory within Options.Memory, in temporary files
//     beyond it.
//  2. Learn boilerplate from the corpus: a line whose digit-masked shape
//     occurs in BoilerplateDocs or more articles of one outlet, or in
//     CommonDocs or more articles overall, is boilerplate; so is a shingle
//     that occurs in BoilerplateDocs or more articles of one outlet or
//     CommonDocs overall (stock phrases). Counting is exact: one pass
//     scatters (shingle, article) entries into shards of the key space
//     (on disk past the budget), and each shard is sorted and counted.
//     Boilerplate shingles are left out of matching; the learned lines
//     are listed in the report.
//  3. Fingerprint what is left (parallel): the sorted set of content
//     shingles (for exact verification), MinHash band keys (LSH, the
//     near-duplicate channel), and winnowed fingerprints (the excerpt
//     channel), each stored. A spilled set file is mapped back read-only
//     so that Doc.Set reads in place.
//  4. Candidates (cooccur.go): (key, article) entries are scattered into
//     key shards; each sorted key shard turns every key shared by a few
//     articles into weighted pair entries, scattered into shards by the
//     first article; each sorted pair shard sums the weights. One shared
//     band key, or MinFingerprints shared fingerprints, makes a candidate.
//  5. Verify (parallel by pair shard): exact shared-shingle count,
//     Jaccard and containment in both directions for every candidate.
//  6. Rewrites (rewrite.go, when Options.Rewrites): pairs that share 4 of
//     their 48 rarest words (in 2 to 50 articles), counted as in step 4,
//     and not yet copies are aligned sentence by sentence (package
//     align); an alignment that holds half of both texts, or half of one
//     and a fifth of the other with three reworded sentence pairs, is a
//     rewritten copy. Template sentences (mostly boilerplate or stock
//     shingles) are left out.
//  7. Cluster: see Cluster. Options.Reuse names each link's kind of reuse
//     (verbatim, edited, rewritten, excerpt); IsCopy is the one rule for
//     copies that clustering, reports and the index share (clustering
//     takes a text holding a roundup's lead for quoted, see Cluster).
//
// # Costs
//
// What a scan keeps in memory throughout is a header per article (ids,
// outlet, times, credits: a few hundred bytes) and the links it finds.
// The bulk arrays (ordered shingles, 8 bytes a word until step 3; content
// sets, 8 bytes a shingle; sentence profiles, 4 bytes a word; candidate
// keys) and the shards of steps 2 and 4 stay in memory while they fit half
// of Options.Memory and go to temporary files past it, so memory is set
// by the budget, not by the corpus. Time is dominated by tokenising
// (linear in text), MinHash (NumHashes multiply-adds per shingle) and the
// radix sorts of steps 2 and 4 (linear in entries); a key held by s
// articles costs s(s-1)/2 pair entries, which MaxBucket and CommonDocs
// bound.
//
// Every stage writes into slots indexed by document order and every
// collection is sorted before use, so results are identical for any number
// of workers.
package match
