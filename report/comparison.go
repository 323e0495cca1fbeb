package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/wiretrace/wiretrace/compare"
	"github.com/wiretrace/wiretrace/credit"
)

// comparisonJSON is the JSON form of a comparison.
type comparisonJSON struct {
	Schema      string            `json:"schema"`
	A           comparedArticle   `json:"a"`
	B           comparedArticle   `json:"b"`
	Jaccard     Ratio             `json:"jaccard"`
	AInB        Ratio             `json:"containment_a_in_b"`
	BInA        Ratio             `json:"containment_b_in_a"`
	SharedWords int               `json:"shared_words"`
	Passages    []compare.Passage `json:"passages"`
	Reuse       string            `json:"reuse"`
	Aligned     []compare.Aligned `json:"aligned"`
}

type comparedArticle struct {
	ID       string    `json:"id"`
	Outlet   string    `json:"outlet"`
	Shingles int       `json:"shingles"`
	Credits  []Mention `json:"credits"`
}

func mentions(ms []credit.Mention) []Mention {
	out := []Mention{}
	for _, m := range ms {
		out = append(out, Mention{Name: m.Name, Outlet: m.Outlet, Form: string(m.Form), Line: m.Line, Credit: m.Credit})
	}
	return out
}

func toJSON(r *compare.Result) comparisonJSON {
	ps := r.Passages
	if ps == nil {
		ps = []compare.Passage{}
	}
	aligned := r.Aligned
	if aligned == nil {
		aligned = []compare.Aligned{}
	}
	return comparisonJSON{Schema: "wiretrace/compare/v1",
		A:       comparedArticle{r.A.ID, r.A.Outlet, r.ShinglesA, mentions(r.CreditsA)},
		B:       comparedArticle{r.B.ID, r.B.Outlet, r.ShinglesB, mentions(r.CreditsB)},
		Jaccard: Ratio(r.Jaccard), AInB: Ratio(r.AInB), BInA: Ratio(r.BInA), SharedWords: r.SharedWords, Passages: ps,
		Reuse: string(r.Reuse), Aligned: aligned}
}

// WriteComparisonJSON writes a comparison as JSON (schema
// wiretrace/compare/v1); passage offsets are byte offsets into the
// original texts.
func WriteComparisonJSON(w io.Writer, r *compare.Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(toJSON(r))
}

// WriteComparisonText writes a comparison for a terminal.
func WriteComparisonText(w io.Writer, r *compare.Result, o TextOptions) error {
	bw := bufio.NewWriter(w)
	st := styler{o.Color}
	width := o.Width
	if width <= 0 {
		width = 1 << 30
	}
	fmt.Fprintf(bw, "%s %s (%s)\n%s %s (%s)\n", st.bold("A"), termSafe(r.A.ID), termSafe(r.A.Outlet), st.bold("B"), termSafe(r.B.ID), termSafe(r.B.Outlet))
	reuse := string(r.Reuse)
	if reuse == "" {
		reuse = "none"
	}
	fmt.Fprintf(bw, "Jaccard %.2f · %.0f%% of A is in B · %.0f%% of B is in A · %d shared passages, %d words · %d aligned passages · reuse: %s\n",
		r.Jaccard, 100*r.AInB, 100*r.BInA, len(r.Passages), r.SharedWords, len(r.Aligned), reuse)
	for _, side := range []struct {
		name string
		ms   []credit.Mention
	}{{"A", r.CreditsA}, {"B", r.CreditsB}} {
		var parts []string
		for _, m := range side.ms {
			kind := "credit"
			if !m.Credit {
				kind = "quoted"
			}
			parts = append(parts, fmt.Sprintf("%s (%s, %s, line %d)", m.Outlet, m.Form, kind, m.Line))
		}
		if len(parts) == 0 {
			parts = []string{"none"}
		}
		fmt.Fprintf(bw, "Sources named in %s: %s\n", side.name, strings.Join(parts, "; "))
	}
	for i, p := range r.Passages {
		text := strings.Join(strings.Fields(p.Text), " ")
		fmt.Fprintln(bw, clip(termSafe(fmt.Sprintf("%3d. A[%d:%d] B[%d:%d] %d words  “%s”", i+1, p.A.Start, p.A.End, p.B.Start, p.B.End, p.Words, text)), width))
	}
	for i, p := range r.Aligned {
		text := strings.Join(strings.Fields(sliceText(r.B.Text, p.B.Start, p.B.End)), " ")
		fmt.Fprintln(bw, clip(termSafe(fmt.Sprintf("%3d. aligned A[%d:%d] B[%d:%d] %d sentence pairs  “%s”", i+1, p.A.Start, p.A.End, p.B.Start, p.B.End, p.Seeds, text)), width))
	}
	return bw.Flush()
}

