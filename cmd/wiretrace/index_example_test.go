package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace/report"
)

// The README's index commands on the shipped example: today's uncredited
// copy of the Sputnik story fails the check, and the scan puts both of
// today's articles in the indexed stories.
func TestIndexExampleToday(t *testing.T) {
	ix := filepath.Join(t.TempDir(), "index.db")
	example, today := filepath.Join("..", "..", "testdata", "example"), filepath.Join("..", "..", "testdata", "today")
	var out, errb bytes.Buffer
	ios := &streams{Out: &out, Err: &errb}
	if code := run([]string{"index", "build", "--index", ix, example}, ios); code != exitOK {
		t.Fatalf("build: exit %d: %s", code, errb.String())
	}
	out.Reset()
	if code := run([]string{"check", "--index", ix, "--watch", "Sputnik", today}, ios); code != exitFindings {
		t.Fatalf("check: exit %d, want 1: %s%s", code, out.String(), errb.String())
	}
	if !strings.Contains(out.String(), "gulftimes/ryabkov.txt copies a story that Sputnik published first and does not credit it") ||
		strings.Contains(out.String(), "newsnow") {
		t.Errorf("check output:\n%s", out.String())
	}
	out.Reset()
	if code := run([]string{"scan", "--index", ix, "--format", "json", today}, ios); code != exitOK {
		t.Fatalf("scan: exit %d: %s", code, errb.String())
	}
	var rep report.Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	want := map[string]struct{ parent, verdict string }{
		"newsnow/opec-deal.txt": {"arabstoday/opec-output.txt", "credits-intermediary"},
		"gulftimes/ryabkov.txt": {"sputnik/ryabkov-aleppo.txt", "uncredited"},
	}
	found := 0
	for _, c := range rep.Clusters {
		for _, m := range c.Members {
			w, ok := want[m.ID]
			if !ok {
				if !m.Indexed {
					t.Errorf("%s is not marked indexed", m.ID)
				}
				continue
			}
			found++
			if m.Indexed || m.Parent == nil || *m.Parent != w.parent || string(m.Attribution.Verdict) != w.verdict {
				t.Errorf("%s: indexed %v, parent %v, verdict %s; want new, %s, %s", m.ID, m.Indexed, m.Parent, m.Attribution.Verdict, w.parent, w.verdict)
			}
		}
	}
	if found != 2 || rep.Index == nil || rep.Index.New != 2 || rep.Index.Indexed != 10 {
		t.Errorf("found %d of today's articles; index summary %+v", found, rep.Index)
	}
}

// The example with today's articles and without the Sputnik original: the
// Ryabkov story is one story whose origin, Sputnik, is outside the corpus;
// Gulf Times' trimmed, uncredited copy is in it, and the check reports it.
func TestExampleWithoutTheOriginal(t *testing.T) {
	dir := t.TempDir()
	for _, src := range []string{"example", "today"} {
		if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "testdata", src))); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Remove(filepath.Join(dir, "sputnik", "ryabkov-aleppo.txt")); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	ios := &streams{Out: &out, Err: &errb}
	if code := run([]string{"scan", "--format", "json", dir}, ios); code != exitOK {
		t.Fatalf("scan: exit %d: %s", code, errb.String())
	}
	var rep report.Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	var stories []string
	for _, c := range rep.Clusters {
		for _, m := range c.Members {
			if m.ID != "gulftimes/ryabkov.txt" {
				continue
			}
			stories = append(stories, c.ID)
			if c.Origin.Doc != nil || c.Origin.Outlet != "Sputnik" || m.Kind != "full" || m.Attribution.Verdict != "uncredited" {
				t.Errorf("%s: origin %v %s, Gulf Times %s %s; want Sputnik outside the corpus, a full uncredited copy",
					c.ID, c.Origin.Doc, c.Origin.Outlet, m.Kind, m.Attribution.Verdict)
			}
		}
	}
	if len(stories) != 1 {
		t.Errorf("Gulf Times' copy is in stories %v, want one", stories)
	}
	out.Reset()
	if code := run([]string{"check", "--watch", "Sputnik", dir}, ios); code != exitFindings {
		t.Fatalf("check: exit %d, want 1: %s%s", code, out.String(), errb.String())
	}
	if !strings.Contains(out.String(), "gulftimes/ryabkov.txt copies a story that Sputnik published first and does not credit it") {
		t.Errorf("check output:\n%s", out.String())
	}
}
