package report

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/wiretrace/wiretrace/provenance"
)

// MarkdownLimit is the most characters GitHub accepts in an issue or
// pull-request comment (65,536); WriteMarkdown and WriteCheckMarkdown stay
// under it, counted in bytes, which are never fewer than characters.
const MarkdownLimit = 65536

// Budget of a Markdown summary: what it may spend on each section, so
// that a huge corpus still gets totals, the top stories and outlets, and
// a pointer to the full report. The summary of a small corpus is written
// whole; only one that would not fit is cut, and says what it left out.
const (
	mdSafety      = 1024 // headroom under MarkdownLimit for a caller's own lines
	mdCellRunes   = 160  // a cut summary clips each cell (ids, titles, outlets)
	mdMaxMembers  = 25   // members shown per story in a cut summary
	mdMaxOutlets  = 30   // outlets shown in a cut summary
	mdMaxWarnings = 10
)

// MarkdownOptions control WriteMarkdownWith.
type MarkdownOptions struct {
	// Limit is the size the summary stays under, in bytes; 0 means
	// MarkdownLimit minus some headroom.
	Limit int
	// FullReport names where the whole report is (a path or URL), for the
	// pointer a cut summary ends with.
	FullReport string
}

// WriteMarkdown writes a summary fit for a pull-request comment or an
// issue: totals, verdict counts, the stories as tables, and the outlets,
// always under MarkdownLimit (see WriteMarkdownWith).
func WriteMarkdown(w io.Writer, r *Report) error {
	return WriteMarkdownWith(w, r, MarkdownOptions{})
}

// WriteMarkdownWith writes the Markdown summary. When the whole summary
// fits within o.Limit it is written as is: every story in report order,
// every member, every outlet. Otherwise it is cut to fit: the outlets
// that copy most, then the largest stories (most uncredited copies first
// among equals) with at most 25 members each, cells clipped, and a line
// saying how many stories and outlets are left out and where the full
// report is. Article text is untrusted: every cell is escaped so that it
// can neither break the table nor inject links, images or HTML.
func WriteMarkdownWith(w io.Writer, r *Report, o MarkdownOptions) error {
	limit := o.Limit
	if limit <= 0 {
		limit = MarkdownLimit - mdSafety
	}
	full := markdownFull(r)
	if len(full) < limit {
		_, err := io.WriteString(w, full)
		return err
	}
	_, err := io.WriteString(w, markdownCut(r, o, limit))
	return err
}

func markdownHeader(b *strings.Builder, r *Report) {
	counts := r.VerdictCounts()
	fmt.Fprintf(b, "## wiretrace: %s, %s with copies\n\n", Plural(r.Documents, "article"), pluralWord(len(r.Clusters), "story", "stories"))
	fmt.Fprintf(b, "%s in stories; %s (%d across outlets), %s.\n\n",
		Plural(r.Stats.InClusters, "article"), Plural(r.Stats.CopyPairs, "copy pair"), r.Stats.CrossOutletCopies, Plural(r.Stats.ExcerptPairs, "excerpt pair"))
	if ix := r.Index; ix != nil {
		fmt.Fprintf(b, "Index: %s checked against %d indexed; %s in these stories.\n\n",
			Plural(ix.New, "new article"), ix.Indexed, pluralWord(ix.InReport, "indexed article is", "indexed articles are"))
	}
	b.WriteString("| verdict | members |\n|---|---:|\n")
	for _, v := range provenance.Verdicts {
		fmt.Fprintf(b, "| %s | %d |\n", v, counts[v])
	}
}

// markdownFull is the whole summary.
func markdownFull(r *Report) string {
	var b strings.Builder
	markdownHeader(&b, r)
	for _, c := range r.Clusters {
		b.WriteString(markdownStory(c, len(c.Members), 0))
	}
	if len(r.Outlets) > 0 {
		b.WriteString(markdownOutlets(r.Outlets, 0))
	}
	if len(r.Skipped) > 0 {
		fmt.Fprintf(&b, "\n%s skipped; the JSON report lists them.\n", pluralWord(len(r.Skipped), "bad record was", "bad records were"))
	}
	for _, wmsg := range r.Warnings {
		fmt.Fprintf(&b, "\n> warning: %s\n", mdCell(wmsg))
	}
	return b.String()
}

