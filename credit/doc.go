// Package credit finds the credit lines and datelines of an article and
// resolves the outlets they name against an outlet registry.
//
// # Mentions
//
// Extract scans a text line by line with patterns for English, Arabic,
// Russian and Urdu. Each hit is a Mention with a Form. Forms are of two
// strengths:
//
//   - attribution forms state where the whole text comes from: a
//     "Source: X" line (المصدر، Источник، بشکریہ), a dateline "CITY (X) -"
//     or «الدوحة - قنا», a wire tag "(X)", «(واس)», "/ТАСС/", «(اے پی پی)»,
//     a closing "— X" line, "first published by X". They are credits
//     wherever they appear and whoever wrote them.
//   - in-text forms cite a source inside the story: "X reported",
//     "according to X", "X news agency quoted …", «ذكرت وكالة X»,
//     «сообщает X». They are credits only when X is a wire or a national
//     agency in the registry ("The Washington Post quoted officials as
//     saying" is a quoted source, not a copy credit) and, in provenance,
//     only when the copy added them rather than carried them over from
//     the text it copied.
//
// Names are kept short (at most five words) and trimmed of articles and
// punctuation. A generic source («وكالات», "agencies") is recorded but names
// no outlet.
//
// # Registry and resolution
//
// The registry (registry.yaml, embedded) lists outlets with a canonical
// name, a kind (wire, agency, publisher, generic) and aliases in several
// scripts; users extend or override it with their own YAML file. A name
// resolves by exact alias after normalisation (the same word normalisation
// as matching: case folding, Arabic letter variants, digits), then by
// bounded edit distance (github.com/agnivade/levenshtein) for names of five
// or more characters: at most 1 edit up to 6 characters, 2 beyond, and only
// when one outlet is nearest. Unknown names are kept as written.
package credit
