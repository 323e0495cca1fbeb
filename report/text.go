package report

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// TextOptions control the terminal summary.
type TextOptions struct {
	Color bool // ANSI styles; only on a terminal without NO_COLOR
	Width int  // terminal width; lines are cut to it, 0 means no limit
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
		width = 1 << 30
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
	if ix := r.Index; ix != nil {
		fmt.Fprintf(bw, "index: %d new articles checked against %d indexed; %d indexed articles are in these stories (marked *)\n", ix.New, ix.Indexed, ix.InReport)
	}
	for _, c := range r.Clusters {
		writeCluster(bw, c, st, width)
	}
	writeOutlets(bw, r, st)
	writeBoilerplate(bw, r, st)
	if len(r.Skipped) > 0 {
		fmt.Fprintf(bw, "\n%s %d bad records:\n", st.bold("Skipped"), len(r.Skipped))
		for _, s := range r.Skipped {
			fmt.Fprintf(bw, "  %s:%d: %s\n", termSafe(s.File), s.Line, termSafe(s.Reason))
		}
	}
	for _, wmsg := range r.Warnings {
		fmt.Fprintf(bw, "\nwarning: %s\n", termSafe(wmsg))
	}
	return bw.Flush()
}

// writeCluster writes one story as a timeline, origin first: when, outlet,
// kind, verdict, id, and where it was copied from.
func writeCluster(w io.Writer, c Cluster, st styler, width int) {
	origin := c.Origin.Outlet
	if c.Origin.Doc == nil {
		origin += " (its version is not in the corpus)"
	}
	fmt.Fprintf(w, "\n%s  %d articles · %s · origin %s\n", st.bold(c.ID), c.Size, termSafe(strings.Join(c.Outlets, ", ")), termSafe(origin))
	for _, m := range c.Members {
		when := m.Published
		if when == "" {
			when = "(no date)"
		}
		id := m.ID
		if m.Indexed {
			id = "*" + id
		}
		line := fmt.Sprintf("  %-25s %-12s %-7s %-20s %s", when, clip(m.Outlet, 12), m.Kind, string(m.Attribution.Verdict), id)
		if m.Parent != nil {
			line += " ← " + *m.Parent
		}
		if len(m.Attribution.Credits) > 0 {
			line += "  credits " + strings.Join(m.Attribution.Credits, ", ")
		}
		if m.Edge != nil && len(m.Edge.Flags) > 0 {
			line += "  [" + strings.Join(m.Edge.Flags, ", ") + "]"
		}
		fmt.Fprintln(w, clip(termSafe(line), width))
	}
}

// writeOutlets writes who copies and how often without credit.
func writeOutlets(w io.Writer, r *Report, st styler) {
	if len(r.Outlets) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s\n", st.bold(fmt.Sprintf("%-24s %10s %7s %11s %13s  %s", "Outlet", "originated", "copied", "uncredited", "median delay", "clock")))
	for _, o := range r.Outlets {
		delay := "-"
		if o.MedianDelaySeconds != nil {
			delay = (time.Duration(*o.MedianDelaySeconds) * time.Second).String()
		}
		unc := "-"
		if o.Copied > 0 {
			unc = fmt.Sprintf("%d%%", int(100*float64(o.UncreditedShare)+0.5))
		}
		fmt.Fprintf(w, "%-24s %10d %7d %11s %13s  %s\n", clip(termSafe(o.Outlet), 24), o.Originated, o.Copied, unc, delay, o.Clock.String())
	}
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
		st.bold("Boilerplate:"), len(r.Boilerplate), termSafe(strings.Join(names, ", ")))
}

// clip shortens s to at most n runes, marking the cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:max(n-1, 0)]) + "…"
}
