// Tightrope: the linked model's payoff surface over the US tariff τ and Mexico's tariff on China κ, for Mexico and
// for the US, with the solution concepts marked; how credible the threat is and what Washington can demand as the
// conflict expectation B varies; the solution concepts in words.
import { api, scenarioCatalog } from '../api.js';
import { chart } from '../charts.js';
import { dataTable, errorBox, h, num } from '../format.js';
import { setState } from '../main.js';

const CONCEPTS = {
  'status-quo': ['Status quo', 'Tariffs as they stand today', '#111827', 'circle'],
  threat: ['Threat carried out', 'The US imposes the threatened tariff and Mexico answers with its best retaliation', '#b2182b', 'triangle'],
  'tariff-war': ['Tariff war', 'Each side keeps answering the other’s tariff with its best response until neither moves', '#d6604d', 'diamond'],
  'nash-linked': ['Nash bargain, linked', 'The bargain when tariffs can be traded for security and migration concessions', '#f2b134', 'rect'],
  'nash-unlinked': ['Nash bargain, tariffs only', 'The bargain over tariffs alone, with no concessions on other issues', '#2a9fd6', 'roundRect'],
  'equal-gains': ['Equal-gains talks', 'The US tariff that gives both sides the same percentage gain over the threat point', '#6b5ca5', 'pin'],
};
const MARKED = ['status-quo', 'threat', 'tariff-war', 'nash-linked', 'nash-unlinked'];
const MEASURES = {
  pct: { label: 'Welfare, % change from free trade', unit: '%', col: (who) => `welfare_${who}_pct`, digits: 2 },
  usd: { label: 'Welfare, USD bn a year', unit: 'USD bn', col: (who) => `usd_bn_${who}`, digits: 1 },
};
const RED_BLUE = ['#b2182b', '#ef8a62', '#fddbc7', '#f7f7f7', '#d1e5f0', '#67a9cf', '#2166ac'];

const finite = (v) => typeof v === 'number' && Number.isFinite(v);
const pctOf = (v, d = 1) => (finite(v) ? `${num(100 * v, null, d)}%` : '—');

// Where a value falls on the grid, in cell units (0 = first cell's centre), so packages off the grid still land right.
function gridIndex(axis, v) {
  if (!finite(v) || !axis.length) return null;
  if (v <= axis[0]) return 0;
  for (let i = 1; i < axis.length; i++) if (v <= axis[i]) return i - 1 + (v - axis[i - 1]) / (axis[i] - axis[i - 1]);
  return axis.length - 1;
}

