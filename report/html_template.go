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
<details class="cluster" id="{{.ID}}" data-cluster="{{.ID}}" data-chunk="{{.Chunk}}">
<summary>{{.ID}}{{if .Headline}} · <span class="headline">{{.Headline}}</span>{{end}} · {{.Size}} articles · origin {{.Origin.Outlet}}{{if not .Origin.Doc}} (not in the corpus){{end}} · {{join .Outlets ", "}}</summary>
<div class="story" data-cluster="{{.ID}}"><p class="muted loading">Loading…</p></div>
</details>
{{end}}
</section>
</main>
{{range $i, $c := .Chunks}}{{if $c.JSON}}<script type="application/json" id="story-data-{{$i}}">{{$c.JSON}}</script>{{else}}<script type="application/octet-stream" id="story-data-{{$i}}">{{$c.Base64}}</script>{{end}}
{{end}}
<script>
(function () {
  "use strict";
  // Sorting: click a header; numbers sort as numbers.
  function sortable(table) {
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
  }
  document.querySelectorAll("table.sortable").forEach(sortable);
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
  // A story's timeline, graph and side-by-side views are built when it is
  // opened, from its chunk of JSON, gzip-compressed when it is large. Article text only ever
  // goes through textContent and setAttribute, never innerHTML.
  var chunks = {};
  function chunk(n) {
    var script = document.getElementById("story-data-" + n);
    if (!chunks[n] && script.type === "application/json") {
      chunks[n] = Promise.resolve(script.textContent).then(JSON.parse);
    } else if (!chunks[n]) {
      var bin = atob(script.textContent), bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      chunks[n] = new Response(stream).text().then(JSON.parse);
    }
    return chunks[n];
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text) { e.textContent = text; }
    return e;
  }
  function clip(s, n) {
    var cs = Array.from(s);
    return cs.length <= n ? s : cs.slice(0, n - 1).join("") + "…";
  }
  function timeline(rows) {
    var table = el("table", "sortable timeline"), head = table.createTHead().insertRow();
    ["published", "delay", "outlet", "kind", "reuse", "verdict", "article", "copied from", "credits", "how", "flags"].forEach(function (h) {
      head.appendChild(el("th", "", h));
    });
    var body = table.createTBody();
    rows.forEach(function (r) {
      var tr = body.insertRow();
      function cell(text) { var td = tr.insertCell(); td.textContent = text || ""; return td; }
      cell(r.t); cell(r.d); cell(r.o); cell(r.k); cell(r.u);
      var v = cell(""); v.className = "verdict"; v.appendChild(el("span", "v-" + r.v, r.v));
      var a = cell("");
      if (r.h) { a.title = r.h; a.appendChild(el("span", "headline", clip(r.h, 80))); a.appendChild(el("br")); }
      if (r.l && /^https?:\/\//i.test(r.l)) {
        var link = el("a", "", r.i);
        link.setAttribute("href", r.l);
        link.setAttribute("rel", "noopener noreferrer nofollow");
        a.appendChild(link);
      } else { a.appendChild(document.createTextNode(r.i)); }
      cell(r.p); cell(r.c);
      var how = cell(r.r); if (r.rm) { how.title = r.rm; }
      cell(r.f);
    });
    sortable(table);
    return table;
  }
  var svgNS = "http://www.w3.org/2000/svg";
  function svgEl(tag, attrs, text) {
    var e = document.createElementNS(svgNS, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) { e.textContent = text; }
    return e;
  }
  function graph(id, g) {
    var svg = svgEl("svg", {"class": "graph", width: g.w, height: g.h, viewBox: "0 0 " + g.w + " " + g.h, role: "img", "aria-label": "provenance graph of " + id});
    g.e.forEach(function (e) {
      var line = svgEl("line", {x1: e[0], y1: e[1], x2: e[2], y2: e[3]});
      if (e[7]) { line.setAttribute("class", "dashed"); }
      svg.appendChild(line);
      if (e[6]) { svg.appendChild(svgEl("text", {x: e[4], y: e[5], "text-anchor": "end"}, e[6])); }
    });
    g.n.forEach(function (n) {
      var box = svgEl("g", {"class": "node " + n[5]});
      box.appendChild(svgEl("title", {}, n[4]));
      box.appendChild(svgEl("rect", {x: n[0], y: n[1], width: 170, height: 40, rx: 5}));
      box.appendChild(svgEl("text", {"class": "label", x: n[0], y: n[1], dx: 8, dy: 16}, n[2]));
      box.appendChild(svgEl("text", {x: n[0], y: n[1], dx: 8, dy: 32}, n[3]));
      svg.appendChild(box);
    });
    return svg;
  }
  function textBox(cls, title, text, segs) {
    var box = el("div", cls);
    box.appendChild(el("h4", "", title));
    var body = el("div", "text");
    body.setAttribute("dir", "auto"); // Arabic and Urdu read right to left
    segs.forEach(function (s) { body.appendChild(el("span", s[2], text.slice(s[0], s[1]))); });
    box.appendChild(body);
    return box;
  }
  function build(holder, id, data) {
    var story = data.stories[id];
    holder.textContent = "";
    if (!story) { return; }
    holder.appendChild(timeline(story.rows));
    holder.appendChild(graph(id, story.graph));
    var pairs = el("div", "pairs");
    (story.pairs || []).forEach(function (p) {
      var row = el("div", "pair");
      row.appendChild(textBox("child", p.c + " (" + p.v + ")", data.texts[p.c], p.cs));
      row.appendChild(textBox("parent", "copied from " + p.p, data.texts[p.p], p.ps));
      var why = el("p", "muted", p.r);
      why.style.gridColumn = "1 / 3";
      if (p.rm) { why.title = p.rm; }
      row.appendChild(why);
      pairs.appendChild(row);
    });
    holder.appendChild(pairs);
    holder.setAttribute("data-built", "");
  }
  document.querySelectorAll("details.cluster").forEach(function (d) {
    d.addEventListener("toggle", function () {
      var holder = d.querySelector(".story");
      if (!d.open || holder.hasAttribute("data-built") || holder.hasAttribute("data-loading")) { return; }
      holder.setAttribute("data-loading", "");
      chunk(d.getAttribute("data-chunk")).then(function (data) {
        build(holder, d.getAttribute("data-cluster"), data);
      }, function (err) {
        holder.textContent = "";
        holder.appendChild(el("p", "note", "This browser could not decode the story data (" + err + "); it needs DecompressionStream."));
      }).then(function () { holder.removeAttribute("data-loading"); });
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
  // Set when the page's handlers are in place (tests wait for it).
  document.documentElement.setAttribute("data-ready", "");
})();
</script>
</body>
</html>
`