// markdownCut is the summary of a report too large for one comment.
func markdownCut(r *Report, o MarkdownOptions, limit int) string {
	var b strings.Builder
	markdownHeader(&b, r)

	// The outlets that copy most, then the stories while room is left;
	// the tail (omissions, skipped records, warnings, the pointer) is
	// bounded and reserved first.
	outlets := append([]Outlet(nil), r.Outlets...)
	sort.SliceStable(outlets, func(i, j int) bool {
		a, c := outlets[i], outlets[j]
		if a.Copied+a.Originated != c.Copied+c.Originated {
			return a.Copied+a.Originated > c.Copied+c.Originated
		}
		return a.Outlet < c.Outlet
	})
	shownOutlets := min(len(outlets), mdMaxOutlets)
	var outletText string
	for ; shownOutlets > 0; shownOutlets-- {
		outletText = markdownOutlets(outlets[:shownOutlets], mdCellRunes)
		if len(outletText) < limit/4 {
			break
		}
	}
	if shownOutlets == 0 {
		outletText = ""
	}

	tail := markdownTail(r, o)
	stories := topStories(r.Clusters)
	room := limit - b.Len() - len(outletText) - len(tail) - 512 // 512: the omission line
	var storyText strings.Builder
	shown := 0
	for _, c := range stories {
		s := markdownStory(c, mdMaxMembers, mdCellRunes)
		if storyText.Len()+len(s) > room {
			break
		}
		storyText.WriteString(s)
		shown++
	}

	if shown < len(stories) {
		fmt.Fprintf(&b, "\nThe %s shown of %d, most articles first; the full report has every one.\n",
			pluralWord(shown, "story", "stories"), len(stories))
	}
	b.WriteString(storyText.String())
	if outletText != "" {
		b.WriteString(outletText)
		if shownOutlets < len(outlets) {
			fmt.Fprintf(&b, "\nThe %d outlets with most originals and copies are shown; %d more are in the full report.\n", shownOutlets, len(outlets)-shownOutlets)
		}
	}
	b.WriteString(tail)
	return b.String()
}

// markdownTail is the end of a cut summary: skipped records, the first
// warnings, and the pointer to the full report.
func markdownTail(r *Report, o MarkdownOptions) string {
	var b strings.Builder
	if len(r.Skipped) > 0 {
		fmt.Fprintf(&b, "\n%s skipped; the JSON report lists them.\n", pluralWord(len(r.Skipped), "bad record was", "bad records were"))
	}
	for i, wmsg := range r.Warnings {
		if i == mdMaxWarnings {
			fmt.Fprintf(&b, "\n> %s in the full report\n", Plural(len(r.Warnings)-i, "more warning"))
			break
		}
		fmt.Fprintf(&b, "\n> warning: %s\n", mdCell(clip(wmsg, 2*mdCellRunes)))
	}
	where := "`wiretrace scan --format html` (or `--format json`) writes the full report"
	if o.FullReport != "" {
		where = "The full report: " + mdCell(clip(o.FullReport, 2*mdCellRunes))
	}
	fmt.Fprintf(&b, "\n_This summary is cut to fit a comment. %s._\n", where)
	return b.String()
}

