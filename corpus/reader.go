package corpus

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// DefaultMaxRecordBytes bounds one JSON line or one text file.
const DefaultMaxRecordBytes = 32 << 20

// Options control reading.
type Options struct {
	// SkipBad records bad records in Reader.Skipped and goes on instead of
	// stopping at the first one.
	SkipBad bool
	// MaxRecordBytes bounds one record; 0 means DefaultMaxRecordBytes.
	MaxRecordBytes int
	// Stdin is read for the input "-"; nil means no standard input.
	Stdin io.Reader
	// Workers parse JSON lines in parallel; 0 or less means 1.
	Workers int
	// AllowEmpty lets inputs yield no articles. Otherwise an input that
	// yields none without a skipped record to show for it (an empty file,
	// a tree with no article), or a run that yields none at all, is an
	// error, whatever SkipBad says: a check must not pass on nothing.
	AllowEmpty bool
	// Fields name the record fields of JSON Lines, CSV and Parquet inputs
	// (zero: wiretrace's own names).
	Fields Fields
	// Format reads every file input in this format whatever its name:
	// "jsonl", "csv", "tsv" or "parquet" ("" or "auto": by extension).
	Format string
	// MaxSkipped is how many skipped records, and dropped metadata
	// fields, are kept in full; the rest are counted by reason. 0 means
	// DefaultMaxSkipped, a negative number no limit.
	MaxSkipped int
	// FollowSymlinks reads links in directory inputs that lead out of the
	// input's tree (by default they are listed in Irregular, not read).
	FollowSymlinks bool
	// FieldSources say where the name of each explicitly named field of
	// Fields was given, by part ("outlet": "outlet_field in
	// .wiretrace.yaml"), for messages; by default "--outlet-field".
	FieldSources map[string]string
}

// Reader reads articles from several inputs, checking ids across all of them.
type Reader struct {
	opts  Options
	shape *shape
	ids   map[string]Position
	// Skipped are the first MaxSkipped bad records passed over (with
	// SkipBad); SkippedSummary counts the rest.
	Skipped          []*RecordError
	skipped, dropped tally
	Ignored          []string // files in directory inputs that are not articles
	// Irregular are entries of directory inputs that were not opened:
	// FIFOs, devices and sockets (opening one can hang), and links that
	// lead out of the input's tree (they could pull in any file).
	Irregular []string
	WARC      WARCStats // WARC records that did not become articles
	// FieldWarnings are record inputs where some records lack a field
	// named explicitly in Options.Fields, or no record has the default
	// outlet or publication field: the articles read have it empty.
	FieldWarnings []*RecordError
	fields        *fieldTally // of the record input being read

	total, done atomic.Int64 // input bytes, for Fraction; total -1 when unknown

	maxBatchBytes int // the most page bytes a WARC batch held (for a test)
}

// Fraction returns the share of the input bytes read so far, or -1 when
// it cannot be known (standard input). It is safe to call from another
// goroutine while Read runs.
func (r *Reader) Fraction() float64 {
	t := r.total.Load()
	if t <= 0 {
		return -1
	}
	return float64(r.done.Load()) / float64(t)
}

// measure sums the sizes of the inputs for Fraction.
func (r *Reader) measure(inputs []string) {
	var total int64
	for _, in := range inputs {
		if in == "-" {
			r.total.Store(-1)
			return
		}
		if real, err := filepath.EvalSymlinks(in); err == nil {
			in = real
		}
		filepath.WalkDir(in, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if info, err := d.Info(); err == nil {
					total += info.Size()
				}
			}
			return nil
		})
	}
	r.total.Store(total)
}

// countingReader adds the bytes read to n.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n.Add(int64(k))
	return k, err
}

// NewReader returns a Reader.
func NewReader(opts Options) *Reader {
	if opts.MaxRecordBytes <= 0 {
		opts.MaxRecordBytes = DefaultMaxRecordBytes
	}
	if opts.MaxSkipped == 0 {
		opts.MaxSkipped = DefaultMaxSkipped
	}
	return &Reader{opts: opts, shape: newShape(opts.Fields), ids: map[string]Position{}}
}

