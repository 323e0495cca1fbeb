// Package dedup writes a corpus with one article kept per story: the
// deduplicated training set or the list of ids to drop that NLP pipelines
// (text-dedup, datatrove) want, made with wiretrace's matching instead of
// bare MinHash.
//
// It reads the inputs twice. The first pass scans them like `wiretrace
// scan` (corpus → match → provenance → report) and decides, story by
// story, which full members to drop; only fingerprints are held, as in a
// scan. The second pass reads the inputs again and writes each article
// that is kept as soon as it is read, so no text is held either: the
// memory of a dedup is the memory of a scan. The price is reading the
// inputs twice, and standard input, which can be read once, is refused.
//
// What is kept:
//   - an article in no story;
//   - a partial member (an article quoting a story is a text of its own);
//   - of a story's full members, one: the story's origin (Keep "origin";
//     the earliest when the origin is not in the corpus or only quotes),
//     the earliest published (undated last), or the longest in words;
//     ties go to the earlier, then the smaller id.
//
// With a reference set (Against, for benchmark decontamination) every
// input article in a story with a reference article is dropped, full or
// partial member, since it shares text with the reference; reference
// articles are never written. The stories without a reference article
// are deduplicated as above.
//
// Output records are JSON Lines in wiretrace's input shape (id, outlet,
// published, title, url, text, then the record's other fields in key
// order), whatever the input format, in input order.
package dedup

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/wiretrace/wiretrace/corpus"
	"github.com/wiretrace/wiretrace/credit"
	"github.com/wiretrace/wiretrace/match"
	"github.com/wiretrace/wiretrace/provenance"
	"github.com/wiretrace/wiretrace/report"
)

// Keep says which full member of a story is kept.
type Keep string

// The Keep policies.
const (
	KeepOrigin   Keep = "origin"
	KeepEarliest Keep = "earliest"
	KeepLongest  Keep = "longest"
)

// KeepNames lists the policies, for flags and completion.
var KeepNames = []string{string(KeepOrigin), string(KeepEarliest), string(KeepLongest)}

// Config is what a dedup runs with.
type Config struct {
	Match    match.Options
	Registry *credit.Registry // nil: the shipped registry
	// Credits extracts an article's credits for provenance; nil: the
	// registry's, from the text and the byline fields.
	Credits func(*corpus.Article) []credit.Mention
	Read    corpus.Options
	Keep    Keep // "" is KeepOrigin
	// Against are reference inputs: input articles in a story with one of
	// theirs are dropped.
	Against []string
	// Scanned, if set, is called with the scanner and reader of the first
	// pass before it starts, to show progress.
	Scanned func(*match.Scanner, *corpus.Reader)
}

// Error is a mistake in the configuration or the inputs that no record
// is to blame for.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// Decision is why an article was dropped.
type Decision struct {
	ID      string `json:"id"`
	Cluster string `json:"cluster"`
	// Kept is the member kept in its place, or the reference article it
	// copies.
	Kept   string `json:"kept"`
	Reason string `json:"reason"` // "copy" or "reference"
}

// Summary counts what a dedup did.
type Summary struct {
	Articles  int // input articles read (reference articles not counted)
	Stories   int // stories deduplicated (those with no reference article)
	Kept      int
	Dropped   []Decision // sorted by id
	Reference int        // articles dropped for a reference copy
	Skipped   []*corpus.RecordError
	Report    *report.Report // the first pass's report
}

