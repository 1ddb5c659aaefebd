// Timeline: the 2025–26 path of US tariffs on Mexico, Canada and China at every tracker date, the events that moved
// them, Mexico's welfare as it was and had every threat been carried out, and what each postponement was worth.
import { api, scenarioCatalog } from '../api.js';
import { chart } from '../charts.js';
import { dataTable, errorBox, h, num } from '../format.js';
import { setState } from '../main.js';

const ECONOMIES = [['mex', 'Mexico', '#3f8f6b'], ['can', 'Canada', '#8c6d31'], ['chn', 'China', '#b2182b']];
const KIND_COLOURS = { threat: '#b2182b', imposition: '#e08214', postponement: '#2166ac', concession: '#3f8f6b', proposal: '#8c6d31', court: '#6b5ca5', review: '#2a9fd6', agreement: '#1b7837', retaliation: '#f2b134' };
const kindColour = (kind) => KIND_COLOURS[kind] ?? '#7b8794';

// The events table marks month-precision dates with a suffix; the chart places them on the date itself.
const day = (d) => String(d).slice(0, 10);
const pct = (v, d = 1) => (v === null || v === undefined ? '—' : `${num(v, null, d)}%`);

function ratesChart(el, path, events) {
  const c = chart(el);
  const present = ECONOMIES.filter(([iso]) => path.length && `${iso}_rate_pct` in path[0]);
  const top = Math.max(10, ...path.flatMap((r) => present.map(([iso]) => r[`${iso}_rate_pct`] ?? 0)));
  const ceiling = Math.ceil((top * 1.12) / 10) * 10;
  const kinds = [...new Set(events.map((e) => e.kind))];
  // The axis spans the tracker dates and every event, so a threat made days before the first date still shows.
  const dates = [...path.map((r) => day(r.date)), ...events.map((e) => day(e.date))].sort();
  const first = dates[0];
  const last = dates[dates.length - 1];
  c.setOption({
    animation: false,
    color: present.map(([, , col]) => col),
    tooltip: {
      trigger: 'item',
      formatter: (p) => (p.seriesType === 'scatter'
        ? `<b>${p.data.date}</b> · ${p.data.kind}<br>${escapeText(p.data.description)}`
        : `<b>${p.value[0]}</b><br>${p.seriesName}: ${pct(p.value[1])}`),
      extraCssText: 'max-width: 320px; white-space: normal;',
      confine: true,
    },
    legend: { bottom: 0, type: 'scroll', data: [...present.map(([, n]) => n), ...kinds] },
    grid: { left: 52, right: 16, top: 36, bottom: 64 },
    xAxis: { type: 'time', min: first, max: last, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', name: 'US tariff, %', min: 0, max: ceiling, axisLabel: { formatter: '{value}%' } },
    series: [
      ...present.map(([iso, name]) => ({
        type: 'line', name, step: false, symbolSize: 5,
        data: path.map((r) => [day(r.date), r[`${iso}_rate_pct`]]),
      })),
      ...kinds.map((kind) => ({
        type: 'scatter', name: kind, symbol: 'pin', symbolSize: 18, itemStyle: { color: kindColour(kind) }, z: 5,
        data: events.filter((e) => e.kind === kind && day(e.date) >= first && day(e.date) <= last)
          .map((e) => ({ value: [day(e.date), ceiling * 0.95], date: e.date, kind: e.kind, description: e.description })),
      })),
    ],
  });
  return c;
}

// Tooltip formatters return HTML; event descriptions are data, so they are escaped.
function escapeText(s) {
  return String(s ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch]));
}

function welfareChart(el, path) {
  const c = chart(el);
  c.setOption({
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v) => pct(v, 2) },
    legend: { bottom: 0 },
    grid: { left: 52, right: 16, top: 36, bottom: 60 },
    xAxis: { type: 'time', axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', name: 'Welfare, % change', axisLabel: { formatter: '{value}%' } },
    series: [
      { type: 'line', name: 'Actual path', symbolSize: 5, lineStyle: { width: 2.5, color: '#123c5a' }, itemStyle: { color: '#123c5a' }, data: path.map((r) => [day(r.date), r.mex_welfare_pct]) },
      { type: 'line', name: 'Every threat carried out', symbolSize: 5, lineStyle: { width: 2, type: 'dashed', color: '#b2182b' }, itemStyle: { color: '#b2182b' }, data: path.map((r) => [day(r.date), r.mex_threat_welfare_pct]) },
    ],
  });
  return c;
}

// The episodes table: the screen summary where the run has one, with plain headers and units.
const EPISODE_COLUMNS = [
  ['postponement', 'Postponement', 'Text'], ['threat', 'Threat', 'Text'], ['postponement_date', 'Postponed on', 'Text'],
  ['days', 'Days', 'Number', 0], ['value_mex_usd_bn', 'Value to Mexico, USD bn/yr', 'Number', 1],
  ['value_mex_pct_gdp', '% of GDP', 'Number', 2], ['value_usa_usd_bn', 'Value to US, USD bn/yr', 'Number', 1],
  ['d_star_usd_bn', 'D*, USD bn', 'Number', 1], ['d_star_pct_gdp', 'D*, % GDP', 'Number', 2],
];

