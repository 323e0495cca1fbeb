package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/wiretrace/wiretrace/provenance"
)

// Ids, outlets, paths and reasons from hostile input reach the terminal
// escaped: no ESC, no carriage return, no forged line, no bidi override.
func TestTextOutputEscapesControls(t *testing.T) {
	evil := "a\x1b[2J\rwiretrace check passed\n\u202eb"
	r := &Report{
		Documents: 2,
		Clusters: []Cluster{{ID: "c001", Size: 2, Outlets: []string{evil}, Origin: Origin{Outlet: evil},
			Members: []Member{{ID: evil, Outlet: evil, Kind: "full", Attribution: Attribution{Verdict: provenance.Uncredited, Credits: []string{evil}}}}}},
		Outlets:  []Outlet{{Outlet: evil}},
		Skipped:  []Skipped{{File: evil, Line: 3, Reason: evil}},
		Warnings: []string{evil},
	}
	var b bytes.Buffer
	if err := WriteText(&b, r, TextOptions{Width: 400}); err != nil {
		t.Fatal(err)
	}
	var c bytes.Buffer
	WriteCheckText(&c, &CheckResult{Documents: 1, Findings: []Finding{{Rule: "uncredited", File: evil, Line: 1, Message: evil}}, Stale: []string{evil}})
	for name, out := range map[string]string{"scan": b.String(), "check": c.String()} {
		if strings.ContainsAny(out, "\x1b\r\u202e") || strings.Contains(out, "\nwiretrace check passed") {
			t.Errorf("%s text output carries control characters:\n%q", name, out)
		}
		if !strings.Contains(out, `a\x1b[2J\x0dwiretrace check passed\x0a\u202eb`) {
			t.Errorf("%s text output does not show the escaped name:\n%s", name, out)
		}
	}
}
