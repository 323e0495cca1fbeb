package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
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
	dumpCmd := inGroup(exec.CommandContext(ctx, browser, append(args, "--dump-dom", url)...))
	dom, err := dumpCmd.Output()
	killGroup(dumpCmd) // its helpers may outlive it
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
	shotCmd := inGroup(exec.CommandContext(ctx, browser, append(args, "--screenshot="+shot, "--window-size=1300,2200", url)...))
	err = shotCmd.Run()
	killGroup(shotCmd)
	if err != nil {
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

// devtools drives a headless Chromium over --remote-debugging-pipe (the
// DevTools protocol as NUL-terminated JSON on file descriptors 3 and 4),
// with the standard library only.
type devtools struct {
	t       *testing.T
	cmd     *exec.Cmd
	w       io.WriteCloser
	msgs    chan map[string]json.RawMessage
	id      int
	session string
}

func startDevtools(t *testing.T, browser, dir string) *devtools {
	t.Helper()
	toChrome, ours, err := os.Pipe() // chromium reads commands on fd 3
	if err != nil {
		t.Fatal(err)
	}
	theirs, fromChrome, err := os.Pipe() // and writes answers on fd 4
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--remote-debugging-pipe", "about:blank")
	cmd.ExtraFiles = []*os.File{toChrome, fromChrome}
	inGroup(cmd)
	if err := cmd.Start(); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	toChrome.Close()
	fromChrome.Close()
	d := &devtools{t: t, cmd: cmd, w: ours, msgs: make(chan map[string]json.RawMessage, 64)}
	t.Cleanup(func() {
		ours.Close()
		killGroup(cmd)
		cmd.Wait()
	})
	go func() {
		r := bufio.NewReader(theirs)
		defer close(d.msgs)
		for {
			b, err := r.ReadBytes(0)
			if err != nil {
				return
			}
			var m map[string]json.RawMessage
			if json.Unmarshal(b[:len(b)-1], &m) == nil {
				d.msgs <- m
			}
		}
	}()
	var target struct{ TargetID string }
	d.call("", "Target.createTarget", map[string]any{"url": "about:blank"}, &target)
	var attached struct{ SessionID string }
	d.call("", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &attached)
	d.session = attached.SessionID
	return d
}

// call sends a command and waits, up to a minute, for its answer.
func (d *devtools) call(session, method string, params any, result any) {
	d.t.Helper()
	d.id++
	msg := map[string]any{"id": d.id, "method": method, "params": params}
	if session != "" {
		msg["sessionId"] = session
	}
	b, _ := json.Marshal(msg)
	if _, err := d.w.Write(append(b, 0)); err != nil {
		d.t.Fatalf("%s: %v", method, err)
	}
	deadline := time.After(time.Minute)
	for {
		select {
		case m, ok := <-d.msgs:
			if !ok {
				d.t.Fatalf("%s: chromium closed the pipe", method)
			}
			var id int
			if json.Unmarshal(m["id"], &id) != nil || id != d.id {
				continue // an event, or an older answer
			}
			if e, bad := m["error"]; bad {
				d.t.Fatalf("%s: %s", method, e)
			}
			if result != nil {
				if err := json.Unmarshal(m["result"], result); err != nil {
					d.t.Fatalf("%s: %v", method, err)
				}
			}
			return
		case <-deadline:
			d.t.Fatalf("%s: no answer from chromium in a minute", method)
		}
	}
}

// eval evaluates a JavaScript expression in the page and returns its value.
func (d *devtools) eval(expr string) json.RawMessage {
	d.t.Helper()
	v, err := d.try(expr)
	if err != nil {
		d.t.Fatal(err)
	}
	return v
}

// try evaluates a JavaScript expression and says what it threw, if it did
// (while a page is replaced, its old context can throw).
func (d *devtools) try(expr string) (json.RawMessage, error) {
	d.t.Helper()
	var r struct {
		Result struct {
			Value json.RawMessage
		}
		ExceptionDetails *struct {
			Text      string
			Exception struct{ Description string }
		}
	}
	d.call(d.session, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true}, &r)
	if e := r.ExceptionDetails; e != nil {
		return nil, fmt.Errorf("%s: %s %s", expr, e.Text, e.Exception.Description)
	}
	return r.Result.Value, nil
}

// waitFor polls a JavaScript condition until it is true or the deadline
// passes, and returns how long it took.
func (d *devtools) waitFor(what, cond string, within time.Duration) time.Duration {
	d.t.Helper()
	start := time.Now()
	var last error
	for time.Since(start) < within {
		v, err := d.try("!!(" + cond + ")")
		if err == nil && string(v) == "true" {
			return time.Since(start)
		}
		last = err
		time.Sleep(20 * time.Millisecond) // polling interval, not synchronisation
	}
	d.t.Fatalf("%s: not true after %v: %s (last error: %v)", what, within, cond, last)
	return 0
}