function episodesTable(rows) {
  const columns = EPISODE_COLUMNS.filter(([name]) => rows.some((r) => name in r))
    .map(([name, header, kind, digits]) => ({ name, header, kind, digits }));
  return dataTable(columns, rows, { cell: (c, v) => (c.kind === 'Number' ? num(v, null, c.digits) : null) });
}

export default {
  title: 'Timeline',
  async render(root, params, alive) {
    const scenarios = (await scenarioCatalog()).filter((s) => s.model === 'tariff-timeline');
    const stored = params.get('run') ? await api.stored(params.get('run')).catch(() => null) : null;
    const name = stored?.manifest.scenario ?? (params.get('scenario') || 'usmx-timeline-2025-26');
    const select = h('select', { id: 'tl-scenario', 'aria-label': 'Timeline scenario' }, scenarios.map((s) => h('option', { value: s.name, selected: s.name === name }, s.name)));
    select.addEventListener('change', () => { location.hash = `#/timeline?${new URLSearchParams({ scenario: select.value })}`; });
    const status = h('div.status.busy', { 'aria-live': 'polite', 'data-testid': 'status' }, 'Solving the path date by date…');
    const ratesEl = h('div.timeline-chart', { id: 'tl-rates' });
    const welfareEl = h('div.timeline-chart.short', { id: 'tl-welfare' });
    const episodes = h('div');
    const events = h('div');
    root.append(h('div.page-head', {}, h('h1', {}, 'Timeline 2025–26'), h('p.lede', {}, 'The effective US tariff on Mexico, Canada and China at each tracker date, the threats, postponements and concessions in between, and what each postponement was worth to Mexico.')),
      h('div.toolbar', {}, h('label.inline', { for: 'tl-scenario' }, 'Scenario ', select), status),
      h('div.card', {}, h('h2', {}, 'US effective tariff rate by origin'), ratesEl, h('p.muted.small', { id: 'tl-rates-note' })),
      h('div.grid2', {}, h('div.card', {}, h('h2', {}, 'Mexico’s welfare: actual vs with every threat carried out'), welfareEl),
        h('div.card', {}, h('h2', {}, 'Event kinds'), h('ul.kinds', { id: 'tl-kinds' }))),
      h('div.card', {}, h('h2', {}, 'What each postponement was worth to Mexico'), episodes),
      h('div.card', {}, h('h2', {}, 'Events'), events));
    if (!stored) setState(new URLSearchParams({ scenario: name }));
    try {
      const run = stored ?? await api.run(name);
      if (!alive()) return;
      const path = run.tables.path ?? [];
      const ev = run.tables.events ?? [];
      status.textContent = `${run.cached ? 'From the store' : `Solved in ${Math.round(run.manifest.elapsedMs)} ms`} · run ${run.id} · ${path.length} tracker dates`;
      status.className = 'status ok';
      status.dataset.runId = run.id;
      ratesEl.dataset.dates = String(path.length);
      ratesChart(ratesEl, path, ev);
      welfareChart(welfareEl, path);
      const pathInfo = run.manifest.tables.find((t) => t.name === 'path');
      document.getElementById('tl-rates-note').textContent = `${path.length} tracker dates, ${day(path[0]?.date)} to ${day(path[path.length - 1]?.date)}. ${pathInfo?.note ?? ''} Pins: events; hover for the description.`;
      const counts = ev.reduce((m, e) => m.set(e.kind, (m.get(e.kind) ?? 0) + 1), new Map());
      document.getElementById('tl-kinds').replaceChildren(...[...counts].map(([k, n]) =>
        h('li', {}, h('i.swatch', { style: `background:${kindColour(k)}` }), ` ${k} `, h('span.muted', {}, `(${n})`))));
      const summary = run.tables.episodes_summary ?? run.tables.episodes ?? [];
      const epInfo = run.manifest.tables.find((t) => t.name === (run.tables.episodes_summary ? 'episodes_summary' : 'episodes'));
      episodes.replaceChildren(episodesTable(summary), h('p.muted.small', {}, epInfo?.note ?? ''),
        h('p.muted.small', {}, h('a', { href: `#/explore?run=${run.id}` }, 'All tables of this run'), ' · ',
          ...['path', 'episodes', 'events', 'timeline'].filter((t) => run.tables[t]).flatMap((t, i) => [i ? ' · ' : '', h('a', { href: api.csvUrl(run.id, t), download: `${t}.csv` }, `${t}.csv`)])));
      events.replaceChildren(h('ol.events', { id: 'tl-events' }, ev.map((e) =>
        h('li', {}, h('span.when', {}, e.date), h('span.econ', {}, h('i.swatch', { style: `background:${kindColour(e.kind)}` }), e.kind,
          Number.isFinite(e.rate) ? h('span.muted', {}, ` · ${num(100 * e.rate, null, 0)}%`) : null), h('span.what', {}, e.description)))));
    } catch (e) {
      status.replaceChildren(errorBox(e));
      status.className = 'status';
    }
  },
};