// Read reads every input in order and calls fn for each valid article. It
// returns the first *RecordError unless SkipBad is set, the first error fn
// returns, or ctx's error.
func (r *Reader) Read(ctx context.Context, inputs []string, fn func(*Article) error) error {
	if err := r.opts.Fields.Validate(); err != nil {
		return &RecordError{Pos: Position{File: strings.Join(inputs, ", ")}, Reason: err.Error()}
	}
	if _, ok := formats[r.opts.Format]; !ok {
		return &RecordError{Pos: Position{File: strings.Join(inputs, ", ")}, Reason: fmt.Sprintf("unknown input format %q: want auto, jsonl, csv, tsv or parquet", r.opts.Format)}
	}
	if err := checkInputs(inputs); err != nil {
		return err
	}
	r.measure(inputs)
	total := 0
	for _, in := range inputs {
		n, skipped := 0, r.skipped.Total
		ignored, irregular := len(r.Ignored), len(r.Irregular)
		counted := func(a *Article) error {
			n++
			return fn(a)
		}
		r.fields = &fieldTally{}
		if err := r.readInput(ctx, in, counted); err != nil {
			return err
		}
		if err := r.checkFields(in, r.fields); err != nil {
			return err
		}
		total += n
		// An input that yields nothing is an error unless its records
		// were listed as skipped; a run that yields nothing always is.
		if n == 0 && !r.opts.AllowEmpty && r.skipped.Total == skipped {
			return &RecordError{Pos: Position{File: in}, Reason: "this input yields no articles" + notRead(r.Ignored[ignored:], r.Irregular[irregular:]) + "; pass --allow-empty if that is expected"}
		}
	}
	if total == 0 && !r.opts.AllowEmpty && len(inputs) > 0 {
		return &RecordError{Pos: Position{File: strings.Join(inputs, ", ")}, Reason: fmt.Sprintf("no articles were read (%d bad records skipped); pass --allow-empty if that is expected", r.skipped.Total)}
	}
	return nil
}

func (r *Reader) readInput(ctx context.Context, in string, fn func(*Article) error) error {
	forced := r.opts.Format
	if forced == "auto" {
		forced = ""
	}
	if in == "-" {
		if r.opts.Stdin == nil {
			return r.bad(&RecordError{Pos: Position{File: "-"}, Reason: "no standard input"})
		}
		if forced == FormatParquet {
			return r.bad(&RecordError{Pos: Position{File: "-"}, Reason: "Parquet cannot be read from standard input (it is read from its end): give a file"})
		}
		return r.readRecords(ctx, "-", r.opts.Stdin, forced, fn)
	}
	st, err := os.Stat(in)
	if err != nil {
		return r.bad(&RecordError{Pos: Position{File: in}, Reason: fileReason(err)})
	}
	if st.IsDir() {
		return r.readDir(ctx, in, fn)
	}
	format := forced
	if format == "" {
		format = recordFormat(in)
	}
	switch {
	case format == FormatParquet:
		return r.readParquet(ctx, in, fn)
	case format != "":
		f, err := os.Open(in)
		if err != nil {
			return r.bad(&RecordError{Pos: Position{File: in}, Reason: fileReason(err)})
		}
		defer f.Close()
		return r.readRecords(ctx, in, countingReader{f, &r.done}, format, fn)
	case isTextFile(in):
		return r.readTextFile(in, filepath.Base(in), outletFromParent(in), fn)
	case isHTMLFile(in):
		return r.readHTMLFile(in, filepath.Base(in), outletFromParent(in), fn)
	case isWARC(in):
		return r.readWARC(ctx, in, fn)
	}
	return r.bad(&RecordError{Pos: Position{File: in}, Reason: "unknown input type: want a directory, .jsonl, .csv, .tsv (each may be .gz or .zst), .parquet, .txt, .md, .html, .htm, .warc or .warc.gz, or name the format with --input-format"})
}

