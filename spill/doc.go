// Package spill keeps a scan's bulk data in memory while it fits a budget
// and in temporary files when it does not, so that the memory a scan needs
// is set by its budget rather than by the size of its corpus.
//
// It holds two kinds of data, the two a scan has in bulk:
//
//   - Arrays: one array of 64-bit words per article (its ordered shingles,
//     its content set, its sentence profile). Arrays live in memory until
//     their total passes the budget; then all of them move to one file,
//     written at offsets reserved under a lock and read back with pread,
//     or mapped into memory read-only (Map) for stages that read them at
//     random. A corpus that fits never touches the disk.
//   - Buckets: (key, document) entries scattered by the top bits of the key
//     into a fixed number of shards, each worker filling its own buffers
//     over a contiguous range of documents. Buffers that pass the budget
//     are flushed to the worker's file as segments; a shard is read back
//     as its segments in worker order, which is document order, so a
//     stable sort by key keeps each key's documents in order. One pass
//     over the data scatters it, instead of one pass per shard.
//
// Files are made in a directory the caller names (the system's temporary
// directory by default) and, on Unix, unlinked as soon as they are
// created: the open descriptor keeps them alive, and a process that exits
// or is killed, even by SIGKILL, leaves nothing behind.
//
// RadixSort, the stable sort of packed entries that both the scan and the
// index use, lives here too.
//
// Costs: a spilled array costs one pwrite when stored and one pread (or a
// page fault) when read; a spilled shard one sequential write and read.
// Nothing is compressed: the data are hashes.
package spill