func (d *devtools) screenshot(path string) {
	d.t.Helper()
	var r struct{ Data []byte }
	d.call(d.session, "Page.captureScreenshot", map[string]any{"format": "png"}, &r)
	if len(r.Data) < 10000 {
		d.t.Fatalf("screenshot %s: only %d bytes", path, len(r.Data))
	}
	if err := os.WriteFile(path, r.Data, 0o644); err != nil {
		d.t.Fatal(err)
	}
}

// TestLargeHTMLReportInBrowser renders the report of the SaudiNewsNet dev
// set (15k articles, 2.5k stories) when ../../../shared/datasets has it:
// it must stay under 10 MB, become interactive in headless Chromium, and
// a story's timeline and side-by-side texts must appear when it is
// opened. Screenshots of the overview and of the opened story go to
// $TMPDIR/wiretrace-large-*.png.
func TestLargeHTMLReportInBrowser(t *testing.T) {
	dataset := filepath.Join("..", "..", "..", "shared", "datasets", "saudinewsnet-dev.jsonl.gz")
	if _, err := os.Stat(dataset); err != nil {
		t.Skip("no SaudiNewsNet data set at " + dataset)
	}
	if testing.Short() {
		t.Skip("scans 15k articles")
	}
	browser := findBrowser()
	if browser == "" {
		t.Skip("no Chromium found (install Debian's chromium)")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "report.html")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"scan", "--skip-bad", "-q", "--format", "html", "-o", out, dataset}, &streams{Out: &stdout, Err: &stderr}); code != 0 {
		t.Fatalf("scan exited %d: %s", code, stderr.String())
	}
	st, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("report: %.1f MB", float64(st.Size())/1e6)
	if st.Size() > 10<<20 {
		t.Errorf("report is %d bytes, over 10 MB", st.Size())
	}
	d := startDevtools(t, browser, dir)
	d.call(d.session, "Page.enable", map[string]any{}, nil)
	d.call(d.session, "Runtime.enable", map[string]any{}, nil)
	d.call(d.session, "Emulation.setDeviceMetricsOverride", map[string]any{"width": 1300, "height": 1000, "deviceScaleFactor": 1, "mobile": false}, nil)
	start := time.Now()
	d.call(d.session, "Page.navigate", map[string]any{"url": "file://" + out}, nil)
	d.waitFor("page ready", `document.documentElement.hasAttribute("data-ready")`, 30*time.Second)
	ready := time.Since(start)
	d.waitFor("page loaded", `document.readyState === "complete"`, 30*time.Second)
	loaded := time.Since(start)
	var nav struct{ DCL, Load float64 }
	json.Unmarshal(d.eval(`(function(){var n=performance.getEntriesByType("navigation")[0];return {DCL:n.domContentLoadedEventEnd,Load:n.loadEventEnd}})()`), &nav)
	t.Logf("interactive (handlers in place) after %v, loaded after %v (wall clock from navigate); navigation timing: DOMContentLoaded %.0f ms, load %.0f ms", ready.Round(time.Millisecond), loaded.Round(time.Millisecond), nav.DCL, nav.Load)
	if nav.DCL > 10000 {
		t.Errorf("DOMContentLoaded after %.0f ms", nav.DCL)
	}
	var stories int
	json.Unmarshal(d.eval(`document.querySelectorAll("#story-table tbody tr").length`), &stories)
	if stories < 1000 {
		t.Fatalf("story table has %d rows", stories)
	}
	d.screenshot(filepath.Join(os.TempDir(), "wiretrace-large-overview.png"))

	// Open the largest story through its link in the story table.
	var id string
	json.Unmarshal(d.eval(`(function(){var best=null,n=-1;document.querySelectorAll("#story-table tbody tr").forEach(function(r){var k=+r.cells[3].textContent;if(k>n){n=k;best=r}});var a=best.querySelector("a");a.click();return a.getAttribute("href").slice(1)})()`), &id)
	if id == "" {
		t.Fatal("no story link")
	}
	sel := `document.getElementById(` + jsonString(id) + `)`
	opened := d.waitFor("side-by-side of "+id, sel+`.open && `+sel+`.querySelector(".pairs .pair .child .text span") && `+sel+`.querySelector(".pairs .pair .parent .text").textContent.length > 100 && `+sel+`.querySelector("svg.graph g.node") && `+sel+`.querySelectorAll("table.timeline tbody tr").length > 1`, 20*time.Second)
	t.Logf("story %s: timeline, graph and side-by-side built %v after opening", id, opened.Round(time.Millisecond))
	d.eval(sel + `.scrollIntoView(); true`)
	d.screenshot(filepath.Join(os.TempDir(), "wiretrace-large-story.png"))
	d.eval(sel + `.querySelector(".pairs").scrollIntoView(); true`)
	d.screenshot(filepath.Join(os.TempDir(), "wiretrace-large-pair.png"))
	t.Logf("screenshots: %s", filepath.Join(os.TempDir(), "wiretrace-large-{overview,story,pair}.png"))
}