// readRecords reads a stream of JSON Lines (format "" too), CSV or TSV,
// gzipped, zstd-compressed or plain.
func (r *Reader) readRecords(ctx context.Context, name string, src io.Reader, format string, fn func(*Article) error) error {
	br, closeZ, err := decompress(bufio.NewReaderSize(src, 1<<16))
	if err != nil {
		return r.bad(&RecordError{Pos: Position{File: name}, Reason: err.Error()})
	}
	defer closeZ()
	// A byte-order mark before the first record is accepted (spreadsheet
	// and Windows tools write one).
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	switch format {
	case FormatCSV:
		return r.readCSV(ctx, name, br, ',', fn)
	case FormatTSV:
		return r.readCSV(ctx, name, br, '\t', fn)
	}
	return r.readJSONL(ctx, name, br, fn)
}

func fileReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// bad handles one bad record: it stops the run, its error saying how to
// go on, or records the skip.
func (r *Reader) bad(e *RecordError) error {
	if !r.opts.SkipBad {
		e.Hint = SkipHint
		return e
	}
	r.Skip(e)
	return nil
}

func (r *Reader) readJSONL(ctx context.Context, name string, br *bufio.Reader, fn func(*Article) error) error {
	b := &batch{}
	for line := 1; ; line++ {
		rec, tooLong, err := readLine(br, r.opts.MaxRecordBytes)
		// A compressed stream cut short ends in the middle of a record:
		// that record is not parsed, and the error says the file is
		// truncated.
		truncated := errors.Is(err, io.ErrUnexpectedEOF)
		if (len(rec) > 0 || tooLong) && !truncated {
			b.add(rec, tooLong, Position{File: name, Line: line})
		}
		if b.full() || err != nil {
			if ferr := r.flush(ctx, b, fn); ferr != nil {
				return ferr
			}
		}
		if err == io.EOF {
			return nil
		}
		if truncated {
			return r.bad(&RecordError{Pos: Position{File: name, Line: line}, Reason: errTruncated + ", and this line and any after it are lost"})
		}
		if err != nil {
			return r.bad(&RecordError{Pos: Position{File: name, Line: line}, Reason: "read error: " + err.Error()})
		}
	}
}

// batch holds records (JSON objects) waiting to be parsed together.
type batch struct {
	recs    [][]byte
	tooLong []bool
	pos     []Position
	pre     []*RecordError // a fault found before parsing (a CSV row), or nil
	bytes   int
	arts    []*Article
	errs    []*RecordError
}

func (b *batch) add(rec []byte, tooLong bool, pos Position) {
	b.recs = append(b.recs, rec)
	b.tooLong = append(b.tooLong, tooLong)
	b.pos = append(b.pos, pos)
	b.pre = append(b.pre, nil)
	b.bytes += len(rec)
}

// addBad adds a record already known to be bad, to keep input order.
func (b *batch) addBad(e *RecordError) {
	b.add(nil, false, e.Pos)
	b.pre[len(b.pre)-1] = e
}

func (b *batch) full() bool { return len(b.recs) >= 512 || b.bytes >= 8<<20 }

