// Package report turns scan results into the formats people and programs
// read. Every format is written from the same record structs (Report,
// Cluster, Member), so the JSON a program reads and the summary a person
// reads can never disagree.
//
// The JSON schema is wiretrace/report/v1, documented in docs/report-v1.md.
// Output is deterministic: records are sorted before writing, map keys are
// sorted by encoding/json, and ratios are rounded to four decimals so that
// floating-point noise cannot change a byte.
package report
