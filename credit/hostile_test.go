package credit

import (
	"fmt"
	"strings"
	"testing"
)

// hostileLines are lines of untrusted text built to make a scan read to
// the end of the line at each of many triggers: triggers glued by
// characters that neither end a word nor a name.
var hostileLines = map[string]string{
	"via/":         strings.Repeat("via/", 50000),
	"via#":         strings.Repeat("via#", 50000),
	"ذكرت/":        strings.Repeat("ذكرت/", 22000),
	"/لل":          strings.Repeat("/لل", 40000),
	"according":    strings.Repeat("according to ", 16000),
	"spaceless":    "via " + strings.Repeat("x", 200000),
	"told SPA/":    strings.Repeat("لـ/", 50000),
	"Reuters said": strings.Repeat("Reuters/said/", 16000),
}

// TestHostileLinesLinear checks that the work done on a hostile line of
// about 200 KB grows with its length, not with its length times its
// triggers: every bounded scan (a name read around a trigger, a fold, a
// normalisation) reports the bytes it reads to workHook, and their sum
// must stay within a constant number of bytes per input byte. Before the
// scans were bounded these inputs read tens of gigabytes (and took from
// 6 to 106 seconds); a regression also shows as a go test timeout.
func TestHostileLinesLinear(t *testing.T) {
	r := DefaultRegistry()
	var work int
	workHook = func(n int) { work += n }
	defer func() { workHook = nil }()
	for name, text := range hostileLines {
		work = 0
		r.Extract(text)
		// A trigger every 3 bytes, each reading at most a few windows of
		// a few hundred bytes.
		if per := work / len(text); per > 400 {
			t.Errorf("%s: %d bytes read for %d bytes of text (%d a byte)", name, work, len(text), per)
		}
	}
}

// TestLineMentionsBounded checks that a line naming thousands of
// sources keeps lineMentions of them: each new mention is compared with
// those of its line, which was quadratic (830 KB, 40,000 mentions, 6.6
// s).
func TestLineMentionsBounded(t *testing.T) {
	r := DefaultRegistry()
	var b strings.Builder
	for i := 0; b.Len() < 830_000; i++ {
		fmt.Fprintf(&b, "according to A%d, ", i)
	}
	got := r.Extract("Intro.\n" + b.String() + "\nThe end, according to B1.")
	if len(got) != lineMentions+1 {
		t.Fatalf("%d mentions, want %d", len(got), lineMentions+1)
	}
	if got[0].Outlet != "A0" || got[lineMentions-1].Outlet != fmt.Sprintf("A%d", lineMentions-1) || got[lineMentions].Outlet != "B1" {
		t.Errorf("kept %q … %q, %q", got[0].Outlet, got[lineMentions-1].Outlet, got[lineMentions].Outlet)
	}
}