// flush parses a batch on all workers, then checks and hands on its
// articles in input order, so ids, errors and skips do not depend on the
// number of workers.
func (r *Reader) flush(ctx context.Context, b *batch, fn func(*Article) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	n := len(b.recs)
	b.arts = append(b.arts[:0], make([]*Article, n)...)
	b.errs = append(b.errs[:0], make([]*RecordError, n)...)
	var wg sync.WaitGroup
	workers := max(1, min(r.opts.Workers, n))
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < n; i += workers {
				if b.pre[i] != nil {
					b.errs[i] = b.pre[i]
					continue
				}
				if b.tooLong[i] {
					b.errs[i] = &RecordError{Pos: b.pos[i], Reason: fmt.Sprintf("record longer than %d bytes", r.opts.MaxRecordBytes), Excerpt: excerpt(b.recs[i])}
					continue
				}
				b.arts[i], b.errs[i] = parseRecord(b.recs[i], b.pos[i], r.shape)
			}
		}(w)
	}
	wg.Wait()
	for i := 0; i < n; i++ {
		a, e := b.arts[i], b.errs[i]
		if a != nil && r.fields != nil {
			r.fields.add(a, b.recs[i])
		}
		if e == nil {
			if e = r.check(a); e != nil && b.pre[i] == nil {
				e.Excerpt = excerpt(b.recs[i])
			}
		}
		if e != nil {
			if err := r.bad(e); err != nil {
				return err
			}
			continue
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	b.recs, b.tooLong, b.pos, b.pre, b.bytes = b.recs[:0], b.tooLong[:0], b.pos[:0], b.pre[:0], 0
	return nil
}

// readLine returns one line without its newline. A line over max bytes is
// consumed to its end and reported with tooLong and its first max bytes.
func readLine(br *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, e := br.ReadSlice('\n')
		if len(buf)+len(chunk) > max {
			tooLong = true
			if len(buf) < max {
				buf = append(buf, chunk[:max-len(buf)]...)
			}
		} else {
			buf = append(buf, chunk...)
		}
		if e == bufio.ErrBufferFull {
			continue
		}
		buf = bytes.TrimRight(buf, "\r\n")
		return bytes.TrimSpace(buf), tooLong, e
	}
}

// parseJSON decodes one record with wiretrace's own field names; it is
// safe for concurrent use.
func parseJSON(rec []byte, pos Position) (*Article, *RecordError) {
	return parseRecord(rec, pos, defaultShape)
}

// shape is how records are read: the fields, and their top-level names for
// the case check, worked out once per reader.
type shape struct {
	f    Fields
	fast bool     // wiretrace's own field names
	fold [][]byte // top-level names of mapped fields
}

var defaultShape = newShape(Fields{})

func newShape(f Fields) *shape {
	f = f.withDefaults()
	sh := &shape{f: f, fast: f.isDefault()}
	for _, m := range f.mapped() {
		top, _, _ := strings.Cut(m.path, ".")
		for _, name := range []string{m.path, top} {
			if name != "" && !slices.ContainsFunc(sh.fold, func(b []byte) bool { return string(b) == name }) {
				sh.fold = append(sh.fold, []byte(name))
			}
		}
	}
	return sh
}