// WriteComparisonHTML writes a comparison as a self-contained page: the
// two texts side by side with shared passages highlighted and each text's
// own words marked; every field is escaped by html/template.
func WriteComparisonHTML(w io.Writer, r *compare.Result, k int) error {
	type seg struct{ Class, Text string }
	cut := func(text string, segs []Segment) []seg {
		var out []seg
		for _, s := range segs {
			out = append(out, seg{s.Class, text[s.Start:s.End]})
		}
		return out
	}
	data := struct {
		R     *compare.Result
		J     comparisonJSON
		ASegs []seg
		BSegs []seg
	}{R: r, J: toJSON(r),
		ASegs: cut(r.A.Text, Segments(r.A.Text, r.B.Text, k, nil)),
		BSegs: cut(r.B.Text, Segments(r.B.Text, r.A.Text, k, nil))}
	return comparisonTemplate.Execute(w, data)
}

var comparisonTemplate = template.Must(template.New("compare").Funcs(template.FuncMap{
	"mul100": func(x float64) float64 { return 100 * x },
}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>wiretrace compare</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:20px;color:#222}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:16px}
.text{white-space:pre-wrap;font:14px/1.55 Georgia,serif;border:1px solid #ddd;padding:10px}
.shared{background:#fff3b0}.a .own{background:#c7f0d2}.b .own{background:#f9d0d0}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left}
</style></head><body>
<h1>{{.R.A.ID}} ↔ {{.R.B.ID}}</h1>
<p>Jaccard {{printf "%.2f" .R.Jaccard}} · {{printf "%.0f" (mul100 .R.AInB)}}% of A is in B · {{printf "%.0f" (mul100 .R.BInA)}}% of B is in A · {{len .R.Passages}} shared passages, {{.R.SharedWords}} words</p>
<table><tr><th></th><th>article</th><th>outlet</th><th>sources named</th></tr>
<tr><td>A</td><td>{{.R.A.ID}}</td><td>{{.R.A.Outlet}}</td><td>{{range .J.A.Credits}}{{.Outlet}} ({{.Form}}{{if not .Credit}}, quoted{{end}}) {{end}}</td></tr>
<tr><td>B</td><td>{{.R.B.ID}}</td><td>{{.R.B.Outlet}}</td><td>{{range .J.B.Credits}}{{.Outlet}} ({{.Form}}{{if not .Credit}}, quoted{{end}}) {{end}}</td></tr></table>
<div class="cols">
<div class="a"><h3>A: {{.R.A.ID}}</h3><div class="text" dir="auto">{{range .ASegs}}<span class="{{.Class}}">{{.Text}}</span>{{end}}</div></div>
<div class="b"><h3>B: {{.R.B.ID}}</h3><div class="text" dir="auto">{{range .BSegs}}<span class="{{.Class}}">{{.Text}}</span>{{end}}</div></div>
</div>
<h3>Shared passages</h3>
<table><tr><th>#</th><th>A bytes</th><th>B bytes</th><th>words</th><th>text</th></tr>
{{range $i, $p := .R.Passages}}<tr><td>{{$i}}</td><td>{{$p.A.Start}}–{{$p.A.End}}</td><td>{{$p.B.Start}}–{{$p.B.End}}</td><td>{{$p.Words}}</td><td dir="auto">{{$p.Text}}</td></tr>
{{end}}</table>
</body></html>
`))

// sliceText returns text[start:end], clamped to the text.
func sliceText(text string, start, end int) string {
	start, end = min(max(start, 0), len(text)), min(max(end, 0), len(text))
	if start > end {
		return ""
	}
	return text[start:end]
}
