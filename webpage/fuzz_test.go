package webpage

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRead reads arbitrary bytes as a page: it must not panic, and the
// byline and source metadata stay within their bounds whatever the page
// holds. The corpus is seeded with the fixtures of testdata/web.
func FuzzRead(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "web", "*.html"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no fixtures: %v", err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, "", "")
		f.Add(data, "text/html; charset=windows-1256", "https://www.example.com/news/1")
	}
	f.Add([]byte(`<script type="application/ld+json">{"@graph":[{"@id":"a","author":{"@id":"a"},"isBasedOn":{"@id":"a"}}]}</script>`), "", "")
	f.Add([]byte(`<script type="application/ld+json">{"author":{"name":"https://www.facebook.com/jane.roe"},`+
		`"sourceOrganization":{"name":["//reuters.com/x"]},"isBasedOn":{"name":"www.afp.com"}}</script><p>text</p>`), "", "https://news.example/a")
	f.Fuzz(func(t *testing.T, data []byte, contentType, pageURL string) {
		p, err := Read(bytes.NewReader(data), contentType, pageURL)
		if p == nil {
			if err == nil {
				t.Fatal("no page and no error")
			}
			return
		}
		names := map[string][]string{"Authors": p.Authors, "Sources": p.Sources}
		for field, vals := range names {
			if len(vals) > MaxValues {
				t.Errorf("%s: %d values", field, len(vals))
			}
			for _, v := range vals {
				if v == "" || utf8.RuneCountInString(v) > MaxValueLen || strings.TrimSpace(v) != v || strings.ContainsAny(v, "\n\r\t") {
					t.Errorf("%s: value %q", field, v)
				}
			}
		}
		for field, vals := range map[string][]string{"AuthorURLs": p.AuthorURLs, "SourceURLs": p.SourceURLs} {
			if len(vals) > MaxValues {
				t.Errorf("%s: %d values", field, len(vals))
			}
			for _, v := range vals {
				if len(v) > MaxURLLen || !(strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://")) {
					t.Errorf("%s: value %q", field, v)
				}
			}
		}
		for _, a := range p.Authors {
			if looksLikeURL(a) {
				t.Errorf("URL %q among authors", a)
			}
		}
		if (len(p.Authors) == 0 && p.Author != "") || (len(p.Authors) > 0 && p.Author != p.Authors[0]) {
			t.Errorf("Author %q, Authors %q", p.Author, p.Authors)
		}
	})
}
