"""The HTML report's one style sheet and one script, admitted by hash in its Content-Security-Policy."""

from __future__ import annotations

import base64
import hashlib

STYLE = """
:root{--good:#1a7f37;--good-bg:#dafbe1;--mid:#7d5a00;--mid-bg:#fff3c4;--bad:#b42318;--bad-bg:#fde4e1;
--none:#57606a;--none-bg:#eaeef2;--line:#d0d7de;--ink:#1f2328;--muted:#57606a;--focus:#0969da}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);
background:#fff}
header,main,footer{max-width:75rem;margin:0 auto;padding:0 1rem}
header{padding-top:1rem}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem;z-index:2}
.skip:focus-within{left:.5rem}
.skip a{margin-right:1rem}
h1{font-size:1.75rem;margin:.25rem 0}
h2{font-size:1.3rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
h3{font-size:1.1rem;margin:1.25rem 0 .5rem}
a{color:var(--focus)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
code{font:.9em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f6f8fa;padding:0 .2em;
border-radius:.2em;overflow-wrap:anywhere}
.muted{color:var(--muted)}
.print-note{display:none}
.verdict{font-size:1.25rem;font-weight:600;margin:.5rem 0;padding:.75rem 1rem;border-left:.4rem solid var(--none);
background:var(--none-bg)}
.verdict.good{border-color:var(--good);background:var(--good-bg)}
.verdict.mid{border-color:var(--mid);background:var(--mid-bg)}
.verdict.bad{border-color:var(--bad);background:var(--bad-bg)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.75rem;padding:0;list-style:none}
.cards li{border:1px solid var(--line);border-radius:.5rem;padding:.75rem;background:#f6f8fa}
.cards b{display:block;font-size:1.6rem;line-height:1.2}
.cards li.good{background:var(--good-bg);border-color:var(--good)}
.cards li.mid{background:var(--mid-bg);border-color:var(--mid)}
.cards li.bad{background:var(--bad-bg);border-color:var(--bad)}
.delta{display:block;font-size:.9rem}
.up{color:var(--good)} .down{color:var(--bad)}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,30rem),1fr));gap:1rem}
figure{margin:0}
.legend{list-style:none;padding:0;margin:.4rem 0;display:flex;flex-wrap:wrap;gap:.15rem 1rem;font-size:.9rem}
.swatch{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em;background:var(--none)}
.swatch.good{background:var(--good)}.swatch.mid{background:#9a6700}.swatch.bad{background:var(--bad)}
.swatch.band-good{background:var(--good-bg);border:1px solid var(--good)}
.swatch.band-mid{background:var(--mid-bg);border:1px solid var(--mid)}
.swatch.band-bad{background:var(--bad-bg);border:1px solid var(--bad)}
figcaption{font-weight:600;margin-bottom:.25rem}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
thead th{background:#f6f8fa}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit;
text-align:inherit}
th[aria-sort=ascending] button::after{content:" ▲"}
th[aria-sort=descending] button::after{content:" ▼"}
tr.regressed th{border-left:.3rem solid var(--bad)}
.grade{display:inline-block;padding:0 .45rem;border-radius:1rem;border:1px solid;font-weight:600}
.grade.good{color:var(--good);background:var(--good-bg)}
.grade.mid{color:var(--mid);background:var(--mid-bg)}
.grade.bad{color:var(--bad);background:var(--bad-bg)}
.grade.none{color:var(--none);background:var(--none-bg)}
.fails{color:var(--bad);font-weight:600}
.passes{color:var(--good);font-weight:600}
.why{display:block;font-size:.85rem;color:var(--muted);font-weight:400}
.sev-error{color:var(--bad);font-weight:600}
.sev-warning{color:var(--mid);font-weight:600}
.sev-info{color:var(--none)}
.waived{color:var(--muted);font-style:italic}
svg{max-width:100%;height:auto}
svg text{font:14px system-ui,sans-serif;fill:var(--ink)}
svg text.on{fill:#fff;font-weight:700}
svg .good{fill:var(--good)} svg .mid{fill:#9a6700} svg .bad{fill:var(--bad)} svg .none{fill:#6e7781}
svg .band-good{fill:var(--good-bg)} svg .band-mid{fill:var(--mid-bg)} svg .band-bad{fill:var(--bad-bg)}
svg circle{fill-opacity:.75;stroke:#fff;stroke-width:.5}
svg .sev-error{fill:var(--bad)} svg .sev-warning{fill:#9a6700} svg .sev-info{fill:#6e7781}
svg .rule{stroke:var(--muted);stroke-dasharray:3 3}
svg line.fell{stroke:var(--bad);stroke-width:3} svg line.rose{stroke:var(--good);stroke-width:3}
svg circle.was{fill:#fff;fill-opacity:1;stroke:var(--ink);stroke-width:2}
svg circle.fell{fill:var(--bad);fill-opacity:1} svg circle.rose{fill:var(--good);fill-opacity:1}
svg text.fell{fill:var(--bad);font-weight:700} svg text.rose{fill:var(--good);font-weight:700}
svg text.narrow{display:none}
details{border:1px solid var(--line);border-radius:.5rem;margin:.5rem 0;padding:.25rem .75rem}
details[open]{padding-bottom:.75rem}
details.data{border:0;padding:0}
summary{cursor:pointer;padding:.25rem 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.5rem 0}
dt{font-weight:600}
dd{margin:0;min-width:0;overflow-wrap:anywhere}
th small{overflow-wrap:anywhere}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin:.5rem 0}
.filters label{display:flex;flex-direction:column;font-size:.85rem;font-weight:600}
.filters select,.filters input,.filters button{font:inherit;font-weight:400;padding:.3rem .4rem;max-width:16rem}
.count{font-weight:600}
.pager{display:flex;gap:.5rem;align-items:center;margin:.5rem 0;flex-wrap:wrap}
.pager button{font:inherit;padding:.3rem .75rem}
ol.fixes{padding-left:1.5rem}
ol.fixes>li{margin:.75rem 0}
.gain{display:inline-block;font-weight:700;color:var(--good);min-width:5.5rem}
.refs dt{margin-top:.5rem}
footer{margin:2rem auto;font-size:.85rem}
@media (max-width:40rem){body{font-size:15px}h1{font-size:1.4rem}.verdict{font-size:1.1rem}
.cards{grid-template-columns:repeat(3,minmax(0,1fr));gap:.4rem}.cards li{padding:.4rem .5rem;font-size:.85rem}
.cards b{font-size:1.25rem}.delta{font-size:.8rem}
svg text{font-size:22px}svg text.wide{display:none}svg text.narrow{display:inline}}
@page{size:A4;margin:14mm 12mm}
@media print{
body{font-size:10pt}header,main,footer{max-width:none;padding:0}
.skip,.filters,.pager,.noprint,#standards,#details,#references{display:none}
.scroll{overflow:visible}
table{font-size:8.5pt}
tr,li,svg,figure{break-inside:avoid}
h2,h3{break-after:avoid}
details.data{display:none}
#units tbody tr:nth-child(n+16),#overdue tbody tr:nth-child(n+16),#waivers tbody tr:nth-child(n+16){display:none}
.print-note{display:block}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""

SCRIPT = """
(function () {
  "use strict";
  function key(cell) {
    var value = cell.getAttribute("data-v");
    return value === null ? cell.textContent.trim().toLowerCase() : parseFloat(value);
  }
  function compare(column, down) {
    return function (a, b) {
      var x = key(a.cells[column]), y = key(b.cells[column]);
      return (x < y ? -1 : x > y ? 1 : 0) * (down ? -1 : 1);
    };
  }
  function sortable(table, rows, redraw) {
    table.querySelectorAll("thead th").forEach(function (th, column) {
      var button = th.querySelector("button");
      if (!button) { return; }
      button.addEventListener("click", function () {
        var down = th.getAttribute("aria-sort") === "ascending";
        table.querySelectorAll("thead th").forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", down ? "descending" : "ascending");
        rows.sort(compare(column, down));
        redraw();
      });
    });
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
    sortable(table, rows, function () { rows.forEach(function (row) { body.appendChild(row); }); });
  });
  var table = document.getElementById("standards-table");
  if (!table) { return; }
  var body = table.tBodies[0], all = Array.prototype.slice.call(body.rows), shown = all, page = 0;
  var size = 50, form = document.getElementById("filters"), count = document.getElementById("count");
  var pager = document.getElementById("pager"), position = document.getElementById("page");
  function value(name) { var field = document.getElementById("f-" + name); return field ? field.value : ""; }
  function has(list, item) { return (" " + list + " ").indexOf(" " + item + " ") >= 0; }
  function draw() {
    var pages = Math.max(1, Math.ceil(shown.length / size));
    page = Math.min(page, pages - 1);
    body.replaceChildren.apply(body, shown.slice(page * size, (page + 1) * size));
    count.textContent = count.getAttribute("data-template")
      .replace("{shown}", shown.length).replace("{total}", all.length);
    position.textContent = position.getAttribute("data-template")
      .replace("{page}", page + 1).replace("{pages}", pages);
    document.getElementById("prev").disabled = page === 0;
    document.getElementById("next").disabled = page >= pages - 1;
    pager.hidden = shown.length <= 50;
  }
  function apply() {
    var zone = value("zone"), gate = value("gate"), unit = value("unit"), principle = value("principle");
    var rule = value("rule"), words = value("text").trim().toLowerCase().split(/\\s+/).filter(Boolean);
    shown = all.filter(function (row) {
      var data = row.dataset;
      return (!zone || data.zone === zone) && (!gate || data.gate === gate) && (!unit || data.unit === unit) &&
        (!principle || has(data.principles, principle)) && (!rule || has(data.rules, rule)) &&
        words.every(function (word) { return data.text.indexOf(word) >= 0; });
    });
    page = 0;
    draw();
  }
  function fromAddress() {
    var hash = window.location.hash.slice(1);
    if (hash.indexOf("=") < 0) { return; }
    hash.split("&").forEach(function (pair) {
      var parts = pair.split("="), field = document.getElementById("f-" + parts[0]);
      if (field) { field.value = decodeURIComponent(parts[1] || ""); }
    });
  }
  sortable(table, all, apply);
  fromAddress();
  window.addEventListener("hashchange", function () { fromAddress(); apply(); });
  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  document.getElementById("prev").addEventListener("click", function () { page -= 1; draw(); });
  document.getElementById("next").addEventListener("click", function () { page += 1; draw(); });
  document.getElementById("all").addEventListener("click", function () {
    size = size === 50 ? Math.max(all.length, 1) : 50;
    draw();
  });
  apply();
})();
"""


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


CSP = (
    f"default-src 'none'; style-src {_sha256(STYLE)}; script-src {_sha256(SCRIPT)}; base-uri 'none'; form-action 'none'"
)
