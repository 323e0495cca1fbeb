package report

// htmlSource is the page template. Everything the page needs is inline:
// no network access, no external scripts, fonts or styles.
const htmlSource = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>wiretrace report</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#23395d;color:#fff;padding:14px 24px}
header h1{margin:0;font-size:20px}
main{padding:16px 24px;max-width:1400px}
h2{font-size:17px;margin:28px 0 8px}
.cards{display:flex;flex-wrap:wrap;gap:10px}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:110px}
.card b{display:block;font-size:20px}
table{border-collapse:collapse;background:#fff;margin:6px 0}
th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#eef1f5;cursor:pointer;user-select:none}
th.sorted-asc::after{content:" ▲"}th.sorted-desc::after{content:" ▼"}
input.filter{padding:4px 8px;width:320px;margin:4px 0}
details.cluster{background:#fff;border:1px solid #ddd;border-radius:6px;margin:8px 0;padding:6px 12px}
details.cluster>summary{cursor:pointer;font-weight:600}
.v-origin{background:#9ecae1}.v-credits-origin{background:#a1d99b}.v-credits-intermediary{background:#fdd0a2}
.v-uncredited{background:#fc9272}.v-miscredited{background:#bcbddc}.v-external{background:#eee}
td.verdict span{padding:0 6px;border-radius:3px}
svg .node rect{stroke:#555;stroke-width:1}svg .node.external rect{stroke-dasharray:4 3;fill:#f4f4f4}
svg .origin rect{fill:#9ecae1}svg .credits-origin rect{fill:#a1d99b}svg .credits-intermediary rect{fill:#fdd0a2}
svg .uncredited rect{fill:#fc9272}svg .miscredited rect{fill:#bcbddc}
svg text{font:12px sans-serif}svg text.label{font-weight:600}
svg line{stroke:#666;stroke-width:1.4}svg line.dashed{stroke-dasharray:5 4}
.pairs .pair{display:grid;grid-template-columns:1fr 1fr;gap:12px;margin:10px 0;border-top:1px solid #eee;padding-top:8px}
.pairs .text{white-space:pre-wrap;font:13px/1.5 Georgia,serif;background:#fcfcfc;border:1px solid #eee;padding:8px;max-height:420px;overflow:auto}
.pairs h4{margin:2px 0;font:600 13px system-ui,sans-serif}
.shared,.s{background:#fff3b0}.a{background:#d8e4ff;border-bottom:1px dotted #3355aa}.child .own,.child .o{background:#c7f0d2}.parent .own,.parent .o{background:#f9d0d0;text-decoration:line-through}
.boilerplate,.b{color:#999}
.legend span{padding:0 6px;margin-right:8px}
.muted{color:#777}
nav.toc{margin-top:6px}nav.toc a{color:#cfe0ff;margin-right:18px;text-decoration:none}nav.toc a:hover{text-decoration:underline}
.headline{font-weight:400;color:#333}
table.heat td.n{text-align:right;min-width:2.2em}table.heat th.src{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;max-height:160px}
.h1{background:#eef3fb}.h2{background:#d3e0f3}.h3{background:#a9c3e8}.h4{background:#7aa2d6}.h5{background:#4f7fc2;color:#fff}.h6{background:#23395d;color:#fff}
td.n .u{font-size:11px;opacity:.8}
.scroll{overflow-x:auto;max-width:100%}
.note{background:#fff8e1;border:1px solid #f0d58c;border-radius:4px;padding:6px 10px}
</style>
</head>
<body>
<header><h1>wiretrace report</h1>
<nav class="toc"><a href="#overview">Overview</a><a href="#outlets">Outlets</a><a href="#matrix">Who copies whom</a><a href="#stories">Stories ({{len .Clusters}})</a></nav></header>
<main>
<section id="overview">
<h2>Overview</h2>
<div class="cards">
<div class="card"><b>{{.Report.Documents}}</b>articles</div>
<div class="card"><b>{{len .Report.Clusters}}</b>stories with copies</div>
<div class="card"><b>{{.Report.Stats.InClusters}}</b>articles in stories</div>
<div class="card"><b>{{.OutletCount}}</b>outlets in stories</div>
{{range .VerdictList}}<div class="card v-{{.Verdict}}"><b>{{.N}}</b>{{.Verdict}}</div>
{{end}}</div>
<p class="muted">{{.Report.Stats.CopyPairs}} copy pairs ({{.Report.Stats.CrossOutletCopies}} across outlets), {{.Report.Stats.ExcerptPairs}} excerpt pairs{{if .Report.Skipped}}; {{len .Report.Skipped}} bad records skipped{{end}}.</p>{{with .Report.Index}}
<p class="muted">Index: {{.New}} new articles checked against {{.Indexed}} indexed; {{.InReport}} indexed articles are in these stories (their texts are not in the index, so they have no side-by-side view).</p>{{end}}
{{range .Report.Warnings}}<p class="muted">warning: {{.}}</p>{{end}}{{range .Notes}}
<p class="note">{{.}}</p>{{end}}
</section>

<section id="outlets">
<h2>Outlets</h2>
<input class="filter" data-table="outlet-table" placeholder="Filter outlets">
<table class="sortable" id="outlet-table">
<thead><tr><th>outlet</th><th>originated</th><th>copied</th><th>uncredited</th><th>uncredited share</th><th>median delay</th><th title="how the outlet's timestamps relate to the others', from pairs whose direction credits or datelines give">clock</th></tr></thead>
<tbody>
{{range .Report.Outlets}}<tr><td>{{.Outlet}}</td><td>{{.Originated}}</td><td>{{.Copied}}</td><td>{{.Uncredited}}</td><td>{{pct .Uncredited .Copied}}</td><td>{{delay .MedianDelaySeconds}}</td><td>{{.Clock}}</td></tr>
{{end}}</tbody>
</table>
</section>

<section id="matrix">
<h2>Who copies whom</h2>
<p class="muted">Rows copy from columns: the number of copies, darker for more{{if .Matrix.Others}}; the {{len .Matrix.Sources}} outlets with the most copies made and copied are shown by name, {{.Matrix.Others}} more are folded into "others"{{end}}. Hover a cell for the uncredited copies. Sources include origins whose version is not in the corpus.</p>
<div class="scroll"><table class="heat" id="matrix-table">
<thead><tr><th>copier \ source</th>{{range .Matrix.Sources}}<th class="src">{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Matrix.Rows}}<tr><th>{{.Outlet}}</th>{{range .Cells}}<td class="n h{{.Level}}" title="{{cellTitle .}}">{{if .Copies}}{{.Copies}}{{if .Uncredited}} <span class="u">({{.Uncredited}})</span>{{end}}{{end}}</td>{{end}}</tr>
{{end}}</tbody>
</table></div>
</section>

<section id="stories">
<h2>Stories</h2>
<input class="filter" data-table="story-table" placeholder="Filter stories (headline, outlet, id, verdict…)">
<table class="sortable" id="story-table">
<thead><tr><th>story</th><th>headline</th><th>origin</th><th>articles</th><th>uncredited</th><th title="uncredited copies among the story's copies">uncredited share</th><th>outlets</th><th>first published</th></tr></thead>
<tbody>
{{range .Clusters}}<tr><td><a href="#{{.ID}}">{{.ID}}</a></td><td>{{.Headline}}</td><td>{{.Origin.Outlet}}{{if not .Origin.Doc}} <span class="muted">(not in the corpus)</span>{{end}}</td><td>{{.Size}}</td><td>{{.Uncredited}}</td><td data-sort="{{.ShareSort}}">{{.Share}}</td><td>{{join .Outlets ", "}}</td><td data-sort="{{.FirstSort}}">{{.First}}</td></tr>
{{end}}</tbody>
</table>
</section>

<section id="clusters">
<h2>Story details</h2>
<p class="legend"><span class="shared">shared text</span><span class="child"><span class="own">added by the copy</span></span><span class="parent"><span class="own">dropped by the copy</span></span><span class="boilerplate">boilerplate (not matched)</span></p>
{{range .Clusters}}
<details class="cluster" id="{{.ID}}" data-cluster="{{.ID}}">
<summary>{{.ID}}{{if .Headline}} · <span class="headline">{{.Headline}}</span>{{end}} · {{.Size}} articles · origin {{.Origin.Outlet}}{{if not .Origin.Doc}} (not in the corpus){{end}} · {{join .Outlets ", "}}</summary>
<table class="sortable timeline">
<thead><tr><th>published</th><th>delay</th><th>outlet</th><th>kind</th><th>reuse</th><th>verdict</th><th>article</th><th>copied from</th><th>credits</th><th>how</th><th>flags</th></tr></thead>
<tbody>
{{range .Rows}}<tr><td>{{.Published}}</td><td>{{if .Edge}}{{delay .Edge.DelaySeconds}}{{end}}</td><td>{{.Outlet}}</td><td>{{.Kind}}</td><td>{{.Reuse}}</td><td class="verdict"><span class="v-{{.Attribution.Verdict}}">{{.Attribution.Verdict}}</span></td><td title="{{.Title}}">{{if .Title}}<span class="headline">{{clip .Title 80}}</span><br>{{end}}{{if .URL}}<a href="{{.URL}}" rel="noopener noreferrer nofollow">{{.ID}}</a>{{else}}{{.ID}}{{end}}</td><td>{{deref .Parent}}</td><td>{{join .Attribution.Credits ", "}}</td><td{{if .Edge}} title="{{.Edge.Reason}}"{{end}}>{{.Plain}}</td><td>{{flags .Edge}}</td></tr>
{{end}}</tbody>
</table>
<svg class="graph" width="{{.Graph.Width}}" height="{{.Graph.Height}}" viewBox="0 0 {{.Graph.Width}} {{.Graph.Height}}" role="img" aria-label="provenance graph of {{.ID}}">
{{range .Graph.Edges}}<line x1="{{.X1}}" y1="{{.Y1}}" x2="{{.X2}}" y2="{{.Y2}}"{{if .Dashed}} class="dashed"{{end}}></line>{{if .Label}}<text x="{{.LX}}" y="{{.LY}}" text-anchor="end">{{.Label}}</text>{{end}}
{{end}}{{range .Graph.Nodes}}<g class="node {{.Class}}"><title>{{.Title}}</title><rect x="{{.X}}" y="{{.Y}}" width="170" height="40" rx="5"></rect><text class="label" x="{{.X}}" y="{{.Y}}" dx="8" dy="16">{{.Label}}</text><text x="{{.X}}" y="{{.Y}}" dx="8" dy="32">{{.Detail}}</text></g>
{{end}}</svg>
<div class="pairs" data-cluster="{{.ID}}"></div>
</details>
{{end}}
</section>
</main>
<script type="application/json" id="pairs-data">{{.PairsJSON}}</script>
<script>
(function () {
  "use strict";
  // Sorting: click a header; numbers sort as numbers.
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("th").forEach(function (th, col) {
      th.addEventListener("click", function () {
        var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        var asc = !th.classList.contains("sorted-asc");
        table.querySelectorAll("th").forEach(function (h) { h.classList.remove("sorted-asc", "sorted-desc"); });
        th.classList.add(asc ? "sorted-asc" : "sorted-desc");
        rows.sort(function (a, b) {
          var ca = a.cells[col], cb = b.cells[col];
          var x = ca.hasAttribute("data-sort") ? ca.getAttribute("data-sort") : ca.textContent.trim();
          var y = cb.hasAttribute("data-sort") ? cb.getAttribute("data-sort") : cb.textContent.trim();
          var nx = parseFloat(x), ny = parseFloat(y);
          var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  // Filtering: rows whose text contains every word typed.
  document.querySelectorAll("input.filter").forEach(function (input) {
    var table = document.getElementById(input.getAttribute("data-table"));
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var text = row.textContent.toLowerCase();
        row.style.display = words.every(function (w) { return text.indexOf(w) >= 0; }) ? "" : "none";
      });
    });
  });
  // Side-by-side views, built when a story is opened. Article text only
  // ever goes through textContent.
  var data = null; // parsed on first use: it can be large
  function pairsOf(id) {
    if (data === null) { data = JSON.parse(document.getElementById("pairs-data").textContent); }
    return data.pairs[id] || [];
  }
  function textBox(cls, title, text, segs) {
    var box = document.createElement("div");
    box.className = cls;
    var h = document.createElement("h4");
    h.textContent = title;
    box.appendChild(h);
    var body = document.createElement("div");
    body.className = "text";
    body.setAttribute("dir", "auto"); // Arabic and Urdu read right to left
    segs.forEach(function (s) {
      var span = document.createElement("span");
      span.className = s[2];
      span.textContent = text.slice(s[0], s[1]);
      body.appendChild(span);
    });
    box.appendChild(body);
    return box;
  }
  document.querySelectorAll("details.cluster").forEach(function (d) {
    d.addEventListener("toggle", function () {
      var holder = d.querySelector(".pairs");
      if (!d.open || holder.childNodes.length) { return; }
      pairsOf(d.getAttribute("data-cluster")).forEach(function (p) {
        var row = document.createElement("div");
        row.className = "pair";
        row.appendChild(textBox("child", p.c + " (" + p.v + ")", data.texts[p.c], p.cs));
        row.appendChild(textBox("parent", "copied from " + p.p, data.texts[p.p], p.ps));
        var why = document.createElement("p");
        why.className = "muted";
        why.style.gridColumn = "1 / 3";
        why.textContent = p.r;
        if (p.rm) { why.title = p.rm; }
        row.appendChild(why);
        holder.appendChild(row);
      });
    });
  });
  if (location.hash) {
    var target = document.getElementById(location.hash.slice(1));
    if (target && target.tagName === "DETAILS") { target.open = true; }
  }
  document.querySelectorAll("#story-table a").forEach(function (a) {
    a.addEventListener("click", function () {
      var t = document.getElementById(a.getAttribute("href").slice(1));
      if (t) { t.open = true; }
    });
  });
})();
</script>
</body>
</html>
`