// Run deduplicates inputs: kept records to out (JSON Lines), dropped ids
// to drops (one a line, sorted; nil for none). out is written while the
// second pass reads; on error it holds a partial corpus, so callers write
// to a temporary file and keep it only on success (internal/atomicfile).
func Run(ctx context.Context, cfg Config, inputs []string, out, drops io.Writer) (*Summary, error) {
	if len(inputs) == 0 {
		return nil, &Error{"dedup needs at least one input"}
	}
	for _, in := range append(append([]string(nil), inputs...), cfg.Against...) {
		if in == "-" {
			return nil, &Error{"dedup reads its inputs twice and standard input can be read once: save it to a file first"}
		}
	}
	keep := cfg.Keep
	if keep == "" {
		keep = KeepOrigin
	}
	if keep != KeepOrigin && keep != KeepEarliest && keep != KeepLongest {
		return nil, &Error{fmt.Sprintf("unknown keep policy %q: want origin, earliest or longest", keep)}
	}
	rep, refs, err := scan(ctx, cfg, inputs)
	if err != nil {
		return nil, err
	}
	drop := plan(rep, keep, refs)
	sum := &Summary{Report: rep}
	for _, c := range rep.Clusters {
		if !anyReference(c, refs) {
			sum.Stories++
		}
	}
	for _, d := range drop {
		sum.Dropped = append(sum.Dropped, d)
		if d.Reason == "reference" {
			sum.Reference++
		}
	}
	sort.Slice(sum.Dropped, func(i, j int) bool { return sum.Dropped[i].ID < sum.Dropped[j].ID })

	// Second pass: the inputs again, writing what is kept as it comes.
	rd := corpus.NewReader(cfg.Read)
	bw := bufio.NewWriterSize(out, 1<<20)
	err = rd.Read(ctx, inputs, func(a *corpus.Article) error {
		sum.Articles++
		if _, ok := drop[a.ID]; ok {
			return nil
		}
		sum.Kept++
		return writeRecord(bw, a)
	})
	if err != nil {
		return nil, err
	}
	sum.Skipped = rd.Skipped
	if got, want := sum.Articles, rep.Documents-len(refs); got != want {
		return nil, &Error{fmt.Sprintf("the inputs changed between the two readings: %d articles, then %d", want, got)}
	}
	if err := bw.Flush(); err != nil {
		return nil, err
	}
	if drops != nil {
		if err := WriteDropList(drops, sum.Dropped); err != nil {
			return nil, err
		}
	}
	return sum, nil
}

// scan is the first pass: the report of inputs and references together,
// and the ids of the reference articles.
func scan(ctx context.Context, cfg Config, inputs []string) (*report.Report, map[string]bool, error) {
	mo := cfg.Match
	if err := mo.Validate(); err != nil {
		return nil, nil, &Error{err.Error()}
	}
	reg := cfg.Registry
	if reg == nil {
		reg = credit.DefaultRegistry()
	}
	credits := cfg.Credits
	if credits == nil {
		credits = func(a *corpus.Article) []credit.Mention {
			return reg.Article(a.Text, credit.MetaOf(a.Extra, reg.MetaFields()))
		}
	}
	sc, err := match.NewScanner(mo, credits)
	if err != nil {
		return nil, nil, &Error{err.Error()}
	}
	defer sc.Close()
	ro := cfg.Read
	ro.Workers = max(ro.Workers, mo.Workers)
	rd := corpus.NewReader(ro)
	if cfg.Scanned != nil {
		cfg.Scanned(sc, rd)
	}
	refs := map[string]bool{}
	refPaths := make([]string, len(cfg.Against))
	for i, p := range cfg.Against {
		refPaths[i] = filepath.Clean(p)
	}
	all := append(append([]string(nil), inputs...), cfg.Against...)
	err = rd.Read(ctx, all, func(a *corpus.Article) error {
		if underAny(a.Pos.File, refPaths) {
			refs[a.ID] = true
		}
		return sc.Add(a)
	})
	if err != nil {
		sc.Abort()
		return nil, nil, err
	}
	res, err := sc.Finish(ctx)
	if err != nil {
		return nil, nil, err
	}
	rep := report.Build(res, provenance.Analyze(res, reg, mo.Workers), mo, rd.Skipped)
	return rep, refs, nil
}

