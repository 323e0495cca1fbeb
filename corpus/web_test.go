package corpus

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nlnwa/gowarc/v2"
)

// writeWARC writes a WARC file of the given records, gzipped per record.
func writeWARC(t testing.TB, path string, records []gowarc.WarcRecord) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := gowarc.NewMarshaler()
	for _, rec := range records {
		if _, _, err := m.Marshal(f, rec, 0); err != nil {
			t.Fatal(err)
		}
	}
}

// warcResponse builds a response record; extra WARC headers are pairs.
func warcResponse(t testing.TB, uri, date, status, contentType string, body []byte, extra ...string) gowarc.WarcRecord {
	t.Helper()
	b := gowarc.NewRecordBuilder(gowarc.Response, gowarc.WithAddMissingDigest(true), gowarc.WithAddMissingContentLength(true), gowarc.WithAddMissingRecordId(true))
	b.AddWarcHeader(gowarc.WarcTargetURI, uri)
	b.AddWarcHeader(gowarc.WarcDate, date)
	b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
	for i := 0; i+1 < len(extra); i += 2 {
		b.AddWarcHeader(extra[i], extra[i+1])
	}
	if _, err := b.WriteString("HTTP/1.1 " + status + "\r\nContent-Type: " + contentType + "\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	b.Write(body)
	rec, _, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "web", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestWARCMixedRecords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crawl.warc")
	info := gowarc.NewRecordBuilder(gowarc.Warcinfo, gowarc.WithAddMissingDigest(true), gowarc.WithAddMissingContentLength(true), gowarc.WithAddMissingRecordId(true))
	info.AddWarcHeader(gowarc.WarcDate, "2024-06-02T00:00:00Z")
	info.AddWarcHeader(gowarc.ContentType, "application/warc-fields")
	info.WriteString("software: wiretrace test\r\n")
	infoRec, _, err := info.Build()
	if err != nil {
		t.Fatal(err)
	}
	writeWARC(t, path, []gowarc.WarcRecord{
		infoRec,
		warcResponse(t, "https://www.gulfpost.example/news/crane", "2024-06-01T07:00:00Z", "200 OK", "text/html; charset=utf-8", fixture(t, "en-utf8.html")),
		warcResponse(t, "https://www.alyaum.example/article/3051234", "2015-07-21T06:00:00Z", "200 OK", "text/html; charset=windows-1256", fixture(t, "ar-1256.html")),
		warcResponse(t, "https://brief.example/", "2024-06-03T09:00:00Z", "200 OK", "text/html", fixture(t, "short.html")),
		warcResponse(t, "https://www.gulfpost.example/missing", "2024-06-01T07:01:00Z", "404 Not Found", "text/html", []byte("<html><body>Not found</body></html>")),
		warcResponse(t, "https://www.gulfpost.example/logo.png", "2024-06-01T07:02:00Z", "200 OK", "image/png", []byte("\x89PNG....")),
		warcResponse(t, "https://www.gulfpost.example/big", "2024-06-01T07:03:00Z", "200 OK", "text/html", fixture(t, "en-utf8.html"), gowarc.WarcTruncated, "length"),
	})
	var got []*Article
	r := NewReader(Options{Workers: 2})
	if err := r.Read(context.Background(), []string{path}, func(a *Article) error { got = append(got, a); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("%d articles, want 3", len(got))
	}
	en, ar, brief := got[0], got[1], got[2]
	if !strings.HasPrefix(en.ID, "urn:uuid:") || en.Outlet != "Gulf Post" || en.Published != "2024-06-01T10:30:00+04:00" ||
		en.URL != "https://www.gulfpost.example/news/2024/06/01/crane-collapse" || !strings.Contains(en.Text, "crane collapsed onto the quay") {
		t.Errorf("english page: %+v", en)
	}
	if ar.Outlet != "alyaum.example" || !strings.Contains(ar.Text, "أعلنت وزارة المالية") || strings.Contains(ar.Text, "جميع الحقوق") {
		t.Errorf("arabic page: outlet %q text %q", ar.Outlet, ar.Text)
	}
	// No date in the page: the WARC-Date is used; no outlet: the host.
	if brief.Published != "2024-06-03T09:00:00Z" || brief.Outlet != "brief.example" || brief.Pos.Line != 4 {
		t.Errorf("brief page: published %q outlet %q line %d", brief.Published, brief.Outlet, brief.Pos.Line)
	}
	if r.WARC.Records != 7 || r.WARC.Pages != 3 {
		t.Errorf("records %d pages %d", r.WARC.Records, r.WARC.Pages)
	}
	want := map[string]int{"not responses": 1, "not status 200": 1, "not HTML": 1, "truncated": 1}
	for k, v := range want {
		if r.WARC.Skipped[k] != v {
			t.Errorf("skipped %q = %d, want %d (%v)", k, r.WARC.Skipped[k], v, r.WARC.Skipped)
		}
	}
	if !strings.Contains(r.WARC.Summary(), "4 of 7 WARC records did not become articles") {
		t.Errorf("summary %q", r.WARC.Summary())
	}
	// The same crawl read again gives the same ids.
	var again []*Article
	NewReader(Options{}).Read(context.Background(), []string{path}, func(a *Article) error { again = append(again, a); return nil })
	for i := range got {
		if again[i].ID != got[i].ID {
			t.Errorf("id %d changed between runs: %s / %s", i, got[i].ID, again[i].ID)
		}
	}
}

func TestHTMLInDirectory(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "saved"), 0o755)
	os.WriteFile(filepath.Join(dir, "saved", "ru.html"), fixture(t, "ru-1251.html"), 0o644)
	os.WriteFile(filepath.Join(dir, "saved", "short.htm"), fixture(t, "short.html"), 0o644)
	os.WriteFile(filepath.Join(dir, "saved", "x-qna.html"), fixture(t, "ar-qna.html"), 0o644)
	var got []*Article
	if err := NewReader(Options{}).Read(context.Background(), []string{dir}, func(a *Article) error { got = append(got, a); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("%d articles", len(got))
	}
	// A saved page's byline is read as a crawled page's is.
	if string(got[2].Extra["author"]) != `"الدوحة - قنا"` {
		t.Errorf("qna page: extra %s", got[2].Extra)
	}
	if got[0].Extra != nil {
		t.Errorf("ru page: extra %s", got[0].Extra)
	}
	if got[0].ID != "saved/ru.html" || got[0].Outlet != "Вести Недели" || got[0].Precision != TimeInstant {
		t.Errorf("ru page: %+v", got[0])
	}
	if got[1].ID != "saved/short.htm" || got[1].Outlet != "saved" {
		t.Errorf("short page: id %q outlet %q", got[1].ID, got[1].Outlet)
	}
}

func TestWARCGzipped(t *testing.T) {
	// Each record its own gzip member, as crawlers write .warc.gz.
	dir := t.TempDir()
	var members bytes.Buffer
	for i, name := range []string{"en-utf8.html", "ru-koi8.html"} {
		plain := filepath.Join(dir, fmt.Sprintf("r%d.warc", i))
		writeWARC(t, plain, []gowarc.WarcRecord{warcResponse(t, "https://x.example/"+name, "2024-06-01T07:00:00Z", "200 OK", "text/html", fixture(t, name))})
		raw, _ := os.ReadFile(plain)
		zw := gzip.NewWriter(&members)
		zw.Write(raw)
		zw.Close()
	}
	path := filepath.Join(dir, "crawl.warc.gz")
	os.WriteFile(path, members.Bytes(), 0o644)
	var got []*Article
	r := NewReader(Options{})
	if err := r.Read(context.Background(), []string{path}, func(a *Article) error { got = append(got, a); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !strings.Contains(got[1].Text, "обмене пленными") {
		t.Fatalf("%d articles from a gzipped WARC (%v)", len(got), r.WARC.Skipped)
	}
}

// metaValues decodes a byline or source field of Extra as credit metadata
// reads it (credit.MetaOf): a JSON string or an array of strings; ok is
// false for any other shape. The test does not import credit, whose
// registry and forms change on their own.
func metaValues(raw []byte) (vals []string, ok bool) {
	var one string
	if json.Unmarshal(raw, &one) == nil {
		return []string{one}, true
	}
	return vals, json.Unmarshal(raw, &vals) == nil
}

// TestWARCBylinesAndSources: pages in a crawl carry their bylines and
// sources to Extra, in the fields and shapes credit metadata reads: a
// JSON-LD sourceOrganization and a byline naming Reuters, an agency byline
// «الدوحة - قنا», an Arabic sourceOrganization in windows-1256. A page
// with one author keeps the shape it had (a JSON string); a page with
// none has no byline or source fields.
func TestWARCBylinesAndSources(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crawl.warc")
	ld := `<script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Person","name":"Lina Karam"},` +
		`{"@type":"Organization","name":"AFP"}],"sourceOrganization":{"@type":"Organization","name":"Reuters"}}</script>`
	inline := `<html><head><meta charset="utf-8"><title>Floods</title>` + ld + `</head><body><article>` +
		`<div class="byline">By Lina Karam <a rel="author" href="/staff/lina">profile</a></div>` +
		`<p>Flood waters began to recede across the northern valleys on Tuesday, allowing rescue teams to reach villages that had been cut off for three days, officials said.</p>` +
		`<p>More than four thousand people spent the night in schools and sports halls, and the army flew in drinking water and blankets.</p></article>` +
		`<aside class="related"><span class="byline">Sputnik</span></aside></body></html>`
	writeWARC(t, path, []gowarc.WarcRecord{
		warcResponse(t, "https://www.harbourtimes.example/world/ceasefire-talks", "2024-06-01T10:00:00Z", "200 OK", "text/html; charset=utf-8", fixture(t, "en-bylines.html")),
		warcResponse(t, "https://al-sharq.example/news/1", "2024-06-01T10:00:00Z", "200 OK", "text/html", fixture(t, "ar-qna.html")),
		warcResponse(t, "https://www.alyaum.example/article/4001", "2015-08-10T07:00:00Z", "200 OK", "text/html; charset=windows-1256", fixture(t, "ar-source-1256.html")),
		warcResponse(t, "https://citywire.example/floods", "2024-03-12T14:00:00Z", "200 OK", "text/html; charset=utf-8", []byte(inline)),
		warcResponse(t, "https://www.gulfpost.example/news/crane", "2024-06-01T07:00:00Z", "200 OK", "text/html; charset=utf-8", fixture(t, "en-utf8.html")),
		warcResponse(t, "https://brief.example/", "2024-06-03T09:00:00Z", "200 OK", "text/html", fixture(t, "short.html")),
	})
	var got []*Article
	r := NewReader(Options{Workers: 2})
	if err := r.Read(context.Background(), []string{path}, func(a *Article) error { got = append(got, a); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 6 {
		t.Fatalf("%d articles (%v)", len(got), r.WARC.Skipped)
	}
	tests := []map[string]string{ // raw JSON of Extra fields, "" for absent
		{"author": `["Jane Roe","By Jane Roe, Reuters","GENEVA (Reuters) -"]`,
			"author_url": `["https://www.facebook.com/jane.roe","https://www.harbourtimes.example/authors/jane-roe"]`,
			"source":     `["reuters.com","Reuters"]`,
			"source_url": `["https://www.reuters.com/world/ceasefire-talks-2024-06-01/","https://www.reuters.com"]`},
		{"author": `"الدوحة - قنا"`, "source": ""},
		{"author": `["محمد العلي","بقلم: محمد العلي"]`, "author_url": "",
			"source": `["spa.gov.sa","وكالة الأنباء السعودية"]`, "source_url": `["https://www.spa.gov.sa/1234567","https://www.spa.gov.sa/"]`},
		// The relative rel=author link resolves against the WARC target
		// URI; the related story's byline is not the page's.
		{"author": `["Lina Karam","AFP","By Lina Karam profile"]`,
			"author_url": `["https://citywire.example/staff/lina"]`, "source": `["Reuters"]`, "source_url": ""},
		// One author: the string it was before.
		{"author": `"Sara Haddad"`, "author_url": "", "source": "", "source_url": ""},
		{"author": "", "author_url": "", "source": "", "source_url": ""},
	}
	for i, want := range tests {
		a := got[i]
		for k, w := range want {
			if g := string(a.Extra[k]); g != w {
				t.Errorf("%s: extra %s = %s, want %s", a.URL, k, g, w)
			}
		}
		for _, k := range []string{"author", "byline", "source", "author_url", "source_url"} {
			if raw, ok := a.Extra[k]; ok {
				if vals, ok := metaValues(raw); !ok || len(vals) == 0 {
					t.Errorf("%s: extra %s = %s is not a string or an array of strings", a.URL, k, raw)
				}
			}
		}
	}
}