function heatmap(el, surface, solutions, who, measure) {
  const m = MEASURES[measure];
  const col = m.col(who);
  const taus = [...new Set(surface.map((r) => r.tau))].sort((a, b) => a - b);
  const kappas = [...new Set(surface.map((r) => r.kappa))].sort((a, b) => a - b);
  const cells = surface.map((r) => [taus.indexOf(r.tau), kappas.indexOf(r.kappa), r[col]]);
  const values = cells.map((c) => c[2]).filter(finite);
  const span = Math.max(Math.abs(Math.min(...values)), Math.abs(Math.max(...values))) || 1;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  // Centre the colours on zero when the surface has gains and losses; otherwise spread them over the range.
  const [vmin, vmax] = lo < 0 && hi > 0 ? [-span, span] : [lo, hi];
  const marks = MARKED.map((k) => solutions.find((s) => s.concept === k)).filter((s) => s && finite(s.tau) && finite(s.kappa));
  const c = chart(el);
  c.setOption({
    animation: false,
    tooltip: {
      confine: true,
      formatter: (p) => (p.seriesType === 'heatmap'
        ? `τ ${pctOf(taus[p.value[0]])}, κ ${pctOf(kappas[p.value[1]])}<br>${m.label}: <b>${num(p.value[2], null, m.digits)}</b>`
        : `<b>${CONCEPTS[p.data.concept][0]}</b><br>τ ${pctOf(p.data.tau)}, r ${pctOf(p.data.r)}, κ ${pctOf(p.data.kappa)}<br>${m.label}: <b>${num(p.data.own, null, m.digits)}</b>`),
    },
    legend: { bottom: 0, type: 'scroll', data: marks.map((s) => CONCEPTS[s.concept][0]) },
    grid: [{ left: 54, right: 16, top: 16, bottom: 118 }, { left: 54, right: 16, top: 16, bottom: 118 }],
    xAxis: [
      { type: 'category', data: taus.map((t) => pctOf(t, 1)), name: 'US tariff on Mexico τ', nameLocation: 'middle', nameGap: 26, axisLabel: { hideOverlap: true }, splitArea: { show: false } },
      { type: 'value', gridIndex: 1, min: -0.5, max: taus.length - 0.5, show: false },
    ],
    yAxis: [
      { type: 'category', data: kappas.map((k) => pctOf(k, 1)), name: 'Mexico’s tariff on China κ', nameLocation: 'middle', nameGap: 40, axisLabel: { hideOverlap: true } },
      { type: 'value', gridIndex: 1, min: -0.5, max: kappas.length - 0.5, show: false },
    ],
    visualMap: {
      min: vmin, max: vmax, calculable: false, orient: 'horizontal', left: 'center', bottom: 30, itemHeight: 180, itemWidth: 12,
      text: [`${num(vmax, null, m.digits)} ${m.unit}`, `${num(vmin, null, m.digits)} ${m.unit}`], textGap: 6,
      inRange: { color: RED_BLUE }, seriesIndex: 0,
    },
    series: [
      { type: 'heatmap', data: cells, emphasis: { itemStyle: { borderColor: '#111', borderWidth: 1 } } },
      ...marks.map((s) => ({
        type: 'scatter', name: CONCEPTS[s.concept][0], xAxisIndex: 1, yAxisIndex: 1, symbol: CONCEPTS[s.concept][3], symbolSize: 14, z: 5,
        itemStyle: { color: CONCEPTS[s.concept][2], borderColor: '#fff', borderWidth: 1.5 },
        data: [{ value: [gridIndex(taus, s.tau), gridIndex(kappas, s.kappa)], concept: s.concept, tau: s.tau, r: s.r, kappa: s.kappa, own: s[measure === 'pct' ? `welfare_${who}_pct` : `usd_bn_${who}`] }],
      })),
    ],
  });
  return c;
}

