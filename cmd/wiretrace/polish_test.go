package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace/report"
)

func TestSuggest(t *testing.T) {
	flags := []string{"threshold", "containment", "watch", "watch-kind", "format", "output"}
	for name, want := range map[string]string{
		"treshold": "threshold", "thresh": "threshold", "contaiment": "containment", "watchh": "watch",
		"fromat": "format", "zzzzzz": "", "x": "", "output": "",
	} {
		if got := suggest(name, flags); got != want {
			t.Errorf("suggest(%q) = %q, want %q", name, got, want)
		}
	}
	if got := suggest("jsno", []string{"text", "json"}); got != "json" {
		t.Errorf("a swap: %q", got)
	}
	if got := suggest("xml", []string{"text", "json", "html"}); got != "" {
		t.Errorf("xml suggests %q", got)
	}
}

func TestAppendStepSummary(t *testing.T) {
	path := filepath.Join(t.TempDir(), "summary.md")
	os.WriteFile(path, []byte("earlier step\n"), 0o644)
	t.Setenv("GITHUB_STEP_SUMMARY", path)
	r := &report.CheckResult{Documents: 3, Findings: []report.Finding{{Key: "k", Rule: "uncredited", File: "a.txt", Line: 1, Message: "a.txt copies"}}}
	if err := appendStepSummary(r); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(b), "earlier step\n## wiretrace check failed: 1 new finding in 3 articles") || !strings.Contains(string(b), "| `a.txt:1` | a.txt copies |") {
		t.Errorf("summary file:\n%s", b)
	}

	t.Setenv("GITHUB_STEP_SUMMARY", "")
	if err := appendStepSummary(r); err != nil {
		t.Errorf("unset: %v", err)
	}
	t.Setenv("GITHUB_STEP_SUMMARY", filepath.Join(t.TempDir(), "missing", "s.md"))
	if err := appendStepSummary(r); err == nil || !strings.Contains(err.Error(), "GITHUB_STEP_SUMMARY") {
		t.Errorf("unwritable: %v", err)
	}
}

func TestOptionalFloat(t *testing.T) {
	var v float64
	o := newOptionalFloat(&v)
	if v != -1 || o.String() != "" {
		t.Errorf("unset: %v %q", v, o.String())
	}
	if err := o.Set("0.25"); err != nil || v != 0.25 || o.String() != "0.25" {
		t.Errorf("set: %v %v %q", err, v, o.String())
	}
	if err := o.Set("lots"); err == nil {
		t.Error("a non-number is accepted")
	}
}