// parseRecord decodes one record, reading the article's parts from the
// fields f names (defaults filled in; fast when they are wiretrace's own).
// It is safe for concurrent use.
func parseRecord(rec []byte, pos Position, sh *shape) (*Article, *RecordError) {
	f := sh.f
	fail := func(id, reason string) *RecordError {
		return &RecordError{Pos: pos, ID: id, Reason: reason, Excerpt: excerpt(rec)}
	}
	if !utf8.Valid(rec) {
		return nil, fail("", fmt.Sprintf("invalid UTF-8 at byte %d", invalidAt(rec)))
	}
	var buf [16][]byte
	keys := topLevelKeys(rec, buf[:0])
	if problem := keyProblem(keys, sh.fold); problem != "" {
		return nil, fail("", problem)
	}
	a := &Article{Pos: pos}
	if sh.fast {
		// Most records have only the known fields: one decode into a
		// struct reads them, and the count of its top-level keys confirms
		// there is nothing else. A record with other fields (or null
		// values), a field of another type or a numeric id is decoded
		// again field by field for the extras and a precise message.
		var known struct {
			ID, Outlet, Published, Title, Text, URL *string
		}
		if err := json.Unmarshal(rec, &known); err == nil && known.ID != nil && known.Text != nil {
			present := 0
			for _, f := range []struct {
				src  *string
				dst  *string
				part int
			}{{known.ID, &a.ID, partID}, {known.Outlet, &a.Outlet, partOutlet}, {known.Published, &a.Published, partPublished}, {known.Title, &a.Title, partTitle}, {known.Text, &a.Text, partText}, {known.URL, &a.URL, partURL}} {
				if f.src != nil {
					*f.dst = *f.src
					present++
				} else {
					a.missing |= 1 << f.part
				}
			}
			if len(keys) == present {
				return a, nil
			}
			*a = Article{Pos: pos}
		}
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(rec, &fields); err != nil {
		return nil, fail("", "malformed JSON: "+jsonReason(err))
	}
	consumed := map[string]bool{}
	nested := map[string]json.RawMessage{} // objects a nested field was taken out of
	for part, m := range f.mapped() {
		if m.path == "" {
			continue
		}
		raw, top, ok := lookup(fields, m.path)
		if ok && string(bytes.TrimSpace(raw)) == "null" {
			a.missing |= 1 << part // null is absent
		}
		if !ok {
			a.missing |= 1 << part
			switch m.part {
			case "id":
				return nil, fail("", fmt.Sprintf("missing id: the record has no field %q (its fields: %s); name the id field with --id-field", m.path, fieldList(fields)))
			case "text":
				return nil, fail(a.ID, fmt.Sprintf("no text: the record has no field %q (its fields: %s); name the text field with --text-field", m.path, fieldList(fields)))
			}
			continue
		}
		if top == m.path {
			consumed[top] = true
		} else {
			src := fields
			if obj, ok := nested[top]; ok {
				src = map[string]json.RawMessage{top: obj}
			}
			rest, _ := without(src, m.path)
			nested[top] = rest
		}
		if m.part == "author" {
			if m.path != "author" {
				if _, own := fields["author"]; own && !consumed["author"] {
					a.faults = append(a.faults, fault{"author", fmt.Sprintf("the record has a field \"author\" and --author-field names %q: the record's own author is dropped", m.path)})
				}
				setExtra(a, "author", raw)
			}
			continue
		}
		s, present, err := stringValue(raw, m.part == "id")
		if err != nil {
			want := "a string"
			if m.part == "id" {
				want = "a string or a number"
			}
			return nil, fail(a.ID, fmt.Sprintf("field %q must be %s", m.path, want))
		}
		if !present {
			continue
		}
		switch m.part {
		case "id":
			a.ID = s
		case "text":
			a.Text = s
		case "outlet":
			a.Outlet = s
		case "published":
			a.Published = s
		case "title":
			a.Title = s
		case "url":
			a.URL = s
		}
	}
	for name, raw := range fields {
		if consumed[name] {
			continue
		}
		if rest, ok := nested[name]; ok {
			if rest == nil {
				continue
			}
			raw = rest
		}
		if name == "author" && a.Extra["author"] != nil {
			continue // replaced by --author-field (a fault above)
		}
		setExtra(a, name, raw)
	}
	return a, nil
}

func jsonReason(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%s at byte %d", se.Error(), se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return "a record must be a JSON object"
	}
	return err.Error()
}

func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// MaxTitleBytes bounds a title: a longer one is a metadata fault (most
// likely the text read as the title by a wrong field mapping).
const MaxTitleBytes = 2048