// topStories orders the stories largest first, then by uncredited
// members, then by id, so the cut is deterministic.
func topStories(cs []Cluster) []Cluster {
	out := append([]Cluster(nil), cs...)
	unc := func(c Cluster) int {
		n := 0
		for _, m := range c.Members {
			if m.Attribution.Verdict == provenance.Uncredited || m.Attribution.Verdict == provenance.Miscredited {
				n++
			}
		}
		return n
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Size != out[j].Size {
			return out[i].Size > out[j].Size
		}
		if ui, uj := unc(out[i]), unc(out[j]); ui != uj {
			return ui > uj
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// markdownStory is one story's heading and member table, with at most
// maxMembers rows and cells clipped to clipRunes (0: no clipping).
func markdownStory(c Cluster, maxMembers, clipRunes int) string {
	cell := func(s string) string { return mdCell(clipTo(s, clipRunes)) }
	code := func(s string) string { return mdCode(clipTo(s, clipRunes)) }
	var b strings.Builder
	origin := cell(c.Origin.Outlet)
	if c.Origin.Doc == nil {
		origin += " (not in the corpus)"
	}
	fmt.Fprintf(&b, "\n### %s · %s · origin %s\n\n", c.ID, Plural(c.Size, "article"), origin)
	b.WriteString("| published | outlet | article | kind | verdict | copied from | credits |\n")
	b.WriteString("|---|---|---|---|---|---|---|\n")
	for i, m := range c.Members {
		if i == maxMembers {
			fmt.Fprintf(&b, "\n%s in this story.\n", Plural(len(c.Members)-i, "more member"))
			break
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", cell(m.Published), cell(m.Outlet),
			code(m.ID), kindText(m), string(m.Attribution.Verdict), code(deref(m.Parent)), cell(strings.Join(m.Attribution.Credits, ", ")))
	}
	return b.String()
}

// markdownOutlets is the outlet table.
func markdownOutlets(os []Outlet, clipRunes int) string {
	var b strings.Builder
	b.WriteString("\n### Outlets\n")
	b.WriteString("\n| outlet | originated | copied | uncredited | copied from |\n")
	b.WriteString("|---|---:|---:|---:|---|\n")
	for _, o := range os {
		fmt.Fprintf(&b, "| %s | %d | %d | %s | %s |\n", mdCell(clipTo(o.Outlet, clipRunes)), o.Originated, o.Copied,
			percent(o.Uncredited, o.Copied), mdCell(clipTo(fromList(o.From), clipRunes)))
	}
	return b.String()
}

// clipTo is clip with 0 meaning no limit.
func clipTo(s string, n int) string {
	if n <= 0 || utf8.RuneCountInString(s) <= n {
		return s
	}
	return clip(s, n)
}

// WriteCheckMarkdown writes a check result as Markdown for a job summary
// ($GITHUB_STEP_SUMMARY) or a pull-request comment: the outcome, a table
// of findings per rule, then the findings grouped by rule, most severe
// rule first, as many as fit under MarkdownLimit; the rest are counted.
func WriteCheckMarkdown(w io.Writer, r *CheckResult) error {
	return writeCheckMarkdown(w, r, MarkdownLimit-mdSafety)
}

func writeCheckMarkdown(w io.Writer, r *CheckResult, limit int) error {
	var b strings.Builder
	status := "passed"
	if !r.Passed {
		status = "failed"
	}
	fmt.Fprintf(&b, "## wiretrace check %s: %s in %s\n\n", status, Plural(len(r.Findings), "new finding"), Plural(r.Documents, "article"))
	newBy, accBy := map[string]int{}, map[string]int{}
	for _, f := range r.Findings {
		newBy[f.Rule]++
	}
	for _, f := range r.Accepted {
		accBy[f.Rule]++
	}
	rules := checkedRules(r)
	if len(rules) > 0 {
		b.WriteString("| rule | new findings | accepted by the baseline |\n|---|---:|---:|\n")
		for _, rule := range bySeverityRules(rules) {
			fmt.Fprintf(&b, "| %s | %d | %d |\n", rule, newBy[rule], accBy[rule])
		}
	}
	if n := len(r.Stale); n > 0 {
		fmt.Fprintf(&b, "\n%s no longer found; `--update-baseline` drops %s.\n",
			pluralWord(n, "baseline entry is", "baseline entries are"), pluralWord(n, "it", "them"))
	}
	tail := "\n_Cut to fit; `wiretrace check --format json` lists every finding._\n"
	findings := bySeverity(r.Findings)
	cut := false
	for i := 0; i < len(findings); {
		rule := findings[i].Rule
		j := i
		for j < len(findings) && findings[j].Rule == rule {
			j++
		}
		head := fmt.Sprintf("\n### %s (%d)\n\n| where | finding |\n|---|---|\n", rule, j-i)
		if b.Len()+len(head)+len(tail)+256 > limit {
			cut = true
			fmt.Fprintf(&b, "\n%s not shown.\n", Plural(len(findings)-i, "more finding"))
			break
		}
		b.WriteString(head)
		for k := i; k < j; k++ {
			f := findings[k]
			place := f.File
			if f.Line > 0 {
				place = fmt.Sprintf("%s:%d", f.File, f.Line)
			}
			if place == "" {
				place = "corpus"
			}
			row := fmt.Sprintf("| %s | %s |\n", mdCode(clip(place, mdCellRunes)), mdCell(clip(f.Message, 2*mdCellRunes)))
			if b.Len()+len(row)+len(tail)+256 > limit {
				cut = true
				fmt.Fprintf(&b, "\n%s of this rule not shown.\n", Plural(j-k, "more finding"))
				break
			}
			b.WriteString(row)
		}
		i = j
		if cut {
			if rest := len(findings) - j; rest > 0 {
				fmt.Fprintf(&b, "\n%s of other rules not shown.\n", Plural(rest, "more finding"))
			}
			break
		}
	}
	if cut {
		b.WriteString(tail)
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(b.String())
	return bw.Flush()
}

// bySeverityRules orders rule names as bySeverity orders findings.
func bySeverityRules(rules []string) []string {
	out := append([]string(nil), rules...)
	sort.SliceStable(out, func(i, j int) bool { return ruleRank(out[i]) < ruleRank(out[j]) })
	return out
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
