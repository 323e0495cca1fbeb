package corpus

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/wiretrace/wiretrace/webpage"
)

func isHTMLFile(p string) bool {
	l := strings.ToLower(p)
	return strings.HasSuffix(l, ".html") || strings.HasSuffix(l, ".htm")
}

func isWARC(p string) bool {
	l := strings.ToLower(p)
	return strings.HasSuffix(l, ".warc") || strings.HasSuffix(l, ".warc.gz")
}

// htmlArticle turns an extracted page into an article; outlet is used when
// the page names none.
//
// The page's bylines and sources go to Extra under the names credit
// metadata reads (credit.DefaultMetaFields), so an HTML or WARC page is
// credited by its byline («الدوحة - قنا») or its JSON-LD
// sourceOrganization as a JSONL record is by its fields:
//
//   - "author": the bylines, author names and datelines; a JSON string
//     for one (the shape pages had before), an array for more;
//   - "source": the source names and hosts ("Reuters", "reuters.com"), an
//     array;
//   - "author_url", "source_url": the profile and source URLs, arrays.
//     They are passed through to the report and are not read as credits
//     unless named with --credit-field: a URL's path is not a name.
func htmlArticle(p *webpage.Page, id, outlet string, pos Position) *Article {
	a := &Article{ID: id, Outlet: p.Outlet, Published: p.Published, Title: p.Title, URL: p.URL, Text: p.Text, Pos: pos}
	if a.Outlet == "" {
		a.Outlet = outlet
	}
	switch {
	case len(p.Authors) == 1:
		setExtra(a, "author", jsonString(p.Authors[0]))
	case len(p.Authors) > 1:
		setExtra(a, "author", jsonStrings(p.Authors))
	}
	for _, f := range []struct {
		key  string
		vals []string
	}{{"author_url", p.AuthorURLs}, {"source", p.Sources}, {"source_url", p.SourceURLs}} {
		if len(f.vals) > 0 {
			setExtra(a, f.key, jsonStrings(f.vals))
		}
	}
	if p.Fallback {
		setExtra(a, "extraction", jsonString("body"))
	}
	return a
}

func jsonString(s string) []byte {
	b, _ := json.Marshal(s)
	return b
}

func jsonStrings(s []string) []byte {
	b, _ := json.Marshal(s)
	return b
}

// readHTMLFile reads one saved page.
func (r *Reader) readHTMLFile(path, id, outlet string, fn func(*Article) error) error {
	data, err := readBounded(path, r.opts.MaxRecordBytes)
	r.done.Add(int64(len(data)))
	pos := Position{File: path, Line: 1}
	if err != nil {
		return r.bad(&RecordError{Pos: pos, ID: id, Reason: err.Error()})
	}
	p, err := webpage.Read(bytes.NewReader(data), "", "")
	if err != nil {
		return r.bad(&RecordError{Pos: pos, ID: id, Reason: "HTML: " + err.Error()})
	}
	a := htmlArticle(p, id, outlet, pos)
	if e := r.check(a); e != nil {
		return r.bad(e)
	}
	return fn(a)
}

// WARCStats counts the records of WARC inputs that did not become
// articles, by reason; they are never fatal.
type WARCStats struct {
	Records int            // records read
	Pages   int            // HTML pages that became articles
	Skipped map[string]int // reason -> records
}

func (s *WARCStats) skip(reason string) {
	if s.Skipped == nil {
		s.Skipped = map[string]int{}
	}
	s.Skipped[reason]++
}

// Summary describes the skipped records in one line, or "".
func (s *WARCStats) Summary() string {
	if len(s.Skipped) == 0 {
		return ""
	}
	var reasons []string
	n := 0
	for reason, c := range s.Skipped {
		reasons = append(reasons, fmt.Sprintf("%d %s", c, reason))
		n += c
	}
	sort.Strings(reasons)
	return fmt.Sprintf("%d of %d WARC records did not become articles: %s", n, s.Records, strings.Join(reasons, ", "))
}

// rawPage is a WARC response waiting to be extracted.
type rawPage struct {
	id, url, contentType string
	date                 time.Time
	body                 []byte
	pos                  Position
	page                 *webpage.Page
	err                  error
}

// warcBatchBytes bounds the page bodies held for one parallel batch:
// batches are sized by bytes, so 70 pages of 20 MB do not sit in memory
// together.
var warcBatchBytes = 16 << 20