// check validates an article's fields and registers its id. A fault in
// the id or text, or a duplicate id, is a bad record. A fault in the
// metadata alone (an impossible date, an over-long title) is one too
// unless SkipBad: then the field is dropped, the article kept, and the
// fault listed in Dropped.
func (r *Reader) check(a *Article) *RecordError {
	fail := func(reason string) *RecordError { return &RecordError{Pos: a.Pos, ID: a.ID, Reason: reason} }
	if strings.TrimSpace(a.ID) == "" {
		return fail("missing id")
	}
	if strings.TrimSpace(a.Text) == "" {
		return fail(fmt.Sprintf("article %q has an empty text", a.ID))
	}
	if first, dup := r.ids[a.ID]; dup {
		return fail(fmt.Sprintf("duplicate id %q (first at %s)", a.ID, first))
	}
	t, p, err := ParseTime(a.Published)
	if err != nil {
		a.faults = append(a.faults, fault{"published", err.Error()})
	}
	if len(a.Title) > MaxTitleBytes {
		a.faults = append(a.faults, fault{"title", fmt.Sprintf("title of %d bytes is longer than %d", len(a.Title), MaxTitleBytes)})
	}
	for _, f := range a.faults {
		if !r.opts.SkipBad {
			return fail(f.reason)
		}
		switch f.field {
		case "published":
			a.Published, t, p = "", time.Time{}, TimeNone
		case "title":
			a.Title = ""
		}
		r.dropped.add(&RecordError{Pos: a.Pos, ID: a.ID, Reason: f.reason + "; the article is kept without its " + f.field}, r.opts.MaxSkipped)
	}
	a.faults = nil
	a.Time, a.Precision = t, p
	r.ids[a.ID] = a.Pos
	return nil
}

// DirArticleFiles names the files a directory input is read for.
const DirArticleFiles = ".txt, .md, .html, .htm, .warc and .warc.gz"

// notRead says which entries of a directory input were not read and why,
// for the error of a directory that yields nothing: "", or "; its 2
// files (a.jsonl, b.jsonl) are not …".
func notRead(ignored, irregular []string) string {
	list := func(names []string) string {
		const most = 3
		shown := names[:min(len(names), most)]
		s := strings.Join(shown, ", ")
		if len(names) > most {
			s += fmt.Sprintf(" and %d more", len(names)-most)
		}
		return s
	}
	var parts []string
	if n := len(ignored); n > 0 {
		what, verb := "files", "are"
		if n == 1 {
			what, verb = "file", "is"
		}
		hint := ""
		for _, p := range ignored {
			if recordFormat(p) != "" {
				hint = "; give record files (.jsonl, .csv, .tsv, .parquet) as inputs of their own"
				break
			}
		}
		parts = append(parts, fmt.Sprintf("its %d %s (%s) %s not read: a directory is read for %s files only%s", n, what, list(ignored), verb, DirArticleFiles, hint))
	}
	if n := len(irregular); n > 0 {
		parts = append(parts, fmt.Sprintf("%d entries (%s) are not regular files inside the directory (FIFOs, devices, sockets, links out of it) and were not opened; --follow-symlinks reads links", n, list(irregular)))
	}
	if len(parts) == 0 {
		return ""
	}
	return ": " + strings.Join(parts, "; ")
}

func isTextFile(p string) bool {
	return strings.HasSuffix(p, ".txt") || strings.HasSuffix(p, ".md")
}

func outletFromParent(p string) string {
	d := filepath.Base(filepath.Dir(p))
	if d == "." || d == "/" {
		return ""
	}
	return d
}

