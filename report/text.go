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
	fmt.Fprintf(bw, "%s %s, %s with copies, %s in them (%d full, %s)\n",
		st.bold("wiretrace scan:"), Plural(r.Documents, "article"), pluralWord(len(r.Clusters), "story", "stories"),
		Plural(len(inStories), "article"), full, Plural(partial, "partial membership"))
	fmt.Fprintf(bw, "%s (%d across outlets), %s\n", Plural(r.Stats.CopyPairs, "copy pair"), r.Stats.CrossOutletCopies, Plural(r.Stats.ExcerptPairs, "excerpt pair"))
	if ix := r.Index; ix != nil {
		fmt.Fprintf(bw, "index: %s checked against %d indexed; %s in these stories (marked *)\n",
			Plural(ix.New, "new article"), ix.Indexed, pluralWord(ix.InReport, "indexed article is", "indexed articles are"))
	}
	for _, c := range r.Clusters {
		writeCluster(bw, c, st, width)
	}
	writeOutlets(bw, r, st)
	writeBoilerplate(bw, r, st)
	if len(r.Skipped) > 0 {
		fmt.Fprintf(bw, "\n%s %s:\n", st.bold("Skipped"), Plural(len(r.Skipped), "bad record"))
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
//
// Lines are cut to the width, but the id and its parent are what a reader
// needs. When they would be cut, the layout narrows step by step — the
// outlet, kind and verdict columns to the story's longest; the timestamp
// to UTC minutes ("2016-11-28 10:40Z"), then to the date; the outlet
// column left out when every id already starts with its outlet (directory
// corpora); the parent and credits moved to a second line — and only
// when none of these fits is the line cut. A story whose lines fit keeps
// the full layout.
func writeCluster(w io.Writer, c Cluster, st styler, width int) {
	origin := c.Origin.Outlet
	if c.Origin.Doc == nil {
		origin += " (its version is not in the corpus)"
	}
	fmt.Fprintf(w, "\n%s  %s · %s · origin %s\n", st.bold(c.ID), Plural(c.Size, "article"), termSafe(strings.Join(c.Outlets, ", ")), termSafe(origin))
	layouts := memberLayouts(c)
	lay := layouts[len(layouts)-1]
	for _, l := range layouts {
		if clusterFits(c, l, width) {
			lay = l
			break
		}
	}
	for _, m := range c.Members {
		id := m.ID
		if m.Indexed {
			id = "*" + id
		}
		cols := lay.columns(m)
		var rest string
		if m.Parent != nil {
			rest += " ← " + *m.Parent
		}
		if len(m.Attribution.Credits) > 0 {
			rest += "  credits " + strings.Join(m.Attribution.Credits, ", ")
		}
		if m.Edge != nil && len(m.Edge.Flags) > 0 {
			rest += "  [" + strings.Join(m.Edge.Flags, ", ") + "]"
		}
		if !lay.wrap || rest == "" {
			fmt.Fprintln(w, clip(termSafe(cols+id+rest), width))
			continue
		}
		fmt.Fprintln(w, clip(termSafe(cols+id), width))
		fmt.Fprintln(w, clip(termSafe(lay.indent(cols, m, width)+strings.TrimLeft(rest, " ")), width))
	}
}

// memberLayout is the column layout of a story's member lines.
type memberLayout struct {
	when            func(published string) string
	whenW, outletW  int // outletW 0: no outlet column
	kindW, verdictW int
	wrap            bool // parent and credits on a second line
}

var fullLayout = memberLayout{when: func(p string) string { return p }, whenW: 25, outletW: 12, kindW: 15, verdictW: 20}

func (l memberLayout) columns(m Member) string {
	when := l.when(m.Published)
	if m.Published == "" {
		when = "(no date)"
	}
	if l.outletW == 0 {
		return fmt.Sprintf("  %-*s %-*s %-*s ", l.whenW, when, l.kindW, kindText(m), l.verdictW, string(m.Attribution.Verdict))
	}
	return fmt.Sprintf("  %-*s %-*s %-*s %-*s ", l.whenW, when, l.outletW, clip(m.Outlet, l.outletW), l.kindW, kindText(m), l.verdictW, string(m.Attribution.Verdict))
}

// indent is the start of a wrapped second line: under the id when the
// parent fits there, else four spaces.
func (l memberLayout) indent(cols string, m Member, width int) string {
	n := utf8.RuneCountInString(cols)
	if m.Parent == nil || n+2+utf8.RuneCountInString(termSafe(*m.Parent)) <= width {
		return strings.Repeat(" ", n)
	}
	return "    "
}

// memberLayouts are the layouts tried in turn, widest first.
func memberLayouts(c Cluster) []memberLayout {
	tight := fullLayout
	tight.outletW, tight.kindW, tight.verdictW = 1, 1, 1
	outletInID := true
	for _, m := range c.Members {
		tight.outletW = max(tight.outletW, min(utf8.RuneCountInString(m.Outlet), fullLayout.outletW))
		tight.kindW = max(tight.kindW, len(kindText(m)))
		tight.verdictW = max(tight.verdictW, len(m.Attribution.Verdict))
		outletInID = outletInID && m.Outlet != "" && strings.HasPrefix(m.ID, m.Outlet+"/")
	}
	minutes, date := tight, tight
	minutes.when, minutes.whenW = shortTime("2006-01-02 15:04Z"), 17
	date.when, date.whenW = shortTime("2006-01-02"), 10
	out := []memberLayout{fullLayout, tight, minutes, date}
	dateNoOutlet := date
	if outletInID {
		dateNoOutlet.outletW = 0
		out = append(out, dateNoOutlet)
	}
	for _, l := range []memberLayout{minutes, date, dateNoOutlet} {
		l.wrap = true
		out = append(out, l)
	}
	return out
}

// shortTime formats an RFC 3339 timestamp in UTC with layout; other
// values (a bare date) are kept.
func shortTime(layout string) func(string) string {
	return func(p string) string {
		t, err := time.Parse(time.RFC3339, p)
		if err != nil {
			return p
		}
		return t.UTC().Format(layout)
	}
}

// clusterFits reports whether every member's id, and its parent's, fit
// the width in layout l.
func clusterFits(c Cluster, l memberLayout, width int) bool {
	for _, m := range c.Members {
		cols := l.columns(m)
		n := utf8.RuneCountInString(termSafe(cols)) + utf8.RuneCountInString(termSafe(m.ID))
		if m.Indexed {
			n++
		}
		parent := 0
		if m.Parent != nil {
			parent = 3 + utf8.RuneCountInString(termSafe(*m.Parent))
		}
		if l.wrap {
			if n > width || (parent > 0 && 4+parent-1 > width) {
				return false
			}
			continue
		}
		if n+parent > width {
			return false
		}
	}
	return true
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
	fmt.Fprintf(w, "\n%s %s left out of matching (%s); see the JSON report for their text\n",
		st.bold("Boilerplate:"), Plural(len(r.Boilerplate), "line"), termSafe(strings.Join(names, ", ")))
}

// clip shortens s to at most n runes, marking the cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:max(n-1, 0)]) + "…"
}

// kindText is a member's kind and, when known, its kind of reuse:
// "full rewritten", "partial excerpt".
func kindText(m Member) string {
	if m.Reuse == "" {
		return string(m.Kind)
	}
	return string(m.Kind) + " " + string(m.Reuse)
}
