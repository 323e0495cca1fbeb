package corpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/textproto"
	"os"
	"strconv"
	"strings"
)

// Bounds on a WARC record's headers and block: a damaged or hostile file
// must cost neither unbounded memory nor the records after a bad one.
const (
	maxWARCHeaderLine = 64 << 10 // one header line
	maxWARCHeaders    = 1024     // header lines of one record
	maxWARCBlock      = 1 << 40  // a Content-Length above this is not a length
	maxHTTPHeader     = 1 << 20  // the HTTP headers inside a response block
)

// warcReader streams the records of a WARC file, plain or gzipped. It
// holds one record's headers at a time and hands out its block as a reader
// bounded by Content-Length.
//
// A gzipped WARC is read one gzip member at a time (WARC writers put one
// record in each, the standard's advice), so a record whose block ends
// before its Content-Length stops at its member's end and the next record
// is read from the next member; a file gzipped whole is one member. In a
// plain file, a Content-Length is checked against what is left of the file.
// After a record whose headers or length cannot be trusted, the reader
// looks for the next line that starts a record ("WARC/1.0") and goes on
// from there, so one damaged record costs one record.
//
// It replaces github.com/nlnwa/gowarc/v2 for reading, which was measured
// returning short blocks for 14 of 36,404 records of a 1 GB test crawl
// (record bodies cut to a few dozen bytes, at no error); the tests still
// use gowarc to write WARC files.
type warcReader struct {
	src     io.Reader
	closer  io.Closer
	size    int64
	read    int64 // bytes read from the file
	raw     *bufio.Reader
	zr      *gzip.Reader // nil for a plain file
	br      *bufio.Reader
	block   *blockReader // the current record's block
	started bool         // a record was found
	broken  error        // the stream failed; nothing more can be read
}

// countSrc counts the bytes read from the file.
type countSrc struct{ w *warcReader }

func (c countSrc) Read(p []byte) (int, error) {
	n, err := c.w.src.Read(p)
	c.w.read += int64(n)
	return n, err
}

func openWARC(path string) (*warcReader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	w, err := newWARCReader(f, st.Size())
	if err != nil {
		f.Close()
		return nil, err
	}
	w.closer = f
	return w, nil
}

// newWARCReader reads a WARC stream of size bytes.
func newWARCReader(src io.Reader, size int64) (*warcReader, error) {
	w := &warcReader{src: src, size: size}
	w.raw = bufio.NewReaderSize(countSrc{w}, 1<<16)
	w.br = w.raw
	if magic, _ := w.raw.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(w.raw)
		if err != nil {
			return nil, fmt.Errorf("bad gzip stream: %w", err)
		}
		zr.Multistream(false)
		w.zr = zr
		w.br = bufio.NewReaderSize(zr, 1<<16)
	}
	return w, nil
}

func (w *warcReader) Close() error {
	if w.closer == nil {
		return nil
	}
	return w.closer.Close()
}

// offset is how far into the file (compressed bytes) the reader is.
func (w *warcReader) offset() int64 { return w.read - int64(w.raw.Buffered()) }

// warcRecord is one record's headers and block.
type warcRecord struct {
	header textproto.MIMEHeader
	block  *blockReader
}

func (r *warcRecord) get(key string) string { return r.header.Get(key) }

// blockReader reads a block of n bytes; it reports a stream that ends
// before them as io.ErrUnexpectedEOF and remembers it.
type blockReader struct {
	r         io.Reader
	left      int64
	truncated bool
	err       error // a read error other than the end
}

func (b *blockReader) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	if err == io.EOF && b.left > 0 {
		b.truncated = true
		return n, io.ErrUnexpectedEOF
	}
	if err != nil && err != io.EOF {
		b.truncated, b.err = true, err
	}
	return n, err
}

// finish reads what the caller left of the block and reports whether it
// was shorter than its Content-Length.
func (b *blockReader) finish() bool {
	io.Copy(io.Discard, b)
	return b.truncated
}

// errSkip is a record the reader passed over: its headers or length could
// not be trusted. reason says how it is counted.
type errSkip struct{ reason string }

func (e *errSkip) Error() string { return e.reason }

// errNotWARC is a file that does not start with a WARC record.
type errNotWARC struct{ line string }

func (e *errNotWARC) Error() string {
	return fmt.Sprintf("not a WARC file: it starts with %q, not a WARC/1.x record", e.line)
}

// readLine reads one line without its end, at most max bytes of it kept
// (the rest is read and dropped: a 300 MB line costs max bytes). At the end
// of a gzip member it goes on in the next one.
func (w *warcReader) readLine(max int) (line []byte, tooLong bool, err error) {
	for {
		var buf []byte
		for {
			chunk, e := w.br.ReadSlice('\n')
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
			err = e
			break
		}
		if err == io.EOF && len(buf) == 0 && w.nextMember() {
			continue
		}
		if err == io.EOF && len(buf) > 0 {
			err = nil // a last line without its newline
		}
		return bytes.TrimRight(buf, "\r\n"), tooLong, err
	}
}

// nextMember moves to the next gzip member, if there is one.
func (w *warcReader) nextMember() bool {
	if w.zr == nil {
		return false
	}
	if err := w.zr.Reset(w.raw); err != nil {
		if err != io.EOF {
			w.broken = err
		}
		return false
	}
	w.zr.Multistream(false)
	w.br.Reset(w.zr)
	return true
}

func isVersionLine(l []byte) bool {
	return bytes.HasPrefix(l, []byte("WARC/")) && len(l) > 5 && l[5] >= '0' && l[5] <= '9'
}

