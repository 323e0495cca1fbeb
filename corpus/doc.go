// Package corpus reads articles from JSON Lines files (plain, gzipped or
// standard input) and from directory trees of .txt and .md files, and
// validates every record.
//
// Reading streams: each article is handed to a callback as soon as it is
// parsed and its text is not kept, so a corpus never has to fit in memory.
// The only corpus-wide state is the set of ids seen, needed to reject
// duplicates.
//
// Every problem with a record (malformed JSON, a missing field, an empty
// text, invalid UTF-8, a duplicate id, a bad date, a missing file) is a
// *RecordError that names the file, the line and what is wrong, with an
// excerpt of the line. With Options.SkipBad the reader records the error in
// its Skipped list and goes on; otherwise it stops at the first one. Nothing
// is dropped without being reported one way or the other.
//
// Some problems are not one record's: an input given twice (or inside a
// directory input that reads it) is an *InputError before anything is
// read; a field named in Options.Fields that no record of an input has is
// an error naming the input and the field, whatever SkipBad says, and one
// that some records lack is listed in FieldWarnings.
package corpus