// readWARC streams the records of a WARC file (plain or gzipped): every
// HTML response with status 200 becomes an article; other records are
// counted in WARC, never fatal, each under one reason. Pages are extracted
// in parallel batches and handed on in file order. A file that does not
// start with a WARC record is a bad input.
func (r *Reader) readWARC(ctx context.Context, path string, fn func(*Article) error) error {
	wr, err := openWARC(path)
	if err != nil {
		return r.bad(&RecordError{Pos: Position{File: path}, Reason: fileReason(err)})
	}
	defer wr.Close()
	return r.readWARCRecords(ctx, wr, path, fn)
}

// readWARCRecords reads the records of an open WARC stream.
func (r *Reader) readWARCRecords(ctx context.Context, wr *warcReader, path string, fn func(*Article) error) error {
	var batch []*rawPage
	batchBytes := 0
	var last int64
	for n := 1; ; n++ {
		rec, err := wr.next()
		if off := wr.offset(); off > last {
			r.done.Add(off - last)
			last = off
		}
		if err == io.EOF {
			break
		}
		var skip *errSkip
		var notWARC *errNotWARC
		switch {
		case errors.As(err, &skip):
			r.WARC.Records++
			r.WARC.skip(skip.reason)
			continue
		case errors.As(err, &notWARC):
			return r.bad(&RecordError{Pos: Position{File: path, Line: 1}, Reason: notWARC.Error()})
		case err != nil:
			// The stream fails (a gzip file cut short or damaged): what
			// was read stands, and the loss is counted.
			r.WARC.Records++
			r.WARC.skip("unreadable (the rest of " + path + ")")
			break
		}
		if err != nil {
			break
		}
		r.WARC.Records++
		p, reason := r.warcPage(rec, path, n)
		// A block shorter than its Content-Length is a truncated record,
		// whatever else it was: no article from part of a page.
		if rec.block.finish() {
			p, reason = nil, "truncated"
		}
		if p == nil {
			r.WARC.skip(reason)
			continue
		}
		batch = append(batch, p)
		batchBytes += len(p.body)
		r.maxBatchBytes = max(r.maxBatchBytes, batchBytes)
		if len(batch) >= 64 || batchBytes >= warcBatchBytes {
			if err := r.flushPages(ctx, batch, fn); err != nil {
				return err
			}
			batch, batchBytes = batch[:0], 0
		}
	}
	return r.flushPages(ctx, batch, fn)
}

// warcPage returns the record as a page to extract, or why not.
func (r *Reader) warcPage(rec *warcRecord, path string, n int) (*rawPage, string) {
	if !strings.EqualFold(rec.get("WARC-Type"), "response") {
		return nil, "not responses"
	}
	if rec.get("WARC-Truncated") != "" {
		return nil, "truncated"
	}
	if !strings.Contains(strings.ToLower(rec.get("Content-Type")), "application/http") {
		return nil, "not HTTP"
	}
	status, ct, body, tooLarge, err := httpResponse(rec.block, r.opts.MaxRecordBytes)
	switch {
	case err != nil:
		return nil, "unreadable"
	case status != 200:
		return nil, "not status 200"
	case !strings.Contains(strings.ToLower(ct), "html"):
		return nil, "not HTML"
	case tooLarge:
		return nil, "too large"
	}
	p := &rawPage{id: strings.Trim(rec.get("WARC-Record-ID"), "<>"), url: strings.Trim(rec.get("WARC-Target-URI"), "<>"),
		contentType: ct, body: body, pos: Position{File: path, Line: n}}
	if p.id == "" {
		p.id = fmt.Sprintf("%s#%d", path, n)
	}
	p.date, _ = time.Parse(time.RFC3339Nano, rec.get("WARC-Date"))
	return p, ""
}

// flushPages extracts a batch on all workers and hands the articles on in
// order.
func (r *Reader) flushPages(ctx context.Context, batch []*rawPage, fn func(*Article) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	workers := max(1, min(r.opts.Workers, len(batch)))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < len(batch); i += workers {
				p := batch[i]
				p.page, p.err = webpage.Read(bytes.NewReader(p.body), p.contentType, p.url)
				p.body = nil
			}
		}(w)
	}
	wg.Wait()
	for _, p := range batch {
		if p.err != nil {
			r.WARC.skip("without text")
			continue
		}
		a := htmlArticle(p.page, p.id, "", p.pos)
		if a.Published == "" && !p.date.IsZero() {
			a.Published = p.date.UTC().Format(time.RFC3339)
		}
		if a.URL == "" {
			a.URL = p.url
		}
		if e := r.check(a); e != nil {
			if err := r.bad(e); err != nil {
				return err
			}
			continue
		}
		r.WARC.Pages++
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}
