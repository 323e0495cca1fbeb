package report

import (
	"fmt"
	"strings"
	"unicode"
)

// termSafe escapes what a terminal would act on rather than show: control
// characters (ESC starts colour and cursor sequences, CR and LF forge
// lines) and the bidirectional overrides that reorder what follows. Ids,
// outlets, titles, paths and reasons come from untrusted input; text
// output passes them through here, so a record cannot move the cursor,
// clear the screen or print a line that looks like wiretrace's own.
func termSafe(s string) string { return TermSafe(s) }

// TermSafe is termSafe for other packages' text output (the index
// commands, error messages).
func TermSafe(s string) string {
	if strings.IndexFunc(s, unsafeRune) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !unsafeRune(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	switch {
	case r == unicode.ReplacementChar:
		return false
	case unicode.IsControl(r): // C0, DEL and C1
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069: // bidi embeddings, overrides, isolates
		return true
	}
	return false
}