func (r *Reader) readDir(ctx context.Context, root string, fn func(*Article) error) error {
	// A root given as a link is followed (WalkDir would list the link
	// itself); paths keep the name the user gave.
	real, err := filepath.EvalSymlinks(root)
	if err != nil {
		return r.bad(&RecordError{Pos: Position{File: root}, Reason: fileReason(err)})
	}
	var files []string
	visited := map[string]bool{}
	var walk func(root, real string) error
	walk = func(root, real string) error {
		visited[real] = true
		return filepath.WalkDir(real, func(p string, d fs.DirEntry, err error) error {
			if p != real {
				rel, _ := filepath.Rel(real, p)
				p = filepath.Join(root, rel)
			} else {
				p = root
			}
			if err != nil {
				// An entry that cannot be read is a bad record of its own:
				// it stops the run, or under --skip-bad is listed while the
				// rest of the tree is read.
				if e := r.bad(&RecordError{Pos: Position{File: p}, Reason: fileReason(err)}); e != nil {
					return e
				}
				if d != nil && d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if p != root && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if r.opts.FollowSymlinks && d.Type()&fs.ModeSymlink != 0 {
				// Followed wherever it leads; a directory is walked once.
				if target, err := filepath.EvalSymlinks(p); err == nil {
					if st, err := os.Stat(target); err == nil && st.IsDir() {
						if visited[target] {
							return nil
						}
						return walk(p, target)
					}
				}
			}
			if !r.regularInside(real, p, d) {
				r.Irregular = append(r.Irregular, p)
				return nil
			}
			if isTextFile(p) || isHTMLFile(p) || isWARC(p) {
				files = append(files, p)
			} else {
				r.Ignored = append(r.Ignored, p)
			}
			return nil
		})
	}
	err = walk(root, real)
	if err != nil {
		var re *RecordError
		if errors.As(err, &re) {
			return re
		}
		return r.bad(&RecordError{Pos: Position{File: root}, Reason: err.Error()})
	}
	sort.Strings(files)
	for _, p := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		outlet := ""
		if i := strings.IndexByte(rel, '/'); i > 0 {
			outlet = rel[:i]
		}
		var err error
		switch {
		case isHTMLFile(p):
			err = r.readHTMLFile(p, rel, outlet, fn)
		case isWARC(p):
			err = r.readWARC(ctx, p, fn)
		default:
			err = r.readTextFile(p, rel, outlet, fn)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// regularInside reports whether a directory entry is a regular file, or a
// link to one inside the tree rooted at real (anywhere with
// FollowSymlinks).
func (r *Reader) regularInside(real, p string, d fs.DirEntry) bool {
	switch t := d.Type(); {
	case t.IsRegular():
		return true
	case t&fs.ModeSymlink == 0:
		return false // FIFO, device, socket
	}
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		return false
	}
	if rel, err := filepath.Rel(real, target); !r.opts.FollowSymlinks && (err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator))) {
		return false
	}
	st, err := os.Stat(target)
	return err == nil && st.Mode().IsRegular()
}

func (r *Reader) readTextFile(path, id, outlet string, fn func(*Article) error) error {
	data, err := readBounded(path, r.opts.MaxRecordBytes)
	r.done.Add(int64(len(data)))
	if err != nil {
		return r.bad(&RecordError{Pos: Position{File: path}, ID: id, Reason: err.Error()})
	}
	pos := Position{File: path, Line: 1}
	if !utf8.Valid(data) {
		at := invalidAt(data)
		pos.Line = 1 + bytes.Count(data[:at], []byte("\n"))
		return r.bad(&RecordError{Pos: pos, ID: id, Reason: fmt.Sprintf("invalid UTF-8 at byte %d", at)})
	}
	a := &Article{ID: id, Outlet: outlet, Pos: pos}
	body, e := parseFrontMatter(string(data), a)
	if e != nil {
		return r.bad(e)
	}
	a.Text = body
	if e := r.check(a); e != nil {
		return r.bad(e)
	}
	return fn(a)
}

func readBounded(path string, max int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, errors.New(fileReason(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, int64(max)+1))
	if err != nil {
		return nil, errors.New(fileReason(err))
	}
	if len(data) > max {
		return nil, fmt.Errorf("file longer than %d bytes", max)
	}
	return data, nil
}

