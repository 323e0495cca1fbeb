// Package index keeps a corpus's fingerprints on disk so that new articles
// can be checked against everything seen before at a cost that grows with
// what is new, not with the archive.
//
// # Layout
//
// One bbolt file (a copy-on-write B+tree with one writer at a time, held by
// an exclusive file lock, and any number of readers) holds:
//
//   - meta: the format version and the settings the fingerprints were made
//     with (normalisation version, shingle size, hashes, seed, window, the
//     lowest query threshold and the LSH layout it implies), the boilerplate
//     model learned so far and the next article number.
//   - docs: per article number, a record: id, outlet, title, URL, time,
//     source file and line, credits found in the text, a hash of the text
//     and the sorted set of content shingles, cut to their top 32 bits
//     (what exact verification and provenance need; new articles' sets are
//     cut alike, before MinHash). The MinHash signature and band keys are
//     not kept per article: they are a function of the stored set, the
//     seed and the layout.
//   - ids: article id to number.
//   - links: per article, every verified pair it is part of with the shared
//     shingle count and the other set's size, so similarity, containment and
//     the link's class can be recomputed under any query threshold.
//   - segments: the candidate channels' postings, (key, article) packed in
//     one word as in package match, sorted, in immutable runs stored as
//     512 KB blocks. Each add writes one run; runs of similar size are
//     merged (size-tiered, four at a time) so a lookup visits O(log n) runs
//     and each posting is rewritten O(log n) times.
//   - dead: removed articles whose postings may still sit in runs; lookups
//     skip them and merges drop them.
//
// # Queries
//
// New articles are fingerprinted with the stored boilerplate model merged
// with what they teach themselves, then looked up: their band keys and
// fingerprints are sorted and merged against each run (galloping search, so
// a small batch costs a few binary searches per key and a large one a
// sequential pass; a run the keys are dense in is first read in order,
// since the file is mapped for random access). Pairs that reach the candidate rule of package match are
// verified exactly against the stored sets. The story clusters they join
// are rebuilt from the stored links: copies are followed transitively,
// articles that merely quote a story are taken in but not followed.
//
// The threshold is a query setting. Band keys are kept for the index's
// lowest threshold (--min-threshold at build time); a higher threshold
// gets a superset of its own candidates, all verified exactly, so results
// are the same as with its own layout. Links are kept at the lowest
// thresholds too, and filtered at query time.
//
// # Faults
//
// Every add is one bbolt transaction: a crash at any point leaves the
// articles of the completed adds and nothing of the interrupted one. Runs
// are merged after the commit in 32 MB steps of their own; the merged run
// becomes visible (and the merged ones go) only in the last, so a crash
// in between loses nothing, and the partial run is removed later. A
// build writes a new file beside the index and renames it over the old one
// when done. A second writer finds the file lock taken and gets ErrLocked
// (or waits, when asked to).
//
// # Damage
//
// A damaged file is an error naming it and the rebuild command, never a
// crash: the meta pages are checked against the file's size before bbolt
// maps it (damage.go), bbolt's page assertions and memory faults are
// recovered in every goroutine that reads the map (guard, guardGo with
// debug.SetPanicOnFault), and format 2 seals records, lists of pairs, the
// boilerplate model and postings blocks with a CRC-32C (the settings keep
// theirs beside them), so damage is reported where a value is read.
// Blocks are checked by merges and Verify only: a lookup reads a few pages
// of a block. A build replaces a damaged index. docs/index.md lists what
// is checked and what only Verify finds.
//
// # Trade-offs
//
// Boilerplate learned by a later add is not removed from articles indexed
// before it; a rebuild re-learns it from everything. Texts are not stored:
// the source position lets compare read one again. A run lookup costs a
// page fault per probe on a cold cache; an add after a large build touches
// O(keys × log n) pages of the large run.
package index
