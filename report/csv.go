package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// csvHeader names the columns of the CSV format: one row per membership
// (record "member") and one per provenance edge (record "edge"), with the
// fields of the JSON report; a column that does not apply is empty.
var csvHeader = []string{
	"record", "cluster", "origin_doc", "origin_outlet",
	"id", "outlet", "published", "title", "url", "kind",
	"jaccard", "containment", "closest", "verdict", "credits", "words", "boilerplate_shingles",
	"source_file", "source_line",
	"from", "to", "external", "delay_seconds", "containment_in_parent", "containment_of_parent",
	"explained", "versus", "carried", "missing", "flags", "reason", "reuse",
}

// WriteCSV writes members and edges as CSV (RFC 4180). Text fields are
// written as they are; spreadsheet users should note that cells starting
// with = + - @ are prefixed with a quote so they are not run as formulas.
func WriteCSV(w io.Writer, r *Report) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for ci := range r.Clusters {
		c := &r.Clusters[ci]
		origin := []string{deref(c.Origin.Doc), c.Origin.Outlet}
		for _, m := range c.Members {
			row := append([]string{"member", c.ID}, origin...)
			row = append(row, m.ID, m.Outlet, m.Published, m.Title, m.URL, string(m.Kind),
				ratioString(m.Similarity.Jaccard), ratioString(m.Similarity.Containment), m.Similarity.Closest,
				string(m.Attribution.Verdict), strings.Join(m.Attribution.Credits, ";"),
				strconv.Itoa(m.Words), strconv.Itoa(m.Boilerplate), m.Source.File, strconv.Itoa(m.Source.Line))
			row = append(row, make([]string, 12)...)
			row = append(row, string(m.Reuse))
			if err := cw.Write(safeCells(row)); err != nil {
				return err
			}
		}
		for _, e := range c.Edges() {
			ev := e.Member.Edge
			row := append([]string{"edge", c.ID}, origin...)
			row = append(row, make([]string, 15)...)
			row = append(row, e.From, e.To, strconv.FormatBool(e.External))
			if ev != nil {
				row = append(row, delayString(ev.DelaySeconds), ratioString(ev.ContainmentInParent), ratioString(ev.ContainmentOfParent),
					ratioString(ev.Explained), deref(ev.Versus), strconv.Itoa(ev.Carried), strconv.Itoa(ev.Missing), joinFlags(ev), ev.Reason, string(ev.Reuse))
			} else {
				row = append(row, make([]string, 10)...)
			}
			if err := cw.Write(safeCells(row)); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// safeCells neutralises cells a spreadsheet would run as formulas.
func safeCells(row []string) []string {
	for i, v := range row {
		if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
			if _, err := strconv.ParseFloat(v, 64); err != nil {
				row[i] = "'" + v
			}
		}
	}
	return row
}
