package corpus

import (
	"bufio"
	"context"
	"fmt"
	"html"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v2"
	"github.com/wiretrace/wiretrace/internal/memstat"
	"github.com/wiretrace/wiretrace/synth"
)

// TestBigWARCStreams writes a WARC of at least 1 GB — news pages from the
// synthetic generator wrapped in a site's navigation and footer, between
// image records — and reads it, checking that the heap stays flat: the
// reader holds one batch of pages, never the file. It takes a minute and
// a gigabyte of disk, so it runs only with WIRETRACE_BIG_WARC=1; with
// WIRETRACE_BIG_WARC_KEEP=PATH the file is written there and kept, for
// timing `wiretrace scan` on it.
func TestBigWARCStreams(t *testing.T) {
	if os.Getenv("WIRETRACE_BIG_WARC") == "" {
		t.Skip("set WIRETRACE_BIG_WARC=1 to write and read a 1 GB WARC")
	}
	path := os.Getenv("WIRETRACE_BIG_WARC_KEEP")
	if path == "" {
		path = filepath.Join(t.TempDir(), "big.warc")
	}
	start := time.Now()
	pages, size := writeBigWARC(t, path, 1<<30)
	t.Logf("wrote %s: %d MB, %d pages, in %v", path, size>>20, pages, time.Since(start).Round(time.Second))

	r, n, elapsed, peak := readMeasured(t, path)
	t.Logf("read %d articles from %d records in %v: %.0f MB/s, peak heap %d MB; %s",
		n, r.WARC.Records, elapsed.Round(time.Millisecond), float64(size)/(1<<20)/elapsed.Seconds(), peak>>20, r.WARC.Summary())
	if n != pages {
		t.Errorf("%d articles, want %d", n, pages)
	}
	if peak > 256<<20 {
		t.Errorf("peak heap %d MB reading a %d MB WARC: not streaming", peak>>20, size>>20)
	}
}

// writeBigWARC writes pages and image records until the file reaches
// size bytes; it returns the number of pages and the file size.
func writeBigWARC(t testing.TB, path string, size int64) (pages int, written int64) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	m := gowarc.NewMarshaler()
	rng := rand.New(rand.NewPCG(7, 7))
	image := make([]byte, 24<<10)
	families := 0
	for written < size {
		synth.Generate(synth.DefaultConfig(1, uint64(families)), func(a synth.Article, _ synth.Truth) error {
			page := newsPage(a)
			rec := warcResponse(t, "https://"+strings.ToLower(a.Outlet)+".example/"+a.ID, "2016-11-01T12:00:00Z", "200 OK", "text/html; charset=utf-8", []byte(page))
			_, n, err := m.Marshal(w, rec, 0)
			if err != nil {
				t.Fatal(err)
			}
			rec.Close()
			written += n
			pages++
			for i := range image {
				image[i] = byte(rng.Uint32())
			}
			img := warcResponse(t, "https://cdn.example/"+a.ID+".jpg", "2016-11-01T12:00:00Z", "200 OK", "image/jpeg", image)
			_, n, err = m.Marshal(w, img, 0)
			if err != nil {
				t.Fatal(err)
			}
			img.Close()
			written += n
			return nil
		})
		families++
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return pages, written
}

// newsPage wraps an article in a news site's page.
func newsPage(a synth.Article) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s</title>", html.EscapeString(a.Title))
	fmt.Fprintf(&b, "<meta property=\"og:site_name\" content=\"%s\">", html.EscapeString(a.Outlet))
	if a.Published != "" {
		fmt.Fprintf(&b, "<meta property=\"article:published_time\" content=\"%s\">", a.Published)
	}
	b.WriteString("</head><body><header><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/sport\">Sport</a></nav></header><main><article>")
	fmt.Fprintf(&b, "<h1>%s</h1>", html.EscapeString(a.Title))
	for _, p := range strings.Split(a.Text, "\n") {
		fmt.Fprintf(&b, "<p>%s</p>", html.EscapeString(p))
	}
	b.WriteString("</article><aside><h3>Related</h3><ul><li><a href=\"/a\">Another story</a></li></ul></aside></main>")
	b.WriteString("<footer>All rights reserved.</footer></body></html>")
	return b.String()
}

// readMeasured reads a big input with two workers and returns the reader,
// the articles read, the time taken and the peak heap, sampled every 20 ms.
func readMeasured(t *testing.T, path string) (r *Reader, n int, elapsed time.Duration, peak uint64) {
	t.Helper()
	stop := memstat.Peak(20 * time.Millisecond)
	start := time.Now()
	r = NewReader(Options{Workers: 2})
	if err := r.Read(context.Background(), []string{path}, func(*Article) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return r, n, time.Since(start), stop()
}
