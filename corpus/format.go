package corpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"strings"

	"github.com/klauspost/compress/zstd"
)

// Record formats of file inputs. A file's format comes from its name
// (compression is recognised by its magic bytes, so "x.jsonl" may be
// gzipped), unless Options.Format names one for all.
const (
	FormatJSONL   = "jsonl"
	FormatCSV     = "csv"
	FormatTSV     = "tsv"
	FormatParquet = "parquet"
)

// formats are the values Options.Format takes.
var formats = map[string]bool{"": true, "auto": true, FormatJSONL: true, FormatCSV: true, FormatTSV: true, FormatParquet: true}

// recordFormat returns the record format a file name says, or "".
func recordFormat(path string) string {
	l := strings.ToLower(path)
	for _, ext := range []string{".gz", ".zst", ".zstd"} {
		l = strings.TrimSuffix(l, ext)
	}
	switch {
	case strings.HasSuffix(l, ".jsonl"), strings.HasSuffix(l, ".ndjson"):
		return FormatJSONL
	case strings.HasSuffix(l, ".csv"):
		return FormatCSV
	case strings.HasSuffix(l, ".tsv"), strings.HasSuffix(l, ".tab"):
		return FormatTSV
	case strings.HasSuffix(l, ".parquet"), strings.HasSuffix(l, ".pq"):
		return FormatParquet
	}
	return ""
}

// maxZstdWindow bounds the window a zstd frame may ask for (zstd --long
// uses 128 MB): a hostile header must not make the decoder allocate more.
const maxZstdWindow = 128 << 20

// errTruncated says a compressed stream ended early.
const errTruncated = "the compressed stream ends early: the file is truncated"

// decompress returns a reader of src's content: src itself, or its gzip or
// zstd stream when the magic bytes say it is compressed, and the closer
// of the decompressor.
func decompress(br *bufio.Reader) (*bufio.Reader, func(), error) {
	magic, _ := br.Peek(4)
	switch {
	case len(magic) >= 2 && magic[0] == 0x1f && magic[1] == 0x8b:
		zr, err := gzip.NewReader(br)
		if err != nil {
			if err == io.ErrUnexpectedEOF || err == io.EOF {
				return nil, nil, fmt.Errorf("%s", errTruncated)
			}
			return nil, nil, fmt.Errorf("bad gzip stream: %w", err)
		}
		return bufio.NewReaderSize(zr, 1<<16), func() { zr.Close() }, nil
	case bytes.Equal(magic, []byte{0x28, 0xb5, 0x2f, 0xfd}):
		zr, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxWindow(maxZstdWindow), zstd.WithDecoderMaxMemory(1<<32))
		if err != nil {
			return nil, nil, fmt.Errorf("bad zstd stream: %w", err)
		}
		return bufio.NewReaderSize(zstdReader{zr}, 1<<16), zr.Close, nil
	}
	return br, func() {}, nil
}

// zstdReader reports a stream cut short as io.ErrUnexpectedEOF, as gzip
// does, so both say "truncated" the same way.
type zstdReader struct{ d *zstd.Decoder }

func (z zstdReader) Read(p []byte) (int, error) {
	n, err := z.d.Read(p)
	if err != nil && err != io.EOF && (err == io.ErrUnexpectedEOF || strings.Contains(err.Error(), "unexpected EOF")) {
		err = io.ErrUnexpectedEOF
	}
	return n, err
}
