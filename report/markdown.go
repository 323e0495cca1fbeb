package report

import (
	"bufio"
	"fmt"
	"github.com/wiretrace/wiretrace/provenance"
	"io"
	"sort"
	"strings"
)

// WriteMarkdown writes a summary fit for a pull-request comment or an
// issue: totals, verdict counts, every story as a table, and the outlets.
// Article text is untrusted: every cell is escaped so that it can neither
// break the table nor inject links, images or HTML.
func WriteMarkdown(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	counts := r.VerdictCounts()
	fmt.Fprintf(bw, "## wiretrace: %d articles, %d stories with copies\n\n", r.Documents, len(r.Clusters))
	fmt.Fprintf(bw, "%d articles in stories; %d copy pairs (%d across outlets), %d excerpt pairs.\n\n",
		r.Stats.InClusters, r.Stats.CopyPairs, r.Stats.CrossOutletCopies, r.Stats.ExcerptPairs)
	if ix := r.Index; ix != nil {
		fmt.Fprintf(bw, "Index: %d new articles checked against %d indexed; %d indexed articles are in these stories.\n\n", ix.New, ix.Indexed, ix.InReport)
	}
	fmt.Fprintln(bw, "| verdict | members |")
	fmt.Fprintln(bw, "|---|---:|")
	for _, v := range provenance.Verdicts {
		fmt.Fprintf(bw, "| %s | %d |\n", v, counts[v])
	}
	for _, c := range r.Clusters {
		origin := mdCell(c.Origin.Outlet)
		if c.Origin.Doc == nil {
			origin += " (not in the corpus)"
		}
		fmt.Fprintf(bw, "\n### %s · %d articles · origin %s\n\n", c.ID, c.Size, origin)
		fmt.Fprintln(bw, "| published | outlet | article | kind | verdict | copied from | credits |")
		fmt.Fprintln(bw, "|---|---|---|---|---|---|---|")
		for _, m := range c.Members {
			fmt.Fprintf(bw, "| %s | %s | %s | %s | %s | %s | %s |\n", mdCell(m.Published), mdCell(m.Outlet),
				mdCode(m.ID), m.Kind, string(m.Attribution.Verdict), mdCode(deref(m.Parent)), mdCell(strings.Join(m.Attribution.Credits, ", ")))
		}
	}
	if len(r.Outlets) > 0 {
		fmt.Fprintln(bw, "\n### Outlets")
		fmt.Fprintln(bw, "\n| outlet | originated | copied | uncredited | copied from |")
		fmt.Fprintln(bw, "|---|---:|---:|---:|---|")
		for _, o := range r.Outlets {
			fmt.Fprintf(bw, "| %s | %d | %d | %s | %s |\n", mdCell(o.Outlet), o.Originated, o.Copied,
				percent(o.Uncredited, o.Copied), mdCell(fromList(o.From)))
		}
	}
	if len(r.Skipped) > 0 {
		fmt.Fprintf(bw, "\n%d bad records were skipped; the JSON report lists them.\n", len(r.Skipped))
	}
	for _, wmsg := range r.Warnings {
		fmt.Fprintf(bw, "\n> warning: %s\n", mdCell(wmsg))
	}
	return bw.Flush()
}

func percent(a, b int) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%d%%", (200*a+b)/(2*b))
}

// fromList renders {"QNA": 3, "Sputnik": 1} as "QNA 3, Sputnik 1".
func fromList(from map[string]int) string {
	keys := make([]string, 0, len(from))
	for k := range from {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, from[k]))
	}
	return strings.Join(parts, ", ")
}

// mdCell escapes text for a Markdown table cell: the punctuation that
// makes emphasis, code, links and table cells is backslash-escaped,
// HTML-significant characters become entities and line breaks become
// spaces (a cell is one line, so line-start syntax cannot occur).
func mdCell(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\n', '\r', '\t':
			b.WriteByte(' ')
		case '\\', '`', '*', '_', '[', ']', '|', '~':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdCode writes an id as inline code when it is safe to, escaped text
// otherwise (a backtick or pipe in the id could end the code span).
func mdCode(s string) string {
	if s == "" {
		return ""
	}
	if strings.ContainsAny(s, "`|\n\r<>&") {
		return mdCell(s)
	}
	return "`" + s + "`"
}
