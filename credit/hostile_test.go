package credit

import (
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