// underAny reports whether file is one of the paths or inside one.
func underAny(file string, paths []string) bool {
	f := filepath.Clean(file)
	for _, p := range paths {
		if f == p || strings.HasPrefix(f, p+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

func anyReference(c report.Cluster, refs map[string]bool) bool {
	for _, m := range c.Members {
		if refs[m.ID] {
			return true
		}
	}
	return false
}

// plan decides what to drop, story by story.
func plan(rep *report.Report, keep Keep, refs map[string]bool) map[string]Decision {
	drop := map[string]Decision{}
	mark := func(d Decision) {
		if _, ok := drop[d.ID]; !ok || d.Reason == "reference" {
			drop[d.ID] = d
		}
	}
	for _, c := range rep.Clusters {
		var ref string
		for _, m := range c.Members {
			if refs[m.ID] && (ref == "" || m.ID < ref) {
				ref = m.ID
			}
		}
		if ref != "" {
			for _, m := range c.Members {
				if !refs[m.ID] && !m.Indexed {
					mark(Decision{ID: m.ID, Cluster: c.ID, Kept: ref, Reason: "reference"})
				}
			}
			continue
		}
		var full []*report.Member
		for i := range c.Members {
			if m := &c.Members[i]; m.Kind == match.Full && !m.Indexed {
				full = append(full, m)
			}
		}
		if len(full) < 2 {
			continue
		}
		k := keeper(c, full, keep)
		for _, m := range full {
			if m != k {
				mark(Decision{ID: m.ID, Cluster: c.ID, Kept: k.ID, Reason: "copy"})
			}
		}
	}
	return drop
}

// keeper picks the full member kept.
func keeper(c report.Cluster, full []*report.Member, keep Keep) *report.Member {
	if keep == KeepOrigin && c.Origin.Doc != nil {
		for _, m := range full {
			if m.ID == *c.Origin.Doc {
				return m
			}
		}
	}
	best := full[0]
	for _, m := range full[1:] {
		if better(m, best, keep) {
			best = m
		}
	}
	return best
}

// better orders candidates: longest first under KeepLongest, then
// earliest (dated before undated), then the smaller id.
func better(a, b *report.Member, keep Keep) bool {
	if keep == KeepLongest && a.Words != b.Words {
		return a.Words > b.Words
	}
	ta, _, ea := corpus.ParseTime(a.Published)
	tb, _, eb := corpus.ParseTime(b.Published)
	da, db := ea == nil && !ta.IsZero(), eb == nil && !tb.IsZero()
	switch {
	case da && !db:
		return true
	case db && !da:
		return false
	case da && db && !ta.Equal(tb):
		return ta.Before(tb)
	}
	return a.ID < b.ID
}

// writeRecord writes an article as one JSON line in wiretrace's input
// shape, its other fields after the known ones in key order.
func writeRecord(w *bufio.Writer, a *corpus.Article) error {
	var b strings.Builder
	b.WriteByte('{')
	field := func(k, v string, always bool) {
		if v == "" && !always {
			return
		}
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		b.WriteString(jsonString(k))
		b.WriteByte(':')
		b.WriteString(jsonString(v))
	}
	field("id", a.ID, true)
	field("outlet", a.Outlet, true)
	field("published", a.Published, false)
	field("title", a.Title, false)
	field("url", a.URL, false)
	field("text", a.Text, true)
	keys := make([]string, 0, len(a.Extra))
	for k := range a.Extra {
		switch k {
		case "id", "outlet", "published", "title", "url", "text":
			continue // a known field under another name wins
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		b.WriteByte(',')
		b.WriteString(jsonString(k))
		b.WriteByte(':')
		b.Write(compact(a.Extra[k]))
	}
	b.WriteString("}\n")
	_, err := w.WriteString(b.String())
	return err
}

func jsonString(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

func compact(raw json.RawMessage) []byte {
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return raw
	}
	return b.Bytes()
}

// WriteDropList writes the dropped ids, one a line; an id with a line
// break or other control character is written as a quoted Go/JSON-style
// string so that a line is always one id.
func WriteDropList(w io.Writer, ds []Decision) error {
	bw := bufio.NewWriter(w)
	for _, d := range ds {
		id := d.ID
		if strings.ContainsFunc(id, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			id = strconv.Quote(id)
		}
		bw.WriteString(id)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}