// parseFrontMatter reads an optional YAML block between "---" lines at the
// top of a text file into a and returns the rest of the text.
func parseFrontMatter(s string, a *Article) (string, *RecordError) {
	s = strings.TrimPrefix(s, "\ufeff")
	if !strings.HasPrefix(s, "---\n") && !strings.HasPrefix(s, "---\r\n") {
		return s, nil
	}
	rest := s[strings.IndexByte(s, '\n')+1:]
	end, bodyStart := -1, 0
	for off := 0; off <= len(rest); {
		nl := strings.IndexByte(rest[off:], '\n')
		lineEnd := len(rest)
		if nl >= 0 {
			lineEnd = off + nl
		}
		if strings.TrimRight(rest[off:lineEnd], "\r ") == "---" {
			end, bodyStart = off, lineEnd+1
			break
		}
		if nl < 0 {
			break
		}
		off = lineEnd + 1
	}
	if end < 0 {
		return "", &RecordError{Pos: a.Pos, ID: a.ID, Reason: "front matter starts with --- but has no closing ---"}
	}
	var meta map[string]yaml.Node
	if err := yaml.Unmarshal([]byte(rest[:end]), &meta); err != nil {
		return "", &RecordError{Pos: a.Pos, ID: a.ID, Reason: "bad front matter: " + err.Error()}
	}
	for k, node := range meta {
		if node.Kind != yaml.ScalarNode {
			var v any
			if err := node.Decode(&v); err == nil {
				if raw, err := json.Marshal(v); err == nil {
					setExtra(a, k, raw)
				}
			}
			continue
		}
		switch k {
		case "outlet":
			a.Outlet = node.Value
		case "published":
			a.Published = node.Value
		case "title":
			a.Title = node.Value
		case "url":
			a.URL = node.Value
		default:
			raw, _ := json.Marshal(node.Value)
			setExtra(a, k, raw)
		}
	}
	if bodyStart > len(rest) {
		bodyStart = len(rest)
	}
	return rest[bodyStart:], nil
}

func setExtra(a *Article, k string, raw json.RawMessage) {
	if a.Extra == nil {
		a.Extra = map[string]json.RawMessage{}
	}
	a.Extra[k] = raw
}

// keyProblem reports a top-level key that would lose data silently: a key
// given twice (the last value would win), or one that differs from a field
// wiretrace reads only in case ("tExt" would be taken as the text).
func keyProblem(keys [][]byte, fold [][]byte) string {
	for i, k := range keys {
		field := mappedFold(k, fold)
		for _, prev := range keys[:i] {
			if bytes.Equal(k, prev) || field != "" && bytes.EqualFold(k, prev) {
				return fmt.Sprintf("key %q appears twice; the values would be lost silently", k)
			}
		}
		if field != "" && string(k) != field {
			return fmt.Sprintf("key %q is not %q: field names are case-sensitive", k, field)
		}
	}
	return ""
}

// mappedFold returns the top-level field wiretrace reads that k names in
// any case, or "".
func mappedFold(k []byte, fold [][]byte) string {
	for _, name := range fold {
		if len(name) == len(k) && bytes.EqualFold(k, name) {
			return string(name)
		}
	}
	return ""
}

// keyBytes returns a quoted JSON key without its quotes, unescaped.
func keyBytes(quoted []byte) []byte {
	if bytes.IndexByte(quoted, '\\') < 0 {
		return quoted[1 : len(quoted)-1]
	}
	var s string
	if json.Unmarshal(quoted, &s) != nil {
		return quoted
	}
	return []byte(s)
}

// topLevelKeys returns the keys of a JSON object without decoding it: the
// strings at depth one that open the object or follow a comma, unquoted
// (and unescaped, allocating only then), appended to keys. One pass over
// the bytes serves both the check for lost keys and the count that lets
// the common record skip a second decode. Malformed JSON is left to the
// decoder to report.
func topLevelKeys(rec []byte, keys [][]byte) [][]byte {
	depth, inString, escaped, start, expectKey := 0, false, false, 0, false
	for i, c := range rec {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
				if expectKey {
					keys = append(keys, keyBytes(rec[start:i+1]))
					expectKey = false
				}
			}
		case c == '"':
			inString, start = true, i
		case c == '{' || c == '[':
			depth++
			expectKey = depth == 1 && c == '{'
		case c == '}' || c == ']':
			depth--
		case c == ',' && depth == 1:
			expectKey = true
		}
	}
	return keys
}
