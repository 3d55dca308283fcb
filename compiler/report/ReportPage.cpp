//===- ReportPage.cpp - the compile report as a web page ------------------===//
#include "compiler/report/ReportPage.h"

namespace onnxc {
namespace {

// The script lays each graph out in layers (a node one below its deepest
// input) and draws boxes and edges; fused nodes are listed in their box.
constexpr const char *kPage = R"HTML(<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>onnxc compile report</title>
<style>
body { font: 14px sans-serif; margin: 1em 2em; }
table { border-collapse: collapse; margin-bottom: 1em; }
td, th { border: 1px solid #bbb; padding: 2px 8px; text-align: right; }
th { background: #eee; } td:first-child { text-align: left; }
.graphs { display: flex; gap: 2em; align-items: flex-start; }
svg text { font: 11px monospace; }
rect.node { fill: #e8f0fe; stroke: #1a73e8; } rect.fused { fill: #fde8e8; stroke: #c5221f; }
line { stroke: #888; }
</style></head><body>
<h1>onnxc compile report</h1>
<table id="summary"><tr><th>figure</th><th>value</th></tr></table>
<h2>Nodes after each pass</h2>
<table id="passes"><tr><th>pass</th><th>nodes</th></tr></table>
<h2>Graph</h2>
<div class="graphs">
<div><h3>before optimization</h3><svg id="graph-imported"></svg></div>
<div><h3>after optimization</h3><svg id="graph-optimized"></svg></div>
</div>
<script type="application/json" id="report-data">@DATA@</script>
<script>
const data = JSON.parse(document.getElementById('report-data').textContent);
function row(table, cells) {
  const tr = document.createElement('tr');
  for (const c of cells) { const td = document.createElement('td'); td.textContent = c; tr.appendChild(td); }
  document.getElementById(table).appendChild(tr);
}
const mem = data.memory || {};
row('summary', ['nodes before', data.imported.node_count]);
row('summary', ['nodes after', data.optimized.node_count]);
row('summary', ['FLOPs per run', data.optimized.flops]);
row('summary', ['arena bytes', mem.arena_bytes]);
row('summary', ['sum of intermediate tensor bytes', mem.sum_of_tensor_bytes]);
row('summary', ['weight bytes', mem.weight_bytes]);
row('summary', ['of which prepacked for the kernel', mem.prepacked_weight_bytes]);
for (const [file, bytes] of Object.entries(data.code_bytes || {})) row('summary', [file + ' bytes', bytes]);
for (const p of data.passes) row('passes', [p.pass, p.nodes]);
const SVG = 'http://www.w3.org/2000/svg';
function draw(id, graph) {
  const svg = document.getElementById(id), layer = [], perLayer = [];
  const W = 240, H = 44, GX = 20, GY = 26;
  for (const n of graph.nodes) {
    layer[n.id] = n.inputs.reduce((m, i) => Math.max(m, layer[i] + 1), 0);
    n.x = (perLayer[layer[n.id]] = (perLayer[layer[n.id]] || 0) + 1) - 1;
  }
  const el = (tag, attrs, text) => {
    const e = document.createElementNS(SVG, tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    svg.appendChild(e); return e;
  };
  const pos = n => [10 + n.x * (W + GX), 10 + layer[n.id] * (H + GY)];
  for (const n of graph.nodes) for (const i of n.inputs) {
    const [x1, y1] = pos(graph.nodes[i]), [x2, y2] = pos(n);
    el('line', {x1: x1 + W / 2, y1: y1 + H, x2: x2 + W / 2, y2: y2});
  }
  for (const n of graph.nodes) {
    const [x, y] = pos(n), fused = n.fused ? ' + ' + n.fused.map(f => f.split(' ')[0]).join(' + ') : '';
    const g = el('g', {'class': 'node', 'data-op': n.op});
    g.appendChild(el('rect', {'class': n.fused ? 'node fused' : 'node', x, y, width: W, height: H, rx: 4}));
    g.appendChild(el('text', {x: x + 4, y: y + 15}, n.op + fused));
    g.appendChild(el('text', {x: x + 4, y: y + 30}, n.output.replace('tensor<', '<')));
    const title = document.createElementNS(SVG, 'title');
    title.textContent = (n.name || n.op) + (n.fused ? '\nfused: ' + n.fused.join(', ') : '') + (n.prepacked_rows ? '\nweights prepacked: ' + n.prepacked_rows + '-row slivers' : '') + '\nFLOPs: ' + n.flops;
    g.appendChild(title);
  }
  svg.setAttribute('width', 20 + Math.max(1, ...perLayer) * (W + GX));
  svg.setAttribute('height', 20 + perLayer.length * (H + GY));
}
draw('graph-imported', data.imported);
draw('graph-optimized', data.optimized);
</script></body></html>
)HTML";

} // namespace

std::string reportPage(llvm::StringRef json) {
  // "</" inside the data would end its <script> element early.
  std::string safe;
  for (size_t i = 0; i < json.size(); ++i) {
    safe += json[i];
    if (json[i] == '<' && i + 1 < json.size() && json[i + 1] == '/')
      safe += "\\";
  }
  std::string page = kPage;
  page.replace(page.find("@DATA@"), 6, safe);
  return page;
}

} // namespace onnxc
