package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace/report"
)

// storyParagraphs is a QNA story written for this test.
var storyParagraphs = []string{
	"The ministry of transport said on Monday that the new coastal railway between the two ports would open to passengers in the spring, two years later than first planned.",
	"Engineers had to reroute a section of the line around wetlands that are home to migrating birds, the ministry said, adding that the extra cost would be met from next year's budget.",
	"Freight trains are expected to use the line from the autumn, carrying containers from the harbour to warehouses inland and taking an estimated four hundred trucks a day off the roads.",
	"Residents of the fishing villages along the route have asked for stations of their own, and the ministry said it would study the request together with the municipal councils.",
	"The line is the first part of a national network that the government wants to extend to the border crossings in the north within the next decade, officials said.",
}

// bylinePage is a website's copy of the story whose only credit is its
// byline, written as web pages write it.
func bylinePage() string {
	return `<!doctype html><html><head><meta charset="utf-8"><title>Coastal railway delayed</title>
<meta name="author" content="الدوحة - قنا"><meta property="og:site_name" content="Gulf Courier">
<meta property="article:published_time" content="2016-11-28T12:00:00Z"></head>
<body><article><h1>Coastal railway delayed</h1><p>` + strings.Join(storyParagraphs, "</p><p>") + `</p></article></body></html>`
}

// scanMembers runs scan --format json and returns its members by id.
func scanMembers(t *testing.T, args ...string) map[string]report.Member {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run(append([]string{"scan", "--format", "json"}, args...), &streams{Out: &out, Err: &errb}); code != exitOK {
		t.Fatalf("scan: exit %d: %s", code, errb.String())
	}
	var rep report.Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	ms := map[string]report.Member{}
	for _, c := range rep.Clusters {
		for _, m := range c.Members {
			ms[m.ID] = m
		}
	}
	return ms
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// qnaOrigin is QNA's own article, as a text file with front matter.
func qnaOrigin() string {
	return "---\npublished: 2016-11-28T09:00:00Z\n---\nDoha (QNA) - " + strings.Join(storyParagraphs, "\n") + "\n"
}

// A saved page whose byline names QNA credits it, in a directory and in a
// WARC crawl alike.
func TestBylineOfPagesCredits(t *testing.T) {
	dir := t.TempDir()
	origin := filepath.Join(dir, "wire")
	writeFile(t, filepath.Join(origin, "qna", "railway.txt"), qnaOrigin())
	pages := filepath.Join(dir, "pages")
	writeFile(t, filepath.Join(pages, "gulfcourier", "railway.html"), bylinePage())
	warc := filepath.Join(dir, "crawl.warc")
	writeFile(t, warc, warcResponse("https://gulfcourier.example/railway", bylinePage()))

	for _, input := range []string{pages, warc} {
		ms := scanMembers(t, origin, input)
		if len(ms) != 2 {
			t.Fatalf("%s: members %v, want QNA's article and the page", filepath.Base(input), ms)
		}
		for id, m := range ms {
			if id == "qna/railway.txt" {
				continue
			}
			if m.Attribution.Verdict != "credits-origin" || len(m.Attribution.Mentions) != 1 || m.Attribution.Mentions[0].Where != "author" {
				t.Errorf("%s from %s: verdict %s, mentions %+v; want credits-origin from its author byline", id, filepath.Base(input), m.Attribution.Verdict, m.Attribution.Mentions)
			}
		}
	}
}

// warcResponse is a WARC file of one HTML response.
func warcResponse(uri, html string) string {
	block := "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
	return fmt.Sprintf("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\nWARC-Date: 2016-11-28T12:05:00Z\r\n"+
		"WARC-Record-ID: <urn:uuid:7f1b0a52-4bde-4d3c-9a55-1b1f6f1e2a01>\r\nContent-Type: application/http; msgtype=response\r\n"+
		"Content-Length: %d\r\n\r\n%s\r\n\r\n", uri, len(block), block)
}
