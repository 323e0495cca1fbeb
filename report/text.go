package report

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"
)

// TextOptions control the terminal summary.
type TextOptions struct {
	Color bool // ANSI styles; only on a terminal without NO_COLOR
	Width int  // terminal width; 0 means 100
}

type styler struct{ on bool }

func (s styler) bold(t string) string { return s.wrap("1", t) }
func (s styler) dim(t string) string  { return s.wrap("2", t) }
func (s styler) wrap(code, t string) string {
	if !s.on {
		return t
	}
	return "\x1b[" + code + "m" + t + "\x1b[0m"
}

// WriteText writes a readable summary: totals, then each story with its
// articles in time order.
func WriteText(w io.Writer, r *Report, o TextOptions) error {
	bw := bufio.NewWriter(w)
	st := styler{o.Color}
	width := o.Width
	if width <= 0 {
		width = 100
	}
	inStories, full, partial := map[string]bool{}, 0, 0
	for _, c := range r.Clusters {
		for _, m := range c.Members {
			inStories[m.ID] = true
			if m.Kind == "full" {
				full++
			} else {
				partial++
			}
		}
	}
	fmt.Fprintf(bw, "%s %d articles, %d stories with copies, %d articles in them (%d full, %d partial memberships)\n",
		st.bold("wiretrace scan:"), r.Documents, len(r.Clusters), len(inStories), full, partial)
	fmt.Fprintf(bw, "%d copy pairs (%d across outlets), %d excerpt pairs\n", r.Stats.CopyPairs, r.Stats.CrossOutletCopies, r.Stats.ExcerptPairs)
	for _, c := range r.Clusters {
		fmt.Fprintf(bw, "\n%s  %d articles · %s\n", st.bold(c.ID), c.Size, strings.Join(c.Outlets, ", "))
		for _, m := range c.Members {
			when := m.Published
			if when == "" {
				when = "(no date)"
			}
			line := fmt.Sprintf("  %-25s %-12s %-7s J=%.2f C=%.2f  %s", when, clip(m.Outlet, 12), m.Kind,
				float64(m.Similarity.Jaccard), float64(m.Similarity.Containment), m.ID)
			line = clip(line, width)
			if room := width - utf8.RuneCountInString(line) - 2; m.Title != "" && room > 8 {
				line += "  " + st.dim(clip(m.Title, room))
			}
			fmt.Fprintln(bw, line)
		}
	}
	writeBoilerplate(bw, r, st)
	if len(r.Skipped) > 0 {
		fmt.Fprintf(bw, "\n%s %d bad records:\n", st.bold("Skipped"), len(r.Skipped))
		for _, s := range r.Skipped {
			fmt.Fprintf(bw, "  %s:%d: %s\n", s.File, s.Line, s.Reason)
		}
	}
	for _, wmsg := range r.Warnings {
		fmt.Fprintf(bw, "\nwarning: %s\n", wmsg)
	}
	return bw.Flush()
}

func writeBoilerplate(w io.Writer, r *Report, st styler) {
	if len(r.Boilerplate) == 0 {
		return
	}
	perOutlet := map[string]int{}
	for _, b := range r.Boilerplate {
		perOutlet[b.Outlet]++
	}
	var names []string
	for o, n := range perOutlet {
		names = append(names, fmt.Sprintf("%s %d", o, n))
	}
	sort.Strings(names)
	fmt.Fprintf(w, "\n%s %d lines left out of matching (%s); see the JSON report for their text\n",
		st.bold("Boilerplate:"), len(r.Boilerplate), strings.Join(names, ", "))
}

// clip shortens s to at most n runes, marking the cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:max(n-1, 0)]) + "…"
}