function coercionChart(el, rows) {
  const c = chart(el);
  c.setOption({
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${num(v, null, 1)} bn` },
    legend: { top: 0 },
    grid: { left: 56, right: 16, top: 36, bottom: 40 },
    xAxis: { type: 'value', name: 'Conflict expectation B', nameLocation: 'middle', nameGap: 26, min: 0, max: 1 },
    yAxis: { type: 'value', name: 'USD bn', axisLabel: { formatter: (v) => num(v, null, 0) } },
    series: [
      { type: 'line', name: 'D*: what Washington can demand', symbolSize: 6, lineStyle: { width: 2.5, color: '#123c5a' }, itemStyle: { color: '#123c5a' }, data: rows.map((r) => [r.conflict_expectation, r.demand_usd_bn]) },
      { type: 'line', name: 'Credibility margin', symbolSize: 4, lineStyle: { width: 1.5, type: 'dashed', color: '#b2182b' }, itemStyle: { color: '#b2182b' }, data: rows.map((r) => [r.conflict_expectation, r.credibility_margin_usd_bn]),
        markLine: { silent: true, symbol: 'none', lineStyle: { color: '#9aa3af' }, data: [{ yAxis: 0 }], label: { show: false } } },
    ],
  });
  return c;
}

function solutionsTable(rows) {
  const columns = [
    { name: 'concept', kind: 'Text', header: 'Package' }, { name: 'tau', kind: 'Number', header: 'US tariff τ' },
    { name: 'r', kind: 'Number', header: 'Mexico on US r' }, { name: 'kappa', kind: 'Number', header: 'Mexico on China κ' },
    { name: 'welfare_usa_pct', kind: 'Number', header: 'US welfare %' }, { name: 'welfare_mex_pct', kind: 'Number', header: 'Mexico welfare %' },
    { name: 'gain_usa_usd_bn', kind: 'Number', header: 'US gain, USD bn' }, { name: 'gain_mex_usd_bn', kind: 'Number', header: 'Mexico gain, USD bn' },
    { name: 'note', kind: 'Text', header: 'Note' },
  ];
  return dataTable(columns, rows, {
    cell: (c, v, r) => {
      if (c.name === 'concept') {
        const [label, words, colour] = CONCEPTS[v] ?? [v, '', '#7b8794'];
        return h('span.concept', { title: words }, h('i.swatch', { style: `background:${colour}` }), h('span', {}, h('b', {}, label), h('br'), h('span.muted.small.wrap', {}, words)));
      }
      if (['tau', 'r', 'kappa'].includes(c.name)) return pctOf(v);
      if (c.name === 'note') return h('span.muted.small.wrap', {}, v);
      if (c.kind === 'Number') return finite(v) ? num(v, null, c.name.endsWith('_pct') ? 3 : 1) : '—';
      return null;
    },
  });
}

export default {
  title: 'Tightrope',
  async render(root, params, alive) {
    const scenarios = (await scenarioCatalog()).filter((s) => s.model === 'tightrope-linkage');
    const stored = params.get('run') ? await api.stored(params.get('run')).catch(() => null) : null;
    const name = stored?.manifest.scenario ?? (params.get('scenario') || 'usmx-tightrope-2025');
    let measure = MEASURES[params.get('measure')] ? params.get('measure') : 'pct';
    const select = h('select', { id: 'tr-scenario', 'aria-label': 'Tightrope scenario' }, scenarios.map((s) => h('option', { value: s.name, selected: s.name === name }, s.name)));
    const measureSelect = h('select', { id: 'tr-measure', 'aria-label': 'Measure' },
      Object.entries(MEASURES).map(([k, m]) => h('option', { value: k, selected: k === measure }, m.label)));
    select.addEventListener('change', () => { location.hash = `#/tightrope?${new URLSearchParams({ scenario: select.value, measure })}`; });
    const status = h('div.status.busy', { 'aria-live': 'polite', 'data-testid': 'status' }, 'Solving the linked model (a few seconds: hundreds of equilibria)…');
    const mexEl = h('div.heat', { id: 'tr-heat-mex', 'data-testid': 'heat-mex' });
    const usaEl = h('div.heat', { id: 'tr-heat-usa', 'data-testid': 'heat-usa' });
    const coercionEl = h('div.coercion-chart', { id: 'tr-coercion' });
    const coercionBox = h('div');
    const solutionsBox = h('div');
    const calibrationBox = h('div');
    root.append(h('div.page-head', {}, h('h1', {}, 'The tightrope'), h('p.lede', {}, 'What each side gets over the US tariff on Mexico (τ) and Mexico’s tariff on China (κ), where the status quo, the threat, a tariff war and the bargains sit, and how much Washington can demand as its threat grows more or less credible.')),
      h('div.toolbar', {}, h('label.inline', { for: 'tr-scenario' }, 'Scenario ', select), h('label.inline', { for: 'tr-measure' }, 'Colour ', measureSelect), status),
      h('div.heat-pair', {}, h('div.card', {}, h('h2', {}, 'Mexico'), mexEl), h('div.card', {}, h('h2', {}, 'United States'), usaEl)),
      h('p.muted.small', { id: 'tr-heat-note' }),
      h('div.card', {}, h('h2', {}, 'The packages'), solutionsBox),
      h('div.grid2', {}, h('div.card', {}, h('h2', {}, 'Credibility and what Washington can demand, against B'), coercionEl),
        h('div.card', {}, h('h2', {}, 'By conflict expectation'), coercionBox)),
      h('div.card', {}, h('h2', {}, 'Calibration'), calibrationBox));
    if (!stored) setState(new URLSearchParams({ scenario: name, measure }));
    try {
      const run = stored ?? await api.run(name);
      if (!alive()) return;
      const { surface = [], solutions = [], coercion = [], calibration = [] } = run.tables;
      status.textContent = `${run.cached ? 'From the store' : `Solved in ${(run.manifest.elapsedMs / 1000).toFixed(1)} s`} · run ${run.id}`;
      status.className = 'status ok';
      status.dataset.runId = run.id;
      let charts = [];
      // A scenario that keeps κ at its status quo has a one-row surface: a strip over τ, with a pointer to one that negotiates κ.
      const oneRow = new Set(surface.map((r) => r.kappa)).size <= 1;
      mexEl.classList.toggle('strip', oneRow);
      usaEl.classList.toggle('strip', oneRow);
      const draw = () => {
        charts.forEach((c) => c.dispose());
        charts = [heatmap(mexEl, surface, solutions, 'mex', measure), heatmap(usaEl, surface, solutions, 'usa', measure)];
        mexEl.dataset.cells = usaEl.dataset.cells = String(surface.length);
        mexEl.dataset.legend = usaEl.dataset.legend = MEASURES[measure].label;
        window.__tightropeHeat = charts[0];
        document.getElementById('tr-heat-note').textContent = `The surface is drawn with Mexico’s tariff on US goods at r = 0 (${surface.length} grid points); the packages are marked at their own τ and κ, whatever their r. Colour: ${MEASURES[measure].label.toLowerCase()}; blue gains, red losses.${oneRow ? ' This scenario keeps κ at its status quo, so the surface is one row; usmx-china-for-relief puts κ in the package.' : ''}`;
      };
      draw();
      measureSelect.addEventListener('change', () => {
        measure = measureSelect.value;
        const p = stored ? new URLSearchParams({ run: run.id, measure }) : new URLSearchParams({ scenario: name, measure });
        setState(p);
        draw();
      });
      const solInfo = run.manifest.tables.find((t) => t.name === 'solutions');
      solutionsBox.replaceChildren(solutionsTable(solutions), h('p.muted.small', {}, solInfo?.note ?? ''));
      coercionChart(coercionEl, coercion);
      const coInfo = run.manifest.tables.find((t) => t.name === 'coercion');
      coercionBox.replaceChildren(dataTable([
        { name: 'conflict_expectation', kind: 'Number', header: 'B' }, { name: 'credible', kind: 'Text', header: 'Credible' },
        { name: 'credibility_margin_usd_bn', kind: 'Number', header: 'Margin, USD bn' }, { name: 'demand_usd_bn', kind: 'Number', header: 'D*, USD bn' },
        { name: 'demand_pct_gdp_mex', kind: 'Number', header: 'D*, % GDP' },
      ], coercion, { rowClass: (r) => (r.scenario ? 'own' : ''), cell: (c, v) => (c.kind === 'Number' ? num(v, null, c.name === 'conflict_expectation' ? 2 : c.name === 'demand_pct_gdp_mex' ? 3 : 1) : null) }),
      h('p.muted.small', {}, coInfo?.note ?? ''));
      calibrationBox.replaceChildren(dataTable([
        { name: 'quantity', kind: 'Text', header: 'Quantity' }, { name: 'value', kind: 'Number', header: 'Value' },
        { name: 'unit', kind: 'Text', header: 'Unit' }, { name: 'how', kind: 'Text', header: 'How it was obtained' },
      ], calibration, { cell: (c, v) => (c.name === 'how' ? h('span.muted.small.wrap', {}, v) : c.kind === 'Number' ? num(v, null, 4) : null) }),
      h('p.muted.small', {}, h('a', { href: `#/explore?run=${run.id}` }, 'All tables of this run'), ' · ',
        ...['solutions', 'surface', 'coercion', 'calibration'].filter((t) => run.tables[t]).flatMap((t, i) => [i ? ' · ' : '', h('a', { href: api.csvUrl(run.id, t), download: `${t}.csv` }, `${t}.csv`)])));
    } catch (e) {
      status.replaceChildren(errorBox(e));
      status.className = 'status';
    }
  },
};