// next returns the next record; io.EOF at the end; *errSkip for a record
// (or a stretch that is not one) passed over, after which next goes on;
// *errNotWARC when the file does not start with a record; another error
// when the stream fails.
func (w *warcReader) next() (*warcRecord, error) {
	if w.block != nil {
		w.block.finish()
		if w.block.err != nil {
			w.broken = w.block.err
		}
		w.block = nil
	}
	if w.broken != nil {
		return nil, io.EOF // counted where the block failed
	}
	var line []byte
	for {
		l, _, err := w.readLine(maxWARCHeaderLine)
		if err != nil && (err != io.EOF || len(l) == 0) {
			if err == io.EOF && w.broken != nil {
				return nil, w.broken
			}
			return nil, err // io.EOF between records is the normal end
		}
		if l = bytes.TrimSpace(l); len(l) > 0 {
			line = l
			break
		}
	}
	if !isVersionLine(line) {
		if !w.started {
			return nil, &errNotWARC{clipString(string(line), 40)}
		}
		// Not a record where one should start (a Content-Length too
		// short, a damaged block): find the next one.
		return nil, w.resync("unreadable (not a WARC record)")
	}
	w.started = true
	h := textproto.MIMEHeader{}
	var last string
	for n := 0; ; n++ {
		if p, _, _ := w.peekLine(); isVersionLine(p) {
			// The next record starts: this one's headers never ended.
			return nil, &errSkip{"bad headers"}
		}
		l, tooLong, err := w.readLine(maxWARCHeaderLine)
		if err != nil {
			return nil, &errSkip{"truncated"} // the file ends in the headers
		}
		if tooLong {
			return nil, w.resync("bad headers")
		}
		if n >= maxWARCHeaders {
			return nil, w.resync("bad headers")
		}
		if len(l) == 0 {
			break
		}
		if (l[0] == ' ' || l[0] == '\t') && last != "" { // continuation
			vals := h[last]
			vals[len(vals)-1] += " " + strings.TrimSpace(string(l))
			continue
		}
		k, v, ok := strings.Cut(string(l), ":")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, w.resync("bad headers")
		}
		last = textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(k))
		h[last] = append(h[last], strings.TrimSpace(v))
	}
	n, err := strconv.ParseInt(strings.TrimSpace(h.Get("Content-Length")), 10, 64)
	if err != nil || n < 0 || n > maxWARCBlock {
		return nil, w.resync("bad Content-Length")
	}
	if w.zr == nil {
		if left := w.size - w.offset(); n > left {
			// Past the end of the file: the last record cut short, or a
			// length that is not one. Either way, look for more records.
			return nil, w.resync("truncated")
		}
	}
	w.block = &blockReader{r: w.br, left: n}
	return &warcRecord{header: h, block: w.block}, nil
}

// resync passes over lines up to the next one that starts a record and
// leaves the reader before it, returning the skip to count.
func (w *warcReader) resync(reason string) error {
	for {
		l, _, err := w.peekLine()
		if err != nil {
			return &errSkip{reason}
		}
		if isVersionLine(bytes.TrimSpace(l)) {
			return &errSkip{reason}
		}
		w.readLine(maxWARCHeaderLine)
	}
}

// peekLine returns the start of the next line without consuming it (up to
// the buffer's size), moving to the next gzip member at a member's end.
func (w *warcReader) peekLine() ([]byte, bool, error) {
	for {
		b, err := w.br.Peek(16)
		if len(b) == 0 && err == io.EOF && w.nextMember() {
			continue
		}
		if len(b) == 0 {
			if err == nil {
				err = io.EOF
			}
			return nil, false, err
		}
		return b, false, nil
	}
}

func clipString(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// headerLimit lets at most left bytes through until it is opened: HTTP
// headers inside a block are bounded, its body is not.
type headerLimit struct {
	r    io.Reader
	left int64 // -1: open
}

func (h *headerLimit) Read(p []byte) (int, error) {
	if h.left < 0 {
		return h.r.Read(p)
	}
	if h.left == 0 {
		return 0, errors.New("HTTP headers longer than 1 MB")
	}
	if int64(len(p)) > h.left {
		p = p[:h.left]
	}
	n, err := h.r.Read(p)
	h.left -= int64(n)
	return n, err
}

// httpResponse parses a response record's block: status, Content-Type and
// the body (de-chunked and, for Content-Encoding gzip, decompressed),
// reading at most max bytes of body; tooLarge reports a longer one.
func httpResponse(block io.Reader, max int) (status int, contentType string, body []byte, tooLarge bool, err error) {
	hl := &headerLimit{r: block, left: maxHTTPHeader}
	resp, err := http.ReadResponse(bufio.NewReader(hl), nil)
	if err != nil {
		return 0, "", nil, false, err
	}
	hl.left = -1
	defer resp.Body.Close()
	status, contentType = resp.StatusCode, resp.Header.Get("Content-Type")
	if status != 200 || !strings.Contains(strings.ToLower(contentType), "html") {
		return status, contentType, nil, false, nil
	}
	var src io.Reader = resp.Body
	if strings.EqualFold(resp.Header.Get("Content-Encoding"), "gzip") {
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			return status, contentType, nil, false, err
		}
		src = zr
	}
	body, err = io.ReadAll(io.LimitReader(src, int64(max)+1))
	if len(body) > max {
		return status, contentType, nil, true, nil
	}
	if err != nil && !bytes.HasSuffix(body, []byte("</html>")) && len(body) == 0 {
		return status, contentType, nil, false, err
	}
	return status, contentType, body, false, nil
}
