package pipeline

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/wiretrace/wiretrace/corpus"
)

func init() {
	// Generic registration spares the workers reflection on every call.
	register.DoFn4x1[context.Context, string, func(int64, string), func([]byte), error](&listFn{})
	register.DoFn3x0[int64, func(*string) bool, func(int64, string)](&orderFilesFn{})
	register.DoFn5x1[context.Context, int64, string, func(string, []byte), func([]byte), error](&readFileFn{})
	register.DoFn4x1[string, func(*[]byte) bool, func([]byte), func([]byte), error](&dedupFn{})
	register.Emitter1[[]byte]()
	register.Emitter2[int64, string]()
	register.Emitter2[string, []byte]()
	register.Emitter2[int64, []byte]()
	register.Emitter2[int64, int64]()
	register.Emitter1[int64]()
	register.Iter1[[]byte]()
	register.Iter1[string]()
	register.Iter1[int64]()
}

// read lists the inputs, reads every file and returns the valid articles
// keyed by id (encoded article) and the bad records (encoded badRecord).
// Duplicate ids across files are found by grouping on the id; within one
// file the corpus reader finds them as it reads.
func read(s beam.Scope, cfg Config) (arts, bad beam.PCollection) {
	s = s.Scope("read")
	var inputs []string
	for i, in := range cfg.Inputs {
		inputs = append(inputs, fmt.Sprintf("%d\x00%s", i, in))
	}
	globs := beam.CreateList(s, inputs)
	matched, badList := beam.ParDo2(s, &listFn{SkipBad: cfg.SkipBad}, globs)
	// One worker sorts the file list (names only) so that every file has
	// the ordinal scan would give it.
	files := beam.ParDo(s, &orderFilesFn{}, beam.GroupByKey(s, matched))
	files = beam.Reshuffle(s, files) // spread the reads over workers
	byID, badRead := beam.ParDo2(s, &readFileFn{Cfg: cfg}, files)
	arts, badDup := beam.ParDo2(s, &dedupFn{SkipBad: cfg.SkipBad}, beam.GroupByKey(s, byID))
	return arts, beam.Flatten(s, badList, badRead, badDup)
}

// listFn expands one input (its ordinal, NUL, its path or glob) with the
// file system its scheme names. An input that matches nothing is a bad
// record, as a missing file is to scan.
type listFn struct{ SkipBad bool }

func (f *listFn) ProcessElement(ctx context.Context, in string, emit func(int64, string), bad func([]byte)) error {
	ord, glob, _ := strings.Cut(in, "\x00")
	fs, err := filesystem.New(ctx, glob)
	if err != nil {
		return err
	}
	defer fs.Close()
	files, err := fs.List(ctx, glob)
	if err != nil || len(files) == 0 {
		reason := "no such file or directory"
		if err != nil {
			reason = err.Error()
		}
		bad(encode(badRecord{File: -1, Err: corpus.RecordError{Pos: corpus.Position{File: glob}, Reason: reason}, Fatal: !f.SkipBad}))
		return nil
	}
	for _, p := range files {
		emit(0, ord+"\x00"+p)
	}
	return nil
}

// orderFilesFn numbers the files by input ordinal, then path.
type orderFilesFn struct{}

func (f *orderFilesFn) ProcessElement(_ int64, files func(*string) bool, emit func(int64, string)) {
	type file struct {
		in   int
		path string
	}
	var all []file
	var e string
	for files(&e) {
		ord, p, _ := strings.Cut(e, "\x00")
		var in int
		fmt.Sscan(ord, &in)
		all = append(all, file{in, p})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].in != all[j].in {
			return all[i].in < all[j].in
		}
		return all[i].path < all[j].path
	})
	for i, f := range all {
		emit(int64(i), f.path)
	}
}

// readFileFn reads one JSON Lines file (gzipped or not) through Beam's
// file system and the corpus package's reader, and extracts each
// article's credits.
type readFileFn struct{ Cfg Config }

func (f *readFileFn) ProcessElement(ctx context.Context, ord int64, path string, emit func(string, []byte), bad func([]byte)) error {
	reg, err := f.Cfg.registry()
	if err != nil {
		return err
	}
	fail := func(e *corpus.RecordError) {
		bad(encode(badRecord{File: ord, Err: *e, Fatal: !f.Cfg.SkipBad}))
	}
	if !isJSONL(path) {
		fail(&corpus.RecordError{Pos: corpus.Position{File: path}, Reason: "unknown input type: the pipeline reads .jsonl, .jsonl.gz and .ndjson files"})
		return nil
	}
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return err
	}
	defer fs.Close()
	rc, err := fs.OpenRead(ctx, path)
	if err != nil {
		fail(&corpus.RecordError{Pos: corpus.Position{File: path}, Reason: err.Error()})
		return nil
	}
	defer rc.Close()
	skipped, err := readStream(ctx, path, rc, corpus.Options{SkipBad: f.Cfg.SkipBad, AllowEmpty: f.Cfg.AllowEmpty}, func(a *corpus.Article) error {
		credits := reg.Article(a.Text, creditMeta(a, reg))
		emit(a.ID, encode(article{File: ord, Art: *a, Credits: credits}))
		return nil
	})
	for _, e := range skipped {
		bad(encode(badRecord{File: ord, Err: *e}))
	}
	if re, ok := err.(*corpus.RecordError); ok {
		fail(re)
		return nil
	}
	return err
}

func isJSONL(p string) bool {
	return strings.HasSuffix(p, ".jsonl") || strings.HasSuffix(p, ".jsonl.gz") || strings.HasSuffix(p, ".ndjson")
}

// readStream reads JSON Lines from r as the corpus reader reads a file
// named name.
//
// GAP: corpus reads streams only as standard input ("-"), so records come
// back located in "-" and are renamed here. An exported
// corpus.(*Reader).ReadStream(ctx, name string, r io.Reader, fn) would
// remove the renaming.
func readStream(ctx context.Context, name string, r io.Reader, opts corpus.Options, fn func(*corpus.Article) error) ([]*corpus.RecordError, error) {
	opts.Stdin, opts.Workers = r, 1
	rd := corpus.NewReader(opts)
	rename := func(e *corpus.RecordError) {
		if e.Pos.File == "-" {
			e.Pos.File = name
		}
		e.Reason = strings.ReplaceAll(e.Reason, "(first at -:", "(first at "+name+":")
	}
	err := rd.Read(ctx, []string{"-"}, func(a *corpus.Article) error {
		a.Pos.File = name
		return fn(a)
	})
	for _, e := range rd.Skipped {
		rename(e)
	}
	if re, ok := err.(*corpus.RecordError); ok {
		rename(re)
	}
	return rd.Skipped, err
}

// dedupFn keeps the first article of each id in input order; the others
// are bad records, as to scan's reader.
type dedupFn struct{ SkipBad bool }

func (f *dedupFn) ProcessElement(id string, recs func(*[]byte) bool, emit func([]byte), bad func([]byte)) error {
	all, err := decodeAll[article](recs)
	if err != nil {
		return err
	}
	sort.Slice(all, func(i, j int) bool { return before(all[i].File, all[i].Art.Pos, all[j].File, all[j].Art.Pos) })
	emit(encode(all[0]))
	for _, a := range all[1:] {
		e := corpus.RecordError{Pos: a.Art.Pos, ID: id, Reason: fmt.Sprintf("duplicate id %q (first at %s)", id, all[0].Art.Pos)}
		bad(encode(badRecord{File: a.File, Err: e, Fatal: !f.SkipBad}))
	}
	return nil
}
