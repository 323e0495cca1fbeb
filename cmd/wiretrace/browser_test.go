package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// findBrowser returns a headless-capable Chromium, or "".
func findBrowser() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

const hostileText = `The harbour authority closed the northern basin to shipping on Saturday after a crane collapsed onto the quay, and pilots were told to divert incoming vessels to the southern terminal until further notice, officials said on Saturday evening.
<script>document.title="pwned-script"</script><img src=x onerror="document.title='pwned-img'"><div id="pwned-div">x</div>`

// TestHTMLReportInBrowser renders the HTML report of a corpus with hostile
// articles in headless Chromium: the graph, the tables and the
// highlighted side-by-side view must render, and nothing in an article may
// run or become markup.
func TestHTMLReportInBrowser(t *testing.T) {
	browser := findBrowser()
	if browser == "" {
		t.Skip("no Chromium found (install Debian's chromium); .ci/run installs it")
	}
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	lines := []string{
		`{"id":"wire-1","outlet":"Reuters","published":"2024-06-01T08:00:00Z","title":"<b onmouseover=alert(1)>Crane</b>","url":"javascript:alert(1)","text":` + jsonString(hostileText) + `}`,
		`{"id":"copy<script>","outlet":"Port <i>News</i>","published":"2024-06-01T09:30:00Z","title":"Copy","text":` + jsonString(hostileText+"\nSource: Reuters") + `}`,
	}
	os.WriteFile(corpus, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
	out := filepath.Join(dir, "report.html")
	var stdout, stderr bytes.Buffer
	code := run([]string{"scan", "--format", "html", "-o", out, corpus}, &streams{Out: &stdout, Err: &stderr})
	if code != 0 {
		t.Fatalf("scan exited %d: %s", code, stderr.String())
	}
	page, _ := os.ReadFile(out)
	for _, bad := range []string{`<script>document.title`, `<img src=x`, `<div id="pwned-div"`, `href="javascript:`, `<b onmouseover`} {
		if bytes.Contains(page, []byte(bad)) {
			t.Errorf("the HTML file contains %q unescaped", bad)
		}
	}
	url := "file://" + out + "#c001"
	args := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + filepath.Join(dir, "profile"), "--virtual-time-budget=3000"}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	dom, err := exec.CommandContext(ctx, browser, append(args, "--dump-dom", url)...).Output()
	if err != nil {
		t.Fatalf("chromium --dump-dom: %v", err)
	}
	s := string(dom)
	for _, want := range []string{"<title>wiretrace report</title>", `<svg class="graph"`, `<span class="s">`, `class="sortable"`, `id="matrix-table"`} {
		if !strings.Contains(s, want) {
			t.Errorf("rendered page lacks %s", want)
		}
	}
	for _, bad := range []string{"pwned-script</title>", "pwned-img</title>", `<div id="pwned-div"`, "<img src=\"x\""} {
		if strings.Contains(s, bad) {
			t.Errorf("article content ran or became markup: found %s", bad)
		}
	}
	shot := filepath.Join(os.TempDir(), "wiretrace-report.png")
	if err := exec.CommandContext(ctx, browser, append(args, "--screenshot="+shot, "--window-size=1300,2200", url)...).Run(); err != nil {
		t.Fatalf("chromium --screenshot: %v", err)
	}
	if st, err := os.Stat(shot); err != nil || st.Size() < 10000 {
		t.Fatalf("screenshot missing or empty: %v", err)
	}
	t.Logf("screenshot: %s", shot)
}

func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
